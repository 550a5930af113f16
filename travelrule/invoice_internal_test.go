package travelrule

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/bech32"
)

// invoiceWith re-encodes the official BOLT11 vector V01's data under
// another human-readable part, with a valid checksum, so each case reaches
// the rule it tests.
func invoiceWith(hrp string, data []byte) string { return bech32.Encode(hrp, data) }

func TestInvoiceForm(t *testing.T) {
	t.Parallel()
	const v01 = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql"
	_, data, err := bech32.Decode(v01)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		Net    InvoiceNetwork
		Detail string // "" when accepted
	}
	tests := []struct {
		name string
		in   string
		want result
	}{
		{"V01, mainnet", v01, result{InvoiceMainnet, ""}},
		{"V01 upper case", strings.ToUpper(v01), result{InvoiceMainnet, ""}},
		{"testnet with amount", invoiceWith("lntb2500u", data), result{InvoiceTestnet, ""}},
		{"signet (lntbs, not lntb with amount s)", invoiceWith("lntbs10n", data), result{InvoiceSignet, ""}},
		{"regtest (lnbcrt, not lnbc)", invoiceWith("lnbcrt1", data), result{InvoiceRegtest, ""}},
		{"simnet", invoiceWith("lnsb", data), result{InvoiceSimnet, ""}},
		{"pico amount ending in 0", invoiceWith("lnbc10p", data), result{InvoiceMainnet, ""}},
		{"whole bitcoin", invoiceWith("lnbc2", data), result{InvoiceMainnet, ""}},

		{"empty", "", result{"", "empty"}},
		{"too long", "lnbc1" + strings.Repeat("q", 7085), result{"", "7090 characters, limit 7089"}},
		{"mixed case", "LNBC" + v01[4:], result{"", "mixed upper and lower case"}},
		{"space inside", v01[:20] + " " + v01[21:], result{"", "invalid character 0x20 at position 20"}},
		{"bad checksum", v01[:len(v01)-1] + "q", result{"", "bech32 checksum does not match"}},
		{"bech32m checksum", bech32mOf(t, v01), result{"", "bech32 checksum does not match"}},
		{"not ln", invoiceWith("bc", data), result{"", "human-readable part does not start with \"ln\""}},
		{"lnurl", invoiceWith("lnurl", data), result{"", "unknown network prefix"}},
		{"unknown currency", invoiceWith("lnxy", data), result{"", "unknown network prefix"}},
		{"letter after the prefix", invoiceWith("lnbcx1", data), result{"", "unknown network prefix"}},
		{"unknown multiplier", invoiceWith("lnbc25x", data), result{"", "unknown amount multiplier"}},
		{"sub-millisatoshi", invoiceWith("lnbc25p", data), result{"", "sub-millisatoshi amount (p multiplier, last digit not 0)"}},
		{"non-digit in amount", invoiceWith("lnbc2x5m", data), result{"", "non-digit in amount"}},
		{"no timestamp and signature", invoiceWith("lnbc", data[:110]), result{"", "data part shorter than a timestamp and a signature"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			net, err := invoiceForm(tc.in)
			got := result{Net: net}
			if err != nil {
				var ie *invoiceError
				if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidInvoice) {
					t.Fatalf("error %v is not an *invoiceError matching ErrInvalidInvoice", err)
				}
				got.Detail = ie.detail
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("invoiceForm (-want +got):\n%s", diff)
			}
		})
	}
}

// bech32mOf gives s a bech32m checksum (BIP-350), which is not bech32.
func bech32mOf(t *testing.T, s string) string {
	t.Helper()
	hrp, data, err := bech32.Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	// BIP-350: the checksum that makes the polymod equal 0x2bc830a3.
	values := make([]byte, 0, 2*len(hrp)+1+len(data)+6)
	for _, c := range []byte(hrp) {
		values = append(values, c>>5)
	}
	values = append(values, 0)
	for _, c := range []byte(hrp) {
		values = append(values, c&31)
	}
	values = append(values, data...)
	values = append(values, 0, 0, 0, 0, 0, 0)
	chk := uint32(1)
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	chk ^= 0x2bc830a3
	var b strings.Builder
	b.WriteString(hrp + "1")
	for _, v := range data {
		b.WriteByte(bech32.Charset[v])
	}
	for i := 0; i < 6; i++ {
		b.WriteByte(bech32.Charset[(chk>>(5*(5-i)))&31])
	}
	return b.String()
}
