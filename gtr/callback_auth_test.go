package gtr

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// watchedBody is a request body that records whether anyone read it.
type watchedBody struct {
	r    io.Reader
	read atomic.Bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	b.read.Store(true)
	return b.r.Read(p)
}

func (b *watchedBody) Close() error { return nil }

// authProbe is a handler whose every function counts its calls.
type authProbe struct {
	calls atomic.Int32
	h     *CallbackHandler
}

func newAuthProbe(t *testing.T, ours *KeyPair, opts ...CallbackOption) *authProbe {
	t.Helper()
	p := &authProbe{}
	base := []CallbackOption{
		WithCallbackKeyPair(ours),
		OnAddressCheck(func(context.Context, *AddressCheck) (CheckAnswer, error) {
			p.calls.Add(1)
			return CheckAnswer{Result: CheckFound}, nil
		}),
		OnTxIDCheck(func(context.Context, *TxIDCheck) (CheckAnswer, error) {
			p.calls.Add(1)
			return CheckAnswer{Result: CheckFound}, nil
		}),
		OnPIIVerify(func(_ context.Context, v *PIIVerification) (PIIVerifyAnswer, error) {
			p.calls.Add(1)
			back := *v.Identity
			return PIIVerifyAnswer{Fields: v.Verify([]ivms.Person{naturalPerson(canaryLast, canaryFirst, canaryDOB)}, nil), Identity: &back}, nil
		}),
		OnNotification(func(context.Context, Notification) error {
			p.calls.Add(1)
			return nil
		}),
		OnCallbackError(func(context.Context, Callback, error) { p.calls.Add(1) }),
	}
	p.h = newHandler(t, append(base, opts...)...)
	return p
}

// authBodies are the callbacks an intruder would send: the address
// oracle (6), a PII verification sealed to our key by a key of its own
// (4), a txId check (9), a notification (7) and a health check (0).
func authBodies(t *testing.T, peer testPeer) map[string][]byte {
	t.Helper()
	return map[string][]byte{
		"callback 6": []byte(`{"requestId":"intruder-0001","callbackType":6,"callbackData":{"network":"ETH","ticker":"ETH","address":"0xbene","initiatorVasp":"EVIL"}}`),
		"callback 4": peer.piiCallback(t, preTxIdentity(canaryLast, canaryFirst, canaryDOB), BeneficiaryNatural.Name()),
		"callback 9": []byte(`{"requestId":"intruder-0002","callbackType":9,"callbackData":{"network":"BTC","ticker":"BTC","address":"bc1q","txId":"abc","initiatorVasp":"EVIL"}}`),
		"callback 7": []byte(`{"requestId":"intruder-0003","callbackType":7,"callbackData":{"requestId":"intruder-0003","txId":"abc"}}`),
		"callback 0": []byte(`{"callbackType":0,"callbackData":{}}`),
		"malformed":  []byte(`{"callbackType":`),
	}
}

// checkRefused asserts a 403 / 100020 answer without data.
func checkRefused(t *testing.T, got replyOf) {
	t.Helper()
	if got.HTTPStatus != http.StatusForbidden || got.VerifyStatus != statusNoAuth {
		t.Errorf("answered HTTP %d verifyStatus %d, want 403 / %d", got.HTTPStatus, got.VerifyStatus, statusNoAuth)
	}
	if len(got.Data) != 0 {
		t.Errorf("a refused caller got data: %s", got.Data)
	}
}

