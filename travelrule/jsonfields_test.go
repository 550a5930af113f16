package travelrule

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stdFields is what topLevelFields must match: json.Unmarshal into a map.
func stdFields(data []byte) (map[string]string, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil || m == nil {
		return nil, false
	}
	return asStrings(m), true
}

func asStrings(m map[string]json.RawMessage) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

// checkTopLevelFields compares topLevelFields with json.Unmarshal into a
// map and checks that no value can be appended into data.
func checkTopLevelFields(t *testing.T, data []byte) {
	t.Helper()
	want, wantOK := stdFields(data)
	fields, ok := topLevelFields(data)
	if ok != wantOK {
		t.Fatalf("topLevelFields(%q) ok = %v, json.Unmarshal says %v", data, ok, wantOK)
	}
	if !ok {
		return
	}
	if diff := cmp.Diff(want, asStrings(fields)); diff != "" {
		t.Fatalf("topLevelFields(%q) (-want +got):\n%s", data, diff)
	}
	for k, v := range fields {
		if cap(v) != len(v) {
			t.Fatalf("topLevelFields(%q)[%q]: cap %d > len %d: an append would overwrite the body", data, k, cap(v), len(v))
		}
	}
}

func TestTopLevelFields(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
	}{
		{"empty object", `{}`},
		{"spaced empty object", " \t\n{ \r\n} \n"},
		{"fake response", `{"id":"s1","url":"https://w/x?a=1&b=2","token":"t","expiresAt":"2026-05-14T10:30:00Z","status":"ACTIVE","forceVerifyOwnership":false,"reused":true,"createdAt":"2026-05-14T10:00:00Z","currency":"ETH","network":"ETH"}`},
		{"every value kind", `{"s":"x","n":-1.5e3,"t":true,"f":false,"z":null,"o":{"a":[1,{"b":"}"}]},"a":[],"e":""}`},
		{"whitespace everywhere", "{ \"a\" :\n 1 ,\t\"b\" : [ 1 , 2 ] , \"c\" : { } }"},
		{"strings with brackets and escapes", `{"a":"}]\"{[","b":"\\","c":"\u00e9\n"}`},
		{"escaped keys", `{"i\u0064":"x","a\"b":1,"\\":2,"\ud83d\ude00":3}`},
		{"escaped key equal to a plain one", `{"id":"a","\u0069d":"b"}`},
		{"non-ASCII keys", `{"clé":1,"ключ":2}`},
		{"invalid UTF-8 key", "{\"k\xff\":1,\"ok\":2}"},
		{"duplicate keys, last wins", `{"id":"a","id":"b","reused":true,"reused":"no"}`},
		{"more members than the stack buffer", `{"a1":1,"a2":2,"a3":3,"a4":4,"a5":5,"a6":6,"a7":7,"a8":8,"a9":9,"a10":10,"a11":11,"a12":12,"a13":13,"a14":14,"a15":15,"a16":16,"a17":17,"a18":18}`},
		{"null", `null`},
		{"array", `[{"id":"a"}]`},
		{"string", `"{}"`},
		{"number", `1`},
		{"empty", ``},
		{"truncated", `{"id":"a"`},
		{"trailing garbage", `{"id":"a"}x`},
		{"two objects", `{}{}`},
		{"trailing comma", `{"id":"a",}`},
		{"single quotes", `{'id':'a'}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkTopLevelFields(t, []byte(tc.data))
		})
	}
}

// FuzzTopLevelFields: on any input topLevelFields agrees with json.Unmarshal
// into a map[string]json.RawMessage (ok, keys and value bytes) and never
// panics.
func FuzzTopLevelFields(f *testing.F) {
	f.Add([]byte(`{"id":"s1","expiresAt":"2026-05-14T10:30:00Z","reused":true,"o":{"a":[1,"]"]}}`))
	f.Add([]byte(`{"i\u0064":"x","a\"b":1,"\\":2}`))
	f.Add([]byte("{\"k\xff\":1}"))
	f.Add([]byte(` { } `))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkTopLevelFields(t, data)
	})
}
