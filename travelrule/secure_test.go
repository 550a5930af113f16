package travelrule_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
)

// travelruleCalls are every call that talks to Striga; each changes state.
var travelruleCalls = []struct {
	name string
	call func(ctx context.Context, c *travelrule.Client) (any, error)
}{
	{"CreateWidgetSession", func(ctx context.Context, c *travelrule.Client) (any, error) {
		return c.CreateWidgetSession(ctx, onChain())
	}},
	{"DeclareSelfHostedCounterparty", func(ctx context.Context, c *travelrule.Client) (any, error) {
		return c.DeclareSelfHostedCounterparty(ctx, declareOwned())
	}},
	{"VerifyWallet", func(ctx context.Context, c *travelrule.Client) (any, error) {
		return c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: ethAddress, Message: "m", Signature: "0xsig"})
	}},
	{"SubmitWalletVerification", func(ctx context.Context, c *travelrule.Client) (any, error) {
		return c.SubmitWalletVerification(ctx, &travelrule.SubmitWalletVerificationRequest{CounterpartyID: "cp-1", UserID: userID,
			Outcome: "SIGNED", Signature: "0xsig"})
	}},
}

// TestUnusableAnswerIsNeverSuccess: a 2xx whose body is empty (200, 202
// or 204) or not a JSON object is a *MalformedResponseError for every
// call: it matches ErrMalformedResponse, and MaybeSent is true, since
// Striga carried the call out.
func TestUnusableAnswerIsNeverSuccess(t *testing.T) {
	t.Parallel()
	answers := []struct {
		status int
		body   string
	}{
		{http.StatusOK, ""}, {http.StatusAccepted, ""}, {http.StatusNoContent, ""}, {http.StatusOK, "  \n"},
		{http.StatusOK, "<html>OK</html>"}, {http.StatusOK, "null"}, {http.StatusCreated, "[]"}, {http.StatusOK, `{"id":`},
	}
	for _, a := range answers {
		for _, tc := range travelruleCalls {
			t.Run(fmt.Sprintf("%d %q/%s", a.status, a.body, tc.name), func(t *testing.T) {
				t.Parallel()
				c := cannedServer(t, a.status, a.body)
				res, err := tc.call(t.Context(), c)
				var me *travelrule.MalformedResponseError
				if err == nil || !errors.As(err, &me) || !errors.Is(err, travelrule.ErrMalformedResponse) || !travelrule.MaybeSent(err) {
					t.Fatalf("%s = %v, %v; want a *MalformedResponseError for which MaybeSent is true", tc.name, res, err)
				}
				if me.HTTPStatus != a.status {
					t.Errorf("HTTPStatus = %d, want %d", me.HTTPStatus, a.status)
				}
			})
		}
	}
}

// TestRedirectIsNotFollowed: a 3xx is an *APIError with that status; the
// signed request, with its addresses, never reaches the Location, and
// MaybeSent is false (a redirect is an answer, not a stored call).
func TestRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		tls    bool
	}{
		{"307", http.StatusTemporaryRedirect, false},
		{"308", http.StatusPermanentRedirect, false},
		{"https to http 307", http.StatusTemporaryRedirect, true},
		{"https to http 308", http.StatusPermanentRedirect, true},
	} {
		for _, call := range travelruleCalls {
			t.Run(tc.name+"/"+call.name, func(t *testing.T) {
				t.Parallel()
				var elsewhere, front atomic.Int32
				other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					elsewhere.Add(1)
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, `{"id":"s-1","url":"https://widget.example/s-1","status":"ACTIVE"}`)
				}))
				t.Cleanup(other.Close)
				redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					front.Add(1)
					_, _ = io.Copy(io.Discard, r.Body)
					http.Redirect(w, r, other.URL+r.URL.Path, tc.status)
				})
				opts := []travelrule.Option{travelrule.WithCredentials("k", "s"), travelrule.WithRetry(3, time.Millisecond, time.Millisecond)}
				var hs *httptest.Server
				if tc.tls {
					hs = httptest.NewTLSServer(redirect)
					opts = append(opts, travelrule.WithHTTPClient(hs.Client()))
				} else {
					hs = httptest.NewServer(redirect)
				}
				t.Cleanup(hs.Close)
				c, err := travelrule.New(append(opts, travelrule.WithBaseURL(hs.URL+"/api/v1"))...)
				if err != nil {
					t.Fatal(err)
				}
				res, err := call.call(t.Context(), c)
				var ae *travelrule.APIError
				if !errors.As(err, &ae) || ae.HTTPStatus != tc.status {
					t.Fatalf("%s = %v, %v; want an *APIError with HTTP %d", call.name, res, err, tc.status)
				}
				if travelrule.MaybeSent(err) {
					t.Errorf("MaybeSent(%v) = true", err)
				}
				if n := elsewhere.Load(); n != 0 {
					t.Errorf("the redirect target received %d requests", n)
				}
				if n := front.Load(); n != 1 {
					t.Errorf("Striga received %d requests, want 1 (a 3xx is not retried)", n)
				}
			})
		}
	}
}

