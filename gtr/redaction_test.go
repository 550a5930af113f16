package gtr

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// lockedBuffer is a log sink safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestNoSecretsOrPII is the canary: credentials, tokens, keys and PII never
// appear in logs, error strings, or any print of the client and its
// options.
func TestNoSecretsOrPII(t *testing.T) {
	t.Parallel()
	const (
		canarySecret  = "CANARYSECRETKEY0123456789"
		canaryName    = "Canaryfamilyname"
		canaryPIIBody = "Canarybodyname"
	)
	p := newTestPKI(t)
	their := theirKey(t)
	kp := ourKey(t)
	var logs lockedBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	f := newFake(t)
	var mu sync.Mutex
	tokens := map[string]bool{}
	f.handle(oneStepPath, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tokens[r.Header.Get("Authorization")] = true
		mu.Unlock()
		counterparty(t, their, StatusSuccess, StagePIIVerification, nil)(w, r)
	})
	f.handle(queryPath, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"verifyStatus": 200009, "verifyMessage": "IVMS name mismatch", "data": map[string]any{"name": canaryPIIBody}})
	})
	// The fake knows only testSecretKey: log in with it, then build a
	// second client holding the canary secret for the print checks.
	c := f.client(t, WithLogger(logger))
	id := testIdentity()
	id.Originator.OriginatorPersons[0] = ivms.NewNaturalPerson(canaryName, "Jane").Person()
	ctx := ctxTimeout(t, 5*time.Second)
	req := preRequest(t, "acme-canary-0001")
	req.Identity = id
	res, err := c.OneStep(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	_, qerr := c.Query(ctx, "acme-canary-0001")
	_, verr := c.OneStep(ctx, &OneStepRequest{RequestID: "bad", Identity: id, Amount: canarySecret})
	f.handle(oneStepPath, hangUp(t))
	f.handle(queryPath, unknownRequest)
	_, uerr := c.OneStep(ctx, preRequest(t, "acme-canary-0002"))
	if qerr == nil || verr == nil || !errors.Is(uerr, ErrOutcomeUnknown) {
		t.Fatalf("errors not produced: %v / %v / %v", qerr, verr, uerr)
	}

	opts := []Option{
		WithBaseURL(UATURL),
		WithLogin(testVASPCode, testAccessKey, canarySecret),
		WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM),
		WithKeyPair(kp),
		WithLogger(logger),
	}
	secretClient, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	appClient, err := New(WithBaseURL(f.srv.URL), WithAppToken(testVASPCode, testAccessKey, canarySecret))
	if err != nil {
		t.Fatal(err)
	}
	cfg := defaultConfig()
	for _, o := range opts {
		_ = o(cfg)
	}

	var printed []string
	for _, v := range []any{c, secretClient, appClient, opts, cfg, *cfg, res, req, kp} {
		printed = append(printed, fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v), fmt.Sprint(v))
	}
	printed = append(printed, qerr.Error(), verr.Error(), uerr.Error(), fmt.Sprintf("%+v", qerr), fmt.Sprintf("%#v", verr))

	mu.Lock()
	var jwts []string
	for tok := range tokens {
		jwts = append(jwts, strings.TrimPrefix(tok, "Bearer "))
	}
	mu.Unlock()
	seed := kp.ExportPrivateKey()
	forbidden := append([]string{
		canarySecret, SignedSecretKey(canarySecret), testSecretKey, SignedSecretKey(testSecretKey),
		canaryName, canaryPIIBody, "Richard", seed, seed[:43], string(p.clientKeyPEM[30:60]),
	}, jwts...)
	logText := logs.String()
	if !strings.Contains(logText, oneStepPath) {
		t.Fatalf("the logger saw nothing: %q", logText)
	}
	for _, bad := range forbidden {
		if bad == "" {
			continue
		}
		if strings.Contains(logText, bad) {
			t.Errorf("log output contains %q", bad)
		}
		for _, s := range printed {
			if strings.Contains(s, bad) {
				t.Errorf("printed form contains %q: %.200s", bad, s)
			}
		}
	}
	if len(jwts) == 0 {
		t.Error("no token observed")
	}
}
