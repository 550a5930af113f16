package gtr

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

// Test people. The names double as canaries: they must never reach a log
// line or an error string.
const (
	canaryFirst = "Canaryjane"
	canaryLast  = "Canarydoe"
	canaryDOB   = "1985-04-12"
)

func naturalPerson(last, first, dob string) ivms.Person {
	np := &ivms.NaturalPerson{Name: ivms.NaturalPersonName{NameIdentifiers: []ivms.NaturalPersonNameID{
		{PrimaryIdentifier: last, SecondaryIdentifier: first, NameIdentifierType: ivms.NaturalPersonNameType("LEGL")},
	}}}
	if dob != "" {
		np.DateAndPlaceOfBirth = &ivms.DateAndPlaceOfBirth{DateOfBirth: dob, PlaceOfBirth: "Lisbon"}
	}
	return ivms.Person{NaturalPerson: np}
}

func legalPerson(name string) *ivms.Person {
	return &ivms.Person{LegalPerson: &ivms.LegalPerson{
		Name:                  ivms.LegalPersonName{NameIdentifiers: []ivms.LegalPersonNameID{{LegalPersonName: name, LegalPersonNameIdentifierType: ivms.LegalPersonNameType("LEGL")}}},
		CountryOfRegistration: "PT",
	}}
}

// preTxIdentity is what an originator VASP sends pre-transaction: its
// customer, the beneficiary as its customer described them, and itself.
func preTxIdentity(beneLast, beneFirst, beneDOB string) *ivms.IdentityPayload {
	return &ivms.IdentityPayload{
		Originator:      &ivms.Originator{OriginatorPersons: []ivms.Person{naturalPerson("Example", "Alice", "")}, AccountNumbers: []string{"acct-1"}},
		Beneficiary:     &ivms.Beneficiary{BeneficiaryPersons: []ivms.Person{naturalPerson(beneLast, beneFirst, beneDOB)}, AccountNumbers: []string{"0xbene"}},
		OriginatingVASP: &ivms.OriginatingVASP{Person: legalPerson("Acme Exchange Ltd")},
	}
}

type testPeer struct {
	ours, theirs *KeyPair
}

func newTestPeer(t testing.TB) testPeer {
	t.Helper()
	ours, err := GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	return testPeer{ours: ours, theirs: theirs}
}

