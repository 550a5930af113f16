package sign

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// strigaExample is the worked example of spec/striga.md §2, copied verbatim
// (Striga publishes no numeric vector; the spec computed it from the
// documented algorithm). The MD5 of "{}" is the value printed in Striga's
// authentication page.
var strigaExample = struct {
	secret, ms, method, endpoint, body, bodyMD5, authorization string
}{
	secret:        "test-api-secret",
	ms:            "1700000000000",
	method:        "POST",
	endpoint:      "/user/create",
	body:          `{"firstName":"Ada","lastName":"Lovelace"}`,
	bodyMD5:       "c9c5c7f5d90bfc4e7ade91519e526963",
	authorization: "HMAC 1700000000000:4250db2617af84e49945d6d1643e0200d4d5838d42c56eaa8c047cfec404a6e5",
}

func TestStrigaContentHash(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"worked example body", strigaExample.body, strigaExample.bodyMD5},
		{"GET signs {} (value printed by Striga)", "{}", "99914b932bd37a50b983c5e7c90ae93b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, md5Hex([]byte(tt.body))); diff != "" {
				t.Errorf("md5 (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStrigaSignatureVector(t *testing.T) {
	t.Parallel()
	e := strigaExample
	got := "HMAC " + e.ms + ":" + StrigaSignature([]byte(e.secret), e.ms, e.method, e.endpoint, []byte(e.body))
	if diff := cmp.Diff(e.authorization, got); diff != "" {
		t.Errorf("Authorization (-want +got):\n%s", diff)
	}
}

func TestStrigaSignVector(t *testing.T) {
	t.Parallel()
	e := strigaExample
	s, err := NewStriga("test-api-key", e.secret, "", fixedClock(time.UnixMilli(1700000000000)))
	if err != nil {
		t.Fatal(err)
	}
	req := newRequest(t, e.method, "https://www.sandbox.striga.com/api/v1"+e.endpoint)
	if err := s.Sign(req, []byte(e.body)); err != nil {
		t.Fatal(err)
	}
	want := http.Header{
		"Api-Key":       {"test-api-key"},
		"Authorization": {e.authorization},
	}
	if diff := cmp.Diff(want, req.Header); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}

func TestStrigaSignsWhatIsSent(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1700000000123)
	tests := []struct {
		name, basePath, method, url string
		body                        []byte
		wantEndpoint                string
		wantSignedBody              []byte
	}{
		{"GET signs {}", "", http.MethodGet, "https://www.sandbox.striga.com/api/v1/user/abc", nil, "/user/abc", []byte("{}")},
		{"empty body signs {}", "", http.MethodPost, "https://x/api/v1/wallets/get/all", []byte{}, "/wallets/get/all", []byte("{}")},
		{"empty method is GET", "", "", "https://x/api/v1/ping", nil, "/ping", []byte("{}")},
		{"body signed as given", "", http.MethodPost, "https://x/api/v1/travel-rule/widget-session", []byte(`{"a":"<b>"}`), "/travel-rule/widget-session", []byte(`{"a":"<b>"}`)},
		{"query kept after base path", "", http.MethodGet, "https://x/api/v1/a?b=c%20d", nil, "/a?b=c%20d", []byte("{}")},
		{"explicit base path with trailing slash", "/api/v1/", http.MethodGet, "https://x/api/v1/a", nil, "/a", []byte("{}")},
		{"other base path", "/gw/striga/api/v1", http.MethodGet, "https://x/gw/striga/api/v1/a", nil, "/a", []byte("{}")},
		{"base path / strips nothing", "/", http.MethodGet, "https://x/api/v0/a", nil, "/api/v0/a", []byte("{}")},
		{"path equal to base path", "", http.MethodGet, "https://x/api/v1", nil, "", []byte("{}")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewStriga("key", "sec", tt.basePath, fixedClock(at))
			if err != nil {
				t.Fatal(err)
			}
			req := newRequest(t, tt.method, tt.url)
			if err := s.Sign(req, tt.body); err != nil {
				t.Fatal(err)
			}
			m := tt.method
			if m == "" {
				m = http.MethodGet
			}
			want := "HMAC 1700000000123:" + StrigaSignature([]byte("sec"), "1700000000123", m, tt.wantEndpoint, tt.wantSignedBody)
			if diff := cmp.Diff(want, req.Header.Get(StrigaAuthorizationHeader)); diff != "" {
				t.Errorf("Authorization (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStrigaSignOutsideBasePath(t *testing.T) {
	t.Parallel()
	s, err := NewStriga("key", "sec", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://x/user/create", "https://x/api/v10/user", "https://x/api/v0/user", "https://x/API/v1/user"} {
		req := newRequest(t, http.MethodGet, u)
		checkErr(t, s.Sign(req, nil), ErrInvalidRequest)
		if req.Header.Get(StrigaAuthorizationHeader) != "" {
			t.Errorf("%s: Authorization set on a refused request", u)
		}
	}
	checkErr(t, s.Sign(nil, nil), ErrInvalidRequest)
}

func TestNewStrigaRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, key, secret, basePath string
		want                        error
	}{
		{"no key", "", "sec", "", ErrEmptyCredential},
		{"no secret", "key", "", "", ErrEmptyCredential},
		{"relative base path", "key", "sec", "api/v1", ErrInvalidBasePath},
		{"URL as base path", "key", "sec", "https://x/api/v1", ErrInvalidBasePath},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewStriga(tt.key, tt.secret, tt.basePath, nil)
			checkErr(t, err, tt.want)
			if s != nil {
				t.Errorf("signer = %p, want nil", s)
			}
		})
	}
}

