package gtr

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// Test credentials and keys. The initiator key is GTR's published demo key
// (TV-3); the counterparty key is derived from a fixed seed.
const (
	testVASPCode  = "acme_exchange"
	testAccessKey = "ACCESSKEY123"
	testSecretKey = "DFSD0JFN43SGNDSPIAN30IHSIDFN0SAR3BNFA0ISFNBI0N3RNFWE0F"
	demoKey       = "+aIO2lX7wZn4Qh+SQUFKfjyR5snd6AkTqeKKmDIplzY0tCgDQPELNZKsMWBXbHcZTdW9Gb4BCKsBFpIH7SoQLQ=="
)

func mustKeyPair(t testing.TB, b64 string) *KeyPair {
	t.Helper()
	kp, err := ParseKeyPair(b64)
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// ourKey is our PII key; theirKey the counterparty's.
func ourKey(t testing.TB) *KeyPair { return mustKeyPair(t, demoKey) }

func theirKey(t testing.TB) *KeyPair {
	kp, err := GenerateKeyPair(bytes.NewReader(bytes.Repeat([]byte{7}, 32)))
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// testIdentity is a pre-transaction payload: our customer and company, the
// beneficiary as known.
func testIdentity() *ivms.IdentityPayload {
	return &ivms.IdentityPayload{
		Originator: &ivms.Originator{
			OriginatorPersons: []ivms.Person{ivms.NewNaturalPerson("Doe", "Jane").Person()},
			AccountNumbers:    []string{"acct-1"},
		},
		Beneficiary: &ivms.Beneficiary{
			BeneficiaryPersons: []ivms.Person{ivms.NewNaturalPerson("Roe", "Richard").Person()},
		},
		OriginatingVASP: &ivms.OriginatingVASP{Person: ptr(ivms.NewLegalPerson("Acme Exchange Ltd").Person())},
	}
}

// testPostIdentity is a post-transaction payload.
func testPostIdentity() *ivms.IdentityPayload {
	return &ivms.IdentityPayload{
		Beneficiary: &ivms.Beneficiary{
			BeneficiaryPersons: []ivms.Person{ivms.NewNaturalPerson("Roe", "Richard").Person()},
		},
		BeneficiaryVASP: &ivms.BeneficiaryVASP{Person: ptr(ivms.NewLegalPerson("Acme Exchange Ltd").Person())},
	}
}

func ptr[T any](v T) *T { return &v }

// preRequest is a pre-transaction request with TargetPublicKey, Format
// and PIISpecVersion all set, so OneStep makes no VASP detail call; tests
// about detail clear the fields they need fetched.
func preRequest(t testing.TB, id string) *OneStepRequest {
	return &OneStepRequest{
		RequestID:       id,
		Direction:       PreTransaction,
		Network:         "ETH",
		Ticker:          "ETH",
		Address:         "0x00000000000000000000000000000000000000aa",
		TargetVASPCode:  "beta_vasp",
		TargetPublicKey: theirKey(t).PublicKey(),
		PIIFormat:       FullJSONObjectEncrypt,
		PIISpecVersion:  PIISpecVersion,
		Amount:          "0.5",
		FiatPrice:       "1500",
		ExpectFields:    []FieldID{BeneficiaryNatural.Name()},
		Identity:        testIdentity(),
	}
}

// fake is a small GTR server for the client's own tests: login, app-token
// checks, and per-path handlers; it counts requests per path.
type fake struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	counts   map[string]int
	bodies   map[string][][]byte
	tokens   map[string]bool
	headers  []http.Header

	logins    atomic.Int32
	loginGate chan struct{} // when set, login waits for it
	next      atomic.Int32
}

func newFake(t testing.TB) *fake {
	f := &fake{t: t, handlers: map[string]http.HandlerFunc{}, counts: map[string]int{}, bodies: map[string][][]byte{}, tokens: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) handle(path string, h http.HandlerFunc) {
	f.mu.Lock()
	f.handlers[path] = h
	f.mu.Unlock()
}

func (f *fake) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[path]
}

func (f *fake) lastBody(path string) []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bodies[path]
	if len(b) == 0 {
		return nil
	}
	return b[len(b)-1]
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.counts[r.URL.Path]++
	f.bodies[r.URL.Path] = append(f.bodies[r.URL.Path], body)
	f.headers = append(f.headers, r.Header.Clone())
	h := f.handlers[r.URL.Path]
	f.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))

	if r.URL.Path == "/api/login" {
		if h != nil { // a test's own login answer
			h(w, r)
			return
		}
		f.login(w, body)
		return
	}
	if !f.authorized(r) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"verifyStatus": 100020, "verifyMessage": "No auth"})
		return
	}
	if h == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"msg": "no route"})
		return
	}
	h(w, r)
}

func (f *fake) login(w http.ResponseWriter, body []byte) {
	if g := f.loginGate; g != nil {
		<-g
	}
	f.logins.Add(1)
	var req loginRequest
	if json.Unmarshal(body, &req) != nil || req.VASPCode != testVASPCode || req.AccessKey != testAccessKey || req.SignedSecretKey != signedSecretKey(testSecretKey) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"verifyStatus": 100020, "verifyMessage": "bad credentials"})
		return
	}
	tok := "jwt-" + strconv.Itoa(int(f.next.Add(1)))
	f.mu.Lock()
	f.tokens = map[string]bool{tok: true} // single sign-on: a new login logs the old session out
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"jwt": tok, "vaspCode": testVASPCode}, "verifyStatus": 100000, "verifyMessage": "Success"})
}

