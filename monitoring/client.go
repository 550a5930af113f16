package monitoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// defaultBaseURL serves both sandbox and production; the app token decides
// which.
const defaultBaseURL = "https://api.sumsub.com"

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
	signer, err := sign.NewSumsub(cfg.token.Reveal(), cfg.secret.Reveal(), cfg.common.Clock())
	if err != nil {
		return nil, optErr("WithAppToken", err.Error())
	}
	if cfg.limiter == nil && !cfg.noLimiter {
		cfg.limiter = newRateLimiter(defaultRateLimit, defaultRatePeriod)
	}
	rc := rest.Config{
		BaseURL:          cfg.baseURL,
		Signer:           signer,
		Limiter:          limitStage(cfg.limiter),
		DecodeError:      decodeError,
		RequestIDHeaders: []string{"X-Correlation-Id", "X-Request-Id"},
	}
	cfg.common.Apply(&rc)
	r, err := rest.New(rc)
	switch {
	case errors.Is(err, rest.ErrPlainHTTP):
		return nil, optErr("WithBaseURL", errPlainHTTP)
	case err != nil:
		return nil, optErr("WithBaseURL", strings.TrimPrefix(err.Error(), "rest: "))
	}
	return &Client{rest: r, limiter: cfg.limiter, strictEnums: cfg.strictEnums}, nil
}

// describe describes the client without credentials.
func (c *Client) describe() string {
	if c == nil || c.rest == nil {
		return "monitoring.Client(nil)"
	}
	return "monitoring.Client(" + c.rest.BaseURL().String() + ")"
}

// Format prints the base URL for every verb, so no verb (%+v, %#v, %x …)
// reaches the signer, its credentials or any other internal field.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.describe()) }

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
			setMeta(out, meta)
			return nil
		}
		return &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: errEmptyBody}
	}
	if err := unmarshalInto(raw, out); err != nil {
		return &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	setMeta(out, meta)
	return nil
}

// setMeta fills the Meta of a result do decoded.
func setMeta(out any, m *rest.Meta) {
	switch v := out.(type) {
	case *Result:
		v.Meta = metaOf(m)
	case *Note:
		v.Meta = metaOf(m)
	}
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

// requireID checks a required id argument.
func requireID[T ~string](name string, id T) error {
	if id == "" {
		return &ValidationError{Problems: []FieldError{{Path: name, Rule: "REQUIRED", Message: "required"}}}
	}
	return nil
}
