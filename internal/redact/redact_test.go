package redact

import (
	"log/slog"
	"testing"
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