func (f *fake) authorized(r *http.Request) bool {
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.tokens[strings.TrimPrefix(a, "Bearer ")] && r.Header.Get("X-Authorization") == ""
	}
	if x := r.Header.Get("X-Authorization"); x != "" {
		tok, err := parseAppToken(x)
		return err == nil && tok.AccessKey == testAccessKey && tok.verify(testVASPCode, testSecretKey, time.Now(), 5*time.Second) == nil
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// reply answers with a GTR envelope.
func reply(status VerifyStatus, msg string, data any) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		env := map[string]any{"verifyStatus": int(status), "verifyMessage": msg}
		if data != nil {
			env["data"] = data
		}
		writeJSON(w, http.StatusOK, env)
	}
}

// client returns a logged-in client of f.
func (f *fake) client(t testing.TB, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey), WithKeyPair(ourKey(t))}
	c, err := New(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	c.recoveryWaits = []time.Duration{time.Millisecond, time.Millisecond}
	return c
}

// counterparty answers one_step as a counterparty VASP would: it opens the
// PII with their key, and returns it re-sealed with verdicts on fields.
func counterparty(t testing.TB, their *KeyPair, status VerifyStatus, stage VerifyStage, fields []map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			RequestID      string          `json:"requestId"`
			PIISecuredInfo wireSecuredInfo `json:"piiSecuredInfo"`
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("counterparty: %v", err)
			return
		}
		initiator, err := ParsePublicKey(req.PIISecuredInfo.initiatorKey())
		if err != nil {
			t.Errorf("counterparty: initiator key: %v", err)
			return
		}
		doc, err := OpenPII(req.PIISecuredInfo.SecuredPayload, their, initiator)
		if err != nil {
			writeJSON(w, http.StatusOK, map[string]any{"verifyStatus": 200002, "verifyMessage": "PII decrypt fail"})
			return
		}
		back, err := SealPII(doc, their, initiator)
		if err != nil {
			t.Errorf("counterparty: seal: %v", err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"verifyStatus":  int(status),
			"verifyMessage": status.String(),
			"verifyStage":   string(stage),
			"data": map[string]any{
				"requestId":    req.RequestID,
				"travelruleId": "gtr-" + req.RequestID,
				"verifyFields": fields,
				"piiSecuredInfo": map[string]any{
					"initiatorKeyInfo":    map[string]string{"publicKey": initiator.String()},
					"receiverKeyInfo":     map[string]string{"publicKey": their.PublicKey().String()},
					"secretAlgorithm":     "ED25519_CURVE25519",
					"piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
					"piiSpecVersion":      "ivms101-2020",
					"securedPayload":      back,
				},
				"preflightCheckStatus":  "ACCEPTED",
				"preflightCheckMessage": "ok",
				"addressRiskLevel":      "low",
			},
		})
	}
}

// testPKI is a CA with a server certificate for 127.0.0.1 and a client
// certificate, in PEM.
type testPKI struct {
	pool                        *x509.CertPool
	serverCert                  tls.Certificate
	clientCertPEM, clientKeyPEM []byte
	clientCert                  *x509.Certificate
	clientKey                   *ecdsa.PrivateKey
}

var (
	pkiOnce sync.Once
	pkiVal  *testPKI
)

func newTestPKI(t testing.TB) *testPKI {
	t.Helper()
	pkiOnce.Do(func() {
		caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		now := time.Now()
		caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
			KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
		caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
		ca, _ := x509.ParseCertificate(caDER)
		leaf := func(serial int64, cn string, usage x509.ExtKeyUsage, ips []net.IP) ([]byte, *ecdsa.PrivateKey) {
			k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
				NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), ExtKeyUsage: []x509.ExtKeyUsage{usage},
				KeyUsage: x509.KeyUsageDigitalSignature, IPAddresses: ips}
			der, _ := x509.CreateCertificate(rand.Reader, tmpl, ca, &k.PublicKey, caKey)
			return der, k
		}
		srvDER, srvKey := leaf(2, "127.0.0.1", x509.ExtKeyUsageServerAuth, []net.IP{net.ParseIP("127.0.0.1")})
		cliDER, cliKey := leaf(3, "acme.example", x509.ExtKeyUsageClientAuth, nil)
		cliCert, _ := x509.ParseCertificate(cliDER)
		keyDER, _ := x509.MarshalPKCS8PrivateKey(cliKey)
		p := &testPKI{pool: x509.NewCertPool(), clientCert: cliCert, clientKey: cliKey}
		p.pool.AddCert(ca)
		p.serverCert = tls.Certificate{Certificate: [][]byte{srvDER}, PrivateKey: srvKey}
		p.clientCertPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cliDER})
		p.clientKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
		pkiVal = p
	})
	return pkiVal
}

// newMTLSFake is a fake served over TLS that requires a client certificate
// from the test CA.
func newMTLSFake(t testing.TB) *fake {
	p := newTestPKI(t)
	f := &fake{t: t, handlers: map[string]http.HandlerFunc{}, counts: map[string]int{}, bodies: map[string][][]byte{}, tokens: map[string]bool{}}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.serverCert}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: p.pool, MinVersion: tls.VersionTLS12}
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	return f
}

func ctxTimeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
