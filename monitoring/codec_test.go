package monitoring

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestCodecKeepsQuirks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
	}{
		{"number as string with a space", `{"applicant":{"device":{"coords":{"lon":" 1.7976931348623157","accuracy":"10","lat":-1.7976931348623157}}}}`},
		{"exact decimals", `{"info":{"amount":0.1000,"amountInDefaultCurrency":95238.09523809524,"mcc":5698}}`},
		{"huge and tiny numbers", `{"info":{"amount":123456789012345678901234567890.000000000000000000001,"mcc":1e-300}}`},
		{"empty strings and false", `{"txnId":"","applicant":{"firstName":"","device":{"ipInfo":{"riskyAsn":false}}},"gamblingBetInfo":{"bonusId":""}}`},
		{"null values", `{"info":null,"applicant":{"fullName":null,"address":null},"props":null}`},
		{"wrong JSON types kept", `{"txnId":42,"info":{"direction":["in"],"amount":true,"cryptoParams":"ETH"},"applicant":{"type":5,"device":[]}}`},
		{"unknown keys at every level", `{"orderId":"o-1","iGamingSessionInfo":{"a":[1,{"b":null}]},"info":{"new":1},"applicant":{"device":{"ipInfo":{"vpn":"RED"}}}}`},
		{"empty objects and arrays", `{"applicant":{"institutionInfo":{}},"props":{}}`},
		{"props of every JSON type", `{"props":{"a":"x","b":10000,"c":true,"d":null,"e":{"f":[1]},"g":""}}`},
		{"escapes and unicode", `{"txnId":"a\"b\\c\n\u00e9\u2028\ud83d\ude00<>&","applicant":{"fullName":"Zoë Ωmega 李"}}`},
		{"raw info objects", `{"type":"kyc","kytTxnKycInfo":{"x":[1,2,{"y":"z"}]},"gamblingLimitChangeInfo":[],"auditTrailEventInfo":"s"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var txn Transaction
			if err := json.Unmarshal([]byte(tt.in), &txn); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			out, err := json.Marshal(&txn)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if diff := cmp.Diff(jsonTree(t, []byte(tt.in)), jsonTree(t, out)); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCodecFieldSetInCodeWinsOverExtra(t *testing.T) {
	t.Parallel()
	var txn Transaction
	if err := json.Unmarshal([]byte(`{"txnId":"","zoneId":""}`), &txn); err != nil {
		t.Fatal(err)
	}
	txn.TxnID = "set-later"
	out, err := json.Marshal(txn)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"txnId":"set-later","zoneId":""}`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
}

func TestCodecRejectsMalformedJSON(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		``, `[]`, `"x"`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`,
		`{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`, `{"a":tru}`, `{"a":1} x`, `{"info":{"amount":1e}}`,
		`{"props":{"a":}}`, `{"a":[1,]}`, `{"txnId":"unterminated}`,
		strings.Repeat(`{"a":`, 600) + "1" + strings.Repeat("}", 600),
		strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1),
	} {
		var txn Transaction
		err := json.Unmarshal([]byte(in), &txn)
		if err == nil {
			t.Errorf("Unmarshal(%.40q) = nil, want an error", in)
		}
		// Our own decoder reports a *SyntaxError without echoing input.
		if err := unmarshalWire([]byte(in), &txn); err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("unmarshalWire(%.40q) = %T, want *SyntaxError", in, err)
			}
		} else {
			t.Errorf("unmarshalWire(%.40q) = nil, want an error", in)
		}
	}
}

