package travelrule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

func onChain() *travelrule.WidgetSessionRequest {
	return &travelrule.WidgetSessionRequest{UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress}
}

func lightning(invoice string) *travelrule.WidgetSessionRequest {
	return &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC", Invoice: invoice}
}

// badRequests covers every documented widget-session rule with a request
// that breaks it. Each must be refused by the client with exactly the
// listed problems, and never reach the server.
func badRequests(fx invoiceFixtures) []struct {
	name string
	req  *travelrule.WidgetSessionRequest
	want []problem
} {
	with := func(f func(r *travelrule.WidgetSessionRequest)) *travelrule.WidgetSessionRequest {
		r := onChain()
		f(r)
		return r
	}
	withLN := func(f func(r *travelrule.WidgetSessionRequest)) *travelrule.WidgetSessionRequest {
		r := lightning(fx.Testnet)
		f(r)
		return r
	}
	return []struct {
		name string
		req  *travelrule.WidgetSessionRequest
		want []problem
	}{
		{"nil request", nil, []problem{{"", travelrule.RuleRequired}}},
		{"no owner", with(func(r *travelrule.WidgetSessionRequest) { r.UserID = "" }),
			[]problem{{"userId|businessId", travelrule.RuleExactlyOne}}},
		{"two owners", with(func(r *travelrule.WidgetSessionRequest) { r.BusinessID = businessID }),
			[]problem{{"userId|businessId", travelrule.RuleExactlyOne}}},
		{"userId not a UUID", with(func(r *travelrule.WidgetSessionRequest) { r.UserID = "user-42" }),
			[]problem{{"userId", travelrule.RuleUUID}}},
		{"userId UUID without dashes", with(func(r *travelrule.WidgetSessionRequest) { r.UserID = strings.ReplaceAll(userID, "-", "") }),
			[]problem{{"userId", travelrule.RuleUUID}}},
		{"businessId not a UUID", with(func(r *travelrule.WidgetSessionRequest) { r.UserID, r.BusinessID = "", "{"+businessID+"}" }),
			[]problem{{"businessId", travelrule.RuleUUID}}},
		{"no currency", with(func(r *travelrule.WidgetSessionRequest) { r.Currency = "" }),
			[]problem{{"currency", travelrule.RuleRequired}}},
		{"no network", with(func(r *travelrule.WidgetSessionRequest) { r.Network = "" }),
			[]problem{{"network", travelrule.RuleRequired}}},
		{"inconsistent pair POL/ETH", with(func(r *travelrule.WidgetSessionRequest) { r.Currency, r.Network = "POL", "ETH" }),
			[]problem{{"network", travelrule.RuleNetworkMismatch}}},
		{"inconsistent pair SOL/POLYGON", with(func(r *travelrule.WidgetSessionRequest) { r.Currency, r.Network = "SOL", "POLYGON" }),
			[]problem{{"network", travelrule.RuleNetworkMismatch}}},
		{"no identifier", with(func(r *travelrule.WidgetSessionRequest) { r.CounterpartyAddress = "" }),
			[]problem{{"counterpartyAddress|paymentHash|invoice", travelrule.RuleExactlyOne}}},
		{"address and payment hash", &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC",
			CounterpartyAddress: btcAddress, PaymentHash: fx.TestnetPaymentHash},
			[]problem{{"counterpartyAddress|paymentHash|invoice", travelrule.RuleExactlyOne}}},
		{"payment hash and invoice", withLN(func(r *travelrule.WidgetSessionRequest) { r.PaymentHash = fx.TestnetPaymentHash }),
			[]problem{{"counterpartyAddress|paymentHash|invoice", travelrule.RuleExactlyOne}}},
		{"address with whitespace", with(func(r *travelrule.WidgetSessionRequest) { r.CounterpartyAddress = ethAddress + "\n" }),
			[]problem{{"counterpartyAddress", travelrule.RuleWhitespace}}},
		{"payment hash on ETH", with(func(r *travelrule.WidgetSessionRequest) {
			r.CounterpartyAddress, r.PaymentHash = "", fx.TestnetPaymentHash
		}), []problem{{"paymentHash", travelrule.RuleLightningBTCOnly}}},
		{"invoice on SOL", &travelrule.WidgetSessionRequest{UserID: userID, Currency: "SOL", Network: "SOL", Invoice: fx.Testnet},
			[]problem{{"invoice", travelrule.RuleLightningBTCOnly}}},
		{"invoice on BTC with another network", withLN(func(r *travelrule.WidgetSessionRequest) { r.Network = "LIGHTNING" }),
			[]problem{{"network", travelrule.RuleNetworkMismatch}, {"invoice", travelrule.RuleLightningBTCOnly}}},
		{"payment hash 63 hex", withLN(func(r *travelrule.WidgetSessionRequest) { r.Invoice, r.PaymentHash = "", fx.TestnetPaymentHash[:63] }),
			[]problem{{"paymentHash", travelrule.RulePaymentHash}}},
		{"payment hash not hex", withLN(func(r *travelrule.WidgetSessionRequest) {
			r.Invoice, r.PaymentHash = "", "zz"+fx.TestnetPaymentHash[2:]
		}), []problem{{"paymentHash", travelrule.RulePaymentHash}}},
		{"payment hash 0x-prefixed", withLN(func(r *travelrule.WidgetSessionRequest) {
			r.Invoice, r.PaymentHash = "", "0x"+fx.TestnetPaymentHash
		}), []problem{{"paymentHash", travelrule.RulePaymentHash}}},
		{"invoice bad checksum", lightning(fx.TestnetBadChecksum), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"invoice garbage", lightning("not-an-invoice"), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"invoice only spaces", lightning("   "), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"invoice in mixed case", lightning(strings.ToUpper(fx.Testnet[:20]) + fx.Testnet[20:]), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"invoice with an unknown network prefix", lightning("lnxy" + fx.Testnet[4:]), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"LNURL instead of an invoice", lightning("LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS"), []problem{{"invoice", travelrule.RuleInvoice}}},
		{"mainnet invoice in the sandbox", lightning(fx.MainnetV01), []problem{{"invoice", travelrule.RuleInvoiceNetwork}}},
		{"txHash with whitespace", with(func(r *travelrule.WidgetSessionRequest) { r.TxHash = txHash + " " }),
			[]problem{{"txHash", travelrule.RuleWhitespace}}},
		{"everything wrong at once", &travelrule.WidgetSessionRequest{UserID: "x", BusinessID: "y", Network: "BTC",
			CounterpartyAddress: "a b", PaymentHash: "abc", TxHash: "t x"},
			[]problem{
				{"userId|businessId", travelrule.RuleExactlyOne},
				{"userId", travelrule.RuleUUID},
				{"businessId", travelrule.RuleUUID},
				{"currency", travelrule.RuleRequired},
				{"counterpartyAddress|paymentHash|invoice", travelrule.RuleExactlyOne},
				{"counterpartyAddress", travelrule.RuleWhitespace},
				{"paymentHash", travelrule.RuleLightningBTCOnly},
				{"paymentHash", travelrule.RulePaymentHash},
				{"txHash", travelrule.RuleWhitespace},
			}},
	}
}

