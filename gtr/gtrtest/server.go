package gtrtest

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/faultengine"
)

// Default credentials of the member the fake serves (the caller). Credentials
// returns them; WithVASPCode changes the code.
const (
	DefaultVASPCode = "VASPKIT_TEST"
	// DefaultAppTokenSkew is how far an app token's timestamp may lie from
	// the fake's clock.
	DefaultAppTokenSkew = 2 * time.Minute
)

// Server is an in-process GTR platform: an HTTPS server with client
// certificate authentication that speaks GTR's API (login, app tokens,
// one_step, VASP list and detail, address detection, notify_tx_id, end,
// query, the manual APIs) on behalf of simulated counterparty VASPs
// registered with AddVASP, and delivers callbacks to the member's callback
// URL. It decrypts, matches and re-encrypts PII for real.
//
// The zero value is not usable; create one with NewServer. A Server is safe
// for concurrent use.
type Server struct {
	// URL is the base URL of the platform, e.g. "https://127.0.0.1:41234".
	URL string

	ts        *httptest.Server
	pki       *pki
	member    tls.Certificate // the member's client certificate (GTR's certificate.pem)
	gtrClient tls.Certificate // the certificate the platform presents on callbacks
	cfg       config
	tb        testing.TB
	faults    *faultengine.Schedule
	requests  *faultengine.Log

	mu          sync.Mutex
	accessKey   string
	secretKey   string
	session     *session
	nonces      map[string]time.Time
	vasps       map[string]*vaspState
	vaspOrder   []string
	records     map[string]*record
	memberKey   gtr.PublicKey
	callbackURL string
	cbClient    *http.Client
	cbServers   []*httptest.Server
	closed      bool
}

// NewServer starts a fake GTR platform. With a non-nil t, failures to start
// end the test and the server is closed by t.Cleanup; with nil t the caller
// must Close it, and NewServer panics if the platform cannot start (no
// loopback listener), as httptest.NewServer does. Programs that want the
// error use Start.
func NewServer(t testing.TB, opts ...Option) *Server {
	if t != nil {
		t.Helper()
	}
	s, err := newServer(t, opts...)
	if err != nil {
		if t != nil {
			t.Fatalf("gtrtest: %v", err)
		}
		panic(fmt.Sprintf("gtrtest: %v", err))
	}
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// Start starts a fake GTR platform outside a test (an example program's
// embedded default, a local demo). The caller must Close it.
func Start(opts ...Option) (*Server, error) { return newServer(nil, opts...) }

func newServer(t testing.TB, opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := faultengine.Check(cfg.faults); err != nil {
		return nil, fmt.Errorf("WithFaults: %w", err)
	}
	p, err := newPKI()
	if err != nil {
		return nil, err
	}
	s := &Server{
		pki:       p,
		cfg:       cfg,
		tb:        t,
		accessKey: randomKey(64),
		secretKey: randomKey(256),
		nonces:    map[string]time.Time{},
		vasps:     map[string]*vaspState{},
		records:   map[string]*record{},
		faults:    faultengine.NewSchedule(cfg.seed),
		requests:  faultengine.NewLog("X-Authorization"),
		memberKey: cfg.memberKey,
	}
	s.faults.Add(cfg.faults...)
	if s.member, err = p.issue(cfg.vaspCode+".member.gtrtest", false); err != nil {
		return nil, err
	}
	if s.gtrClient, err = p.issue("callbacks.gtrtest", false); err != nil {
		return nil, err
	}
	serverCert, err := p.issue("platform.gtrtest", true, "127.0.0.1", "::1", "localhost")
	if err != nil {
		return nil, err
	}
	s.cbClient = &http.Client{
		Timeout: cfg.callbackTimeout,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{
			Certificates: []tls.Certificate{s.gtrClient},
			RootCAs:      p.pool,
			MinVersion:   tls.VersionTLS12,
		}},
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	s.ts = &httptest.Server{Listener: l, Config: &http.Server{Handler: s.handler(s.routes()), ReadHeaderTimeout: 10 * time.Second}}
	s.ts.TLS = &tls.Config{
		Certificates: []tls.Certificate{serverCert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    p.pool,
		MinVersion:   tls.VersionTLS12,
	}
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0) // failed handshakes are what tests provoke
	s.ts.StartTLS()
	s.URL = s.ts.URL
	return s, nil
}

// Close shuts the platform and every callback server it started down. It
// may be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	cbs := s.cbServers
	s.mu.Unlock()
	for _, c := range cbs {
		c.Close()
	}
	s.ts.Close()
	if tr, ok := s.cbClient.Transport.(*http.Transport); ok {
		tr.CloseIdleConnections()
	}
}

// HTTPClient returns an *http.Client that presents the member's client
// certificate and trusts the platform's CA: what gtr.WithHTTPClient needs
// to talk to the fake (or use ClientCertificate and RootCAs with
// gtr.WithClientCertificate and gtr.WithRootCAs).
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{
			Certificates: []tls.Certificate{s.member},
			RootCAs:      s.pki.pool,
			MinVersion:   tls.VersionTLS12,
		}},
	}
}

