package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/bolt11"
)

func TestRunDefaultVector(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(nil, &out, time.Date(2017, 6, 1, 10, 58, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	want := `No invoice given: decoding the BOLT11 specification's example.
network:         mainnet (lnbc…)
amount:          250000000 msat (250000 sat)
payment hash:    0001020304050607080900010203040506070809000102030405060708090102
description:     "1 cup coffee"
payee:           03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad, recovered from the signature
created:         2017-06-01T10:57:38Z
expires:         2017-06-01T10:58:38Z (after 1m0s); expired now: false
min final CLTV:  18 blocks
features:        [8 14]
route hints:     0
fallbacks:       0 on-chain addresses
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

func TestRunRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want error
	}{
		{"wrong network", []string{"-network", "testnet", specInvoice}, bolt11.ErrWrongNetwork},
		{"checksum", []string{specInvoice[:len(specInvoice)-1] + "q"}, bolt11.ErrChecksum},
		{"BIP-21 URI", []string{"bitcoin:bc1qxyz?lightning=" + specInvoice}, bolt11.ErrBitcoinURI},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := run(tt.args, &out, time.Now())
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: run() = %v, want an error matching %v", tt.name, err, tt.want)
		}
		if strings.Contains(out.String(), "payment hash") {
			t.Errorf("%s: a refused invoice was printed:\n%s", tt.name, out.String())
		}
	}
}

func TestRunGivenInvoiceUpperCaseWithPrefix(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run([]string{"-network", "mainnet", "LIGHTNING:" + strings.ToUpper(specInvoice)}, &out, time.Now()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "No invoice given") || !strings.Contains(out.String(), "amount:          250000000 msat") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
}
