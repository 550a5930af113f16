package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// PII values of the built-in samples: none may be printed.
var samplePII = []string{"Howard", "Jane", "Satoshi", "Nakamoto", "Greystone", "Grimsby", "Roosevelt", "Radlett",
	"Collierville", "1986-11-21", "1992-10-04", "0x3E9181d09E56AdEF3bbc8BAb664Ce6B268Bf6e62", "213800AQUAUP6I215N33",
	"AliceCoin", "Bob's Discount"}

func TestRunBuiltInSamples(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(nil, &out); err != nil {
		t.Fatal(err)
	}
	printed := out.String()
	for _, want := range []string{
		"valid_derived_base_gtr-envelope.json (4996 bytes)\n  read as IVMS101 2020: 1 originator person(s), 1 beneficiary person(s), originating VASP true, beneficiary VASP true, 0 intermediaries\n  valid\n",
		"  3 problem(s):\n",
		"    beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.nationalIdentifier [C11] ",
		"    originatingVASP.originatingVASP.legalPerson.geographicAddress[0].buildingNumber [LENGTH] ",
		"    beneficiaryVASP.beneficiaryVASP.legalPerson.nationalIdentification.nationalIdentifier [C11] ",
		`cannot be read: at "originator" (byte 24): `,
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	noPII(t, printed)
}

func TestRunFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, sample string) string {
		data, err := samples.ReadFile("samples/" + sample)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	valid := write("valid.json", "valid_derived_base_gtr-envelope.json")
	invalid := write("invalid.json", "invalid_gtr-ivms101-protocols_complete-example.json")
	typo := write("typo.json", "invalid_veriscope_malformed-full-example.json")
	tests := []struct {
		name    string
		args    []string
		wantErr error
		want    string
	}{
		{"valid", []string{valid}, nil, "  valid\n"},
		{"invalid", []string{invalid}, errInvalid, "  3 problem(s):"},
		{"key typo", []string{typo}, errInvalid, "unknown key"},
		{"key typo skipped: the persons are lost", []string{"-ignore-unknown-keys", typo}, errInvalid, "originator.originatorPersons [REQUIRED]"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := run(tt.args, &out)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: run() = %v, want %v", tt.name, err, tt.wantErr)
		}
		if !strings.Contains(out.String(), tt.want) {
			t.Errorf("%s: output lacks %q:\n%s", tt.name, tt.want, out.String())
		}
		noPII(t, out.String())
	}
	if err := run([]string{filepath.Join(dir, "missing.json")}, &bytes.Buffer{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("run(missing file) = %v, want os.ErrNotExist", err)
	}
}

func noPII(t *testing.T, printed string) {
	t.Helper()
	for _, v := range samplePII {
		if strings.Contains(printed, v) {
			t.Errorf("output contains the PII value %q", v)
		}
	}
}
