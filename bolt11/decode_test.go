package bolt11

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/bech32"
)

// baseInvoice is what stdFields decode to on mainnet without an amount.
func baseInvoice(tb testing.TB) *Invoice {
	return &Invoice{
		Network:                 Mainnet,
		PaymentHash:             hex32(tb, specHash),
		Timestamp:               time.Unix(specTime, 0).UTC(),
		Expiry:                  DefaultExpiry,
		Description:             "test",
		Payee:                   hex33(tb, specPayee),
		PaymentSecret:           hex32(tb, specSecret),
		MinFinalCLTVExpiryDelta: DefaultMinFinalCLTVExpiryDelta,
		Features:                []int{8, 14},
	}
}

const (
	otherKeyHex = "0101010101010101010101010101010101010101010101010101010101010101"
	// x = 5 has no point on secp256k1.
	offCurveKey = "020000000000000000000000000000000000000000000000000000000000000005"
)

func TestDecodeAccepts(t *testing.T) {
	t.Parallel()
	v02 := "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"
	v02Inv := func(tb testing.TB) *Invoice {
		inv := baseInvoice(tb)
		inv.AmountMsat, inv.HasAmount = 250_000_000, true
		inv.Description = "1 cup coffee"
		inv.Expiry = time.Minute
		return inv
	}
	std := func(tb testing.TB, extra ...field) []field { return append(stdFields(tb), extra...) }

	tests := []struct {
		name    string
		invoice func(tb testing.TB) string
		decoder Decoder
		net     Network
		want    func(tb testing.TB) *Invoice
	}{
		{
			name:    "lightning: prefix",
			invoice: func(testing.TB) string { return "lightning:" + v02 },
			want:    v02Inv,
		},
		{
			name:    "LIGHTNING: prefix, upper case, whitespace and newline",
			invoice: func(testing.TB) string { return " \tLIGHTNING:" + strings.ToUpper(v02) + "\r\n" },
			want:    v02Inv,
		},
		{
			name:    "Lightning: prefix",
			invoice: func(testing.TB) string { return "Lightning:" + v02 },
			want:    v02Inv,
		},
		{
			name: "unknown odd feature bit 99",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc", append(stdFields(tb)[:3], fld('9', feat(8, 14, 99)))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Features = []int{8, 14, 99}
				return inv
			},
		},
		{
			name: "unknown fields are skipped",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc", std(tb, fld('l', to5([]byte("future"))), fld('q', nil), fld('v', minUint5(7)))...).String()
			},
			want: baseInvoice,
		},
		{
			name: "explicit payee, low-S",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc", std(tb, fld('n', to5(mustHex(tb, specPayee))))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.PayeeGiven = true
				return inv
			},
		},
		{
			name: "high-S without n: the key is recovered",
			invoice: func(tb testing.TB) string {
				b := newBuilder(tb, "lnbc", stdFields(tb)...)
				b.highS = true
				return b.String()
			},
			want: baseInvoice,
		},
		{
			name: "expiry, CLTV delta, metadata, empty description",
			invoice: func(tb testing.TB) string {
				f := stdFields(tb)
				f[2] = fld('d', nil)
				return newBuilder(tb, "lnbc", append(f, fld('x', minUint5(86400)), fld('c', minUint5(144)), fld('m', to5([]byte{1, 0xfa})))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Description = ""
				inv.Expiry = 24 * time.Hour
				inv.MinFinalCLTVExpiryDelta, inv.HasMinFinalCLTVExpiryDelta = 144, true
				inv.Metadata = []byte{1, 0xfa}
				return inv
			},
		},
		{
			name: "x = 0 means expired at once, not the default",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc", std(tb, fld('x', nil))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Expiry = 0
				return inv
			},
		},
		{
			name: "expiry beyond time.Duration is capped",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc", std(tb, fld('x', uint5(math.MaxUint64, 13)[1:]))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Expiry = time.Duration(math.MaxInt64)
				return inv
			},
		},
		{
			name: "description hash, several fallbacks (unknown version skipped), two route hints",
			invoice: func(tb testing.TB) string {
				f := stdFields(tb)
				f[2] = fld('h', to5(mustHex(tb, "3925b6f67e2c340036ed12093dd44e0368df1b6ea26c53dbe4811f58fd5db8c1")))
				pkh := mustHex(tb, "04b61f7dc1ea0dc99424464cc4064dc564d91e89")
				wsh := mustHex(tb, "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262")
				return newBuilder(tb, "lnbc20m", append(f,
					fld('f', append([]byte{17}, to5(pkh)...)),
					fld('f', append([]byte{5}, to5([]byte{1, 2, 3})...)),
					fld('f', append([]byte{0}, to5(wsh)...)),
					fld('r', to5(hop(tb, "029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255", 0x0102030405060708, 1, 20, 3))),
					fld('r', to5(append(
						hop(tb, "029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255", 589390<<40|3312<<16|1, 1000, 2500, 40),
						hop(tb, "039e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255", 1, 2, 30, 4)...))),
				)...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.AmountMsat, inv.HasAmount = 2_000_000_000, true
				inv.Description = ""
				h := hex32(tb, "3925b6f67e2c340036ed12093dd44e0368df1b6ea26c53dbe4811f58fd5db8c1")
				inv.DescriptionHash = &h
				inv.FallbackAddresses = []string{"1RustyRX2oai4EYYDpQGWvEL62BBGqN9T", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"}
				n1 := hex33(tb, "029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255")
				n2 := hex33(tb, "039e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255")
				inv.RouteHints = [][]HopHint{
					{{NodeID: n1, ShortChannelID: 0x0102030405060708, FeeBaseMsat: 1, FeeProportionalMillionths: 20, CLTVExpiryDelta: 3}},
					{
						{NodeID: n1, ShortChannelID: 589390<<40 | 3312<<16 | 1, FeeBaseMsat: 1000, FeeProportionalMillionths: 2500, CLTVExpiryDelta: 40},
						{NodeID: n2, ShortChannelID: 1, FeeBaseMsat: 2, FeeProportionalMillionths: 30, CLTVExpiryDelta: 4},
					},
				}
				return inv
			},
		},
		{
			name:    "largest whole-bitcoin amount that fits",
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnbc184467440", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.AmountMsat, inv.HasAmount = 184467440*100_000_000_000, true
				return inv
			},
		},
		{
			name: "largest pico amount",
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lnbc18446744073709551610p", stdFields(tb)...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.AmountMsat, inv.HasAmount = 1844674407370955161, true
				return inv
			},
		},
		{
			name:    "leading zeros accepted by default",
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnbc0025m", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.AmountMsat, inv.HasAmount = 2_500_000_000, true
				return inv
			},
		},
		{
			name:    "zero amount accepted by default",
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnbc0m", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.HasAmount = true
				return inv
			},
		},
		{
			name:    "non-minimal x accepted by default",
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnbc", std(tb, fld('x', uint5(60, 4)))...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Expiry = time.Minute
				return inv
			},
		},
		{
			name:    "strict accepts a canonical invoice",
			decoder: Decoder{Strict: true},
			invoice: func(testing.TB) string { return v02 },
			want:    v02Inv,
		},
		{
			name:    "testnet",
			net:     Testnet,
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lntb10u", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Network, inv.AmountMsat, inv.HasAmount = Testnet, 1_000_000, true
				return inv
			},
		},
		{
			name: "signet, with a signet fallback address",
			net:  Signet,
			invoice: func(tb testing.TB) string {
				return newBuilder(tb, "lntbs10n", std(tb, fld('f', append([]byte{0}, to5(mustHex(tb, "751e76e8199196d454941c45d1b3a323f1433bd6"))...)))...).String()
			},
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Network, inv.AmountMsat, inv.HasAmount = Signet, 1000, true
				inv.FallbackAddresses = []string{"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"}
				return inv
			},
		},
		{
			name:    "regtest",
			net:     Regtest,
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnbcrt1m", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Network, inv.AmountMsat, inv.HasAmount = Regtest, 100_000_000, true
				return inv
			},
		},
		{
			name:    "simnet",
			net:     Simnet,
			invoice: func(tb testing.TB) string { return newBuilder(tb, "lnsb", stdFields(tb)...).String() },
			want: func(tb testing.TB) *Invoice {
				inv := baseInvoice(tb)
				inv.Network = Simnet
				return inv
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.invoice(t)
			want := tt.want(t)
			got, err := tt.decoder.Decode(s, tt.net)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Decode mismatch (-want +got):\n%s", diff)
			}
			anyNet, err := tt.decoder.DecodeAny(s)
			if err != nil {
				t.Fatalf("DecodeAny: %v", err)
			}
			if diff := cmp.Diff(want, anyNet); diff != "" {
				t.Errorf("DecodeAny mismatch (-want +got):\n%s", diff)
			}
			if n, err := NetworkOf(s); err != nil || n != tt.net {
				t.Errorf("NetworkOf = %v, %v; want %v", n, err, tt.net)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	t.Parallel()
	v02 := "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"
	std := func(tb testing.TB, extra ...field) []field { return append(stdFields(tb), extra...) }
	build := func(hrp string, fields func(tb testing.TB) []field) func(tb testing.TB) string {
		return func(tb testing.TB) string { return newBuilder(tb, hrp, fields(tb)...).String() }
	}
	without := func(tb testing.TB, tag byte, extra ...field) []field {
		var out []field
		for _, f := range stdFields(tb) {
			if f.tag != tag {
				out = append(out, f)
			}
		}
		return append(out, extra...)
	}
	hash2 := to5(mustHex(t, "ff01020304050607080900010203040506070809000102030405060708090102"))

	tests := []struct {
		name    string
		invoice func(tb testing.TB) string
		decoder Decoder
		net     Network
		err     error
		field   string
		bits    []int
	}{
		// Not invoices.
		{name: "empty", invoice: func(testing.TB) string { return "" }, err: ErrMalformed},
		{name: "whitespace only", invoice: func(testing.TB) string { return " \n\t" }, err: ErrMalformed},
		{name: "bare lightning: prefix", invoice: func(testing.TB) string { return "lightning:" }, err: ErrMalformed},
		{name: "BIP-21 URI", invoice: func(testing.TB) string { return "bitcoin:bc1qxyz?amount=1&lightning=" + v02 }, err: ErrBitcoinURI},
		{name: "LNURL", invoice: func(testing.TB) string {
			return "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS"
		}, err: ErrLNURL},
		{name: "lightning:LNURL", invoice: func(testing.TB) string {
			return "lightning:lnurl1dp68gurn8ghj7um9wfmxjcm99e3k7mf0v9cxj0m385ekvcenxc6r2c35xvukxefcv5mkvv34x5ekzd3ev56nyd3hxqurzepexejxxepnxscrvwfnv9nxzcn9xq6xyefhvgcxxcmyxymnserxfq5fns"
		}, err: ErrLNURL},

		// Bech32 layer.
		{name: "too long", invoice: func(testing.TB) string { return "lnbc1" + strings.Repeat("q", 7100) }, err: ErrTooLong},
		{name: "inner space", invoice: func(testing.TB) string { return v02[:40] + " " + v02[40:] }, err: ErrMalformed},
		{name: "character outside the alphabet", invoice: func(testing.TB) string { return v02[:40] + "b" + v02[41:] }, err: ErrMalformed},
		{name: "mixed case", invoice: func(testing.TB) string { return strings.ToUpper(v02[:20]) + v02[20:] }, err: ErrMixedCase},
		{name: "bad checksum", invoice: func(testing.TB) string { return v02[:len(v02)-1] + "q" }, err: ErrChecksum},
		{name: "one character changed", invoice: func(testing.TB) string { return v02[:100] + "q" + v02[101:] }, err: ErrChecksum},
		{name: "tampered amount reports the checksum", invoice: func(testing.TB) string { return strings.Replace(v02, "2500u", "2500x", 1) }, err: ErrChecksum},
		{name: "lightning:// is not a form", invoice: func(testing.TB) string { return "lightning://" + v02 }, err: ErrChecksum},
		{name: "bech32m checksum", invoice: func(tb testing.TB) string {
			s := newBuilder(tb, "lnbc", stdFields(tb)...).String()
			return bech32mOf(s)
		}, err: ErrChecksum},

		// Human-readable part.
		{name: "unknown currency", invoice: build("lnltc10u", stdFields), err: ErrUnknownNetwork},
		{name: "longer unknown currency", invoice: build("lnbcx", stdFields), err: ErrUnknownNetwork},
		{name: "not ln", invoice: build("bc", stdFields), err: ErrUnknownNetwork},
		{name: "mainnet invoice, testnet asked", net: Testnet, invoice: func(testing.TB) string { return v02 }, err: ErrWrongNetwork},
		{name: "regtest invoice, mainnet asked", invoice: build("lnbcrt1m", stdFields), err: ErrWrongNetwork},
		{name: "signet invoice, testnet asked", net: Testnet, invoice: build("lntbs1m", stdFields), err: ErrWrongNetwork},
		{name: "testnet invoice, signet asked", net: Signet, invoice: build("lntb1m", stdFields), err: ErrWrongNetwork},
		{name: "undefined network asked", net: Network(9), invoice: func(testing.TB) string { return v02 }, err: ErrUnknownNetwork},
		{name: "amount overflow, m", invoice: build("lnbc200000000000m", stdFields), err: ErrInvalidAmount},
		{name: "amount overflow, whole bitcoin", invoice: build("lnbc184467441", stdFields), err: ErrInvalidAmount},
		{name: "amount overflow, digits", invoice: build("lnbc99999999999999999999p", stdFields), err: ErrInvalidAmount},
		{name: "sub-millisatoshi", invoice: build("lnbc15p", stdFields), err: ErrInvalidAmount},
		{name: "0p", invoice: build("lnbc0p", stdFields), err: ErrInvalidAmount},
		{name: "multiplier without digits", invoice: build("lnbcm", stdFields), err: ErrUnknownNetwork},
		{name: "leading zeros, strict", decoder: Decoder{Strict: true}, invoice: build("lnbc0025m", stdFields), err: ErrInvalidAmount},
		{name: "zero amount, strict", decoder: Decoder{Strict: true}, invoice: build("lnbc0m", stdFields), err: ErrInvalidAmount},

		// Data part.
		{name: "too short", invoice: func(testing.TB) string { return encodeBech32("lnbc", make([]byte, 110)) }, err: ErrTooShort},
		{name: "truncated field header", invoice: func(tb testing.TB) string {
			b := newBuilder(tb, "lnbc", stdFields(tb)...)
			b.tail = []byte{1, 0}
			return b.String()
		}, err: ErrMalformedField},
		{name: "field longer than the data", invoice: func(tb testing.TB) string {
			return newBuilder(tb, "lnbc", std(tb, field{tag: 'd', data: to5([]byte("x")), length: 900})...).String()
		}, err: ErrMalformedField, field: "d"},
		{name: "description not UTF-8", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 'd', fld('d', to5([]byte{0xff, 0xfe}))) }), err: ErrMalformedField, field: "d"},
		{name: "description not whole bytes", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 'd', fld('d', []byte{1})) }), err: ErrMalformedField, field: "d"},
		{name: "payment hash with non-zero padding", invoice: build("lnbc", func(tb testing.TB) []field {
			p := to5(mustHex(tb, specHash))
			p[51] |= 1
			return append([]field{fld('p', p)}, without(tb, 'p')...)
		}), err: ErrMalformedField, field: "p"},
		{name: "payee not on the curve", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('n', to5(mustHex(tb, offCurveKey)))) }), err: ErrMalformedField, field: "n"},
		{name: "route hint not whole hops", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('r', to5(make([]byte, 50)))) }), err: ErrMalformedField, field: "r"},
		{name: "route hint node not on the curve", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('r', to5(hop(tb, offCurveKey, 1, 1, 1, 1)))) }), err: ErrMalformedField, field: "r"},
		{name: "empty fallback", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('f', []byte{17})) }), err: ErrMalformedField, field: "f"},
		{name: "P2PKH fallback of 19 bytes", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('f', append([]byte{17}, to5(make([]byte, 19))...))) }), err: ErrMalformedField, field: "f"},
		{name: "expiry longer than 13 groups", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('x', make([]byte, 14))) }), err: ErrMalformedField, field: "x"},
		{name: "expiry overflows 64 bits", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('x', append([]byte{16}, make([]byte, 12)...))) }), err: ErrMalformedField, field: "x"},
		{name: "CLTV delta overflows 64 bits", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('c', append([]byte{31}, make([]byte, 12)...))) }), err: ErrMalformedField, field: "c"},
		{name: "non-minimal x, strict", decoder: Decoder{Strict: true}, invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('x', uint5(60, 3))) }), err: ErrNonMinimalField, field: "x"},
		{name: "non-minimal c, strict", decoder: Decoder{Strict: true}, invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('c', uint5(18, 2))) }), err: ErrNonMinimalField, field: "c"},
		{name: "non-minimal 9, strict", decoder: Decoder{Strict: true}, invoice: build("lnbc", func(tb testing.TB) []field {
			return without(tb, '9', fld('9', append([]byte{0}, minUint5(1<<8|1<<14)...)))
		}), err: ErrNonMinimalField, field: "9"},

		// Mandatory fields and the gaps zpay32 leaves.
		{name: "no payment hash", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 'p') }), err: ErrMissingPaymentHash, field: "p"},
		{name: "only a short payment hash", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 'p', fld('p', hash2[:51])) }), err: ErrMissingPaymentHash, field: "p"},
		{name: "two payment hashes", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('p', hash2)) }), err: ErrDuplicatePaymentHash, field: "p"},
		{name: "same payment hash twice", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('p', to5(mustHex(tb, specHash)))) }), err: ErrDuplicatePaymentHash, field: "p"},
		{name: "extra short payment hash", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('p', hash2[:51])) }), err: ErrDuplicatePaymentHash, field: "p"},
		{name: "no payment secret", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 's') }), err: ErrMissingPaymentSecret, field: "s"},
		{name: "only a long payment secret", invoice: build("lnbc", func(tb testing.TB) []field {
			return without(tb, 's', fld('s', append(to5(mustHex(tb, specSecret)), 0)))
		}), err: ErrMissingPaymentSecret, field: "s"},
		{name: "extra long payment secret", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('s', append(to5(mustHex(tb, specSecret)), 0))) }), err: ErrInvalidFieldLength, field: "s"},
		{name: "short description hash", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('h', hash2[:51])) }), err: ErrInvalidFieldLength, field: "h"},
		{name: "short payee", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('n', to5(mustHex(tb, specPayee))[:52])) }), err: ErrInvalidFieldLength, field: "n"},
		{name: "unknown required feature", invoice: build("lnbc", func(tb testing.TB) []field {
			return without(tb, '9', fld('9', minUint5(1<<8|1<<14|1<<40|1<<58)))
		}), err: ErrUnknownRequiredFeature, field: "9", bits: []int{40, 58}},
		{name: "no description", invoice: build("lnbc", func(tb testing.TB) []field { return without(tb, 'd') }), err: ErrMissingDescription},
		{name: "description and hash", invoice: build("lnbc", func(tb testing.TB) []field { return std(tb, fld('h', hash2)) }), err: ErrConflictingDescription},

		// Signature.
		{name: "high-S with n", invoice: func(tb testing.TB) string {
			b := newBuilder(tb, "lnbc", std(tb, fld('n', to5(mustHex(tb, specPayee))))...)
			b.highS = true
			return b.String()
		}, err: ErrHighS, field: "n"},
		{name: "n of another node", invoice: func(tb testing.TB) string {
			b := newBuilder(tb, "lnbc", std(tb, fld('n', to5(mustHex(tb, specPayee))))...)
			b.key = privKey(tb, otherKeyHex)
			return b.String()
		}, err: ErrInvalidSignature},
		{name: "unrecoverable signature", invoice: func(tb testing.TB) string {
			b := newBuilder(tb, "lnbc", stdFields(tb)...)
			b.sigMod = func(s *[65]byte) {
				for i := range 32 {
					s[i] = 0xff
				}
			}
			return b.String()
		}, err: ErrInvalidSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.invoice(t)
			inv, err := tt.decoder.Decode(s, tt.net)
			if inv != nil || !errors.Is(err, tt.err) {
				t.Fatalf("Decode = %v, %v; want error %v", inv, err, tt.err)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error", err)
			}
			if e.Field != tt.field {
				t.Errorf("Field = %q, want %q", e.Field, tt.field)
			}
			if diff := cmp.Diff(tt.bits, e.Bits); diff != "" {
				t.Errorf("Bits (-want +got):\n%s", diff)
			}
			checkMessage(t, err, s)
		})
	}
}