// piiCallback builds a callback 4 body the counterparty (theirs) sealed to
// us (ours).
func (p testPeer) piiCallback(t testing.TB, id *ivms.IdentityPayload, expect ...FieldID) []byte {
	t.Helper()
	doc, err := ivms.Marshal(id, ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := SealPII(doc, p.theirs, p.ours.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	return p.piiCallbackPayload(t, sealed, expect...)
}

func (p testPeer) piiCallbackPayload(t testing.TB, securedPayload string, expect ...FieldID) []byte {
	t.Helper()
	body := map[string]any{
		"requestId": "acme-req-0001", "invokeVaspCode": "VASPKIT_TEST", "originatorVasp": "ACME", "beneficiaryVasp": "VASPKIT_TEST",
		"callbackType": 4,
		"callbackData": map[string]any{
			"requestId": "acme-req-0001", "txId": nil, "amount": "0.5", "fiatPrice": "1500", "fiatName": "USD",
			"network": "ETH", "ticker": "ETH", "tag": "", "address": "0xbene", "secretType": 1,
			"originatorVasp": "ACME", "beneficiaryVasp": "VASPKIT_TEST", "initiatorVasp": "ACME", "receiverVasp": "VASPKIT_TEST",
			"verificationDirection": 2, "initiatorExpectVerifyFields": expect,
			"piiSecuredInfo": map[string]any{
				"initiatorKeyInfo":    map[string]string{"publicKey": p.theirs.PublicKey().String()},
				"receiverKeyInfo":     map[string]string{"publicKey": p.ours.PublicKey().String()},
				"secretAlgorithm":     "ed25519_curve25519",
				"piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
				"piiSpecVersion":      "ivms101-2020",
				"securedPayload":      securedPayload,
			},
		},
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// replyOf is a decoded answer.
type replyOf struct {
	HTTPStatus    int
	VerifyStatus  VerifyStatus
	VerifyMessage string
	Data          json.RawMessage
}

// verifiedTLS is the connection state of a request whose client
// certificate the server's tls.Config verified, as CallbackTLSConfig does
// for GTR's.
func verifiedTLS() *tls.ConnectionState {
	c := &x509.Certificate{Subject: pkix.Name{CommonName: "gtr callbacks"}}
	return &tls.ConnectionState{HandshakeComplete: true, PeerCertificates: []*x509.Certificate{c}, VerifiedChains: [][]*x509.Certificate{{c}}}
}

// callbackRequest is a callback as GTR sends it: a POST over TLS with a
// verified client certificate.
func callbackRequest(body []byte) *http.Request {
	req := httptest.NewRequest(http.MethodPost, "/gtr/callback", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.TLS = verifiedTLS()
	return req
}

// post sends body to h as GTR would (callbackRequest) and decodes the
// answer.
func post(t testing.TB, h http.Handler, body []byte) replyOf {
	t.Helper()
	return serve(t, h, callbackRequest(body))
}

func serve(t testing.TB, h http.Handler, req *http.Request) replyOf {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r struct {
		VerifyStatus  VerifyStatus    `json:"verifyStatus"`
		VerifyMessage string          `json:"verifyMessage"`
		Data          json.RawMessage `json:"data"`
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("reply is not JSON: %v", err)
	}
	return replyOf{rec.Code, r.VerifyStatus, r.VerifyMessage, r.Data}
}

func newHandler(t testing.TB, opts ...CallbackOption) *CallbackHandler {
	t.Helper()
	h, err := NewCallbackHandler(opts...)
	if err != nil {
		t.Fatalf("NewCallbackHandler: %v", err)
	}
	return h
}

func TestCallbackHandlerChecks(t *testing.T) {
	t.Parallel()
	addressBody := []byte(`{"requestId":"acme-0001","invokeVaspCode":"VASPKIT_TEST","callbackType":6,
		"callbackData":{"requestId":"acme-0001","network":"XRP","ticker":"XRP","address":"rOurs","tag":"7","initiatorVasp":"ACME"}}`)
	txBody := []byte(`{"requestId":"bene-0001","callbackType":9,
		"callbackData":{"network":"BTC","ticker":"BTC","address":"bc1q","txId":"abc","initiatorVasp":"BENE"}}`)
	routingBody := []byte(`{"requestId":"acme-0002","callbackType":10,
		"callbackData":{"verifyTargetType":1,"transactionInfo":{"network":"ETH"},"beneficiaryAddress":{"address":"0xabc"}}}`)
	entityKey := mustKey(t, "NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0=")

	tests := []struct {
		name     string
		opt      CallbackOption
		body     []byte
		wantCode VerifyStatus
		wantMsg  string
		wantData string
	}{
		{"address found", OnAddressCheck(func(_ context.Context, c *AddressCheck) (CheckAnswer, error) {
			if c.Address != "rOurs" || c.Tag != "7" || c.Network != "XRP" || c.InitiatorVASP != "ACME" {
				return CheckAnswer{}, fmt.Errorf("unexpected check %+v", c)
			}
			return CheckAnswer{Result: CheckFound}, nil
		}), addressBody, StatusSuccess, "address found", ""},
		{"address not found", OnAddressCheck(func(context.Context, *AddressCheck) (CheckAnswer, error) {
			return CheckAnswer{}, nil
		}), addressBody, StatusAddressNotFound, "address not found", ""},
		{"address ambiguous", OnAddressCheck(func(context.Context, *AddressCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckNotFound, Message: "Too many address"}, nil
		}), addressBody, StatusAddressNotFound, "Too many address", ""},
		{"address pending", OnAddressCheck(func(context.Context, *AddressCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckPending}, nil
		}), addressBody, StatusPending, "pending", ""},
		{"address no handler", nil, addressBody, statusUnsupportedCallback, "unsupported callbackType 6", ""},
		{"tx found", OnTxIDCheck(func(_ context.Context, c *TxIDCheck) (CheckAnswer, error) {
			if c.TxID != "abc" || c.RequestID != "bene-0001" {
				return CheckAnswer{}, errors.New("unexpected check")
			}
			return CheckAnswer{Result: CheckFound}, nil
		}), txBody, StatusSuccess, "tx id found", ""},
		{"tx not found", OnTxIDCheck(func(context.Context, *TxIDCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckNotFound}, nil
		}), txBody, StatusTxIDNotFound, "tx id not found", ""},
		{"tx pending", OnTxIDCheck(func(context.Context, *TxIDCheck) (CheckAnswer, error) {
			return CheckAnswer{Result: CheckPending}, nil
		}), txBody, StatusPending, "pending", ""},
		{"tx failed", OnTxIDCheck(func(context.Context, *TxIDCheck) (CheckAnswer, error) {
			return CheckAnswer{}, errors.New("database down")
		}), txBody, statusReceiverServerFail, "receiver failed to answer", ""},
		{"routing no handler", nil, routingBody, StatusPending, "address is not found", ""},
		{"routing found", OnAddressRouting(func(_ context.Context, r *AddressRouting) (AddressRoutingAnswer, error) {
			if r.Direction != PreTransaction || r.Network != "ETH" {
				return AddressRoutingAnswer{}, errors.New("unexpected routing")
			}
			return AddressRoutingAnswer{Found: true, VASPCode: "VASPKIT_EU", PublicKey: entityKey}, nil
		}), routingBody, StatusSuccess, "address found",
			`{"vaspCode":"VASPKIT_EU","publicKey":"NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0=","requestId":"acme-0002"}`},
		{"routing not ours", OnAddressRouting(func(context.Context, *AddressRouting) (AddressRoutingAnswer, error) {
			return AddressRoutingAnswer{}, nil
		}), routingBody, StatusPending, "address is not found", ""},
		{"health", nil, []byte(`{"callbackType":0,"callbackData":{}}`), StatusSuccess, "Success", ""},
		{"unknown type", nil, []byte(`{"requestId":"abcd","callbackType":14,"callbackData":{"x":1}}`), statusUnsupportedCallback, "unsupported callbackType 14", ""},
		{"other entity", WithVASPCodes("VASPKIT_TEST"), []byte(`{"invokeVaspCode":"SOMEONE_ELSE","callbackType":0}`), statusUnsupportedCallback, "unknown invokeVaspCode", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var opts []CallbackOption
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			got := post(t, newHandler(t, opts...), tt.body)
			want := replyOf{HTTPStatus: http.StatusOK, VerifyStatus: tt.wantCode, VerifyMessage: tt.wantMsg}
			if tt.wantData != "" {
				want.Data = json.RawMessage(tt.wantData)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("reply mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallbackHandlerRejects(t *testing.T) {
	t.Parallel()
	h := newHandler(t, WithCallbackMaxBody(2048), WithAllowedSources(netip.MustParsePrefix("10.0.0.0/8")))
	big := []byte(`{"callbackType":0,"pad":"` + strings.Repeat("x", 4096) + `"}`)
	tests := []struct {
		name       string
		method     string
		remote     string
		body       []byte
		wantHTTP   int
		wantStatus VerifyStatus
		wantIn     string
	}{
		{"get", http.MethodGet, "10.1.2.3:4000", nil, http.StatusMethodNotAllowed, statusBadParameters, "POST"},
		{"foreign source", http.MethodPost, "192.0.2.1:4000", []byte(`{"callbackType":0}`), http.StatusForbidden, statusNoAuth, "source address"},
		{"too large", http.MethodPost, "10.1.2.3:4000", big, http.StatusRequestEntityTooLarge, statusBadParameters, "larger than 2048 bytes"},
		{"malformed", http.MethodPost, "10.1.2.3:4000", []byte(`{"callbackType":6,"requestId":"abcd","callbackData":{}}`), http.StatusBadRequest, statusBadParameters, "callbackData.address: missing"},
		{"not json", http.MethodPost, "10.1.2.3:4000", []byte(`hello`), http.StatusBadRequest, statusBadParameters, "not a JSON object"},
		{"allowed", http.MethodPost, "10.1.2.3:4000", []byte(`{"callbackType":0}`), http.StatusOK, StatusSuccess, "Success"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tt.method, "/cb", bytes.NewReader(tt.body))
			req.RemoteAddr = tt.remote
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantHTTP {
				t.Errorf("HTTP status = %d, want %d", rec.Code, tt.wantHTTP)
			}
			var r cbReply
			if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
				t.Fatalf("reply is not JSON: %v", err)
			}
			if r.VerifyStatus != tt.wantStatus || !strings.Contains(r.VerifyMessage, tt.wantIn) {
				t.Errorf("reply = %d %q, want %d containing %q", r.VerifyStatus, r.VerifyMessage, tt.wantStatus, tt.wantIn)
			}
		})
	}
}

func TestCallbackHandlerRequireClientCert(t *testing.T) {
	t.Parallel()
	h := newHandler(t, WithRequireClientCert())
	req := callbackRequest([]byte(`{"callbackType":0}`))
	req.TLS = nil // plain HTTP
	got := serve(t, h, req)
	if got.HTTPStatus != http.StatusForbidden || got.VerifyStatus != statusNoAuth {
		t.Errorf("plain HTTP request answered %d/%d, want 403/%d", got.HTTPStatus, got.VerifyStatus, statusNoAuth)
	}
}

func TestCallbackHandlerFailures(t *testing.T) {
	t.Parallel()
	body := []byte(`{"requestId":"acme-0001","callbackType":6,"callbackData":{"network":"ETH","address":"0xabc"}}`)
	tests := []struct {
		name    string
		fn      func(context.Context, *AddressCheck) (CheckAnswer, error)
		wantErr error
		wantMsg string
	}{
		{"late", func(ctx context.Context, _ *AddressCheck) (CheckAnswer, error) {
			<-ctx.Done() // a well-behaved function stops at the deadline
			return CheckAnswer{Result: CheckFound}, nil
		}, ErrCallbackTimeout, "receiver did not answer in time"},
		{"panic", func(context.Context, *AddressCheck) (CheckAnswer, error) {
			panic("boom")
		}, ErrCallbackPanic, "receiver failed to answer"},
		{"error", func(context.Context, *AddressCheck) (CheckAnswer, error) {
			return CheckAnswer{}, context.Canceled
		}, context.Canceled, "receiver failed to answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var gotErr error
			var gotType CallbackType
			h := newHandler(t, OnAddressCheck(tt.fn), WithCallbackDeadline(20*time.Millisecond),
				OnCallbackError(func(_ context.Context, c Callback, err error) {
					mu.Lock()
					defer mu.Unlock()
					gotErr, gotType = err, c.Header().Type
				}))
			got := post(t, h, body)
			if got.VerifyStatus != statusReceiverServerFail || got.VerifyMessage != tt.wantMsg {
				t.Errorf("reply = %d %q, want %d %q", got.VerifyStatus, got.VerifyMessage, statusReceiverServerFail, tt.wantMsg)
			}
			mu.Lock()
			defer mu.Unlock()
			if !errors.Is(gotErr, tt.wantErr) || gotType != callbackAddressVerification {
				t.Errorf("OnCallbackError got (%v, %v), want (%v, %v)", gotType, gotErr, callbackAddressVerification, tt.wantErr)
			}
		})
	}
}

func TestNewCallbackHandlerOptions(t *testing.T) {
	t.Parallel()
	kp, err := GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	pii := OnPIIVerify(func(context.Context, *PIIVerification) (PIIVerifyAnswer, error) { return PIIVerifyAnswer{}, nil })
	tests := []struct {
		name    string
		opts    []CallbackOption
		wantErr string
	}{
		{"defaults", nil, ""},
		{"pii with key", []CallbackOption{pii, WithCallbackKeyPair(kp)}, ""},
		{"pii without key", []CallbackOption{pii}, "needs WithCallbackKeyPair"},
		{"nil key", []CallbackOption{WithCallbackKeyPair(nil)}, "nil key pair"},
		{"nil address check", []CallbackOption{OnAddressCheck(nil)}, "OnAddressCheck: nil function"},
		{"nil txid check", []CallbackOption{OnTxIDCheck(nil)}, "OnTxIDCheck: nil function"},
		{"nil routing", []CallbackOption{OnAddressRouting(nil)}, "OnAddressRouting: nil function"},
		{"nil pii verify", []CallbackOption{OnPIIVerify(nil), WithCallbackKeyPair(kp)}, "OnPIIVerify: nil function"},
		{"nil notification", []CallbackOption{OnNotification(nil)}, "OnNotification: nil function"},
		{"nil error hook", []CallbackOption{OnCallbackError(nil)}, "OnCallbackError: nil function"},
		{"deadline zero", []CallbackOption{WithCallbackDeadline(0)}, "WithCallbackDeadline"},
		{"deadline over 2s", []CallbackOption{WithCallbackDeadline(3 * time.Second)}, "WithCallbackDeadline"},
		{"deadline of 2s", []CallbackOption{WithCallbackDeadline(2 * time.Second)}, "WithCallbackDeadline"},
		{"deadline just under 2s", []CallbackOption{WithCallbackDeadline(1900 * time.Millisecond)}, ""},
		{"pii deadline", []CallbackOption{WithPIIDeadline(-time.Second)}, "WithPIIDeadline"},
		{"tiny body", []CallbackOption{WithCallbackMaxBody(10)}, "too small"},
		{"bad prefix", []CallbackOption{WithAllowedSources(netip.Prefix{})}, "invalid prefix"},
		{"empty code", []CallbackOption{WithVASPCodes("")}, "empty code"},
		{"nil option", []CallbackOption{nil}, "nil CallbackOption"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := NewCallbackHandler(tt.opts...)
			if tt.wantErr == "" {
				if err != nil || h == nil {
					t.Fatalf("NewCallbackHandler = %v, %v; want a handler", h, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NewCallbackHandler error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// logCapture collects every log line.
type logCapture struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logCapture) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logCapture) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestCallbackHandlerLogsNoPII(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t)
	var logs logCapture
	var errs []string
	var mu sync.Mutex
	h := newHandler(t,
		WithCallbackKeyPair(peer.ours),
		WithCallbackLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		OnPIIVerify(func(_ context.Context, v *PIIVerification) (PIIVerifyAnswer, error) {
			// A careless function puts PII in its error.
			return PIIVerifyAnswer{}, fmt.Errorf("no customer %s", v.Identity.Beneficiary.BeneficiaryPersons[0].NaturalPerson.Name.NameIdentifiers[0].PrimaryIdentifier)
		}),
		OnCallbackError(func(_ context.Context, _ Callback, err error) {
			mu.Lock()
			defer mu.Unlock()
			errs = append(errs, err.Error())
		}))
	got := post(t, h, peer.piiCallback(t, preTxIdentity(canaryLast, canaryFirst, canaryDOB), BeneficiaryNatural.Name()))
	if got.VerifyStatus != statusReceiverServerFail {
		t.Errorf("verifyStatus = %d, want %d", got.VerifyStatus, statusReceiverServerFail)
	}
	// A malformed body with a canary in it.
	post(t, h, []byte(`{"callbackType":4,"requestId":"`+canaryLast+` x"}`))
	out := logs.String()
	if !strings.Contains(out, `"callbackType":"PII_VERIFICATION"`) {
		t.Errorf("log lacks the callback line: %s", out)
	}
	// Nor the requestId or the address: values the caller chose.
	for _, c := range []string{canaryFirst, canaryLast, canaryDOB, "Lisbon", "Alice", "acme-req-0001", "0xbene"} {
		if strings.Contains(out, c) {
			t.Errorf("log line carries PII %q: %s", c, out)
		}
		if s := fmt.Sprintf("%v %+v %#v", h, h, h); strings.Contains(s, c) {
			t.Errorf("handler print carries PII %q", c)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 1 || !strings.Contains(errs[0], canaryLast) {
		t.Errorf("OnCallbackError got %q, want the function's own error", errs)
	}
}
