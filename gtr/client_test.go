package gtr

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	login := WithLogin(testVASPCode, testAccessKey, testSecretKey)
	app := WithAppToken(testVASPCode, testAccessKey, testSecretKey)
	cert := WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM)
	tests := []struct {
		name   string
		opts   []Option
		option string // ConfigError.Option
		reason string // part of the reason
	}{
		{"no auth", []Option{WithBaseURL("http://localhost")}, "New", "no authentication"},
		{"login and app token", []Option{WithBaseURL("http://localhost"), login, app}, "New", "both"},
		{"https without certificate", []Option{login}, "New", "mTLS"},
		{"UAT without certificate", []Option{WithBaseURL(UATURL), app}, "New", "mTLS"},
		{"certificate with http", []Option{WithBaseURL("http://localhost"), login, cert}, "WithClientCertificate", "https"},
		{"http client and certificate", []Option{WithHTTPClient(&http.Client{}), login, cert}, "WithHTTPClient", "owns TLS"},
		{"http client and root CAs", []Option{WithHTTPClient(&http.Client{}), login, WithRootCAs(p.pool)}, "WithHTTPClient", "owns TLS"},
		{"empty base URL", []Option{WithBaseURL(""), login}, "WithBaseURL", "empty"},
		{"relative base URL", []Option{WithBaseURL("/api"), login}, "WithBaseURL", "absolute"},
		{"ftp base URL", []Option{WithBaseURL("ftp://x"), login}, "WithBaseURL", "absolute"},
		{"nil http client", []Option{WithHTTPClient(nil), login}, "WithHTTPClient", "nil"},
		{"login missing secret", []Option{WithLogin("a", "b", "")}, "WithLogin", "required"},
		{"app token missing code", []Option{WithAppToken("", "b", "c")}, "WithAppToken", "required"},
		{"bad PEM", []Option{WithClientCertificatePEM([]byte("x"), []byte("y"))}, "WithClientCertificatePEM", "cannot load"},
		{"missing files", []Option{WithClientCertificateFiles("/nonexistent/c.pem", "/nonexistent/k.pem")}, "WithClientCertificateFiles", "cannot load"},
		{"bad PKCS12", []Option{WithClientCertificatePKCS12([]byte("nope"), "")}, "WithClientCertificatePKCS12", "cannot decode"},
		{"empty certificate", []Option{WithClientCertificate(tls.Certificate{})}, "WithClientCertificate", "missing"},
		{"nil root CAs", []Option{WithRootCAs(nil)}, "WithRootCAs", "nil"},
		{"nil key pair", []Option{WithKeyPair(nil)}, "WithKeyPair", "nil"},
		{"bad retry", []Option{WithRetry(-1, 0, 0)}, "WithRetry", "negative retry count"},
		{"retry wait order", []Option{WithRetry(1, time.Second, time.Millisecond)}, "WithRetry", "waitMin"},
		{"negative retry wait without retries", []Option{WithRetry(0, -time.Second, 0)}, "WithRetry", "negative retry wait"},
		{"negative max retry wait", []Option{WithRetry(0, 0, -time.Second)}, "WithRetry", "negative retry wait"},
		{"negative retry budget", []Option{WithRetryBudget(-1)}, "WithRetryBudget", "negative retry budget"},
		{"bad timeouts", []Option{WithTimeouts(0, time.Second)}, "WithTimeouts", "positive"},
		{"bad recovery", []Option{WithRecoveryTimeout(0)}, "WithRecoveryTimeout", "positive"},
		{"short login expiry", []Option{WithLoginExpiry(time.Second)}, "WithLoginExpiry", "minute"},
		{"zero login timeout", []Option{WithLoginTimeout(0)}, "WithLoginTimeout", "positive"},
		{"nil login session", []Option{WithLoginSession(nil)}, "WithLoginSession", "nil"},
		{"login session missing key", []Option{WithLoginSession(NewLoginSession("a", "", "c"))}, "WithLoginSession", "non-empty"},
		{"login session and app token", []Option{WithBaseURL("http://localhost"), WithLoginSession(NewLoginSession("a", "b", "c")), app}, "New", "WithLoginSession and WithAppToken"},
		{"long app token expiry", []Option{WithAppTokenExpiry(2 * time.Hour)}, "WithAppTokenExpiry", "between"},
		{"manual method", []Option{WithManualMethod("PATCH")}, "WithManualMethod", "PUT or POST"},
		{"nil option", []Option{login, nil}, "New", "nil Option"},
		{"retry with zero waits", []Option{WithRetry(3, 0, 0)}, "WithRetry", "0 < waitMin"},
		{"retry with zero min wait", []Option{WithRetry(1, 0, time.Second)}, "WithRetry", "0 < waitMin"},
		{"retry with negative waits", []Option{WithRetry(2, -time.Second, time.Second)}, "WithRetry", "negative"},
		{"nil logger", []Option{WithLogger(nil)}, "WithLogger", "nil"},
		{"empty user agent", []Option{WithUserAgent("")}, "WithUserAgent", "empty"},
		{"blank user agent", []Option{WithUserAgent("  ")}, "WithUserAgent", "empty"},
		{"zero retry-after cap", []Option{WithRetryAfterCap(0)}, "WithRetryAfterCap", "positive"},
		{"negative retry-after cap", []Option{WithRetryAfterCap(-time.Second)}, "WithRetryAfterCap", "positive"},
		{"nil clock", []Option{WithClock(nil)}, "WithClock", "nil"},
		{"no middleware", []Option{WithMiddleware()}, "WithMiddleware", "no middleware"},
		{"nil middleware", []Option{WithMiddleware(nil)}, "WithMiddleware", "nil"},
		{"nil middleware after one", []Option{WithMiddleware(func(rt http.RoundTripper) http.RoundTripper { return rt }, nil)}, "WithMiddleware", "nil middleware"},
		{"unknown environment", []Option{WithEnvironment(Environment(9))}, "WithEnvironment", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := New(tt.opts...)
			if c != nil || err == nil {
				t.Fatalf("New() = %v, %v; want an error", c, err)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, ErrConfig) {
				t.Fatalf("error %v (%T) is not a *ConfigError", err, err)
			}
			if !strings.HasPrefix(err.Error(), "gtr: "+tt.option+": ") {
				t.Errorf("Error() = %q, want the prefix %q", err, "gtr: "+tt.option+": ")
			}
			if ce.Option != tt.option || !strings.Contains(ce.Reason, tt.reason) {
				t.Errorf("ConfigError = {%q, %q}, want option %q and a reason with %q", ce.Option, ce.Reason, tt.option, tt.reason)
			}
		})
	}
}