// bech32mOf re-checksums an invoice with the bech32m constant.
func bech32mOf(s string) string {
	one := strings.LastIndexByte(s, '1')
	var p testPolymod = 1
	hrp := s[:one]
	for i := 0; i < len(hrp); i++ {
		p.add(hrp[i] >> 5)
	}
	p.add(0)
	for i := 0; i < len(hrp); i++ {
		p.add(hrp[i] & 31)
	}
	data := s[one+1 : len(s)-checksumLen]
	for i := 0; i < len(data); i++ {
		p.add(byte(bech32.Value(data[i])))
	}
	for i := 0; i < checksumLen; i++ {
		p.add(0)
	}
	p ^= 0x2bc830a3
	var sb strings.Builder
	sb.WriteString(s[:one+1])
	sb.WriteString(data)
	for i := 0; i < checksumLen; i++ {
		sb.WriteByte(bech32.Charset[(uint32(p)>>(5*(5-i)))&31])
	}
	return sb.String()
}

// testPolymod is the BIP-173 checksum state, kept here to build a bech32m
// checksum, which the package never needs.
type testPolymod uint32

func (p *testPolymod) add(v byte) {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	b := uint32(*p) >> 25
	x := (uint32(*p)&0x1ffffff)<<5 ^ uint32(v)
	for i := 0; i < 5; i++ {
		if (b>>i)&1 == 1 {
			x ^= gen[i]
		}
	}
	*p = testPolymod(x)
}
