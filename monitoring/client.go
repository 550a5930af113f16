package monitoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// DefaultBaseURL serves both sandbox and production; the app token decides
// which.
const DefaultBaseURL = "https://api.sumsub.com"

// Client talks to Sumsub's transaction monitoring API. It is safe for
// concurrent use; create one per app token and share it.
type Client struct {
	rest        *rest.Client
	limiter     Limiter
	strictEnums bool
}

// New returns a Client. It needs WithAppToken and does no I/O.
func New(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			return nil, optErr("New", "nil option")
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.token.IsZero() || cfg.secret.IsZero() {
		return nil, optErr("WithAppToken", "required")
	}
	signer, err := sign.NewSumsub(cfg.token.Reveal(), cfg.secret.Reveal(), cfg.now)
	if err != nil {
		return nil, optErr("WithAppToken", err.Error())
	}
	if cfg.limiter == nil && !cfg.noLimiter {
		cfg.limiter = NewTokenBucket(DefaultRateLimit, DefaultRatePeriod)
	}
	rc := rest.Config{
		BaseURL:          cfg.baseURL,
		HTTPClient:       cfg.hc,
		Signer:           &postLimiter{signer: signer, limiter: cfg.limiter},
		DecodeError:      decodeError,
		Logger:           cfg.logger,
		UserAgent:        cfg.userAgent,
		RequestIDHeaders: []string{"X-Correlation-Id", "X-Request-Id"},
		RetryMax:         cfg.retryMax,
		RetryWaitMin:     cfg.waitMin,
		RetryWaitMax:     cfg.waitMax,
		RetryAfterCap:    cfg.retryAfterCap,
		Middleware:       cfg.middleware,
	}
	if cfg.budget >= 0 {
		rc.Budget = rest.NewBudget(cfg.budget)
	}
	r, err := rest.New(rc)
	switch {
	case errors.Is(err, rest.ErrPlainHTTP):
		return nil, optErr("WithBaseURL", errPlainHTTP)
	case err != nil:
		return nil, optErr("WithBaseURL", strings.TrimPrefix(err.Error(), "rest: "))
	}
	return &Client{rest: r, limiter: cfg.limiter, strictEnums: cfg.strictEnums}, nil
}

// String describes the client without credentials.
func (c *Client) String() string {
	if c == nil || c.rest == nil {
		return "monitoring.Client(nil)"
	}
	return "monitoring.Client(" + c.rest.BaseURL().String() + ")"
}

// GoString is String, so %#v shows no credentials either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so no verb (%+v, %x, %d …) reaches
// the signer, its credentials or any other internal field.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// postLimiter waits on the rate limiter before signing every POST attempt,
// so retries count against the limit too, then signs with a fresh
// timestamp.
type postLimiter struct {
	signer  *sign.Sumsub
	limiter Limiter
}

func (p *postLimiter) Sign(req *http.Request, body []byte) error {
	if p.limiter != nil && req.Method == http.MethodPost {
		if err := p.limiter.Wait(req.Context()); err != nil {
			return &limiterError{err: err}
		}
	}
	return p.signer.Sign(req, body)
}

// limiterError is a rate-limiter wait cut short by the context.
type limiterError struct{ err error }

func (e *limiterError) Error() string {
	return "monitoring: waiting for the rate limiter: " + e.err.Error()
}
func (e *limiterError) Unwrap() error { return e.err }

// do sends r and decodes a 2xx body into out (nil: ignore the body). A
// body out cannot take — empty (unless emptyOK), not decodable, or a
// transaction without its id — is a *MalformedResponseError.
func (c *Client) do(ctx context.Context, r *rest.Request, out any, emptyOK bool, meta *rest.Meta) error {
	if ctx == nil {
		return errors.New("monitoring: nil context")
	}
	var (
		raw []byte
		m   rest.Meta
	)
	if meta == nil {
		meta = &m
	}
	if err := r.Into(&raw).Meta(meta).Do(ctx); err != nil {
		return fromRest(err)
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		if emptyOK {
			return nil
		}
		return &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: errEmptyBody}
	}
	if err := unmarshalInto(raw, out); err != nil {
		return &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	return nil
}

// read sends a call that changes nothing and decodes its body into out.
func (c *Client) read(ctx context.Context, r *rest.Request, out any) error {
	return c.do(ctx, r, out, false, nil)
}

// write sends a call that changes state (named call in errors) and
// decodes its body into out. A 2xx answer out cannot take is an
// *OutcomeUnknownError: Sumsub carried the call out, and what it did is
// not known. emptyOK accepts an empty body where Sumsub documents none.
func (c *Client) write(ctx context.Context, call string, r *rest.Request, out any, emptyOK bool) error {
	err := c.do(ctx, r, out, emptyOK, nil)
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return &OutcomeUnknownError{Err: err, call: call}
	}
	return err
}

// unmarshalInto decodes a response: wire structs with the wire codec,
// anything else with encoding/json.
func unmarshalInto(raw []byte, out any) error {
	switch v := out.(type) {
	case *Result:
		*v = Result{}
		if err := unmarshalWire(raw, v); err != nil {
			return err
		}
		if v.ID == "" {
			// null, {} or another object: no transaction to act on.
			return errNoID
		}
		return nil
	case *Note:
		*v = Note{}
		return unmarshalWire(raw, v)
	case *json.RawMessage:
		*v = append((*v)[:0], raw...)
		return nil
	}
	return json.Unmarshal(raw, out)
}

// requireID checks a Sumsub transaction id argument.
func requireID(name, id string) error {
	if id == "" {
		return &ValidationError{Problems: []FieldError{{Path: name, Rule: "REQUIRED", Message: "required"}}}
	}
	return nil
}
