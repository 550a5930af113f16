package travelrule_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/bech32"
	"github.com/vaspkit/vaspkit/travelrule"
)

// FuzzVerifyWebhook: VerifyWebhook never panics, accepts exactly the
// signature SignWebhook computes (in either hex case), and refuses a body
// whose signature is for another body.
func FuzzVerifyWebhook(f *testing.F) {
	f.Add([]byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","id":"1"}`), "test-api-key", "")
	f.Add([]byte(``), "k", "00")
	f.Add([]byte(`{}`), "key", "zz")
	f.Fuzz(func(t *testing.T, body []byte, key, sig string) {
		h := http.Header{}
		h.Set("signature", sig)
		err := travelrule.VerifyWebhook(body, h, key)
		good := travelrule.SignWebhook(body, key)
		if err == nil && key == "" {
			t.Fatal("accepted with an empty key")
		}
		if err == nil && !bytes.EqualFold([]byte(sig), []byte(good)) {
			t.Fatalf("accepted signature %q, want %q", sig, good)
		}
		if key == "" {
			return
		}
		h.Set("signature", good)
		if err := travelrule.VerifyWebhook(body, h, key); err != nil {
			t.Fatalf("refused its own signature: %v", err)
		}
		if err := travelrule.VerifyWebhook(append(body, 'x'), h, key); !errors.Is(err, travelrule.ErrInvalidSignature) {
			t.Fatalf("changed body: %v", err)
		}
	})
}

// FuzzWebhookEvent: any input parses into an event or ErrMalformedWebhook;
// a parsed event's typed decoders never panic and fail only with
// ErrMalformedWebhook; a JSON object always parses.
func FuzzWebhookEvent(f *testing.F) {
	for _, name := range []string{"webhook_deposit_pending.json", "webhook_deposit_confirmed.json", "webhook_account_enriched.json"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","exchangeRate":1e400,"blockchainNetwork":null}`))
	f.Add([]byte(`{"type":"ACCOUNT_ENRICHED","blockchainNetwork":{"name":1}}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := travelrule.ParseWebhook(body)
		if err != nil {
			if !errors.Is(err, travelrule.ErrMalformedWebhook) {
				t.Fatalf("error %v does not match ErrMalformedWebhook", err)
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil && m != nil {
				t.Fatalf("refused a JSON object: %v", err)
			}
			return
		}
		if !bytes.Equal(e.Raw, body) {
			t.Fatal("Raw differs from the body")
		}
		if _, err := e.Deposit(); err != nil && !errors.Is(err, travelrule.ErrMalformedWebhook) {
			t.Fatalf("Deposit: %v", err)
		}
		if _, err := e.AccountEnriched(); err != nil && !errors.Is(err, travelrule.ErrMalformedWebhook) {
			t.Fatalf("AccountEnriched: %v", err)
		}
	})
}

// FuzzWidgetSessionResponse: decoding a response body never panics, a JSON
// object always decodes, Raw is the body, Fields holds what json.Unmarshal
// into a map finds, and re-encoding gives back the same fields.
func FuzzWidgetSessionResponse(f *testing.F) {
	f.Add([]byte(`{"id":"s1","url":"https://w","token":"t","expiresAt":"2026-05-14T10:30:00Z","status":"ACTIVE","forceVerifyOwnership":true,"reused":false}`))
	f.Add([]byte(`{"id":1,"expiresAt":1778754600000,"reused":"true"}`))
	f.Add([]byte(`{"expiresAt":"9999-12-31T23:59:59.999999999+14:00","forceVerifyOwnership":null}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var s travelrule.WidgetSession
		err := s.UnmarshalJSON(body)
		var m map[string]json.RawMessage
		isObject := json.Unmarshal(body, &m) == nil && m != nil
		if err != nil {
			if isObject {
				t.Fatalf("refused a JSON object: %v", err)
			}
			if !errors.Is(err, travelrule.ErrMalformedResponse) {
				t.Fatalf("error %v does not match ErrMalformedResponse", err)
			}
			return
		}
		if !bytes.Equal(s.Raw, body) {
			t.Fatal("Raw differs from the body")
		}
		if len(s.Fields) != len(m) {
			t.Fatalf("Fields has %d members, json.Unmarshal finds %d", len(s.Fields), len(m))
		}
		for k, v := range m {
			if got, ok := s.Fields[k]; !ok || !bytes.Equal(got, v) {
				t.Fatalf("Fields[%q] = %q, json.Unmarshal gives %q", k, got, v)
			}
		}
		_ = s.String()
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var again travelrule.WidgetSession
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if again.ID != s.ID || again.Token != s.Token || again.URL != s.URL || again.Status != s.Status ||
			!again.ExpiresAt.Equal(s.ExpiresAt) || again.Reused != s.Reused || again.ForceVerifyOwnership != s.ForceVerifyOwnership {
			t.Fatalf("round trip changed the session: %v -> %v", s, again)
		}
	})
}

// FuzzInvoiceCheck feeds arbitrary strings to the client's own invoice
// check (through Validate and a client). It never panics, refuses with
// ErrInvalidInvoice and never quotes the invoice, and accepts only what
// reads as bech32 with an "ln" prefix. (Package bolt11's
// FuzzTravelruleInvoiceForm checks the other side: what bolt11 accepts,
// this check accepts.)
func FuzzInvoiceCheck(f *testing.F) {
	// More seeds in testdata/fuzz/FuzzInvoiceCheck: a testnet invoice, its
	// upper-case prefixed form, a broken checksum, an unknown prefix.
	for _, s := range []string{"", "lnbc1", "lightning:", "LNURL1XYZ", "lntbs10n1qqqqqqq", "lnbcrt1"} {
		f.Add(s)
	}
	mainnet, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithInvoiceNetwork(travelrule.InvoiceMainnet))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return // no identifier: another rule
		}
		req := &travelrule.WidgetSessionRequest{UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC", Invoice: s}
		anyErr := req.Validate()
		mainErr := mainnet.ValidateWidgetSession(req)
		if anyErr != nil && mainErr == nil {
			t.Fatalf("a client accepts what Validate refuses: %v", anyErr)
		}
		if anyErr == nil {
			trimmed := strings.TrimSpace(s)
			if len(trimmed) >= 10 && strings.EqualFold(trimmed[:10], "lightning:") {
				trimmed = trimmed[10:]
			}
			hrp, _, err := bech32.Decode(trimmed)
			if err != nil || !strings.HasPrefix(hrp, "ln") {
				t.Fatalf("accepted, but not bech32 with an ln prefix: %v", err)
			}
			return
		}
		for _, e := range []error{anyErr, mainErr} {
			if !errors.Is(e, travelrule.ErrInvalidInvoice) {
				t.Fatalf("refusal %v does not match ErrInvalidInvoice", e)
			}
			if q := strings.TrimSpace(s); len(q) > 8 && strings.Contains(e.Error(), q) {
				t.Fatalf("error quotes the invoice: %v", e)
			}
		}
	})
}
