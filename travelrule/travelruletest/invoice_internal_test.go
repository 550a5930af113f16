package travelruletest

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
)

// The testnet invoice of ../testdata/invoices.json and its payment hash.
const (
	testnetInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"
	testnetHash    = "f4fda24d87691d8d909cc059bd41551a74b56158d17689a85210cc0217e7c47a"
	// BOLT11 vector V01 (mainnet) and its payment hash.
	mainnetV01  = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql"
	mainnetHash = "0001020304050607080900010203040506070809000102030405060708090102"
)

func TestReadInvoice(t *testing.T) {
	t.Parallel()
	type result struct {
		Hash, Problem string
		WrongNet      bool
	}
	tests := []struct {
		name string
		in   string
		net  travelrule.InvoiceNetwork
		want result
	}{
		{"testnet", testnetInvoice, travelrule.InvoiceTestnet, result{testnetHash, "", false}},
		{"upper case", strings.ToUpper(testnetInvoice), travelrule.InvoiceTestnet, result{testnetHash, "", false}},
		{"mainnet vector V01", mainnetV01, travelrule.InvoiceMainnet, result{mainnetHash, "", false}},
		{"mainnet in the sandbox", mainnetV01, travelrule.InvoiceTestnet, result{"", "invoice for mainnet, not testnet", true}},
		{"lightning: prefix is not part of an invoice", "lightning:" + testnetInvoice, travelrule.InvoiceTestnet, result{"", "bad checksum", false}},
		{"mixed case", "LNTB" + testnetInvoice[4:], travelrule.InvoiceTestnet, result{"", "mixed case", false}},
		{"bad checksum", testnetInvoice[:len(testnetInvoice)-1] + "q", travelrule.InvoiceTestnet, result{"", "bad checksum", false}},
		{"too short", "lntb1qqqqqqqq", travelrule.InvoiceTestnet, result{"", "bad checksum", false}},
		{"empty", "", travelrule.InvoiceTestnet, result{"", "length out of range", false}},
	}
	for _, tc := range tests {
		hash, problem, wrong := readInvoice(tc.in, tc.net)
		if diff := cmp.Diff(tc.want, result{hash, problem, wrong}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// FuzzReadInvoice: the fake's invoice reader never panics, and what it
// accepts has a 64-hex payment hash and reads the same in upper case.
func FuzzReadInvoice(f *testing.F) {
	// More seeds in testdata/fuzz/FuzzReadInvoice.
	for _, s := range []string{"", "lntb1", testnetInvoice, mainnetV01, "lnbc1qqqqqqqqqq", "LNURL1XYZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hash, problem, wrong := readInvoice(s, travelrule.InvoiceTestnet)
		if problem == "" {
			if b, err := hex.DecodeString(hash); err != nil || len(b) != 32 || wrong {
				t.Fatalf("accepted with hash %q (wrong network %v)", hash, wrong)
			}
			if h, p, _ := readInvoice(strings.ToUpper(s), travelrule.InvoiceTestnet); p != "" || h != hash {
				t.Fatalf("upper case reads differently: %q %q", h, p)
			}
		} else if hash != "" {
			t.Fatalf("refused (%s) with a hash", problem)
		}
	})
}