// TestQuoteEscapes pins the string escaping of the wire encoder:
// encoding/json's, except that <, > and & stay as they are.
func TestQuoteEscapes(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`quote " and \ backslash`, `"quote \" and \\ backslash"`},
		{"ctl \x00\x01\x1f\t\r\n", `"ctl \u0000\u0001\u001f\t\r\n"`},
		{"é 李 😀", `"é 李 😀"`},
		{"\u2028\u2029", `"\u2028\u2029"`},
		{"bad utf8 \xff\xfe", `"bad utf8 \ufffd\ufffd"`},
		{"<>&", `"<>&"`},
		{"\b\f", `"\b\f"`},
		{"\x7f", "\"\x7f\""},
	}
	for _, tt := range tests {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
		txn := Transaction{TxnID: TxnID(tt.in)}
		out, err := marshalWire(&txn)
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"txnId":` + tt.want + `}`; tt.in != "" && string(out) != want {
			t.Errorf("marshal of txnId %q = %s, want %s", tt.in, out, want)
		}
		if !utf8.Valid([]byte(quote(tt.in))) {
			t.Errorf("quote(%q) is not valid UTF-8", tt.in)
		}
	}
}

func TestExtraInvalidJSONIsAnError(t *testing.T) {
	t.Parallel()
	txn := Transaction{TxnID: "x", Extra: map[string]json.RawMessage{"orderId": json.RawMessage(`{oops`)}}
	if _, err := json.Marshal(txn); err == nil {
		t.Error("Marshal with an invalid Extra value succeeded")
	}
	txn = Transaction{Info: &Info{Amount: Number{tok: "1,5"}}}
	if _, err := marshalWire(&txn); !errors.Is(err, ErrInvalidNumber) {
		t.Errorf("marshal with a bad number: err = %v, want ErrInvalidNumber", err)
	}
}

func TestNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tok      string
		str      string
		quoted   bool
		rat      string // "" when Rat fails
		int64    int64
		intError bool
	}{
		{tok: `0.00125`, str: "0.00125", rat: "1/800", intError: true},
		{tok: `250.00`, str: "250.00", rat: "250", int64: 250},
		{tok: `-3`, str: "-3", rat: "-3", int64: -3},
		{tok: `1e3`, str: "1e3", rat: "1000", int64: 1000},
		{tok: `"10"`, str: "10", quoted: true, rat: "10", int64: 10},
		{tok: `" 1.7976931348623157"`, str: " 1.7976931348623157", quoted: true, intError: true},
		{tok: `95238.09523809524`, str: "95238.09523809524", rat: "2380952380952381/25000000000", intError: true},
		{tok: `1e999`, str: "1e999", intError: true},
		{tok: `99999999999999999999`, str: "99999999999999999999", rat: "99999999999999999999", intError: true},
	}
	for _, tt := range tests {
		var n Number
		if err := json.Unmarshal([]byte(tt.tok), &n); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.tok, err)
			continue
		}
		if n.String() != tt.str || n.Quoted() != tt.quoted || n.Raw() != tt.tok {
			t.Errorf("%s: String %q Quoted %v Raw %q", tt.tok, n.String(), n.Quoted(), n.Raw())
		}
		r, err := n.Rat()
		switch {
		case tt.rat == "" && err == nil:
			t.Errorf("%s: Rat() = %v, want an error", tt.tok, r)
		case tt.rat != "" && (err != nil || r.Cmp(mustRat(tt.rat)) != 0):
			t.Errorf("%s: Rat() = %v, %v, want %s", tt.tok, r, err, tt.rat)
		}
		i, err := n.Int64()
		if (err != nil) != tt.intError || (err == nil && i != tt.int64) {
			t.Errorf("%s: Int64() = %d, %v", tt.tok, i, err)
		}
	}
	for _, bad := range []string{"", "1,5", "+1", " 1", "01", ".5", "1.", "0x10", "NaN", "1e"} {
		if _, err := ParseNumber(bad); !errors.Is(err, ErrInvalidNumber) {
			t.Errorf("ParseNumber(%q) err = %v, want ErrInvalidNumber", bad, err)
		}
	}
	if q := QuotedNumber(" 1.5"); q.Raw() != `" 1.5"` || !q.Quoted() {
		t.Errorf("QuotedNumber = %s", q.Raw())
	}
	var n Number
	if err := json.Unmarshal([]byte("null"), &n); err != nil || !n.IsZero() {
		t.Errorf("null: %v %v", n, err)
	}
	if err := json.Unmarshal([]byte("{}"), &n); err == nil {
		t.Error("Number accepted an object")
	}
}

func mustRat(s string) *big.Rat {
	r, _ := new(big.Rat).SetString(s)
	return r
}

func TestProps(t *testing.T) {
	t.Parallel()
	p := Props{}
	p.Set("s", `a "quoted" value`)
	p["n"] = PropNumber(NumberFromInt(10000))
	out, err := json.Marshal(struct{ P Props }{p})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"P":{"n":10000,"s":"a \"quoted\" value"}}`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
	if v, ok := p.Get("s"); !ok || v != `a "quoted" value` {
		t.Errorf("Get(s) = %q, %v", v, ok)
	}
	if v, _ := p.Get("n"); v != "10000" || p["n"].IsString() {
		t.Errorf("Get(n) = %q", v)
	}
}