// ClientOptions returns what a gtr.Client needs to reach the platform: its
// URL, HTTPClient (the member's client certificate, the fake's CA) and the
// member's credentials as an app token (gtr.WithAppToken), which any number
// of Clients can share without logging each other out. For GTR's login
// instead, build the options by hand: gtr.WithBaseURL(srv.URL),
// gtr.WithHTTPClient(srv.HTTPClient()), gtr.WithLogin(srv.Credentials()).
// Add gtr.WithKeyPair for OneStep with PII (and SetMemberPublicKey for
// travel rules towards the member).
func (s *Server) ClientOptions() []gtr.Option {
	return []gtr.Option{
		gtr.WithBaseURL(s.URL),
		gtr.WithHTTPClient(s.HTTPClient()),
		gtr.WithAppToken(s.Credentials()),
	}
}

// NewClient returns gtr.New(append(s.ClientOptions(), opts...)...).
func (s *Server) NewClient(opts ...gtr.Option) (*gtr.Client, error) {
	return gtr.New(append(s.ClientOptions(), opts...)...)
}

// ClientCertificate returns the member's client certificate (the
// certificate.pem and key GTR hands out), signed by the fake's CA.
func (s *Server) ClientCertificate() tls.Certificate { return s.member }

// ClientCertificatePEM returns the member's client certificate and its
// PKCS#8 private key in PEM.
func (s *Server) ClientCertificatePEM() (cert, key []byte) {
	c, k, err := certPEM(s.member)
	if err != nil {
		return nil, nil
	}
	return c, k
}

// RootCAs returns a pool holding the fake's CA, which signed the platform's
// server certificate and the certificate the platform presents on callbacks
// (it plays GTR's client-truststore.pem too).
func (s *Server) RootCAs() *x509.CertPool { return s.pki.pool.Clone() }

// CACertificatePEM returns the fake's CA certificate in PEM.
func (s *Server) CACertificatePEM() []byte {
	c, _, _ := certPEM(tls.Certificate{Certificate: [][]byte{s.pki.caDER}, PrivateKey: s.pki.caKey})
	return c
}

// IssueServerCertificate issues a TLS server certificate for the hosts (IP
// addresses or DNS names) under the fake's CA, for a callback server the
// platform must trust.
func (s *Server) IssueServerCertificate(hosts ...string) (tls.Certificate, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pki.issue("callback-server.gtrtest", true, hosts...)
}

// Credentials returns the member's API key: the values of api_key.csv for
// gtr.WithLogin and gtr.WithAppToken.
func (s *Server) Credentials() (vaspCode, accessKey, secretKey string) {
	return s.cfg.vaspCode, s.accessKey, s.secretKey
}

// VASPCode returns the member's VASP code.
func (s *Server) VASPCode() string { return s.cfg.vaspCode }

// SetMemberPublicKey sets the member's PII public key: the key the fake
// seals to when a simulated VASP initiates a travel rule towards the member,
// and the one VASP detail shows for the member.
func (s *Server) SetMemberPublicKey(pub gtr.PublicKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memberKey = pub
}

// SetCallbackURL sets the member's callback URL (configured in GTR's
// dashboard). The platform POSTs callbacks there, presenting its client
// certificate and trusting the fake's CA (see NewCallbackServer). A
// gtr.CallbackHandler requires that certificate by default: serve it over
// TLS with gtr.CallbackTLSConfig and RootCAs as the truststore; on a plain
// http URL it refuses every callback with HTTP 403.
func (s *Server) SetCallbackURL(u string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.callbackURL = u
}

// NewCallbackServer serves h over TLS as the member's callback endpoint,
// the way GTR requires: a server certificate the platform trusts and
// tls.RequireAndVerifyClientCert against the fake's CA (the
// client-truststore.pem analogue). It sets the callback URL to the server's
// URL and closes the server with the platform.
func (s *Server) NewCallbackServer(h http.Handler) (*httptest.Server, error) {
	cert, err := s.IssueServerCertificate("127.0.0.1", "::1", "localhost")
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("gtrtest: callback server: %w", err)
	}
	cs := &httptest.Server{Listener: l, Config: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)}}
	// GTR authenticates callbacks with its client certificate, verified
	// against client-truststore.pem (spec §6.1); the fake's CA plays it.
	cs.TLS = &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    s.pki.pool,
		MinVersion:   tls.VersionTLS12,
	}
	cs.StartTLS()
	s.mu.Lock()
	s.cbServers = append(s.cbServers, cs)
	s.callbackURL = cs.URL
	s.mu.Unlock()
	return cs, nil
}

// ExpireSessions ends every login session as if its expireInMinutes had
// passed: the next call with its token gets HTTP 401 and 100014.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.session != nil {
		s.session.expired = true
	}
}

func (s *Server) now() time.Time { return s.cfg.now() }

func (s *Server) logf(format string, args ...any) {
	if s.tb != nil && s.cfg.verbose {
		s.tb.Logf("gtrtest: "+format, args...)
	}
}

// String describes the platform without its credentials.
func (s *Server) String() string {
	return "gtrtest.Server{URL: " + s.URL + ", vaspCode: " + s.cfg.vaspCode + ", secretKey: [REDACTED]}"
}

// GoString is String, so %#v does not print the credentials either.
func (s *Server) GoString() string { return s.String() }
