package redact

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		facts []slog.Attr
		want  string
	}{
		{nil, `p.T{[REDACTED]}`},
		{[]slog.Attr{slog.String("network", "ETH"), slog.Int("fields", 2), slog.Bool("identity", true)},
			`p.T{network: "ETH", fields: 2, identity: true, [REDACTED]}`},
	} {
		if got := Text("p", "T", tc.facts); got != tc.want {
			t.Errorf("Text = %s, want %s", got, tc.want)
		}
	}
}

func TestValue(t *testing.T) {
	t.Parallel()
	if v := Value(nil); v.Kind() != slog.KindString || v.String() != Redacted {
		t.Errorf("Value(nil) = %v, want %q", v, Redacted)
	}
	if v := Value([]slog.Attr{slog.String("k", "v")}); v.Kind() != slog.KindGroup || len(v.Group()) != 1 {
		t.Errorf("Value(one fact) = %v, want a group of one", v)
	}
}

func TestView(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		view     *View
		wantText string
		wantJSON string
	}{
		{"no facts", NewView("p", "T"), `p.T{[REDACTED]}`, `{"level":"INFO","msg":"m","v":"[REDACTED]"}`},
		{"empty string and false are left out", NewView("p", "T").Str("a", "").Flag("b", false).NonZero("z", 0), `p.T{[REDACTED]}`, `{"level":"INFO","msg":"m","v":"[REDACTED]"}`},
		{"facts in order", NewView("p", "T").Str("a", "x").Flag("b", true).Count("n", 0).NonZero("m", 2),
			`p.T{a: "x", b: true, n: 0, m: 2, [REDACTED]}`, `{"level":"INFO","msg":"m","v":{"a":"x","b":true,"n":0,"m":2}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.wantText, tt.view.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			var b strings.Builder
			h := slog.NewJSONHandler(&b, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}})
			slog.New(h).Info("m", "v", tt.view.Value())
			if diff := cmp.Diff(tt.wantJSON, strings.TrimSpace(b.String())); diff != "" {
				t.Errorf("slog JSON (-want +got):\n%s", diff)
			}
		})
	}
}

// written prints through Write, as a redacted type's Format does.
type written string

func (x written) Format(f fmt.State, _ rune) { Write(f, string(x)) }

func TestWriteEveryVerb(t *testing.T) {
	t.Parallel()
	const text = `p.T{[REDACTED]}`
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if diff := cmp.Diff(text, fmt.Sprintf(verb, written(text))); diff != "" {
			t.Errorf("Sprintf(%s) (-want +got):\n%s", verb, diff)
		}
	}
}