func TestTxnDate(t *testing.T) {
	t.Parallel()
	ts := NewTime(mustTime(t, "2024-04-04 13:50:00+0300"))
	if ts != "2024-04-04 13:50:00+0300" {
		t.Errorf("NewTime = %q", ts)
	}
	got, err := Time("2024-04-29 02:30:12+0000").Time()
	if err != nil || got.Unix() != 1714357812 {
		t.Errorf("Time() = %v, %v", got, err)
	}
	if _, err := Time("2024-04-29T02:30:12Z").Time(); err == nil {
		t.Error("an RFC 3339 txnDate parsed")
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(txnDateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestWalkerMatchesEncodingJSON: the walker that splits objects decodes
// the awkward corners (space everywhere, escaped keys, repeated keys,
// arrays of the wrong element type) exactly as the encoding/json-only
// oracle does.
func TestWalkerMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		" \t\r\n{ \"txnId\" :\n\"a\" , \"info\" : { \"amount\" : 1.50 , \"x\" : [ 1 , { } ] } }\n ",
		`{"txn\u0049d":"escaped key","\u00e9":"é","a\"b":1}`,
		`{"txnId":"a","txnId":"","txnId":"b"}`, `{"txnId":"b","txnId":null}`,
		`{"applicant":{"names":["a","b"]},"counterparty":{"names":["a",1]}}`,
		`{"scoringResult":{"matchedRules":[{"id":"r"},2]}}`, `{"scoringResult":{"matchedRules":[]}}`,
		`{"props":{"a":"x","a":2,"b":{"c":"}"}},"info":{"amount":"1\"}"}}`,
		`{"info":{"amount":-0,"cryptoParams":{"cryptoChain":"\ud83d\ude00\ud800"}}}`,
		"{\"txnId\":\"bad \xff utf8\",\"\xfe\":true}",
		`{"gamblingBetInfo":{"bonusId":"","won":false,"x":true}}`,
	} {
		var got Transaction
		if err := unmarshalWire([]byte(in), &got); err != nil {
			t.Fatalf("unmarshalWire(%q): %v", in, err)
		}
		sameAsStd(t, []byte(in), &got)
	}
	for _, in := range []string{
		`{"id":"x","review":{"reviewResult":{"rejectLabels":["A","B\u0043"]}},"scoringResult":{"matchedRules":[{"id":"r"}]}}`,
		`{"id":"x","review":{"reviewResult":{"rejectLabels":["A",null]}}}`, `{"review":{"reviewResult":{"rejectLabels":[]}}}`,
	} {
		var got Result
		if err := unmarshalWire([]byte(in), &got); err != nil {
			t.Fatalf("unmarshalWire(%q): %v", in, err)
		}
		sameAsStd(t, []byte(in), &got)
	}
}
