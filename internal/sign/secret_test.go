package sign

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSecretReveal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		wantZero bool
	}{
		{"value", "s3cr3t", false},
		{"empty", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewSecret(tt.in)
			if diff := cmp.Diff(tt.in, s.Reveal()); diff != "" {
				t.Errorf("Reveal (-want +got):\n%s", diff)
			}
			if got := s.IsZero(); got != tt.wantZero {
				t.Errorf("IsZero = %v, want %v", got, tt.wantZero)
			}
		})
	}
	var zero Secret
	if !zero.IsZero() || zero.Reveal() != "" {
		t.Errorf("zero Secret: IsZero=%v Reveal=%q, want true, \"\"", zero.IsZero(), zero.Reveal())
	}
}

func TestSecretRedactsEveryForm(t *testing.T) {
	t.Parallel()
	const canary = "CANARY-secret-7f3a"
	s := NewSecret(canary)
	type exported struct{ Key Secret }
	type unexported struct{ key Secret }
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T", "%10s", "%-20v", "%08x"}

	tests := map[string]func() string{
		"String":   s.String,
		"GoString": s.GoString,
		"MarshalJSON": func() string {
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		},
		"MarshalJSON in struct": func() string {
			b, err := json.Marshal(exported{Key: s})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		},
		"MarshalText": func() string {
			b, err := s.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		},
		"JSON map key": func() string {
			b, err := json.Marshal(map[Secret]int{s: 1})
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		},
		"slog text": func() string {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "s", s, "st", exported{s}, "u", unexported{s})
			return buf.String()
		},
		"slog json": func() string {
			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "s", s, "st", exported{s}, "p", &s)
			return buf.String()
		},
	}
	for _, v := range verbs {
		tests["fmt "+v] = func() string { return fmt.Sprintf(v, s) }
		tests["fmt pointer "+v] = func() string { return fmt.Sprintf(v, &s) }
		tests["fmt exported field "+v] = func() string { return fmt.Sprintf(v, exported{s}) }
		tests["fmt unexported field "+v] = func() string { return fmt.Sprintf(v, unexported{s}) }
		tests["fmt slice "+v] = func() string { return fmt.Sprintf(v, []Secret{s}) }
	}
	for name, render := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := render()
			if strings.Contains(got, canary) || strings.Contains(got, fmt.Sprintf("%x", canary)) {
				t.Errorf("output %q leaks the secret", got)
			}
		})
	}
}

func TestSecretPrintsRedacted(t *testing.T) {
	t.Parallel()
	s := NewSecret("x")
	j, _ := json.Marshal(s)
	txt, _ := s.MarshalText()
	got := map[string]string{
		"String":      s.String(),
		"GoString":    s.GoString(),
		"%v":          fmt.Sprintf("%v", s),
		"%+v":         fmt.Sprintf("%+v", s),
		"%#v":         fmt.Sprintf("%#v", s),
		"%s":          fmt.Sprintf("%s", s),
		"%q":          fmt.Sprintf("%q", s),
		"%x":          fmt.Sprintf("%x", s),
		"LogValue":    s.LogValue().String(),
		"MarshalJSON": string(j),
		"MarshalText": string(txt),
	}
	want := map[string]string{
		"String":      "[REDACTED]",
		"GoString":    "[REDACTED]",
		"%v":          "[REDACTED]",
		"%+v":         "[REDACTED]",
		"%#v":         "[REDACTED]",
		"%s":          "[REDACTED]",
		"%q":          "[REDACTED]",
		"%x":          "[REDACTED]",
		"LogValue":    "[REDACTED]",
		"MarshalJSON": `"[REDACTED]"`,
		"MarshalText": "[REDACTED]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redacted forms (-want +got):\n%s", diff)
	}
}
