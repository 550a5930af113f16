package monitoring

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDocumentedExamplesRoundTrip(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/examples/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var v any = new(Transaction)
			if strings.HasPrefix(filepath.Base(f), "result_") {
				v = new(Result)
			}
			if err := json.Unmarshal(in, v); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if diff := cmp.Diff(jsonTree(t, in), jsonTree(t, out)); diff != "" {
				t.Errorf("round trip changed the JSON (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBulkExampleRoundTrip(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/examples/bulk_import.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		var rec ImportRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		out, err := json.Marshal(rec)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if diff := cmp.Diff(jsonTree(t, sc.Bytes()), jsonTree(t, out)); diff != "" {
			t.Errorf("line %d round trip (-want +got):\n%s", n, diff)
		}
	}
	if n != 2 {
		t.Errorf("read %d lines, want 2", n)
	}
}

func TestWireTypesSupported(t *testing.T) {
	t.Parallel()
	for _, v := range []any{
		Transaction{}, Info{}, CryptoParams{}, Participant{}, Address{}, IDDoc{}, Device{},
		Coords{}, IPInfo{}, UserAgentInfo{}, PaymentMethod{}, InstitutionInfo{}, Person{},
		PlatformEventInfo{}, GamblingBetInfo{}, GamblingBonusChangeInfo{}, Result{}, Review{},
		ReviewResult{}, ScoringResult{}, MatchedRule{}, TravelRuleInfo{}, ImportRecord{},
		WebhookEvent{}, Note{}, Tag{},
	} {
		typ := reflect.TypeOf(v)
		c := codecFor(typ)
		if len(c.unsupported) > 0 {
			t.Errorf("%s: fields the codec cannot handle: %v", typ.Name(), c.unsupported)
		}
		if c.extra < 0 {
			t.Errorf("%s: no Extra map", typ.Name())
		}
	}
}

// TestWireTypesStandalone round-trips every wire type on its own through
// encoding/json, with a modelled key, an empty one and an unknown one.
func TestWireTypesStandalone(t *testing.T) {
	t.Parallel()
	for _, v := range []any{
		&Transaction{}, &Info{}, &CryptoParams{}, &Participant{}, &Address{}, &IDDoc{}, &Device{},
		&Coords{}, &IPInfo{}, &UserAgentInfo{}, &PaymentMethod{}, &InstitutionInfo{}, &Person{},
		&PlatformEventInfo{}, &GamblingBetInfo{}, &GamblingBonusChangeInfo{}, &Result{}, &Review{},
		&ReviewResult{}, &ScoringResult{}, &MatchedRule{}, &TravelRuleInfo{}, &ImportRecord{},
		&WebhookEvent{}, &Note{}, &Tag{},
	} {
		typ := reflect.TypeOf(v).Elem()
		first := codecFor(typ).fields[0].name
		in := []byte(`{"` + first + `":"","zzUnknown":{"a":[1,"b"]}}`)
		if err := json.Unmarshal(in, v); err != nil {
			t.Errorf("%s: Unmarshal: %v", typ.Name(), err)
			continue
		}
		// Through a value, so the value-receiver MarshalJSON is used.
		out, err := json.Marshal(reflect.ValueOf(v).Elem().Interface())
		if err != nil {
			t.Errorf("%s: Marshal: %v", typ.Name(), err)
			continue
		}
		if diff := cmp.Diff(jsonTree(t, in), jsonTree(t, out)); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", typ.Name(), diff)
		}
		if err := json.Unmarshal([]byte(`{"`+first+`":`), v); err == nil {
			t.Errorf("%s: truncated JSON accepted", typ.Name())
		}
	}
}
