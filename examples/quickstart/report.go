package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

// report prints each step as it completes and a summary table at the end.
// It prints verdicts, codes and counts: never a name, an address or a key.
type report struct {
	out     io.Writer
	flow    string
	rows    []row
	counter int
}

type row struct {
	flow, step, provider, verdict, short string
	ok                                   bool
}

func newReport(out io.Writer) *report { return &report{out: out} }

func (r *report) header(mode string) {
	fmt.Fprintln(r.out, "vaspkit quickstart")
	fmt.Fprintln(r.out, "Running against", mode+".")
}

// section starts a flow: flow names it in the summary, title on screen.
func (r *report) section(flow, title string) {
	r.flow = flow
	r.counter = 0
	fmt.Fprintf(r.out, "\n%s\n", title)
}

// step records a step's outcome: short is the verdict in a word or two
// (for the summary), verdict the line printed now.
func (r *report) step(name, provider string, ok bool, short, verdict string) {
	r.counter++
	mark := "ok  "
	if !ok {
		mark = "STOP"
	}
	fmt.Fprintf(r.out, "  [%s] %d. %s (%s): %s\n", mark, r.counter, name, provider, verdict)
	r.rows = append(r.rows, row{flow: r.flow, step: name, provider: provider, verdict: verdict, short: short, ok: ok})
}

// fail records a step that could not run and returns the error that ends
// the program. The error's text is the SDK's, which never carries PII.
func (r *report) fail(name, provider string, err error) error {
	r.step(name, provider, false, "error", "error: "+err.Error())
	return fmt.Errorf("%s (%s): %w", name, provider, err)
}

func (r *report) summary() {
	fmt.Fprintln(r.out, "\nSummary")
	tw := tabwriter.NewWriter(r.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FLOW\tSTEP\tPROVIDER\tVERDICT\tOUTCOME")
	for _, x := range r.rows {
		v := "ok"
		if !x.ok {
			v = "stopped"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", x.flow, x.step, x.provider, x.short, v)
	}
	tw.Flush()
}

func readFile(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("read %s: %w", name, pe.Err)
		}
		return nil, err
	}
	return b, nil
}
