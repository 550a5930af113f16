package gtr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/sign"
)

// loginRecorder wraps f's login and records the User-Agent of each login
// request, which names the Client that sent it.
func loginRecorder(f *fake) func() []string {
	var mu sync.Mutex
	var agents []string
	f.handle(loginPath, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		agents = append(agents, r.Header.Get("User-Agent"))
		mu.Unlock()
		f.login(w, body)
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), agents...)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestLoginSessionOwnership: a Client made WithLogin has a session of its
// own, so two such Clients log in separately (and, GTR's login being
// single sign-on, log each other out); Clients given one LoginSession log
// in once between them. The login is sent by the Client whose call needs
// it, through its own pipeline (its User-Agent, its logger).
func TestLoginSessionOwnership(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		shared bool
		calls  []int // which client calls, in order
		// concurrent: every client makes its calls at once instead.
		concurrent bool
		wantLogins []string // User-Agents of the login requests
		// wantLoggedIn: which clients' loggers report a login.
		wantLoggedIn []bool
	}{
		{name: "WithLogin each: a login each", calls: []int{0, 1},
			wantLogins: []string{"client-0", "client-1"}, wantLoggedIn: []bool{true, true}},
		{name: "WithLogin each: they log each other out", calls: []int{0, 1, 0, 1},
			wantLogins: []string{"client-0", "client-1", "client-0", "client-1"}, wantLoggedIn: []bool{true, true}},
		{name: "one shared session: one login", shared: true, calls: []int{0, 1, 0, 1},
			wantLogins: []string{"client-0"}, wantLoggedIn: []bool{true, false}},
		{name: "one shared session: sent by the client that needs it", shared: true, calls: []int{1, 0},
			wantLogins: []string{"client-1"}, wantLoggedIn: []bool{false, true}},
		{name: "one shared session: concurrent calls", shared: true, concurrent: true, calls: []int{0, 1, 0, 1, 0, 1, 0, 1},
			wantLogins: []string{"?"}, wantLoggedIn: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			logins := loginRecorder(f)
			f.handle("/api/verify/query", reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000}))
			shared := NewLoginSession(testVASPCode, testAccessKey, testSecretKey)
			var clients []*Client
			var logs []*syncBuffer
			for i := range 2 {
				auth := WithLogin(testVASPCode, testAccessKey, testSecretKey)
				if tt.shared {
					auth = WithLoginSession(shared)
				}
				buf := &syncBuffer{}
				logs = append(logs, buf)
				clients = append(clients, f.client(t, auth, WithUserAgent(fmt.Sprintf("client-%d", i)),
					WithLogger(slog.New(slog.NewTextHandler(buf, nil)))))
			}
			ctx := ctxTimeout(t, 10*time.Second)
			var wg sync.WaitGroup
			for _, i := range tt.calls {
				call := func() {
					if _, err := clients[i].Query(ctx, "acme-0001"); err != nil {
						t.Errorf("client %d: %v", i, err)
					}
				}
				if tt.concurrent {
					wg.Go(call)
				} else {
					call()
				}
			}
			wg.Wait()
			got := logins()
			if tt.concurrent && len(got) == 1 {
				got = []string{"?"} // either client may log in
			}
			if diff := cmp.Diff(tt.wantLogins, got); diff != "" {
				t.Errorf("logins (-want +got):\n%s", diff)
			}
			if tt.wantLoggedIn != nil {
				var loggedIn []bool
				for _, b := range logs {
					loggedIn = append(loggedIn, strings.Contains(b.String(), "gtr: logged in"))
				}
				if diff := cmp.Diff(tt.wantLoggedIn, loggedIn); diff != "" {
					t.Errorf("clients whose logger reports a login (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestLoginSessionBaseURL: a session belongs to one platform. New refuses
// it for a Client of another base URL, and a Client New refused for
// another reason does not claim it.
func TestLoginSessionBaseURL(t *testing.T) {
	t.Parallel()
	const a, b = "http://127.0.0.1:1", "http://127.0.0.1:2"
	tests := []struct {
		name    string
		first   []Option // a Client made first, which may fail
		second  string   // the base URL of a second Client
		wantErr bool     // the second is refused
	}{
		{"same base URL", []Option{WithBaseURL(a)}, a, false},
		{"same base URL but a trailing slash", []Option{WithBaseURL(a + "/")}, a, false},
		{"other base URL", []Option{WithBaseURL(a)}, b, true},
		{"first Client refused", []Option{WithBaseURL(a), WithAppToken("x", "y", "z")}, b, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewLoginSession(testVASPCode, testAccessKey, testSecretKey)
			_, _ = New(append([]Option{WithLoginSession(s)}, tt.first...)...)
			_, err := New(WithLoginSession(s), WithBaseURL(tt.second))
			var ce *ConfigError
			if got := errors.As(err, &ce) && ce.Option == "WithLoginSession" && errors.Is(err, ErrConfig); got != tt.wantErr {
				t.Errorf("second New = %v, want refused: %v", err, tt.wantErr)
			}
			if !tt.wantErr && err != nil {
				t.Errorf("second New = %v", err)
			}
		})
	}
}

// TestLoginTimeout: WithLoginTimeout bounds a login that hangs, whatever
// the caller's ctx allows; the caller's ctx bounds its own wait.
func TestLoginTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		loginTimeout time.Duration
		callerCtx    time.Duration
		want         error
	}{
		{"the login's own timeout", 100 * time.Millisecond, 20 * time.Second, context.DeadlineExceeded},
		{"the caller's deadline", 20 * time.Second, 100 * time.Millisecond, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			gate := make(chan struct{})
			f.loginGate = gate
			t.Cleanup(func() { close(gate) }) // before the server closes
			c := f.client(t, WithLoginTimeout(tt.loginTimeout), WithRetry(0, 0, 0))
			start := time.Now()
			_, err := c.Query(ctxTimeout(t, tt.callerCtx), "acme-0001")
			var le *LoginError
			if !errors.As(err, &le) || !errors.Is(err, tt.want) {
				t.Errorf("Query = %v, want a *LoginError matching %v", err, tt.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("Query returned after %v", d)
			}
		})
	}
}

