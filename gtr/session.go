package gtr

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/vaspkit/vaspkit/internal/sign"
)

// LoginSession is one GTR login session (POST /api/login, spec §3.1): the
// credentials of an API key, the token GTR returned for them and the login
// in flight, if any. A Client made WithLogin has a session of its own; to
// share one between Clients, create it with NewLoginSession and give it to
// each with WithLoginSession.
//
// GTR allows one session per API key (single sign-on): every login logs
// the previous session out, wherever it was made. So:
//
//   - Clients in one process that use the same API key should share one
//     LoginSession. Each with its own session (WithLogin), they log each
//     other out and keep logging in again.
//   - Several processes or replicas cannot share a session: a login from
//     one logs the others out. Give them WithAppToken, which has no session.
//
// A LoginSession holds no transport, logger or timeout of its own. The
// login is sent by the Client whose call needs the token, through that
// Client's pipeline (its certificate, root CAs, retries, logger,
// WithLoginExpiry and WithLoginTimeout); Clients waiting for the same login
// meanwhile share its result. The session is tied to the first base URL a
// Client uses it with (see WithLoginSession), since GTR's environments have
// separate sessions. Nothing but the Clients holding it keeps it alive.
//
// A LoginSession is safe for concurrent use. It never prints its
// credentials or token.
type LoginSession struct {
	creds loginCreds // set once by NewLoginSession

	flight singleflight.Group // the login in flight, shared by its waiters

	mu        sync.Mutex
	baseURL   string      // the platform it is used with; "" until a Client takes it
	token     sign.Secret // the Authorization value: "Bearer " and the token
	gen       uint64      // incremented by every successful login
	refreshAt time.Time   // log in again from then on
}

// NewLoginSession returns a session for GTR's login with the API key in
// GTR's api_key.csv, not logged in yet: the first call of a Client holding
// it logs in. Only the SHA-512 of secretKey is kept. Empty values are
// reported by New (an *ConfigError for WithLoginSession).
//
// Share the session between the Clients of one process that use the same
// API key (WithLoginSession); use WithAppToken across processes.
func NewLoginSession(vaspCode, accessKey, secretKey string) *LoginSession {
	s := &LoginSession{creds: loginCreds{vaspCode: vaspCode, accessKey: accessKey}}
	if secretKey != "" {
		s.creds.signedSecretKey = sign.NewSecret(signedSecretKey(secretKey))
	}
	return s
}

// valid reports whether the session has all three credentials.
func (s *LoginSession) valid() bool {
	return s.creds.vaspCode != "" && s.creds.accessKey != "" && !s.creds.signedSecretKey.IsZero()
}

// bind ties the session to baseURL, the platform of a Client taking it.
func (s *LoginSession) bind(baseURL string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch s.baseURL {
	case "":
		s.baseURL = baseURL
	case baseURL:
	default:
		return &ConfigError{Option: "WithLoginSession", Reason: "the session is already used with another base URL: GTR's environments have separate sessions, create one per platform"}
	}
	return nil
}

// current returns the token when there is one not about to expire.
func (s *LoginSession) current(now time.Time) (sign.Secret, uint64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token.IsZero() || !now.Before(s.refreshAt) {
		return sign.Secret{}, 0, false
	}
	return s.token, s.gen, true
}

// grant is a token and its generation.
type grant struct {
	token sign.Secret
	gen   uint64
}

// authorization returns the Authorization value for a call of c and the
// token's generation, logging in first (through c) when the session has no
// token or it is about to expire. Concurrent callers share one login.
//
// The login runs detached from ctx, bounded by c's login timeout: a caller
// whose ctx ends stops waiting (its error is ctx's) without failing the
// others waiting for the same login, and the token it brings is kept for
// the next call.
func (s *LoginSession) authorization(ctx context.Context, c *Client) (sign.Secret, uint64, error) {
	if tok, gen, ok := s.current(c.now()); ok {
		return tok, gen, nil
	}
	ch := s.flight.DoChan("", func() (any, error) {
		// A login that ended between current and DoChan left a token.
		if tok, gen, ok := s.current(c.now()); ok {
			return grant{tok, gen}, nil
		}
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.loginTimeout)
		defer cancel()
		tok, ttl, err := c.login(lctx, &s.creds)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.gen++
		s.token = sign.NewSecret("Bearer " + tok) // built once, not per call
		s.refreshAt = c.now().Add(ttl - min(ttl/10, 5*time.Minute))
		return grant{s.token, s.gen}, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return sign.Secret{}, 0, r.Err
		}
		g := r.Val.(grant)
		return g.token, g.gen, nil
	case <-ctx.Done():
		return sign.Secret{}, 0, ctx.Err()
	}
}

// invalidate drops the token of generation gen after the server refused
// it. A newer token (another caller already logged in again) is kept.
func (s *LoginSession) invalidate(gen uint64) {
	s.mu.Lock()
	if s.gen == gen {
		s.token = sign.Secret{}
	}
	s.mu.Unlock()
}

// text describes the session by its VASP code and whether it holds a
// token; the access key, the secret's hash and the token are redacted.
func (s *LoginSession) text() string {
	if s == nil {
		return "gtr.LoginSession(nil)"
	}
	s.mu.Lock()
	loggedIn := !s.token.IsZero()
	s.mu.Unlock()
	return fmt.Sprintf("gtr.LoginSession{vaspCode: %s, loggedIn: %t, credentials: %s}", s.creds.vaspCode, loggedIn, sign.Redacted)
}

// Format prints the VASP code and whether the session is logged in, for
// every verb; the credentials and the token are redacted.
func (s *LoginSession) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.text()) }

// LogValue logs what Format prints.
func (s *LoginSession) LogValue() slog.Value { return slog.StringValue(s.text()) }
