package redacttest

import (
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"
)

type leaky struct {
	Name   string
	Tags   []string
	Extra  map[string]string
	secret *string
	Any    any
}

type redacted struct{ Name string }

func (redacted) String() string { return "redacted{[REDACTED]}" }

func (redacted) LogValue() slog.Value { return slog.StringValue("[REDACTED]") }

// TestFillAndOutputs: Fill reaches every string, exported or not, and
// Outputs shows a leaky value's canaries in one of their Encodings but
// none of a redacting value's.
func TestFillAndOutputs(t *testing.T) {
	v := new(leaky)
	canaries := Fill(t, v, "github.com/vaspkit/vaspkit/internal/redacttest")
	paths := slices.Sorted(maps.Values(canaries))
	want := []string{"Any", "Extra{key}", "Extra{value}", "Name", "Tags[0]", "secret"}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths = %v, want %v", paths, want)
	}
	if v.secret == nil || canaries[*v.secret] != "secret" {
		t.Errorf("the unexported pointer field was not filled: %v", v.secret)
	}
	out := Outputs(v, Verbs)
	for c := range canaries {
		if !slices.ContainsFunc(Encodings(c), func(e string) bool { return strings.Contains(out, e) }) && canaries[c] != "secret" {
			t.Errorf("%s not found in a leaky value's output", canaries[c])
		}
	}
	r := new(redacted)
	for c := range Fill(t, r, "github.com/vaspkit/vaspkit/internal/redacttest") {
		if strings.Contains(Outputs(r, []string{"%v", "%s"}), c) {
			t.Errorf("a redacting value leaked %s", c)
		}
	}
}

func TestSafe(t *testing.T) {
	for path, want := range map[string]bool{
		"Type": true, "Type.Code": true, "Type[0]": true, "Type{key}": true,
		"Types": false, "Other": false,
	} {
		if got := Safe(path, []string{"Type"}); got != want {
			t.Errorf("Safe(%q) = %v", path, got)
		}
	}
}

// TestHides: a redacting value hides its secret and shows its facts.
func TestHides(t *testing.T) {
	Hides(t, redacted{Name: "CANARYSECRET"}, []string{"%v", "%s", "%q"}, "CANARYSECRET", "[REDACTED]")
}
