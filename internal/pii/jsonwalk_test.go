package pii

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRewriteKeepsStructure(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"object order and duplicates", `{ "b": "1", "a": 2, "b": true }`, `{"b":"<s:1>","a":"<n:2>","b":"<b:true>"}`},
		{"null and empties", `{"n":null,"o":{},"a":[],"x":[null,[]]}`, `{"n":null,"o":{},"a":[],"x":[null,[]]}`},
		{"scalar root", ` 1.5e3 `, `"<n:1.5e3>"`},
		{"nested arrays", `[[["x"]],-0]`, `[[["<s:x>"]],"<n:-0>"]`},
		{"escaped key", `{"a\"b\u0001":"\u00e9"}`, `{"a\"b\u0001":"<s:é>"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Rewrite([]byte(tt.in), func(dst []byte, _ *Path, l Leaf) ([]byte, error) {
				return AppendJSONString(dst, "<"+kindName(l.Kind)[:1]+":"+l.Text+">"), nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("Rewrite (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVisitPaths(t *testing.T) {
	t.Parallel()
	doc := `{"a":{"b/c":[1,{"d~e":"x"}],"n":null},"f":false}`
	var got []string
	err := Visit([]byte(doc), func(p *Path, l Leaf) error {
		got = append(got, p.String()+"="+l.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/a/b~1c/0=1", "/a/b~1c/1/d~0e=x", "/f=false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Visit (-want +got):\n%s", diff)
	}
}

func TestRewriteRejects(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"syntax error", `{"name":"Jane",}`, "syntax error at byte"},
		{"trailing value", `{} {}`, "syntax error at byte"},
		{"empty", ``, "not valid JSON"},
		{"too deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), "nested deeper than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Rewrite([]byte(tt.in), func(dst []byte, _ *Path, _ Leaf) ([]byte, error) { return append(dst, '0'), nil })
			if !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Rewrite error = %v, want ErrInvalidDocument containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "Jane") {
				t.Errorf("error %q leaks content", err)
			}
		})
	}
	deepOK := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Rewrite([]byte(deepOK), nil); err != nil {
		t.Errorf("depth %d rejected: %v", MaxDepth, err)
	}
}

func TestRewriteStopsOnLeafError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	_, err := Rewrite([]byte(`{"a":[1,2]}`), func(dst []byte, _ *Path, _ Leaf) ([]byte, error) { return dst, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want boom", err)
	}
}

func TestAppendJSONStringJackson(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`q"b\s`, `"q\"b\\s"`},
		{"\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001F` + "\x7f" + `"`},
		{"</script>&", `"</script>&"`},
		{"Jürgen 山田 \u2028", "\"Jürgen 山田 \u2028\""},
	}
	for _, tt := range tests {
		if got := string(AppendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
