package gtr

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TV-1 and TV-2 of spec §12.
func TestPublishedHashVectors(t *testing.T) {
	t.Parallel()
	if got, want := signedSecretKey("DFSD0JFN43SGNDSPIAN30IHSIDFN0SAR3BNFA0ISFNBI0N3RNFWE0F"),
		"6bbb4d21bdb8a0720f9b9850b96b1110c3bcab725d4e829722581461d4ee3cd8f9431e4f4d90c739328d03a04f6280067a1e30de258a85755f214d2942d42b21"; got != want {
		t.Errorf("SignedSecretKey = %s, want %s", got, want)
	}
	if got, want := sha512Hex("8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964"+"f93_faj30ae3"),
		"5875058cd99d05d00d8c794b0e4b779f27f42992cf41639133effe28b8a5c109b8250f3e6c379c485e751b759378c6ded0360ac2c46c78106c879827df898e95"; got != want {
		t.Errorf("vaspSecretKeyHash = %s, want %s", got, want)
	}
}

func TestAppTokenLayout(t *testing.T) {
	t.Parallel()
	issued := time.UnixMilli(1701734400000)
	tok := newAppToken("f93_faj30ae3", "2DF9SDJ3RFA93HFA0F93HAB0S93F", "8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964", "03kadafd039hfa-2dasdf", issued, 15*time.Second)
	raw, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	wantSecret := sha512Hex("2DF9SDJ3RFA93HFA0F93HAB0S93F|5875058cd99d05d00d8c794b0e4b779f27f42992cf41639133effe28b8a5c109b8250f3e6c379c485e751b759378c6ded0360ac2c46c78106c879827df898e95|03kadafd039hfa-2dasdf|1701734400000|15|1")
	want := map[string]any{
		"secretToken": wantSecret, "accessKey": "2DF9SDJ3RFA93HFA0F93HAB0S93F", "algorithm": "hmac-sha512",
		"nonce": "03kadafd039hfa-2dasdf", "timestamp": "1701734400000", "expires": float64(15), "verifyType": float64(1),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("app token JSON (-want +got):\n%s", diff)
	}

	parsed, err := parseAppToken(tok)
	if err != nil {
		t.Fatal(err)
	}
	if err := parsed.verify("f93_faj30ae3", "8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964", issued.Add(10*time.Second), 0); err != nil {
		t.Errorf("Verify: %v", err)
	}
	for name, check := range map[string]error{
		"wrong secret": parsed.verify("f93_faj30ae3", "other", issued, 0),
		"wrong code":   parsed.verify("other", "8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964", issued, 0),
		"expired":      parsed.verify("f93_faj30ae3", "8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964", issued.Add(16*time.Second), 0),
		"future":       parsed.verify("f93_faj30ae3", "8adba6ef063be8370fb9a7fb91d7498e905db8640442e1f5be6964", issued.Add(-2*time.Second), time.Second),
	} {
		if !errors.Is(check, errInvalidAppToken) {
			t.Errorf("%s: err = %v, want errInvalidAppToken", name, check)
		}
	}
	if s := parsed.String(); strings.Contains(s, wantSecret) || !strings.Contains(s, "[REDACTED]") {
		t.Errorf("appToken.String() = %s", s)
	}
	// GTR's Go demo sends timestamp as a number: accepted.
	numeric := base64.StdEncoding.EncodeToString([]byte(`{"secretToken":"x","accessKey":"a","algorithm":"hmac-sha512","nonce":"n","timestamp":1701734400000,"expires":15,"verifyType":1}`))
	if p, err := parseAppToken(numeric); err != nil || !p.Issued.Equal(issued) {
		t.Errorf("numeric timestamp: %v, %v", p, err)
	}
	for _, bad := range []string{"%%%", base64.StdEncoding.EncodeToString([]byte("[]")),
		base64.StdEncoding.EncodeToString([]byte(`{"timestamp":"x","expires":1,"verifyType":1}`)),
		base64.StdEncoding.EncodeToString([]byte(`{"timestamp":"1","expires":-1,"verifyType":1}`))} {
		if _, err := parseAppToken(bad); !errors.Is(err, errInvalidAppToken) {
			t.Errorf("parseAppToken(%q) err = %v", bad, err)
		}
	}
}

