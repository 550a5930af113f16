package travelrule_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/vaspkit/vaspkit/travelrule"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// invoiceFixtures are the Lightning invoices the tests use, committed in
// testdata/invoices.json. Testnet invoices are signed by lnd's zpay32 with
// a fixed test key, so the same inputs always give the same strings (RFC
// 6979 signatures); the mainnet one is the official BOLT11 vector V01.
// They are regenerated and checked in full, with lnd, by package bolt11's
// TestTravelruleInvoiceFixtures (go test ./bolt11 -run
// TestTravelruleInvoiceFixtures -update rewrites the file): this package's
// tests import neither bolt11 nor lnd, so a module that depends on
// travelrule never downloads lnd, not even for go mod tidy.
type invoiceFixtures struct {
	How string `json:"how"`
	// Testnet is a valid lntb invoice that expires in 2075.
	Testnet            string `json:"testnet"`
	TestnetPaymentHash string `json:"testnetPaymentHash"`
	// TestnetExpired was valid for one hour in January 2020.
	TestnetExpired            string `json:"testnetExpired"`
	TestnetExpiredPaymentHash string `json:"testnetExpiredPaymentHash"`
	// TestnetNoSecret lacks the payment secret BOLT11 now requires.
	TestnetNoSecret string `json:"testnetNoSecret"`
	// TestnetBadChecksum is Testnet with its last character changed.
	TestnetBadChecksum string `json:"testnetBadChecksum"`
	// MainnetV01 is BOLT11 test vector V01 (lnbc, expired since 2017).
	MainnetV01            string `json:"mainnetV01"`
	MainnetV01PaymentHash string `json:"mainnetV01PaymentHash"`
}

// loadFixtures reads testdata/invoices.json.
func loadFixtures(tb testing.TB) invoiceFixtures {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "invoices.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var fx invoiceFixtures
	if err := json.Unmarshal(b, &fx); err != nil {
		tb.Fatal(err)
	}
	return fx
}

// The fixtures are what their names say, as far as the client's own check
// sees: the broken checksum is refused, every other invoice is well formed
// for its network.
func TestInvoiceFixturesAreWellFormed(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	testnet, _ := travelrule.New(travelrule.WithCredentials("k", "s"))
	mainnet, _ := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithInvoiceNetwork(travelrule.InvoiceMainnet))
	for name, c := range map[string]struct {
		client *travelrule.Client
		inv    string
	}{
		"testnet": {testnet, fx.Testnet}, "testnetExpired": {testnet, fx.TestnetExpired},
		"testnetNoSecret": {testnet, fx.TestnetNoSecret}, "mainnetV01": {mainnet, fx.MainnetV01},
	} {
		if err := c.client.ValidateWidgetSession(lightning(c.inv)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := testnet.ValidateWidgetSession(lightning(fx.TestnetBadChecksum)); err == nil {
		t.Error("testnetBadChecksum passes")
	}
}
