package gtrtest_test

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/gtr/gtrtest"
)

func TestMutualTLSIsRequired(t *testing.T) {
	t.Parallel()
	srv := gtrtest.NewServer(t)
	other := gtrtest.NewServer(t) // another CA: its client certificate is foreign here
	tests := []struct {
		name    string
		certs   []tls.Certificate
		wantErr bool
	}{
		{"member certificate", []tls.Certificate{srv.ClientCertificate()}, false},
		{"no certificate", nil, true},
		{"certificate of another CA", []tls.Certificate{other.ClientCertificate()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
				Certificates: tt.certs, RootCAs: srv.RootCAs(), MinVersion: tls.VersionTLS12,
			}}}
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL+gtrtest.PathVASPList, nil)
			resp, err := hc.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("request error = %v, want error: %v", err, tt.wantErr)
			}
		})
	}
	// The server certificate chains to RootCAs only.
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{Certificates: []tls.Certificate{srv.ClientCertificate()}, MinVersion: tls.VersionTLS12}}}
	if resp, err := hc.Get(srv.URL + gtrtest.PathVASPList); err == nil {
		resp.Body.Close()
		t.Error("the server certificate verified against the system roots")
	}
	cert, key := srv.ClientCertificatePEM()
	if pair, err := tls.X509KeyPair(cert, key); err != nil || len(pair.Certificate) != 1 {
		t.Errorf("ClientCertificatePEM does not load: %v", err)
	}
	if !strings.Contains(string(srv.CACertificatePEM()), "BEGIN CERTIFICATE") {
		t.Error("CACertificatePEM is not PEM")
	}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	srv := gtrtest.NewServer(t, gtrtest.WithClock(clock))
	code, access, secret := srv.Credentials()
	if code != gtrtest.DefaultVASPCode || len(access) != 64 || len(secret) != 256 {
		t.Fatalf("Credentials = %q, %d chars, %d chars", code, len(access), len(secret))
	}
	bad := []struct {
		name string
		body map[string]any
		want int
	}{
		{"hmac instead of plain hash", map[string]any{"vaspCode": code, "accessKey": access, "signedSecretKey": sha512Hex("x" + secret)}, 100020},
		{"openssl prefix", map[string]any{"vaspCode": code, "accessKey": access, "signedSecretKey": "SHA2-512(stdin)= " + sha512Hex(secret)}, 100020},
		{"upper-case hex", map[string]any{"vaspCode": code, "accessKey": access, "signedSecretKey": strings.ToUpper(sha512Hex(secret))}, 100020},
		{"wrong code", map[string]any{"vaspCode": "OTHER", "accessKey": access, "signedSecretKey": sha512Hex(secret)}, 100020},
		{"missing key", map[string]any{"vaspCode": code, "signedSecretKey": sha512Hex(secret)}, 100004},
	}
	for _, tt := range bad {
		if r := call(t, srv, http.MethodPost, gtrtest.PathLogin, nil, tt.body); r.VerifyStatus != tt.want {
			t.Errorf("%s: login = %d %q, want %d", tt.name, r.VerifyStatus, r.VerifyMessage, tt.want)
		}
	}

	minutes := 10
	first := login(t, srv, &minutes)
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, first, nil); r.VerifyStatus != 100000 {
		t.Fatalf("call with token: %d", r.VerifyStatus)
	}
	second := login(t, srv, nil) // logs the first session out
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, first, nil); r.HTTP != 401 || r.VerifyStatus != 100021 {
		t.Errorf("replaced token answered %d/%d, want 401/100021", r.HTTP, r.VerifyStatus)
	}
	advance(365 * 24 * time.Hour) // no expireInMinutes: never expires
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, second, nil); r.VerifyStatus != 100000 {
		t.Errorf("token without expiry answered %d", r.VerifyStatus)
	}
	third := login(t, srv, &minutes)
	advance(10 * time.Minute)
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, third, nil); r.HTTP != 401 || r.VerifyStatus != 100014 {
		t.Errorf("expired token answered %d/%d, want 401/100014", r.HTTP, r.VerifyStatus)
	}
	fourth := login(t, srv, nil)
	srv.ExpireSessions()
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, fourth, nil); r.VerifyStatus != 100014 {
		t.Errorf("ExpireSessions: token answered %d, want 100014", r.VerifyStatus)
	}
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, nil, nil); r.HTTP != 401 || r.VerifyStatus != 100020 {
		t.Errorf("no auth answered %d/%d, want 401/100020", r.HTTP, r.VerifyStatus)
	}
	if got := len(srv.Requests(gtrtest.PathLogin)); got != len(bad)+4 {
		t.Errorf("Requests(login) = %d, want %d", got, len(bad)+4)
	}
}

