package monitoring

import (
	"bytes"
	"encoding/json"
	"testing"
)

// jsonTree decodes b into a generic tree whose numbers keep their exact
// text, so two encodings compare equal only when values, JSON types and
// key sets agree.
func jsonTree(t testing.TB, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
	return v
}

// problemPaths returns the paths of a ValidationError's problems, in order.
func problemPaths(ve *ValidationError) []string {
	out := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = p.Path
	}
	return out
}