// TestAppTokenFreshPerAttempt: every attempt, retries included, carries a
// new token (new nonce) and no Authorization header; there is no login.
func TestAppTokenFreshPerAttempt(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	var mu sync.Mutex
	var nonces []string
	calls := 0
	f.handle("/api/common/v3/vasp/detail", func(w http.ResponseWriter, r *http.Request) {
		tok, err := parseAppToken(r.Header.Get("X-Authorization"))
		if err != nil {
			t.Errorf("app token: %v", err)
		}
		mu.Lock()
		nonces = append(nonces, tok.Nonce)
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"verifyStatus": 100006, "verifyMessage": "GTR Server Fail"})
			return
		}
		reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_vasp"})(w, r)
	})
	c, err := New(WithBaseURL(f.srv.URL), WithAppToken(testVASPCode, testAccessKey, testSecretKey), WithRetry(2, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.VASPDetail(ctxTimeout(t, 5*time.Second), "beta_vasp"); err != nil {
		t.Fatal(err)
	}
	if len(nonces) != 2 || nonces[0] == nonces[1] || len(nonces[0]) != 36 {
		t.Errorf("nonces = %q, want two distinct UUIDs", nonces)
	}
	if f.logins.Load() != 0 {
		t.Errorf("app token client logged in")
	}
	for _, h := range f.headers {
		if h.Get("Authorization") != "" {
			t.Errorf("app token request also carried Authorization")
		}
	}
}

// TestLoginSingleFlight: many concurrent calls on a fresh client log in
// exactly once and all use the same token.
func TestLoginSingleFlight(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.loginGate = make(chan struct{})
	f.handle("/api/verify/query", reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000}))
	c := f.client(t)
	ctx := ctxTimeout(t, 10*time.Second)
	const n = 20
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			_, err := c.Query(ctx, "acme-0001")
			errs <- err
		}()
	}
	time.Sleep(20 * time.Millisecond) // let the calls pile up behind the login
	close(f.loginGate)
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if got := f.logins.Load(); got != 1 {
		t.Errorf("logins = %d, want 1", got)
	}
	if got := f.count("/api/verify/query"); got != n {
		t.Errorf("queries = %d, want %d", got, n)
	}
	// Another Client made WithLogin has a session of its own and logs in
	// itself; see TestLoginSessionOwnership.
}

// TestLoginRefresh: a refused session leads to one new login and one
// repeat, even with many concurrent calls seeing the refusal at once.
func TestLoginRefresh(t *testing.T) {
	t.Parallel()
	for _, refusal := range []struct {
		name   string
		status int
		code   VerifyStatus
	}{
		{"HTTP 401", http.StatusUnauthorized, 0},
		{"session expired on 200", http.StatusOK, statusSessionExpired},
		{"no auth", http.StatusUnauthorized, statusNoAuth},
		{"no login session", http.StatusOK, statusNoLoginSession},
	} {
		t.Run(refusal.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			var mu sync.Mutex
			refused := map[string]bool{}
			f.handle("/api/verify/query", func(w http.ResponseWriter, r *http.Request) {
				tok := r.Header.Get("Authorization")
				mu.Lock()
				first := tok == "Bearer jwt-1" // the first session is "expired" server-side
				refused[tok] = refused[tok] || first
				mu.Unlock()
				if first {
					body := map[string]any{"verifyMessage": "Session expired"}
					if refusal.code != 0 {
						body["verifyStatus"] = int(refusal.code)
					}
					writeJSON(w, refusal.status, body)
					return
				}
				reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000})(w, r)
			})
			c := f.client(t)
			ctx := ctxTimeout(t, 10*time.Second)
			var wg sync.WaitGroup
			for i := 0; i < 10; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := c.Query(ctx, "acme-0001"); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if got := f.logins.Load(); got != 2 {
				t.Errorf("logins = %d, want 2 (one refresh shared by all)", got)
			}
		})
	}
}

// TestLoginRefreshOnce: a second refusal after the re-login is returned.
func TestLoginRefreshOnce(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle("/api/verify/query", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"verifyStatus": 100014, "verifyMessage": "Session expired"})
	})
	c := f.client(t)
	_, err := c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if got, calls := f.logins.Load(), f.count("/api/verify/query"); got != 2 || calls != 2 {
		t.Errorf("logins = %d, calls = %d; want 2 and 2", got, calls)
	}
}

func TestLoginFailure(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	c, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, "wrong"), WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "login") {
		t.Fatalf("err = %v, want a login ErrUnauthorized", err)
	}
	if f.count("/api/verify/query") != 0 {
		t.Error("the call was sent without a session")
	}
	var req loginRequest
	if err := json.Unmarshal(f.lastBody("/api/login"), &req); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(loginRequest{VASPCode: testVASPCode, AccessKey: testAccessKey, SignedSecretKey: signedSecretKey("wrong"), ExpireInMinutes: 1440}, req); diff != "" {
		t.Errorf("login body (-want +got):\n%s", diff)
	}
}

// TestLoginProactiveRefresh: a token close to its expiry is replaced
// before use.
func TestLoginProactiveRefresh(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle("/api/verify/query", reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000}))
	now := time.Now()
	var mu sync.Mutex
	c, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey), WithLoginExpiry(10*time.Minute),
		WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxTimeout(t, 5*time.Second)
	if _, err := c.Query(ctx, "acme-0001"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(9*time.Minute + 30*time.Second) // within the last tenth
	mu.Unlock()
	if _, err := c.Query(ctx, "acme-0001"); err != nil {
		t.Fatal(err)
	}
	if got := f.logins.Load(); got != 2 {
		t.Errorf("logins = %d, want 2", got)
	}
}

// TestLoginCallerGivesUp: a caller whose ctx ends does not fail the login
// the others wait on.
func TestLoginCallerGivesUp(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.loginGate = make(chan struct{})
	f.handle("/api/verify/query", reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000}))
	c := f.client(t)
	short, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Query(short, "acme-0001")
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: err = %v", err)
	}
	patient := make(chan error, 1)
	go func() {
		_, err := c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
		patient <- err
	}()
	close(f.loginGate)
	if err := <-patient; err != nil {
		t.Errorf("patient caller: %v", err)
	}
	if got := f.logins.Load(); got != 1 {
		t.Errorf("logins = %d, want 1", got)
	}
}
