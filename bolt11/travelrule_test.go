package bolt11_test

// This file tests bolt11.CheckInvoice plugged into a travelrule client
// (travelrule.WithInvoiceCheck), and regenerates the Lightning invoices
// package travelrule's tests use. It lives here, not in travelrule, so that
// travelrule's tests import neither bolt11 nor lnd: a module that depends
// on travelrule never downloads lnd, not even for go mod tidy, which loads
// the tests of the packages it depends on. Package bolt11 itself imports
// nothing of travelrule; only its tests do.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"github.com/btcsuite/btcd/chaincfg"
	"github.com/google/go-cmp/cmp"
	"github.com/lightningnetwork/lnd/lnwire"
	"github.com/lightningnetwork/lnd/zpay32"
	"github.com/vaspkit/vaspkit/bolt11"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

var update = flag.Bool("update", false, "rewrite ../travelrule/testdata/invoices.json")

// travelruleInvoices mirrors ../travelrule/testdata/invoices.json.
type travelruleInvoices struct {
	How                       string `json:"how"`
	Testnet                   string `json:"testnet"`
	TestnetPaymentHash        string `json:"testnetPaymentHash"`
	TestnetExpired            string `json:"testnetExpired"`
	TestnetExpiredPaymentHash string `json:"testnetExpiredPaymentHash"`
	TestnetNoSecret           string `json:"testnetNoSecret"`
	TestnetBadChecksum        string `json:"testnetBadChecksum"`
	MainnetV01                string `json:"mainnetV01"`
	MainnetV01PaymentHash     string `json:"mainnetV01PaymentHash"`
}

const travelruleFixturesHow = "Testnet invoices: zpay32.NewInvoice(&chaincfg.TestNet3Params, sha256(label), timestamp, " +
	"Description(label), Amount(150000 msat), Expiry, PaymentAddr(sha256(label+\"/secret\")), Features(8,14 required)) " +
	"encoded with ecdsa.SignCompact by the private key sha256(\"vaspkit travelrule test key\"); lnd v0.21.3-beta (zpay32 unchanged since v0.21.0). " +
	"Regenerate: go test ./bolt11 -run TestTravelruleInvoiceFixtures -update. MainnetV01 is the official BOLT11 test vector V01."

var travelruleFixturesPath = filepath.Join("..", "travelrule", "testdata", "invoices.json")

func buildTravelruleFixtures() (travelruleInvoices, error) {
	fx := travelruleInvoices{How: travelruleFixturesHow}
	var err error
	fx.Testnet, fx.TestnetPaymentHash, err = signTestnetInvoice("travelrule testnet invoice",
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 50*365*24*time.Hour, true)
	if err != nil {
		return fx, err
	}
	fx.TestnetExpired, fx.TestnetExpiredPaymentHash, err = signTestnetInvoice("travelrule expired invoice",
		time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour, true)
	if err != nil {
		return fx, err
	}
	fx.TestnetNoSecret, _, err = signTestnetInvoice("travelrule invoice without secret",
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour, false)
	if err != nil {
		return fx, err
	}
	last := fx.Testnet[len(fx.Testnet)-1]
	swap := byte('q')
	if last == 'q' {
		swap = 'p'
	}
	fx.TestnetBadChecksum = fx.Testnet[:len(fx.Testnet)-1] + string(swap)
	fx.MainnetV01 = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql"
	fx.MainnetV01PaymentHash = "0001020304050607080900010203040506070809000102030405060708090102"
	return fx, nil
}