// TestNewRefusesPlainHTTP: plain http is for loopback test servers only,
// in production as in sandbox; the error matches ErrConfig and
// names WithBaseURL.
func TestNewRefusesPlainHTTP(t *testing.T) {
	t.Parallel()
	creds := travelrule.WithCredentials("k", "s")
	for _, u := range []string{"http://www.sandbox.striga.com/api/v1", "http://api.striga.example/api/v1", "http://10.1.2.3:8080/api/v1",
		"http://[2001:db8::1]/api/v1"} {
		for _, env := range []travelrule.Environment{travelrule.Sandbox, travelrule.Production} {
			c, err := travelrule.New(creds, travelrule.WithEnvironment(env), travelrule.WithBaseURL(u))
			if c != nil || !errors.Is(err, travelrule.ErrConfig) || !strings.Contains(err.Error(), "WithBaseURL") {
				t.Errorf("New(%v, WithBaseURL(%q)) = %v, %v; want ErrConfig naming WithBaseURL", env, u, c, err)
			}
		}
	}
	for _, u := range []string{"http://127.0.0.1:1/api/v1", "http://localhost:8080/api/v1", "http://[::1]:1/api/v1", "https://api.striga.example/api/v1"} {
		if _, err := travelrule.New(creds, travelrule.WithEnvironment(travelrule.Production), travelrule.WithBaseURL(u)); err != nil {
			t.Errorf("New(WithBaseURL(%q)) = %v", u, err)
		}
	}
}

// TestCanaryCounterpartyIDNotShown: the counterparty id in PATCH
// /counterparty/{id}, and whatever Striga echoes in its message, reach
// neither the logs nor any error under any fmt verb.
func TestCanaryCounterpartyIDNotShown(t *testing.T) {
	t.Parallel()
	const cpID = "CANARY-COUNTERPARTY-3b9e"
	var n atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch n.Add(1) {
		case 1: // dropped after the request arrived
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		case 2: // an empty 200
			w.WriteHeader(http.StatusOK)
			return
		}
		msg, _ := json.Marshal("counterparty " + r.URL.Path + " refused: " + string(body))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		fmt.Fprintf(w, `{"errorCode":"30031","message":%s,"errorDetails":[{"field":%s}]}`, msg, msg)
	}))
	t.Cleanup(hs.Close)
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := travelrule.New(travelrule.WithBaseURL(hs.URL+"/api/v1"), travelrule.WithCredentials("k", "s"),
		travelrule.WithLogger(logger), travelrule.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	req := &travelrule.SubmitWalletVerificationRequest{CounterpartyID: cpID, UserID: userID, Outcome: "SIGNED", Signature: "0xsig",
		SignedAddress: ethAddress}
	var out strings.Builder
	for range 3 {
		_, err := c.SubmitWalletVerification(t.Context(), req)
		if err == nil {
			t.Fatal("SubmitWalletVerification succeeded")
		}
		for e := err; e != nil; e = errors.Unwrap(e) {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
				fmt.Fprintf(&out, verb+"\n", e)
			}
		}
	}
	if !strings.Contains(logs.String(), `"path":"/counterparty/*"`) {
		t.Errorf("the logs do not show the path:\n%s", logs.String())
	}
	all := out.String() + "\n" + logs.String()
	for _, canary := range []string{cpID, "CANARY", ethAddress} {
		if strings.Contains(all, canary) {
			t.Errorf("%q leaked:\n%s", canary, all)
		}
	}
}

// TestAmountLimit: an Amount longer than MaxAmountLength is refused, in
// constant time, however long.
func TestAmountLimit(t *testing.T) {
	t.Parallel()
	ok := []string{`"1500000"`, `0.92`, `"` + strings.Repeat("9", travelrule.MaxAmountLength) + `"`}
	for _, s := range ok {
		var a travelrule.Amount
		if err := json.Unmarshal([]byte(s), &a); err != nil {
			t.Errorf("Unmarshal(%.20s) = %v", s, err)
		}
	}
	for _, s := range []string{strings.Repeat("9", travelrule.MaxAmountLength+1), `"` + strings.Repeat("9", 3_000_000) + `"`} {
		var a travelrule.Amount
		if err := a.UnmarshalJSON([]byte(s)); err == nil {
			t.Errorf("UnmarshalJSON(%.20s…, %d bytes) accepted", s, len(s))
		}
	}
}

// BenchmarkAmountHuge decodes a three-million-digit amount: refused
// before it is copied or scanned.
func BenchmarkAmountHuge(b *testing.B) {
	huge := []byte(`"` + strings.Repeat("9", 3_000_000) + `"`)
	b.ReportAllocs()
	for b.Loop() {
		var a travelrule.Amount
		if a.UnmarshalJSON(huge) == nil {
			b.Fatal("accepted")
		}
	}
}