func TestVerifyStriga(t *testing.T) {
	t.Parallel()
	at := time.UnixMilli(1700000000000)
	secret := []byte("sec")
	body := []byte(`{"userId":"u"}`)
	s, err := NewStriga("key", string(secret), "", fixedClock(at))
	if err != nil {
		t.Fatal(err)
	}
	signed := newRequest(t, http.MethodPost, "https://x/api/v1/travel-rule/widget-session")
	if err := s.Sign(signed, body); err != nil {
		t.Fatal(err)
	}
	get := newRequest(t, http.MethodGet, "https://x/api/v1/user/u")
	if err := s.Sign(get, nil); err != nil {
		t.Fatal(err)
	}
	auth := signed.Header.Get(StrigaAuthorizationHeader)
	setAuth := func(v string) *http.Request {
		return cloneWith(signed, func(h http.Header) { h.Set(StrigaAuthorizationHeader, v) })
	}
	tests := []struct {
		name       string
		req        *http.Request
		body       []byte
		secret     []byte
		basePath   string
		now        time.Time
		skew       time.Duration
		want       error
		wantHeader string
	}{
		{name: "valid", req: signed, body: body, secret: secret, now: at, skew: time.Minute},
		{name: "valid GET, no body", req: get, secret: secret, now: at},
		{name: "valid GET, {} received", req: get, body: []byte("{}"), secret: secret, now: at},
		{name: "nil request", want: ErrInvalidRequest},
		{name: "bad base path", req: signed, body: body, secret: secret, basePath: "api", now: at, want: ErrInvalidBasePath},
		{name: "outside base path", req: signed, body: body, secret: secret, basePath: "/api/v2", now: at, want: ErrInvalidRequest},
		{name: "missing api-key", req: cloneWith(signed, func(h http.Header) { h.Del(StrigaAPIKeyHeader) }), body: body, secret: secret, now: at, want: ErrMissingHeader, wantHeader: "Api-Key"},
		{name: "missing Authorization", req: setAuth(""), body: body, secret: secret, now: at, want: ErrMissingHeader, wantHeader: "Authorization"},
		{name: "Bearer scheme", req: setAuth("Bearer " + strings.TrimPrefix(auth, "HMAC ")), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: "Authorization"},
		{name: "no colon", req: setAuth("HMAC 1700000000000"), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: "Authorization"},
		{name: "ms not decimal", req: setAuth("HMAC 17e11:" + auth[len(auth)-64:]), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: "Authorization"},
		{name: "short signature", req: setAuth(auth[:len(auth)-2]), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: "Authorization"},
		{name: "signature not hex", req: setAuth(auth[:len(auth)-1] + "g"), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: "Authorization"},
		{name: "ts in seconds is skew", req: setAuth("HMAC 1700000000:" + auth[len(auth)-64:]), body: body, secret: secret, now: at, skew: time.Minute, want: ErrClockSkew},
		{name: "too old", req: signed, body: body, secret: secret, now: at.Add(time.Minute + time.Millisecond), skew: time.Minute, want: ErrClockSkew},
		{name: "wrong secret", req: signed, body: body, secret: []byte("other"), now: at, want: ErrBadSignature},
		{name: "body changed", req: signed, body: []byte(`{"userId":"v"}`), secret: secret, now: at, want: ErrBadSignature},
		{name: "ms changed", req: setAuth("HMAC 1700000000001:" + auth[len(auth)-64:]), body: body, secret: secret, now: at, want: ErrBadSignature},
		{name: "signed with /api/v1 included", req: setAuth("HMAC 1700000000000:" + StrigaSignature(secret, "1700000000000", "POST", "/api/v1/travel-rule/widget-session", body)), body: body, secret: secret, now: at, want: ErrBadSignature},
		{name: "upper-case hex accepted", req: setAuth("HMAC 1700000000000:" + strings.ToUpper(auth[len(auth)-64:])), body: body, secret: secret, now: at},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := VerifyStriga(tt.req, tt.body, tt.secret, tt.basePath, tt.now, tt.skew)
			checkErr(t, err, tt.want)
			if diff := cmp.Diff(tt.wantHeader, headerOf(err)); diff != "" {
				t.Errorf("HeaderError.Header (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStrigaRoundTripOverHTTP(t *testing.T) {
	t.Parallel()
	secret := []byte("sec")
	results := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		results <- VerifyStriga(r, b, secret, "", time.Now(), time.Minute)
	}))
	defer srv.Close()
	s, err := NewStriga("key", string(secret), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		body         []byte
	}{
		{http.MethodPost, "/api/v1/travel-rule/widget-session", []byte(`{"currency":"BTC"}`)},
		{http.MethodGet, "/api/v1/user/550e8400-e29b-41d4-a716-446655440000", nil},
		{http.MethodPatch, "/api/v1/counterparty/a%2Fb", []byte(`{}`)},
	}
	for _, tt := range tests {
		req := newRequest(t, tt.method, srv.URL+tt.path)
		if tt.body != nil {
			req.Body = io.NopCloser(bytes.NewReader(tt.body))
			req.ContentLength = int64(len(tt.body))
		}
		if err := s.Sign(req, tt.body); err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if err := <-results; err != nil {
			t.Errorf("%s %s: server verification: %v", tt.method, tt.path, err)
		}
	}
}

func TestParseStrigaAuthorization(t *testing.T) {
	t.Parallel()
	sig := strings.Repeat("ab", 32)
	tests := []struct {
		in, wantMS, wantSig string
		wantOK              bool
	}{
		{"HMAC 1700000000000:" + sig, "1700000000000", sig, true},
		{"HMAC 0:" + sig, "0", sig, true},
		{"hmac 1:" + sig, "", "", false},
		{"HMAC  1:" + sig, "", "", false},
		{"HMAC :" + sig, "", "", false},
		{"HMAC 1:" + sig + "00", "", "", false},
		{"HMAC 1:2:" + sig, "", "", false},
		{"HMAC 99999999999999999999:" + sig, "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		ms, s, ok := parseStrigaAuthorization(tt.in)
		if diff := cmp.Diff([]any{tt.wantMS, tt.wantSig, tt.wantOK}, []any{ms, s, ok}); diff != "" {
			t.Errorf("parseStrigaAuthorization(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