// TestLoginSessionsAreCollected: a Client keeps nothing in the package.
// Once the Clients are gone, so are their sessions: no process-wide
// registry holds on to them.
func TestLoginSessionsAreCollected(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle("/api/verify/query", reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000}))
	ctx := ctxTimeout(t, 10*time.Second)
	const n = 20
	var collected atomic.Int32
	func() {
		for range n {
			c := f.client(t)
			if _, err := c.Query(ctx, "acme-0001"); err != nil {
				t.Fatal(err)
			}
			runtime.AddCleanup(c.session, func(n *atomic.Int32) { n.Add(1) }, &collected)
		}
	}()
	for deadline := time.Now().Add(10 * time.Second); collected.Load() < n && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := collected.Load(); got != n {
		t.Errorf("%d of %d sessions collected after their Clients were dropped", got, n)
	}
}

// packageVars are the package-level variables the package may have: error
// sentinels (Err…, checked apart) and read-only tables. Anything else would
// be state shared by every Client in the process.
var packageVars = map[string]string{
	"gtrEgressIPs":      "read-only: GTR's published callback source addresses",
	"fieldTable":        "read-only: GTR's field catalogue",
	"fieldIndex":        "read-only: built once from fieldTable",
	"statusNames":       "read-only: verifyStatus names",
	"callbackTypeNames": "read-only: callback type names",
}

// TestNoPackageState inspects the package source: no package-level
// variable but error sentinels and the read-only tables of packageVars.
// Sessions, caches and the like belong to a Client (or to an object the
// user creates and hands to Clients, such as a LoginSession).
func TestNoPackageState(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if strings.HasPrefix(id.Name, "Err") && i < len(vs.Values) && isSentinel(vs.Values[i]) {
						continue
					}
					if packageVars[id.Name] == "" {
						got = append(got, fmt.Sprintf("%s: %s", fset.Position(id.Pos()), id.Name))
					}
				}
			}
		}
	}
	sort.Strings(got)
	if len(got) > 0 {
		t.Errorf("package-level variables (process-wide state; give it to a Client instead):\n%s", strings.Join(got, "\n"))
	}
}

// isSentinel reports an errors.New call or another package's sentinel.
func isSentinel(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == "errors" && sel.Sel.Name == "New"
	case *ast.SelectorExpr:
		return strings.HasPrefix(e.Sel.Name, "Err")
	case *ast.Ident:
		return strings.HasPrefix(e.Name, "Err")
	}
	return false
}

// TestLoginSessionRedacted: a session prints its VASP code and whether it
// is logged in, never its access key, the hash of its secret key or its
// token, under any verb nor through slog.
func TestLoginSessionRedacted(t *testing.T) {
	t.Parallel()
	const (
		code   = "CANARYCODE0001"
		access = "CANARYACCESS0002"
		secret = "CANARYSECRET0003"
		tok    = "CANARYTOKEN0004"
	)
	s := NewLoginSession(code, access, secret)
	s.token = sign.NewSecret("Bearer " + tok)
	out := redactOutputs(s, redactVerbs)
	for _, c := range []string{access, secret, signedSecretKey(secret)[:16], tok} {
		for _, enc := range redactEncodings(c) {
			if strings.Contains(out, enc) {
				t.Errorf("%s leaked", c)
			}
		}
	}
	if want := "gtr.LoginSession{vaspCode: " + code + ", loggedIn: true, credentials: [REDACTED]}"; fmt.Sprint(s) != want {
		t.Errorf("String() = %s, want %s", fmt.Sprint(s), want)
	}
}
