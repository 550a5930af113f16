package bolt11

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lightningnetwork/lnd/zpay32"
)

// FuzzDecode feeds arbitrary strings to Decode. Beyond "no panic" it checks
// that failures are typed, short errors, and that every success agrees with
// zpay32, with Decode for each network, with the strict decoder and with the
// upper-case, prefixed form of the same invoice.
func FuzzDecode(f *testing.F) {
	// testdata/fuzz/FuzzDecode holds every official vector and built edge
	// cases (high-S with n, duplicate p, regtest, signet, overflow).
	for _, s := range []string{"", "lnbc", "lnbc1", "lightning:", "LNURL1XYZ", "bitcoin:bc1q?lightning=lnbc1", "lnbcrt1", "lntbs1", "lnsb1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDecode(t, s)
	})
}

// FuzzDecodeData fuzzes below the checksum: the input becomes the HRP and
// the 5-bit groups of an invoice and gets a valid bech32 checksum, so
// mutations reach the tagged fields and the signature instead of dying at
// the checksum. Without an n field, most random signatures recover some
// key, so whole invoices decode.
func FuzzDecodeData(f *testing.F) {
	// testdata/fuzz/FuzzDecodeData holds every official vector and built
	// edge cases, split into the HRP and the data groups before the checksum.
	f.Add("lnbc", []byte{})
	f.Add("lntb1m", make([]byte, 111))
	f.Fuzz(func(t *testing.T, hrp string, data []byte) {
		groups := make([]byte, len(data))
		for i, b := range data {
			groups[i] = b & 31
		}
		checkDecode(t, encodeBech32(hrp, groups))
	})
}

func checkDecode(t *testing.T, s string) {
	t.Helper()
	inv, err := DecodeAny(s)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Err == nil {
			t.Fatalf("untyped error %T: %v", err, err)
		}
		if len(err.Error()) > 300 {
			t.Fatalf("error message of %d bytes", len(err.Error()))
		}
		if _, err := (Decoder{Strict: true}).DecodeAny(s); err == nil {
			t.Fatal("strict decoder accepts what the default rejects")
		}
		if inv, err := Decode(s, Mainnet); err == nil || inv != nil {
			t.Fatal("Decode accepts what DecodeAny rejects")
		}
		return
	}
	got, err := Decode(s, inv.Network)
	if err != nil || !cmp.Equal(inv, got) {
		t.Fatalf("Decode(%v) = %v; DecodeAny accepted it: %s", inv.Network, err, cmp.Diff(inv, got))
	}
	if other := (inv.Network + 1) % (Simnet + 1); !errors.Is(func() error { _, err := Decode(s, other); return err }(), ErrWrongNetwork) {
		t.Fatalf("Decode(%v) of a %v invoice: want ErrWrongNetwork", other, inv.Network)
	}
	norm, _ := normalize(s)
	z, err := zpay32.Decode(norm, networkInfo[inv.Network].params)
	if err != nil {
		// The one known disagreement: an f field of unknown version with
		// no program, which BOLT11 says to skip (fallback.go).
		l, _ := lex(norm)
		if !l.hasSkippableFallback() || !strings.Contains(err.Error(), "empty fallback address") {
			t.Fatalf("zpay32 rejects what Decode accepts: %v", err)
		}
		return
	}
	if *z.PaymentHash != inv.PaymentHash {
		t.Fatal("payment hash differs from zpay32's")
	}
	if z.MilliSat == nil == inv.HasAmount || (z.MilliSat != nil && uint64(*z.MilliSat) != inv.AmountMsat) {
		t.Fatal("amount differs from zpay32's")
	}
	if string(z.Destination.SerializeCompressed()) != string(inv.Payee[:]) {
		t.Fatal("payee differs from zpay32's")
	}
	if inv.PaymentHashHex() == "" || len(inv.PaymentHashHex()) != 64 {
		t.Fatal("bad PaymentHashHex")
	}
	for i := 1; i < len(inv.Features); i++ {
		if inv.Features[i-1] >= inv.Features[i] {
			t.Fatalf("features not ascending: %v", inv.Features)
		}
	}
	alt, err := DecodeAny(" Lightning:" + strings.ToUpper(norm) + "\n")
	if err != nil || !cmp.Equal(inv, alt) {
		t.Fatalf("upper-case prefixed form: %v %s", err, cmp.Diff(inv, alt))
	}
	if strict, err := (Decoder{Strict: true}).DecodeAny(s); err == nil && !cmp.Equal(inv, strict) {
		t.Fatalf("strict result differs: %s", cmp.Diff(inv, strict))
	}
}
