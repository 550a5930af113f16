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
		canarySecret, signedSecretKey(canarySecret), testSecretKey, signedSecretKey(testSecretKey),
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

// TestErrorsCarryNoRequestValues: error strings (under every fmt verb) and
// log lines never carry the requestId, txId or address of the call, nor
// GTR's or the counterparty's message, which may echo them.
func TestErrorsCarryNoRequestValues(t *testing.T) {
	t.Parallel()
	const (
		reqID   = "canaryreq-7f3a9b"
		txID    = "0xcanarytx5e4d3c"
		address = "0xcanaryaddr00000000000000000000000000aa"
		name    = "Canarymessagename"
	)
	echo := "requestId " + reqID + " txId " + txID + " address " + address + " customer " + name
	var logs lockedBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFake(t)
	f.handle(notifyTxIDPath, reply(statusTxIDDuplicated, echo, nil))
	f.handle(queryPath, reply(statusBadParameters, echo, nil))
	f.handle(oneStepPath, reply(StatusNameMismatch, echo, nil))
	f.handle(addressDetectionPath, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"verifyStatus": 100004, "verifyMessage": echo})
	})
	f.handle("/api/verify/v2/end", hangUp(t))
	c := f.client(t, WithLogger(logger), WithRetry(0, 0, 0))
	ctx := ctxTimeout(t, 10*time.Second)
	req := preRequest(t, reqID)
	req.Address = address

	var errs []error
	add := func(err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error produced")
		}
		errs = append(errs, err)
	}
	add(c.NotifyTxID(ctx, &TxIDNotification{RequestID: reqID, TxID: txID})) // 100029, read-back refused
	_, err := c.Query(ctx, reqID)
	add(err)
	_, err = c.OneStep(ctx, req)
	add(err)
	_, err = c.DetectAddressVASP(ctx, &AddressDetectionRequest{VASPCode: "beta", Address: address, Network: "ETH", TxID: txID})
	add(err)
	add(c.End(ctx, &EndRequest{RequestID: reqID, Reason: EndCancelled})) // outcome unknown
	f.handle(oneStepPath, hangUp(t))
	_, err = c.OneStep(ctx, req) // lost, then the query says "unknown": outcome unknown
	add(err)
	add(c.NotifyTxID(ctx, &TxIDNotification{RequestID: reqID, TxID: txID + strings.Repeat("x", 300)})) // too long: validation
	if !errors.Is(errs[len(errs)-2], ErrOutcomeUnknown) {
		t.Fatalf("no unknown outcome: %v", errs[len(errs)-2])
	}
	var ae *APIError
	if !errors.As(errs[0], &ae) || ae.RequestID != reqID || ae.Message != echo {
		t.Errorf("the values are not kept in the fields: %#v", ae)
	}
	for _, err := range errs {
		for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), fmt.Sprintf("%s", err), fmt.Sprintf("%q", err)} {
			for _, bad := range []string{reqID, txID, address, name} {
				if strings.Contains(s, bad) {
					t.Errorf("error text carries %q: %s", bad, s)
				}
			}
		}
	}
	logText := logs.String()
	if !strings.Contains(logText, oneStepPath) {
		t.Fatalf("the logger saw nothing: %s", logText)
	}
	for _, bad := range []string{reqID, txID, address, name} {
		if strings.Contains(logText, bad) {
			t.Errorf("log carries %q: %s", bad, logText)
		}
	}
}