// TestCallbackHandlerRefusesUnauthenticatedByDefault: a handler built with
// no authentication option refuses, before reading the body, every request
// that did not come with a verified client certificate — plain HTTP, TLS
// without a client certificate, and TLS with one the server did not
// verify. No function runs; a callback 4 sealed to our key by the caller
// gets no PII back.
func TestCallbackHandlerRefusesUnauthenticatedByDefault(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t)
	unverified := &x509.Certificate{}
	for _, conn := range []struct {
		name string
		tls  *tls.ConnectionState
	}{
		{"plain http", nil},
		{"tls without client certificate", &tls.ConnectionState{HandshakeComplete: true}},
		{"tls with an unverified client certificate", &tls.ConnectionState{HandshakeComplete: true, PeerCertificates: []*x509.Certificate{unverified}}},
	} {
		for name, body := range authBodies(t, peer) {
			t.Run(conn.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				p := newAuthProbe(t, peer.ours)
				wb := &watchedBody{r: bytes.NewReader(body)}
				req := httptest.NewRequest(http.MethodPost, "/gtr/callback", nil)
				req.Body, req.ContentLength, req.TLS = wb, int64(len(body)), conn.tls
				checkRefused(t, serve(t, p.h, req))
				if wb.read.Load() {
					t.Error("the body of an unauthenticated request was read")
				}
				if n := p.calls.Load(); n != 0 {
					t.Errorf("%d callback functions ran for an unauthenticated caller", n)
				}
			})
		}
	}
	// A GET is refused for want of authentication too, before the method
	// is looked at.
	p := newAuthProbe(t, peer.ours)
	checkRefused(t, serve(t, p.h, httptest.NewRequest(http.MethodGet, "/gtr/callback", nil)))
}

// TestCallbackHandlerDefaultOverRealServers serves a default handler on a
// plain HTTP server, on a TLS server that asks for a client certificate
// without verifying it, and with CallbackTLSConfig: only the last one,
// with a certificate of the truststore, gets an answer.
func TestCallbackHandlerDefaultOverRealServers(t *testing.T) {
	t.Parallel()
	pk := newTestPKI(t)
	peer := newTestPeer(t)
	clientCert, err := tls.X509KeyPair(pk.clientCertPEM, pk.clientKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	selfSigned := tls.Certificate{Certificate: [][]byte{pk.serverCert.Certificate[0]}, PrivateKey: pk.serverCert.PrivateKey}
	body := authBodies(t, peer)["callback 6"]

	tests := []struct {
		name     string
		tls      *tls.Config // nil: plain HTTP
		cert     *tls.Certificate
		wantHTTP int
	}{
		{"plain http", nil, nil, http.StatusForbidden},
		{"tls, certificate requested not verified", &tls.Config{Certificates: []tls.Certificate{pk.serverCert}, ClientAuth: tls.RequestClientCert, MinVersion: tls.VersionTLS12}, &selfSigned, http.StatusForbidden},
		{"CallbackTLSConfig, GTR's certificate", CallbackTLSConfig(pk.serverCert, pk.pool), &clientCert, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newAuthProbe(t, peer.ours)
			srv := httptest.NewUnstartedServer(p.h)
			client := &http.Client{}
			if tt.tls != nil {
				srv.TLS = tt.tls
				srv.StartTLS()
				cfg := &tls.Config{RootCAs: pk.pool, MinVersion: tls.VersionTLS12}
				if tt.cert != nil {
					cfg.Certificates = []tls.Certificate{*tt.cert}
				}
				client.Transport = &http.Transport{TLSClientConfig: cfg}
			} else {
				srv.Start()
			}
			defer srv.Close()
			resp, err := client.Post(srv.URL+"/gtr/callback", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r cbReply
			if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantHTTP {
				t.Errorf("HTTP %d (%d %q), want %d", resp.StatusCode, r.VerifyStatus, r.VerifyMessage, tt.wantHTTP)
			}
			wantCalls := int32(0)
			if tt.wantHTTP == http.StatusOK {
				wantCalls = 1
			}
			if n := p.calls.Load(); n != wantCalls {
				t.Errorf("functions ran %d times, want %d", n, wantCalls)
			}
		})
	}
}

// TestCallbackHandlerAuthOptions covers the authentication options: a
// verified certificate, an allow-list, both, and the named opt-out.
func TestCallbackHandlerAuthOptions(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t)
	gtrNet := WithAllowedSources(netip.MustParsePrefix("10.0.0.0/8"))
	tests := []struct {
		name   string
		opts   []CallbackOption
		remote string
		tls    *tls.ConnectionState
		want   bool // served
	}{
		{"default, verified certificate", nil, "192.0.2.1:4000", verifiedTLS(), true},
		{"default, no certificate", nil, "10.1.2.3:4000", nil, false},
		{"explicit certificate, verified", []CallbackOption{WithRequireClientCert()}, "192.0.2.1:4000", verifiedTLS(), true},
		{"allow-list, allowed source", []CallbackOption{gtrNet}, "10.1.2.3:4000", nil, true},
		{"allow-list, allowed IPv4-mapped source", []CallbackOption{gtrNet}, "[::ffff:10.1.2.3]:4000", nil, true},
		{"allow-list, foreign source", []CallbackOption{gtrNet}, "192.0.2.1:4000", nil, false},
		{"allow-list, foreign source with certificate", []CallbackOption{gtrNet}, "192.0.2.1:4000", verifiedTLS(), false},
		{"allow-list and certificate, both", []CallbackOption{gtrNet, WithRequireClientCert()}, "10.1.2.3:4000", verifiedTLS(), true},
		{"allow-list and certificate, no certificate", []CallbackOption{gtrNet, WithRequireClientCert()}, "10.1.2.3:4000", nil, false},
		{"allow-list and certificate, foreign source", []CallbackOption{gtrNet, WithRequireClientCert()}, "192.0.2.1:4000", verifiedTLS(), false},
		{"GTR's published sources", []CallbackOption{WithAllowedSources(GTRCallbackSources()...)}, "35.74.112.84:443", nil, true},
		{"opt-out, anyone", []CallbackOption{WithoutCallbackAuthentication()}, "192.0.2.1:4000", nil, true},
	}
	for _, tt := range tests {
		for name, body := range authBodies(t, peer) {
			if name == "malformed" {
				continue
			}
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				t.Parallel()
				p := newAuthProbe(t, peer.ours, tt.opts...)
				req := httptest.NewRequest(http.MethodPost, "/gtr/callback", bytes.NewReader(body))
				req.RemoteAddr, req.TLS = tt.remote, tt.tls
				got := serve(t, p.h, req)
				if !tt.want {
					checkRefused(t, got)
					if n := p.calls.Load(); n != 0 {
						t.Errorf("%d functions ran for a refused caller", n)
					}
					return
				}
				if got.HTTPStatus != http.StatusOK || got.VerifyStatus != StatusSuccess {
					t.Errorf("answered HTTP %d verifyStatus %d %q, want 200 / 100000", got.HTTPStatus, got.VerifyStatus, got.VerifyMessage)
				}
				if name == "callback 4" && !bytes.Contains(got.Data, []byte("piiSecuredInfo")) {
					t.Errorf("an authenticated callback 4 got no PII back: %s", got.Data)
				}
			})
		}
	}
}

func TestNewCallbackHandlerAuthConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     []CallbackOption
		wantErr  string
		wantAuth string
	}{
		{"default", nil, "", "auth: client certificate,"},
		{"certificate", []CallbackOption{WithRequireClientCert()}, "", "auth: client certificate,"},
		{"allow-list", []CallbackOption{WithAllowedSources(GTRCallbackSources()...)}, "", "auth: source address,"},
		{"both", []CallbackOption{WithAllowedSources(GTRCallbackSources()...), WithRequireClientCert()}, "", "auth: client certificate and source address,"},
		{"opt-out", []CallbackOption{WithoutCallbackAuthentication()}, "", "auth: none (WithoutCallbackAuthentication),"},
		{"empty allow-list", []CallbackOption{WithAllowedSources()}, "no prefixes", ""},
		{"opt-out with certificate", []CallbackOption{WithoutCallbackAuthentication(), WithRequireClientCert()}, "cannot be combined", ""},
		{"opt-out with allow-list", []CallbackOption{WithAllowedSources(GTRCallbackSources()...), WithoutCallbackAuthentication()}, "cannot be combined", ""},
		{"nil option", []CallbackOption{nil}, "nil CallbackOption", ""},
		{"nil function", []CallbackOption{OnAddressCheck(nil)}, "OnAddressCheck: nil function", ""},
		{"deadline too long", []CallbackOption{WithCallbackDeadline(2 * time.Second)}, "WithCallbackDeadline", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := NewCallbackHandler(tt.opts...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrConfig) {
					t.Fatalf("NewCallbackHandler error = %v, want an ErrConfig containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := fmt.Sprint(h); !strings.Contains(s, tt.wantAuth) {
				t.Errorf("fmt.Sprint = %q, want it to contain %q", s, tt.wantAuth)
			}
		})
	}
}
