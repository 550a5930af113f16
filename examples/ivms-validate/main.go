// Command ivms-validate reads an IVMS101 payload in any wire dialect with
// package ivms and checks it against the standard, printing every problem
// by element path and constraint — never a value from the payload.
//
//	go run ./examples/ivms-validate                      # three built-in samples
//	go run ./examples/ivms-validate payload.json         # your file
//	go run ./examples/ivms-validate -lei-format-only payload.json
//
// ivms.Unmarshal reads canonical IVMS101 2020 and 101.2023, GTR's
// {"ivms101": …} envelope, snake_case, protojson and the other dialects
// providers send, and refuses unknown keys (a typo must not drop data): a
// *ivms.DecodeError names the element path, the byte offset and the key.
// Validate checks cardinalities, lengths in characters, code lists, country
// codes, dates and the constraints C1–C12, and returns every violation at
// once as ivms.ValidationErrors of *ivms.FieldError{Path, Constraint,
// Message}.
//
// It needs no configuration. With a file it exits 1 when the payload is
// invalid or cannot be read; with none it checks three samples (a valid
// payload in GTR's envelope, one with three violations, one with a key typo)
// and exits 0. Payloads are personal data: it prints paths, constraint ids
// and counts only.
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/vaspkit/vaspkit/ivms"
)

// The built-in samples, from public projects (see samples/README.md).
//
//go:embed samples/*.json
var samples embed.FS

var sampleNames = []string{
	"valid_derived_base_gtr-envelope.json",
	"invalid_gtr-ivms101-protocols_complete-example.json",
	"invalid_veriscope_malformed-full-example.json",
}

// errInvalid is returned when a file given on the command line fails.
var errInvalid = errors.New("the payload is not valid IVMS101")

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ivms-validate:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("ivms-validate", flag.ContinueOnError)
	fs.SetOutput(out)
	leiFormatOnly := fs.Bool("lei-format-only", false, "check an LEI's format but not its ISO 17442 check digits")
	ignoreUnknown := fs.Bool("ignore-unknown-keys", false, "skip keys that are no IVMS101 element instead of refusing them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var vopts []ivms.ValidateOption
	if *leiFormatOnly {
		vopts = append(vopts, ivms.LEIFormatOnly())
	}
	var uopts []ivms.UnmarshalOption
	if *ignoreUnknown {
		uopts = append(uopts, ivms.IgnoreUnknownKeys())
	}

	switch fs.NArg() {
	case 0:
		fmt.Fprintln(out, "No file given: checking the built-in samples.")
		for _, name := range sampleNames {
			data, err := samples.ReadFile(path.Join("samples", name))
			if err != nil {
				return err
			}
			check(out, name, data, uopts, vopts) // a bad sample is the point here
		}
		return nil
	case 1:
		data, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return err
		}
		if !check(out, fs.Arg(0), data, uopts, vopts) {
			return errInvalid
		}
		return nil
	default:
		return errors.New("give one file")
	}
}

// check is the part to copy: decode, validate, report by path. It reports
// whether the payload is valid.
func check(out io.Writer, name string, data []byte, uopts []ivms.UnmarshalOption, vopts []ivms.ValidateOption) bool {
	fmt.Fprintf(out, "\n%s (%d bytes)\n", name, len(data))
	p, err := ivms.UnmarshalWith(data, uopts...)
	var de *ivms.DecodeError
	switch {
	case errors.As(err, &de):
		fmt.Fprintf(out, "  cannot be read: at %q (byte %d): %s\n", de.Path, de.Offset, err)
		return false
	case err != nil:
		fmt.Fprintf(out, "  cannot be read: %s\n", err)
		return false
	}
	fmt.Fprintf(out, "  read as %s: %s\n", p.Version, entities(p))

	err = p.ValidateWith(vopts...)
	var problems ivms.ValidationErrors
	switch {
	case err == nil:
		fmt.Fprintln(out, "  valid")
		return true
	case errors.As(err, &problems):
		fmt.Fprintf(out, "  %d problem(s):\n", len(problems))
		for _, fe := range problems {
			fmt.Fprintf(out, "    %s [%s] %s\n", fe.Path, fe.Constraint, fe.Message)
		}
	default:
		fmt.Fprintf(out, "  cannot be checked: %s\n", err)
	}
	return false
}

// entities counts what the payload holds, without showing any of it.
func entities(p *ivms.IdentityPayload) string {
	originators, beneficiaries, intermediaries := 0, 0, 0
	if p.Originator != nil {
		originators = len(p.Originator.OriginatorPersons)
	}
	if p.Beneficiary != nil {
		beneficiaries = len(p.Beneficiary.BeneficiaryPersons)
	}
	if p.TransferPath != nil {
		intermediaries = len(p.TransferPath.Intermediaries)
	}
	return fmt.Sprintf("%d originator person(s), %d beneficiary person(s), originating VASP %t, beneficiary VASP %t, %d intermediaries",
		originators, beneficiaries, p.OriginatingVASP != nil, p.BeneficiaryVASP != nil, intermediaries)
}
