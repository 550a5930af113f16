package travelrule_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/jsonx"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// nasty holds every character encoding/json and JSON.stringify write
// differently (U+2028, U+2029, invalid UTF-8), those HTML escaping would
// touch, control characters, quote, backslash, a slash and non-ASCII.
const nasty = "\u2028\u2029<>&\xff\xe2\x82\x00\x01\x1f\b\f\n\r\t\"\\/é✓𝄞\u007f"

// TestRequestBodyEscaping sends every string of a declare and a
// verify-wallet body — modelled fields and values nested in Extra alike —
// with nasty characters in them, and checks the exact bytes (golden), that
// the fake verified the signature over them (a 2xx answer), and that they
// are what JSON.stringify writes back after parsing them (jsonx.Stringify,
// checked against node in its own tests, leaves them unchanged).
func TestRequestBodyEscaping(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 14, 10, 0, 0, 0, time.UTC)
	srv := travelruletest.NewServer(t, travelruletest.WithStartTime(start))
	c := newClient(t, srv)
	ctx := context.Background()
	extra := map[string]any{
		"note" + nasty: nasty,
		"nested": map[string]any{
			"list": []any{nasty, 1.5, true, nil, map[string]string{"k": nasty}},
			"raw":  json.RawMessage(`{"r":"\u2028\/\u0041\ud83d\ude00<>&"}`),
		},
	}
	declare := declareOwned()
	declare.Extra = extra
	if _, err := c.DeclareSelfHostedCounterparty(ctx, declare); err != nil {
		t.Fatalf("DeclareSelfHostedCounterparty: %v", err)
	}
	addr := strings.ToLower(ethAddress)
	msg, err := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, addr, userID, srv.Now())
	if err != nil {
		t.Fatal(err)
	}
	verify := &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: addr, Message: msg,
		Signature: "0x" + nasty, Extra: extra}
	if _, err := c.VerifyWallet(ctx, verify); err != nil {
		t.Fatalf("VerifyWallet: %v", err)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want 2", len(reqs))
	}
	var got []byte
	for _, r := range reqs {
		if again := jsonx.Stringify(nil, r.Body); !bytes.Equal(again, r.Body) {
			t.Errorf("body is not what JSON.stringify writes back:\n sent %q\nwould %q", r.Body, again)
		}
		got = append(append(got, r.Body...), '\n')
	}
	path := filepath.Join("testdata", "wire", "escaping.jsonl")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("bodies (-want +got):\n%s", diff)
	}
}
