package rest_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/rest"
)

type optMW func(http.RoundTripper) http.RoundTripper

func TestOptionSetters(t *testing.T) {
	t.Parallel()
	pass := func(rt http.RoundTripper) http.RoundTripper { return rt }
	tests := []struct {
		name       string
		set        func(c *rest.Options) *rest.OptionError
		wantOption string // "" when accepted
	}{
		{"http client", func(c *rest.Options) *rest.OptionError { return c.SetHTTPClient(&http.Client{}) }, ""},
		{"nil http client", func(c *rest.Options) *rest.OptionError { return c.SetHTTPClient(nil) }, "WithHTTPClient"},
		{"logger", func(c *rest.Options) *rest.OptionError { return c.SetLogger(slog.Default()) }, ""},
		{"nil logger", func(c *rest.Options) *rest.OptionError { return c.SetLogger(nil) }, "WithLogger"},
		{"user agent", func(c *rest.Options) *rest.OptionError { return c.SetUserAgent("me/1") }, ""},
		{"empty user agent", func(c *rest.Options) *rest.OptionError { return c.SetUserAgent("") }, "WithUserAgent"},
		{"two-line user agent", func(c *rest.Options) *rest.OptionError { return c.SetUserAgent("a\r\nX: y") }, "WithUserAgent"},
		{"retry", func(c *rest.Options) *rest.OptionError { return c.SetRetry(3, time.Millisecond, time.Second) }, ""},
		{"no retries, zero waits", func(c *rest.Options) *rest.OptionError { return c.SetRetry(0, 0, 0) }, ""},
		{"negative retries", func(c *rest.Options) *rest.OptionError { return c.SetRetry(-1, time.Millisecond, time.Second) }, "WithRetry"},
		{"negative wait", func(c *rest.Options) *rest.OptionError { return c.SetRetry(0, -1, 0) }, "WithRetry"},
		{"zero waits with retries", func(c *rest.Options) *rest.OptionError { return c.SetRetry(3, 0, 0) }, "WithRetry"},
		{"min above max", func(c *rest.Options) *rest.OptionError { return c.SetRetry(3, time.Second, time.Millisecond) }, "WithRetry"},
		{"budget zero", func(c *rest.Options) *rest.OptionError { return c.SetRetryBudget(0) }, ""},
		{"negative budget", func(c *rest.Options) *rest.OptionError { return c.SetRetryBudget(-1) }, "WithRetryBudget"},
		{"cap", func(c *rest.Options) *rest.OptionError { return c.SetRetryAfterCap(time.Second) }, ""},
		{"zero cap", func(c *rest.Options) *rest.OptionError { return c.SetRetryAfterCap(0) }, "WithRetryAfterCap"},
		{"clock", func(c *rest.Options) *rest.OptionError { return c.SetClock(time.Now) }, ""},
		{"nil clock", func(c *rest.Options) *rest.OptionError { return c.SetClock(nil) }, "WithClock"},
		{"middleware", func(c *rest.Options) *rest.OptionError { return rest.AddMiddleware(c, []optMW{pass}) }, ""},
		{"no middleware", func(c *rest.Options) *rest.OptionError { return rest.AddMiddleware[optMW](c, nil) }, "WithMiddleware"},
		{"nil middleware", func(c *rest.Options) *rest.OptionError { return rest.AddMiddleware(c, []optMW{pass, nil}) }, "WithMiddleware"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := rest.NewOptions()
			got := ""
			if err := tt.set(&c); err != nil {
				got = err.Option
				if err.Reason == "" {
					t.Error("a refusal without a reason")
				}
			}
			if diff := cmp.Diff(tt.wantOption, got); diff != "" {
				t.Errorf("refused option (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOptionsApply(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	c := rest.NewOptions()
	var rc rest.Config
	c.Apply(&rc)
	if rc.RetryMax != 0 || rc.Budget != nil || rc.RetryAfterCap != 0 || rc.HTTPClient != nil {
		t.Errorf("unset options changed the pipeline's defaults: %+v", rc)
	}
	for _, err := range []*rest.OptionError{c.SetHTTPClient(hc), c.SetRetry(0, 0, 0), c.SetRetryBudget(5), c.SetRetryAfterCap(time.Second), c.SetUserAgent("ua")} {
		if err != nil {
			t.Fatal(err)
		}
	}
	c.Apply(&rc)
	got := []any{rc.HTTPClient == hc, rc.RetryMax, rc.RetryAfterCap, rc.UserAgent, rc.Budget != nil}
	if diff := cmp.Diff([]any{true, -1, time.Second, "ua", true}, got); diff != "" {
		t.Errorf("rest.Config (-want +got):\n%s", diff)
	}
	if c.Clock() == nil {
		t.Error("no default clock")
	}
}

func TestOptionErrorInto(t *testing.T) {
	t.Parallel()
	mk := func(option, reason string) error { return errors.New("pkg: " + option + ": " + reason) }
	c := rest.NewOptions()
	if err := c.SetRetryBudget(1).Into(mk); err != nil {
		t.Errorf("an accepted option converted to %v, want nil", err)
	}
	err := c.SetRetryBudget(-1).Into(mk)
	if diff := cmp.Diff("pkg: WithRetryBudget: negative retry budget", fmt.Sprint(err)); diff != "" {
		t.Errorf("refusal (-want +got):\n%s", diff)
	}
}

func TestEnvironmentName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  int
		want string
	}{
		{1, "sandbox"},
		{2, "production"},
		{0, "Environment(0)"},
		{7, "Environment(7)"},
		{-3, "Environment(-3)"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, rest.EnvironmentName(tt.env)); diff != "" {
			t.Errorf("EnvironmentName(%d) (-want +got):\n%s", tt.env, diff)
		}
	}
}

// formattedErr prints through FormatError, as a package's error does.
type formattedErr string

func (e formattedErr) Error() string                 { return string(e) }
func (e formattedErr) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

func TestFormatErrorEveryVerb(t *testing.T) {
	t.Parallel()
	const text = `pkg: GET /x/*: HTTP 500 (request id "r")`
	tests := []struct{ verb, want string }{
		{"%v", text}, {"%+v", text}, {"%#v", text}, {"%s", text}, {"%x", text}, {"%d", text},
		{"%q", `"pkg: GET /x/*: HTTP 500 (request id \"r\")"`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, fmt.Sprintf(tt.verb, formattedErr(text))); diff != "" {
			t.Errorf("Sprintf(%s) (-want +got):\n%s", tt.verb, diff)
		}
	}
}

func TestProblemsText(t *testing.T) {
	t.Parallel()
	text := func(s string) string { return "<" + s + ">" }
	tests := []struct {
		problems []string
		want     string
	}{
		{nil, "pkg: invalid: "},
		{[]string{"a: required"}, "pkg: invalid: <a: required>"},
		{[]string{"a: required", "b: format"}, "pkg: invalid: <a: required>; <b: format>"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, rest.ProblemsText("pkg: invalid: ", tt.problems, text)); diff != "" {
			t.Errorf("ProblemsText(%q) (-want +got):\n%s", tt.problems, diff)
		}
	}
}