func signTestnetInvoice(label string, ts time.Time, expiry time.Duration, secret bool) (invoice, paymentHashHex string, err error) {
	keySeed := sha256.Sum256([]byte("vaspkit travelrule test key"))
	key, _ := btcec.PrivKeyFromBytes(keySeed[:])
	hash := sha256.Sum256([]byte(label))
	opts := []func(*zpay32.Invoice){
		zpay32.Description(label),
		zpay32.Amount(lnwire.MilliSatoshi(150000)),
		zpay32.Expiry(expiry),
		zpay32.Features(lnwire.NewFeatureVector(
			lnwire.NewRawFeatureVector(lnwire.TLVOnionPayloadRequired, lnwire.PaymentAddrRequired), lnwire.Features)),
	}
	if secret {
		opts = append(opts, zpay32.PaymentAddr(sha256.Sum256([]byte(label+"/secret"))))
	}
	inv, err := zpay32.NewInvoice(&chaincfg.TestNet3Params, hash, ts, opts...)
	if err != nil {
		return "", "", err
	}
	s, err := inv.Encode(zpay32.MessageSigner{SignCompact: func(msg []byte) ([]byte, error) {
		h := sha256.Sum256(msg)
		return ecdsa.SignCompact(key, h[:], true), nil
	}})
	if err != nil {
		return "", "", err
	}
	return s, hex.EncodeToString(hash[:]), nil
}

func loadTravelruleFixtures(tb testing.TB) travelruleInvoices {
	tb.Helper()
	b, err := os.ReadFile(travelruleFixturesPath)
	if err != nil {
		tb.Fatal(err)
	}
	var fx travelruleInvoices
	if err := json.Unmarshal(b, &fx); err != nil {
		tb.Fatal(err)
	}
	return fx
}

// TestTravelruleInvoiceFixtures regenerates travelrule's invoices with
// zpay32 and compares them with the committed file (-update rewrites it),
// then checks each with Decode: what the fixture's name says it is.
func TestTravelruleInvoiceFixtures(t *testing.T) {
	got, err := buildTravelruleFixtures()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(travelruleFixturesPath, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := loadTravelruleFixtures(t)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regenerated invoices differ from %s (-want +got):\n%s", travelruleFixturesPath, diff)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, inv, hash string
		net             bolt11.Network
		expired         bool
	}{
		{"testnet", want.Testnet, want.TestnetPaymentHash, bolt11.Testnet, false},
		{"testnetExpired", want.TestnetExpired, want.TestnetExpiredPaymentHash, bolt11.Testnet, true},
		{"mainnetV01", want.MainnetV01, want.MainnetV01PaymentHash, bolt11.Mainnet, true},
	} {
		inv, err := bolt11.Decode(c.inv, c.net)
		if err != nil || inv.PaymentHashHex() != c.hash || inv.Expired(now) != c.expired {
			t.Errorf("%s: %v, hash %v, expired %v", c.name, err, inv.PaymentHashHex(), inv.Expired(now))
		}
	}
	if _, err := bolt11.Decode(want.TestnetNoSecret, bolt11.Testnet); !errors.Is(err, bolt11.ErrMissingPaymentSecret) {
		t.Errorf("testnetNoSecret: %v, want ErrMissingPaymentSecret", err)
	}
	if _, err := bolt11.Decode(want.TestnetBadChecksum, bolt11.Testnet); !errors.Is(err, bolt11.ErrChecksum) {
		t.Errorf("testnetBadChecksum: %v, want ErrChecksum", err)
	}
}