// TestCreateWidgetSessionRefusesBadRequests proves, rule by rule, that a
// bad request is refused with every problem listed and never reaches the
// server.
func TestCreateWidgetSessionRefusesBadRequests(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	for _, tc := range badRequests(fx) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t)
			c := newClient(t, srv)

			s, err := c.CreateWidgetSession(context.Background(), tc.req)
			if s != nil {
				t.Errorf("session = %v, want nil", s)
			}
			if diff := cmp.Diff(tc.want, problemsOf(t, err)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if !errors.Is(err, travelrule.ErrInvalidRequest) {
				t.Errorf("errors.Is(err, ErrInvalidRequest) = false")
			}
			if got := srv.Requests(); len(got) != 0 {
				t.Errorf("the server received %d request(s); a bad request must never be sent", len(got))
			}
			if diff := cmp.Diff(tc.want, problemsOf(t, c.ValidateWidgetSession(tc.req))); diff != "" {
				t.Errorf("ValidateWidgetSession problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidationErrorNeverQuotesValues(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	c := newClient(t, travelruletest.NewServer(t))
	secretish := []string{fx.MainnetV01, fx.TestnetBadChecksum, "0xSECRETADDRESS 1", "zz" + fx.TestnetPaymentHash[2:], "t x-hash", "user-canary"}
	req := &travelrule.WidgetSessionRequest{UserID: "user-canary", Currency: "BTC", Network: "BTC",
		CounterpartyAddress: "0xSECRETADDRESS 1", PaymentHash: "zz" + fx.TestnetPaymentHash[2:], Invoice: fx.MainnetV01, TxHash: "t x-hash"}
	err := c.ValidateWidgetSession(req)
	req.Invoice = fx.TestnetBadChecksum
	err2 := c.ValidateWidgetSession(req)
	for _, e := range []error{err, err2} {
		msg := e.Error()
		for _, v := range secretish {
			if strings.Contains(msg, v) {
				t.Errorf("error %q quotes a request value", msg)
			}
		}
	}
}

// The client's own invoice check reports travelrule's sentinels; a
// plugged-in check's error stays reachable with errors.Is (bolt11's tests
// show it with bolt11.CheckInvoice).
func TestValidationErrorUnwrapsInvoiceCauses(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	srv := travelruletest.NewServer(t)
	light := newClient(t, srv)
	full := newClient(t, srv, travelrule.WithInvoiceCheck(fixtureCheck(fx)))
	tests := []struct {
		name  string
		c     *travelrule.Client
		inv   string
		is    []error
		isNot []error
	}{
		{"wrong network, no check", light, fx.MainnetV01,
			[]error{travelrule.ErrInvalidRequest, travelrule.ErrWrongInvoiceNetwork, travelrule.ErrInvalidInvoice}, nil},
		{"wrong network, with a check", full, fx.MainnetV01,
			[]error{travelrule.ErrWrongInvoiceNetwork}, nil},
		{"bad checksum, no check", light, fx.TestnetBadChecksum,
			[]error{travelrule.ErrInvalidInvoice}, []error{travelrule.ErrWrongInvoiceNetwork}},
		{"no payment secret, with a check", full, fx.TestnetNoSecret,
			[]error{travelrule.ErrInvalidInvoice, errNoSecret}, []error{travelrule.ErrWrongInvoiceNetwork}},
	}
	for _, tc := range tests {
		err := tc.c.ValidateWidgetSession(lightning(tc.inv))
		for _, target := range tc.is {
			if !errors.Is(err, target) {
				t.Errorf("%s: errors.Is(err, %v) = false for %v", tc.name, target, err)
			}
		}
		for _, target := range tc.isNot {
			if errors.Is(err, target) {
				t.Errorf("%s: errors.Is(err, %v) = true for %v", tc.name, target, err)
			}
		}
		var fe *travelrule.FieldError
		if !errors.As(err, &fe) || fe.Path != "invoice" {
			t.Errorf("%s: errors.As FieldError = %v, want field invoice", tc.name, fe)
		}
	}
	// Without a check, an invoice that is well formed but lacks its
	// payment secret is sent: Striga judges it.
	if err := light.ValidateWidgetSession(lightning(fx.TestnetNoSecret)); err != nil {
		t.Errorf("no check plugged in, invoice without payment secret: %v", err)
	}
	if diff := cmp.Diff([]problem{{"invoice", travelrule.RuleInvoice}}, problemsOf(t, full.ValidateWidgetSession(lightning(fx.TestnetNoSecret)))); diff != "" {
		t.Errorf("with a check, invoice without payment secret (-want +got):\n%s", diff)
	}
}

// A plugged-in check runs for the client's network, on the normalised
// invoice, after the client's own check, and its refusal never quotes the
// invoice.
func TestInvoiceCheckIsCalledAsDocumented(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	type call struct{ Invoice, Network string }
	var calls []call
	check := func(invoice, network string) (string, time.Time, error) {
		calls = append(calls, call{invoice, network})
		return "", time.Time{}, errors.New("refused " + invoice)
	}
	c, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithInvoiceCheck(check))
	if err != nil {
		t.Fatal(err)
	}
	err = c.ValidateWidgetSession(lightning(" LIGHTNING:" + strings.ToUpper(fx.Testnet)))
	if diff := cmp.Diff([]problem{{"invoice", travelrule.RuleInvoice}}, problemsOf(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if strings.Contains(strings.ToLower(err.Error()), fx.Testnet) {
		t.Errorf("error quotes the invoice: %v", err)
	}
	// Not called for an invoice the client itself refuses.
	_ = c.ValidateWidgetSession(lightning(fx.MainnetV01))
	_ = c.ValidateWidgetSession(lightning(fx.TestnetBadChecksum))
	if diff := cmp.Diff([]call{{fx.Testnet, "testnet"}}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	// Validate, without a client, runs no plugged-in check.
	if err := lightning(fx.Testnet).Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestValidAccepted(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	tests := []struct {
		name string
		req  *travelrule.WidgetSessionRequest
	}{
		{"ETH address", onChain()},
		{"business owner", &travelrule.WidgetSessionRequest{BusinessID: businessID, Currency: "POL", Network: "POLYGON", CounterpartyAddress: ethAddress}},
		{"upper-case UUID", &travelrule.WidgetSessionRequest{UserID: strings.ToUpper(userID), Currency: "SOL", Network: "SOL", CounterpartyAddress: solAddress}},
		{"unknown currency left to Striga", &travelrule.WidgetSessionRequest{UserID: userID, Currency: "USDC", Network: "ETH", CounterpartyAddress: ethAddress}},
		{"payment hash upper case", &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC", PaymentHash: strings.ToUpper(fx.TestnetPaymentHash)}},
		{"testnet invoice", lightning(fx.Testnet)},
		{"expired testnet invoice", lightning(fx.TestnetExpired)},
		{"upper-case testnet invoice", lightning(strings.ToUpper(fx.Testnet))},
		{"invoice with prefix, upper case, spaces", lightning("  LIGHTNING:" + strings.ToUpper(fx.Testnet) + "\n")},
		{"force and txHash", &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC",
			CounterpartyAddress: btcAddress, ForceVerifyOwnership: true, TxHash: txHash}},
	}
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	full := newClient(t, srv, travelrule.WithInvoiceCheck(fixtureCheck(fx)))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.req.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if err := c.ValidateWidgetSession(tc.req); err != nil {
				t.Errorf("ValidateWidgetSession: %v", err)
			}
			if err := full.ValidateWidgetSession(tc.req); err != nil {
				t.Errorf("ValidateWidgetSession with an invoice check: %v", err)
			}
		})
	}
}

// Validate without a client knows no environment: an invoice valid for
// its own network passes; a client checks the network.
func TestValidateWithoutClientAcceptsAnyNetwork(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	if err := lightning(fx.MainnetV01).Validate(); err != nil {
		t.Errorf("Validate(mainnet invoice): %v", err)
	}
	if err := lightning(fx.Testnet).Validate(); err != nil {
		t.Errorf("Validate(testnet invoice): %v", err)
	}
	prod, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithEnvironment(travelrule.Production),
		travelrule.WithBaseURL("https://api.example.com/api/v1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := prod.ValidateWidgetSession(lightning(fx.MainnetV01)); err != nil {
		t.Errorf("production client, mainnet invoice: %v", err)
	}
	if diff := cmp.Diff([]problem{{"invoice", travelrule.RuleInvoiceNetwork}}, problemsOf(t, prod.ValidateWidgetSession(lightning(fx.Testnet)))); diff != "" {
		t.Errorf("production client, testnet invoice (-want +got):\n%s", diff)
	}
}

func TestNetworksTable(t *testing.T) {
	t.Parallel()
	req := &travelrule.WidgetSessionRequest{UserID: userID, Currency: "USDC", Network: "POLYGON", CounterpartyAddress: ethAddress}

	def, _ := travelrule.New(travelrule.WithCredentials("k", "s"))
	if err := def.ValidateWidgetSession(req); err != nil {
		t.Errorf("default table, unknown currency: %v (want it left to the server)", err)
	}

	n := travelrule.DefaultNetworks()
	n.Merge(travelrule.UnconfirmedNetworks())
	extended, _ := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithNetworks(n))
	if diff := cmp.Diff([]problem{{"network", travelrule.RuleNetworkMismatch}}, problemsOf(t, extended.ValidateWidgetSession(req))); diff != "" {
		t.Errorf("extended table (-want +got):\n%s", diff)
	}

	strict, _ := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithStrictNetworks())
	if diff := cmp.Diff([]problem{{"currency", travelrule.RuleUnsupportedCurrency}}, problemsOf(t, strict.ValidateWidgetSession(req))); diff != "" {
		t.Errorf("strict (-want +got):\n%s", diff)
	}

	// An overriding table can change a built-in pair.
	custom, _ := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithNetworks(travelrule.Networks{"ETH": "ETHEREUM"}))
	if diff := cmp.Diff([]problem{{"network", travelrule.RuleNetworkMismatch}}, problemsOf(t, custom.ValidateWidgetSession(onChain()))); diff != "" {
		t.Errorf("custom table (-want +got):\n%s", diff)
	}
	// The client keeps a copy of the table.
	n["ETH"] = "CHANGED"
	if got := extended.Networks()["ETH"]; got != "ETH" {
		t.Errorf("client table changed with the caller's map: ETH -> %q", got)
	}
	if diff := cmp.Diff([]string{"BTC", "ETH", "POL", "SOL"}, travelrule.DefaultNetworks().Currencies()); diff != "" {
		t.Errorf("DefaultNetworks (-want +got):\n%s", diff)
	}
}

func TestIsUUID(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		userID:                                  true,
		strings.ToUpper(userID):                 true,
		"00000000-0000-0000-0000-000000000000":  true,
		"550e8400e29b41d4a716446655440000":      false,
		"550e8400-e29b-41d4-a716-44665544000":   false,
		"550e8400-e29b-41d4-a716-4466554400000": false,
		"550e8400-e29b-41d4-a716_446655440000":  false,
		"g50e8400-e29b-41d4-a716-446655440000":  false,
		"":                                      false,
	}
	for in, want := range tests {
		if got := travelrule.IsUUID(in); got != want {
			t.Errorf("IsUUID(%q) = %v, want %v", in, got, want)
		}
	}
}