func TestNewAcceptsCertificateForms(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "certificate.pem"), filepath.Join(dir, "PRIVATE.key")
	if err := os.WriteFile(certFile, p.clientCertPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, p.clientKeyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	p12Empty, err := pkcs12.Modern.Encode(p.clientKey, p.clientCert, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	p12Pw, err := pkcs12.Modern.Encode(p.clientKey, p.clientCert, nil, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.X509KeyPair(p.clientCertPEM, p.clientKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]Option{
		"tls.Certificate":         WithClientCertificate(pair),
		"PEM":                     WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM),
		"files":                   WithClientCertificateFiles(certFile, keyFile),
		"PKCS12 empty password":   WithClientCertificatePKCS12(p12Empty, ""),
		"PKCS12 with password":    WithClientCertificatePKCS12(p12Pw, "s3cret"),
		"HTTP client owning TLS":  WithHTTPClient(&http.Client{}),
		"UAT with root CAs+login": WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM),
	}
	for name, opt := range forms {
		c, err := New(WithBaseURL(UATURL), WithLogin(testVASPCode, testAccessKey, testSecretKey), WithRootCAs(x509.NewCertPool()), opt)
		if name == "HTTP client owning TLS" {
			c, err = New(WithBaseURL(UATURL), WithLogin(testVASPCode, testAccessKey, testSecretKey), opt)
		}
		if err != nil || c == nil {
			t.Errorf("%s: New() = %v, %v", name, c, err)
		}
	}
	_, err = New(WithBaseURL(UATURL), WithAppToken(testVASPCode, testAccessKey, testSecretKey), WithClientCertificatePKCS12(p12Pw, "wrong"))
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Reason != "incorrect PKCS#12 password" {
		t.Errorf("wrong PKCS#12 password: err = %v", err)
	}
}

// TestMutualTLS runs calls over real TLS: the server requires our client
// certificate, and we verify the server's certificate against WithRootCAs.
func TestMutualTLS(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	f := newMTLSFake(t)
	f.handle("/api/common/v3/vasp/detail", reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_vasp"}))
	ctx := ctxTimeout(t, 10*time.Second)

	c, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey),
		WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM), WithRootCAs(p.pool))
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.VASPDetail(ctx, "beta_vasp")
	if err != nil {
		t.Fatalf("VASPDetail over mTLS: %v", err)
	}
	if d.VASPCode != "beta_vasp" {
		t.Errorf("VASPCode = %q", d.VASPCode)
	}
	if got := f.logins.Load(); got != 1 {
		t.Errorf("logins = %d, want 1 (login also goes over mTLS)", got)
	}

	// Without our root pool the server certificate is not trusted: there
	// is no insecure default.
	untrusting, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey),
		WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM), WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = untrusting.VASPDetail(ctx, "beta_vasp")
	var uae x509.UnknownAuthorityError
	var cve *tls.CertificateVerificationError
	if !errors.As(err, &uae) && !errors.As(err, &cve) {
		t.Errorf("untrusted server certificate: err = %v, want a certificate verification error", err)
	}

	// Without a client certificate the server refuses the handshake.
	noCert, err := New(WithBaseURL(f.srv.URL), WithAppToken(testVASPCode, testAccessKey, testSecretKey),
		WithHTTPClient(&http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: p.pool, MinVersion: tls.VersionTLS12}}}),
		WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noCert.VASPDetail(ctx, "beta_vasp"); err == nil {
		t.Error("call without a client certificate succeeded")
	}
}