func TestTokenTTL(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	srv := gtrtest.NewServer(t, gtrtest.WithTokenTTL(time.Minute), gtrtest.WithClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}))
	tok := login(t, srv, nil)
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, tok, nil); r.VerifyStatus != 100014 {
		t.Errorf("token past WithTokenTTL answered %d, want 100014", r.VerifyStatus)
	}
}

// appToken builds an X-Authorization value by hand (spec §3.2).
func appToken(code, access, secret, nonce string, ts time.Time, expires int, tsAsNumber bool) string {
	stamp := strconv.FormatInt(ts.UnixMilli(), 10)
	hash := sha512Hex(secret + code)
	token := sha512Hex(strings.Join([]string{access, hash, nonce, stamp, strconv.Itoa(expires), "1"}, "|"))
	var tsVal any = stamp
	if tsAsNumber {
		tsVal = json.Number(stamp)
	}
	b, _ := json.Marshal(map[string]any{
		"secretToken": token, "accessKey": access, "algorithm": "hmac-sha512", "nonce": nonce,
		"timestamp": tsVal, "expires": expires, "verifyType": 1,
	})
	return base64.StdEncoding.EncodeToString(b)
}

func TestAppToken(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	srv := gtrtest.NewServer(t, gtrtest.WithClock(func() time.Time { return now }))
	code, access, secret := srv.Credentials()
	bearer := login(t, srv, nil)["Authorization"]
	tests := []struct {
		name string
		hdr  map[string]string
		want int
	}{
		{"timestamp as string", map[string]string{"X-Authorization": appToken(code, access, secret, "n1", now, 15, false)}, 100000},
		{"timestamp as number", map[string]string{"X-Authorization": appToken(code, access, secret, "n2", now, 15, true)}, 100000},
		{"nonce reused", map[string]string{"X-Authorization": appToken(code, access, secret, "n1", now, 15, false)}, 100020},
		{"expired", map[string]string{"X-Authorization": appToken(code, access, secret, "n3", now.Add(-10*time.Minute), 15, false)}, 100014},
		{"from the future", map[string]string{"X-Authorization": appToken(code, access, secret, "n4", now.Add(time.Hour), 15, false)}, 100014},
		{"wrong secret", map[string]string{"X-Authorization": appToken(code, access, "WRONG", "n5", now, 15, false)}, 100020},
		{"seconds timestamp", map[string]string{"X-Authorization": appToken(code, access, secret, "n6", time.Unix(now.Unix()/1000, 0), 15, false)}, 100020},
		{"not base64", map[string]string{"X-Authorization": "%%%"}, 100020},
		{"both headers", map[string]string{"X-Authorization": appToken(code, access, secret, "n7", now, 15, false), "Authorization": bearer}, 100020},
	}
	for _, tt := range tests {
		if r := call(t, srv, http.MethodGet, gtrtest.PathVASPList, tt.hdr, nil); r.VerifyStatus != tt.want {
			t.Errorf("%s: answered %d %q, want %d", tt.name, r.VerifyStatus, r.VerifyMessage, tt.want)
		}
	}
}
