package bolt11

import (
	"testing"

	"github.com/btcsuite/btcd/chaincfg"
	"github.com/lightningnetwork/lnd/zpay32"
)

// benchInvoices are decoded by BenchmarkDecode and, as the baseline, by raw
// zpay32.Decode: the ratio of the two is this package's overhead.
func benchInvoices(b *testing.B) []struct{ name, invoice string } {
	v := loadVectors(b).Valid
	byID := func(id string) string {
		for _, x := range v {
			if x.ID == id {
				return x.Invoice
			}
		}
		b.Fatalf("no vector %s", id)
		return ""
	}
	withN := newBuilder(b, "lnbc2500u", append(stdFields(b), fld('n', to5(mustHex(b, specPayee))))...).String()
	return []struct{ name, invoice string }{
		{"V01_recover", byID("V01")},
		{"V06_fallback_routehint", byID("V06")},
		{"V11_long", byID("V11")},
		{"V13_upper", byID("V13")},
		{"payee_n_verify", withN},
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range benchInvoices(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(c.invoice, Mainnet); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeBaseline(b *testing.B) {
	for _, c := range benchInvoices(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := zpay32.Decode(c.invoice, &chaincfg.MainNetParams); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
