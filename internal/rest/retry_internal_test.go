package rest

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	const limit = 30 * time.Second
	future := time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		status int
		header string
		min    time.Duration
		max    time.Duration
	}{
		{429, "", 0, 0},
		{429, "2", 2 * time.Second, 2 * time.Second},
		{503, "2", 2 * time.Second, 2 * time.Second},
		{500, "2", 0, 0}, // only 429 and 503 carry a Retry-After we honour
		{429, "0", 0, 0},
		{429, "-5", 0, 0},
		{429, "999999999999999999999", limit, limit},
		{429, "3600", limit, limit},
		{429, "soon", 0, 0},
		{429, future, 8 * time.Second, 10 * time.Second},
		{429, "Mon, 02 Jan 2006 15:04:05 GMT", 0, 0}, // in the past
	}
	for _, tt := range tests {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
		if tt.header != "" {
			resp.Header.Set("Retry-After", tt.header)
		}
		got := retryAfter(resp, limit)
		if got < tt.min || got > tt.max {
			t.Errorf("retryAfter(%d, %q) = %v, want within [%v, %v]", tt.status, tt.header, got, tt.min, tt.max)
		}
	}
}

func TestBackoffWaitIsJitteredAndCapped(t *testing.T) {
	t.Parallel()
	for n := 0; n < 12; n++ {
		for i := 0; i < 50; i++ {
			d := backoffWait(100*time.Millisecond, 2*time.Second, n)
			full := 100 * time.Millisecond << n
			if full > 2*time.Second || full <= 0 {
				full = 2 * time.Second
			}
			if d < full/2 || d > full {
				t.Fatalf("backoffWait(n=%d) = %v, want within [%v, %v]", n, d, full/2, full)
			}
		}
	}
}

// FuzzRetryAfter: the Retry-After header is outside input; whatever it
// holds, the wait is within [0, cap] and nothing panics.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "1", "120", "-1", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {v}}}
		if d := retryAfter(resp, time.Minute); d < 0 || d > time.Minute {
			t.Fatalf("retryAfter(%q) = %v, outside [0, 1m]", v, d)
		}
	})
}

// TestURLMatchesUnescapeRoundTrip: the URL a request is sent to is the
// base path joined with the escaped path, unescaped once, whether or not
// the path holds an escape, and prints as it was written.
func TestURLMatchesUnescapeRoundTrip(t *testing.T) {
	t.Parallel()
	c, err := New(Config{BaseURL: "https://api.example.test:/api/v1/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, wantPath, wantURL string }{
		{"/api/verify/one_step", "/api/v1/api/verify/one_step", "https://api.example.test/api/v1/api/verify/one_step"},
		{"/a!b(c)*", "/api/v1/a!b(c)*", "https://api.example.test/api/v1/a!b(c)*"},
		{"/txns/a%2Fb%20c/data", "/api/v1/txns/a/b c/data", "https://api.example.test/api/v1/txns/a%2Fb%20c/data"},
		{"/bad%zz", "/api/v1/bad%zz", "https://api.example.test/api/v1/bad%25zz"},
		{"/sp ace", "/api/v1/sp ace", "https://api.example.test/api/v1/sp%20ace"},
	}
	for _, tc := range tests {
		u := c.url(tc.path, nil)
		if u.Path != tc.wantPath || u.String() != tc.wantURL {
			t.Errorf("url(%q) = path %q, %q; want %q, %q", tc.path, u.Path, u.String(), tc.wantPath, tc.wantURL)
		}
	}
}
