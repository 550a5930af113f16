package ivms

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// testNow is the fixed "today" of the tests that depend on C2.
var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func readTestdata(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustUnmarshal(t testing.TB, data []byte) *IdentityPayload {
	t.Helper()
	p, err := Unmarshal(data)
	if err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	return p
}

func sample(t testing.TB, name string) *IdentityPayload {
	t.Helper()
	return mustUnmarshal(t, readTestdata(t, filepath.Join("samples", name)))
}

// violations flattens a Validate result to "path [constraint]" lines.
func violations(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var verrs ValidationErrors
	if !errors.As(err, &verrs) {
		t.Fatalf("Validate returned %T, want ValidationErrors: %v", err, err)
	}
	out := make([]string, len(verrs))
	for i, e := range verrs {
		out[i] = e.Path + " [" + e.Constraint + "]"
	}
	return out
}

// checkGolden compares got (JSON) with the indented golden file, or
// rewrites the file with -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	var ind bytes.Buffer
	if err := json.Indent(&ind, got, "", "  "); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	ind.WriteByte('\n')
	full := filepath.Join("testdata", "golden", path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, ind.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(full)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), ind.String()); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
