// Command quickstart runs a whole withdrawal and a whole deposit through
// vaspkit's three providers and prints each step's verdict.
//
//	go run ./examples/quickstart
//
// With no configuration it starts in-process fakes of GTR (gtrtest), Sumsub
// (monitoringtest) and Striga (travelruletest) with simulated counterparty
// VASPs and customers. Set a provider's environment variables (see
// config.go, or run with -h) and the same code talks to that provider's
// real sandbox instead; the others stay on their fakes.
//
// The withdrawal: VASP discovery → address routing → one-step
// pre-transaction verify with a sealed IVMS101 payload → the decision from
// the verify fields → Sumsub KYT submit of the crypto withdrawal → notify
// the txid. The deposit: post-transaction verify → KYT submit → Striga
// widget sessions for self-hosted counterparties (an on-chain address and a
// Lightning invoice, checked in full by package bolt11, plugged into the
// Striga client with travelrule.WithInvoiceCheck). A summary table ends the
// run.
//
// Nothing printed or logged carries a name, an address, a key or a secret:
// steps report verdicts, field statuses and counts only.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"
)

func main() {
	// A flag set of its own: package bolt11 brings lnd, whose lnwire
	// registers ten -rapid.* test flags on flag.CommandLine.
	fs := flag.NewFlagSet("quickstart", flag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./examples/quickstart [-v]")
		fmt.Fprintln(fs.Output(), "\nEnvironment (each provider left unset runs on its in-process fake):")
		fmt.Fprint(fs.Output(), envHelp)
		fs.PrintDefaults()
	}
	verbose := fs.Bool("v", false, "log every HTTP attempt (method, path, status, attempt, duration) to stderr")
	_ = fs.Parse(os.Args[1:]) // ExitOnError: never returns an error

	var logger *slog.Logger
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	cfg, err := configFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, logger, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run is the whole program: it starts what is not configured as a fake,
// runs both flows and prints the summary. It returns an error when a step
// could not run at all; a business verdict (a mismatch, a RED score) is
// printed, not returned.
func run(ctx context.Context, out io.Writer, logger *slog.Logger, cfg config) error {
	env, err := setUp(cfg, logger)
	if err != nil {
		return err
	}
	defer env.Close()

	r := newReport(out)
	r.header(env.describe())
	if err := withdrawal(ctx, env, r); err != nil {
		return err
	}
	if err := deposit(ctx, env, r); err != nil {
		return err
	}
	r.summary()
	return nil
}