// travelrule.WithInvoiceCheck(bolt11.CheckInvoice) compiles (the
// signatures match without either package importing the other) and a
// travelrule client then refuses before sending what only a BOLT11
// decoder sees, with bolt11's sentinels, and reports the payment hash and
// expiry of what it sends.
func TestCheckInvoicePluggedIntoTravelrule(t *testing.T) {
	t.Parallel()
	fx := loadTravelruleFixtures(t)
	ctx := context.Background()
	srv := travelruletest.NewServer(t)
	light, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	full, err := travelrule.New(append(srv.ClientOptions(), travelrule.WithInvoiceCheck(bolt11.CheckInvoice),
		travelrule.WithClock(func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }))...)
	if err != nil {
		t.Fatal(err)
	}
	req := func(inv string) *travelrule.WidgetSessionRequest {
		return &travelrule.WidgetSessionRequest{UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC", Invoice: inv}
	}

	type view struct {
		PaymentHash string
		Expired     bool
		Warnings    int
	}
	for _, c := range []struct {
		name   string
		client *travelrule.Client
		inv    string
		want   view
	}{
		{"light", light, fx.Testnet, view{}},
		{"full", full, " lightning:" + strings.ToUpper(fx.Testnet), view{fx.TestnetPaymentHash, false, 0}},
		{"full, expired", full, fx.TestnetExpired, view{fx.TestnetExpiredPaymentHash, true, 1}},
	} {
		s, err := c.client.CreateWidgetSession(ctx, req(c.inv))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if diff := cmp.Diff(c.want, view{s.PaymentHash, s.InvoiceExpired, len(s.Warnings)}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}

	before := len(srv.Requests())
	tests := []struct {
		name   string
		client *travelrule.Client
		inv    string
		rule   string
		is     []error
	}{
		{"no payment secret", full, fx.TestnetNoSecret, travelrule.RuleInvoice,
			[]error{travelrule.ErrInvalidRequest, travelrule.ErrInvalidInvoice, bolt11.ErrMissingPaymentSecret}},
		{"mainnet in the sandbox: travelrule's own check", full, fx.MainnetV01, travelrule.RuleInvoiceNetwork,
			[]error{travelrule.ErrWrongInvoiceNetwork}},
		{"bad checksum: travelrule's own check", full, fx.TestnetBadChecksum, travelrule.RuleInvoice,
			[]error{travelrule.ErrInvalidInvoice}},
	}
	for _, tc := range tests {
		_, err := tc.client.CreateWidgetSession(ctx, req(tc.inv))
		var ve *travelrule.ValidationError
		if !errors.As(err, &ve) || !ve.Has("invoice", tc.rule) {
			t.Errorf("%s: %v, want rule %s", tc.name, err, tc.rule)
		}
		for _, target := range tc.is {
			if !errors.Is(err, target) {
				t.Errorf("%s: errors.Is(err, %v) = false", tc.name, target)
			}
		}
		if err != nil && strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tc.inv)) {
			t.Errorf("%s: the error quotes the invoice", tc.name)
		}
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("%d refused request(s) reached the server", n)
	}
	// Without the check, the invoice without a payment secret is sent, and
	// judged by the fake as Striga would (it decodes to a payment hash).
	if _, err := light.CreateWidgetSession(ctx, req(fx.TestnetNoSecret)); err != nil {
		t.Errorf("light client, invoice without payment secret: %v", err)
	}
}

// Every valid invoice of the documented Striga requests passes the full
// check too (see travelrule's TestValidationFollowsStrigasDocumentation).
func TestCheckInvoiceAcceptsStrigasDocumentedInvoices(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "travelrule", "testdata", "striga_documented.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		WidgetSession []struct {
			Name  string
			Valid bool
			Body  map[string]any
		}
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.WidgetSession {
		inv, ok := d.Body["invoice"].(string)
		if !ok || !d.Valid {
			continue
		}
		n++
		if _, _, err := bolt11.CheckInvoice(inv, "testnet"); err != nil {
			t.Errorf("%s: %v", d.Name, err)
		}
	}
	if n == 0 {
		t.Error("no documented invoice found")
	}
}

// FuzzTravelruleInvoiceForm compares travelrule's own, lighter invoice
// check with Decode: whatever Decode accepts for a network, a travelrule
// client for that network accepts.
func FuzzTravelruleInvoiceForm(f *testing.F) {
	// More seeds in testdata/fuzz/FuzzTravelruleInvoiceForm.
	for _, s := range []string{"", "lnbc1", "LNURL1XYZ", "lntbs10n1qqqqqqq"} {
		f.Add(s)
	}
	clients := map[bolt11.Network]*travelrule.Client{}
	for _, n := range []bolt11.Network{bolt11.Mainnet, bolt11.Testnet, bolt11.Signet, bolt11.Regtest, bolt11.Simnet} {
		c, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithInvoiceNetwork(travelrule.InvoiceNetwork(n.String())))
		if err != nil {
			f.Fatal(err)
		}
		clients[n] = c
	}
	f.Fuzz(func(t *testing.T, s string) {
		inv, err := bolt11.DecodeAny(s)
		if err != nil {
			return
		}
		req := &travelrule.WidgetSessionRequest{UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC", Invoice: s}
		if err := clients[inv.Network].ValidateWidgetSession(req); err != nil {
			t.Fatalf("Decode accepts a %v invoice, the %v travelrule client refuses it: %v", inv.Network, inv.Network, err)
		}
	})
}
