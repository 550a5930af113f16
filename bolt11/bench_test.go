package bolt11

import (
	"testing"

	"github.com/btcsuite/btcd/chaincfg"
	"github.com/lightningnetwork/lnd/zpay32"
)

// runCPU runs f in the benchmark loop and also reports cpu-ns/op: the
// process's CPU time per operation. On a shared machine the wall-clock
// ns/op of two benchmarks varies with the neighbours' load; CPU time much
// less, so ratios are read on cpu-ns/op.
func runCPU(b *testing.B, f func()) {
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		f()
	}
	if cpu := processCPU() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

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
			runCPU(b, func() {
				if _, err := Decode(c.invoice, Mainnet); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkDecodeBaseline(b *testing.B) {
	for _, c := range benchInvoices(b) {
		b.Run(c.name, func(b *testing.B) {
			runCPU(b, func() {
				if _, err := zpay32.Decode(c.invoice, &chaincfg.MainNetParams); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkDecodeOverhead times only the work Decode adds around
// zpay32.Decode (normalisation, lexical pass, HRP and amount, the field
// walk, the gap checks and building the Invoice), on a zpay32 result
// computed once. Under CPU contention it gives the overhead in ns more
// steadily than the difference of the two benchmarks above.
func BenchmarkDecodeOverhead(b *testing.B) {
	for _, c := range benchInvoices(b) {
		b.Run(c.name, func(b *testing.B) {
			z, err := zpay32.Decode(c.invoice, &chaincfg.MainNetParams)
			if err != nil {
				b.Fatal(err)
			}
			d := Decoder{}
			runCPU(b, func() {
				s, e := normalize(c.invoice)
				if e != nil {
					b.Fatal(e)
				}
				l, e := lex(s)
				if e != nil {
					b.Fatal(e)
				}
				net, amount, e := splitHRP(s[:l.one])
				if e != nil {
					b.Fatal(e)
				}
				var msat uint64
				if amount != "" {
					if msat, e = parseAmount(amount, false); e != nil {
						b.Fatal(e)
					}
				}
				fs := l.scan()
				if e := d.check(&l, &fs, z); e != nil {
					b.Fatal(e)
				}
				_ = l.invoice(net, networkInfo[net].params, msat, amount != "", &fs, z)
			})
		})
	}
}
