package monitoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// addExampleSeeds adds the documented examples as fuzz seeds.
func addExampleSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/examples/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// nesting returns the deepest nesting of objects and arrays in the valid
// JSON b, as encoding/json's tokenizer sees it.
func nesting(b []byte) int {
	dec := json.NewDecoder(bytes.NewReader(b))
	depth, max := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return max
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if depth++; depth > max {
				max = depth
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// sameAsStd fails unless the encoding/json-only oracle decodes data as
// unmarshalWire did into got.
func sameAsStd[T any](t *testing.T, data []byte, got *T) {
	t.Helper()
	var std T
	if err := unmarshalStd(data, &std); err != nil {
		t.Fatalf("encoding/json rejects %q: %v", data, err)
	}
	if !reflect.DeepEqual(got, &std) {
		a, _ := marshalWire(got)
		b, _ := marshalWire(&std)
		t.Fatalf("decoding %q: walker and encoding/json differ:\n%s\n%s", data, a, b)
	}
}

// FuzzTransactionUnmarshal checks that the wire decoder accepts exactly
// the JSON objects encoding/json accepts that nest at most maxDepth deep
// (nesting is encoding/json's tokenizer), decodes them exactly as the
// encoding/json-only oracle unmarshalStd does (the walker and the depth
// check are the hand-written parts), never panics, and re-encodes what it
// accepted to the same JSON tree.
func FuzzTransactionUnmarshal(f *testing.F) {
	addExampleSeeds(f)
	for _, s := range []string{
		`{}`, `{"txnId":""}`, `{"info":{"amount":"12"}}`, `{"txnId":"a","txnId":""}`, `{"txnId":"","txnId":"b"}`,
		`{"props":{"a":1,"a":"x"}}`, `{"applicant":{"device":{"coords":{"lon":" 1.5"}}}}`, "{\"a\":\"\xff\"}",
		`{"info":{"amount":-0.0e+10}}`, `{"x":[{"y":[]}]}`, `{"scoringResult":1}`,
	} {
		f.Add([]byte(s))
	}
	for _, n := range []int{maxDepth, maxDepth + 1} {
		f.Add([]byte(strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n)))
		f.Add([]byte(`{"s":"` + strings.Repeat(`[\"{`, 2*n) + `",` + strings.Repeat(`"a":{`, n-1) + strings.Repeat("}", n)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var txn Transaction
		err := unmarshalWire(data, &txn)
		trimmed := bytes.TrimLeft(data, " \t\r\n")
		isObject := len(trimmed) > 0 && trimmed[0] == '{'
		valid := json.Valid(data)
		switch {
		case err == nil && !valid:
			t.Fatalf("accepted invalid JSON %q", data)
		case err == nil && nesting(data) > maxDepth:
			t.Fatalf("accepted JSON nested deeper than %d", maxDepth)
		case err != nil && valid && isObject && nesting(data) <= maxDepth:
			t.Fatalf("rejected valid JSON %q: %v", data, err)
		case err != nil:
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T, want *SyntaxError", err)
			}
			return
		}
		sameAsStd(t, data, &txn)
		out, err := marshalWire(&txn)
		if err != nil {
			t.Fatalf("Marshal after Unmarshal(%q): %v", data, err)
		}
		if diff := cmp.Diff(jsonTree(t, data), jsonTree(t, out)); diff != "" {
			t.Fatalf("round trip of %q changed the JSON (-in +out):\n%s", data, diff)
		}
		var again Transaction
		if err := unmarshalWire(out, &again); err != nil {
			t.Fatalf("re-decoding %q: %v", out, err)
		}
		out2, err := marshalWire(&again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable: %q then %q (%v)", out, out2, err)
		}
	})
}

// FuzzVerifyWebhook checks VerifyWebhook never panics and always accepts
// what signWebhook signs, for every algorithm.
func FuzzVerifyWebhook(f *testing.F) {
	f.Add([]byte("someText"), "SoMe_SeCrEt_KeY", "HMAC_SHA1_HEX", "f6e92ffe371718694d46e28436f76589312df8db")
	f.Add([]byte(`{"type":"applicantKytTxnApproved"}`), "s", "HMAC_SHA256_HEX", "")
	f.Add([]byte{}, "s", "HMAC_SHA512_HEX", "00")
	f.Add([]byte("x"), "", "hmac_sha256_hex", "ZZ")
	f.Add([]byte("x"), "k", "MD5", "d41d8cd98f00b204e9800998ecf8427e")
	f.Fuzz(func(t *testing.T, body []byte, secret, alg, digest string) {
		h := http.Header{}
		h.Set(digestAlgHeader, alg)
		h.Set(digestHeader, digest)
		err := VerifyWebhook(body, h, secret)
		if err == nil && (secret == "" || digest == "") {
			t.Fatal("accepted a webhook without secret or digest")
		}
		signed, serr := signWebhook(body, secret, DigestAlgorithm(alg))
		if serr != nil {
			return
		}
		if err := VerifyWebhook(body, signed, secret); err != nil {
			t.Fatalf("VerifyWebhook rejects signWebhook's headers: %v", err)
		}
		if len(body) > 0 {
			flipped := append([]byte{}, body...)
			flipped[0] ^= 1
			if VerifyWebhook(flipped, signed, secret) == nil {
				t.Fatal("accepted a modified body")
			}
		}
	})
}

// FuzzWebhookEvent checks ParseWebhook never panics and that an event it
// accepts re-encodes to the same JSON tree.
func FuzzWebhookEvent(f *testing.F) {
	f.Add([]byte(`{"applicantId":"670f85df0578a72bf1131856","correlationId":"da9564f4437c9fcd059f99e0b94fa04d","sandboxMode":true,"type":"kytCaseCreated","reviewStatus":"init","createdAt":"2024-11-18 10:49:47+0000","createdAtMs":"2024-11-18 10:49:47.918","kytCaseId":"670f85e00578a72bf113189d"}`))
	f.Add([]byte(`{"type":"applicantKytTxnRejected","reviewResult":{"reviewAnswer":"RED","reviewRejectType":"FINAL","rejectLabels":[]},"sandboxMode":false}`))
	f.Add([]byte(`{"type":""}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := ParseWebhook(body)
		if err != nil {
			if !errors.Is(err, ErrWebhookPayload) {
				t.Fatalf("error %v does not match ErrWebhookPayload", err)
			}
			return
		}
		if ev.Type == "" {
			t.Fatal("accepted an event without type")
		}
		sameAsStd(t, body, ev)
		if _, err := ev.Created(); err != nil && !strings.HasPrefix(err.Error(), "monitoring: ") {
			t.Fatalf("Created: error %q is not a monitoring: error", err)
		}
		_ = ev.DedupKey()
		out, err := ev.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if diff := cmp.Diff(jsonTree(t, body), jsonTree(t, out)); diff != "" {
			t.Fatalf("round trip changed the event (-in +out):\n%s", diff)
		}
	})
}

// FuzzListAnswer checks decodeList — Find, Notes and VASPs answers — never
// panics, accepts only the three documented shapes, returns valid JSON
// items and a non-negative total, and that the items decoders built on it
// never panic either.
func FuzzListAnswer(f *testing.F) {
	for _, s := range []string{
		`[]`, `[{"id":"a"}]`, `{"items":[],"totalItems":0}`, `{"list":{"items":[{"id":"a","note":"n"}],"totalItems":1}}`,
		`{"items":[1,"x",null]}`, `{"list":{"list":{}}}`, `{"items":null}`, `{"items":[],"totalItems":1e3}`,
		`{"items":[],"totalItems":99999999999999999999}`, `null`, `"x"`, ``, `{"list":null,"items":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, total, err := decodeList(data)
		if err != nil {
			return
		}
		if !json.Valid(data) || total < 0 {
			t.Fatalf("accepted %q: total %d", data, total)
		}
		for _, it := range items {
			if !json.Valid(it) {
				t.Fatalf("item %q of %q is not JSON", it, data)
			}
			var (
				res  Result
				note Note
				v    VASP
			)
			_ = unmarshalInto(it, &res)
			_ = unmarshalInto(it, &note)
			_ = decodeVASP(it, &v)
		}
	})
}

// FuzzDirectoryAnswers checks the decoders of the currency list, the
// wallet import, the Travel Rule SDK session and a payment method never
// panic, and that what they accept re-encodes to the same JSON tree.
func FuzzDirectoryAnswers(f *testing.F) {
	for _, s := range []string{
		`[{"currencyCode":"USDT","cryptoChain":"ETH"},{"currencyCode":"BTC","cryptoChain":""}]`,
		`{"successCount":2,"errorCount":1,"errors":[{"walletAddress":"x","reason":"bad"}]}`,
		`{"token":"_act-c876fb50-1564-495e-a3ad-49b97cf679d2-v2","link":"http://localhost:8092/websdk/p/Lrn2A2dACbpuoWOD","ttlInSecs":1800}`,
		`{"id":"65b0c0de0000000000000001","externalId":"pm","data":{"type":"cryptoWallet","accountIdentifier":"bc1q"}}`,
		`{"successCount":-1,"errorCount":0}`, `[{"currencyCode":""}]`, `[]`, `{}`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if cs, err := decodeCurrencies(data); err == nil {
			for _, c := range cs {
				if c.CurrencyCode == "" {
					t.Fatalf("accepted a currency without code from %q", data)
				}
			}
		}
		if res, err := decodeWalletImport(data); err == nil && (res.SuccessCount < 0 || res.ErrorCount < 0) {
			t.Fatalf("negative counts from %q", data)
		}
		var s TravelRuleSDKSession
		if unmarshalWire(data, &s) == nil {
			sameAsStd(t, data, &s)
			out, err := marshalWire(&s)
			if err != nil {
				t.Fatalf("re-encoding a session from %q: %v", data, err)
			}
			if diff := cmp.Diff(jsonTree(t, data), jsonTree(t, out)); diff != "" {
				t.Fatalf("session round trip of %q (-in +out):\n%s", data, diff)
			}
			// A token that is part of the redacted text itself ("A" of
			// "[REDACTED]") is no leak: compare with a session without one.
			blank := fmt.Sprint(TravelRuleSDKSession{TTLInSecs: s.TTLInSecs})
			if s.Token != "" && strings.Contains(fmt.Sprint(s), s.Token) && !strings.Contains(blank, s.Token) {
				t.Fatalf("a session prints its token")
			}
		}
		var pm ApplicantPaymentMethod
		if unmarshalWire(data, &pm) == nil {
			sameAsStd(t, data, &pm)
			out, err := marshalWire(&pm)
			if err != nil {
				t.Fatalf("re-encoding a payment method from %q: %v", data, err)
			}
			if diff := cmp.Diff(jsonTree(t, data), jsonTree(t, out)); diff != "" {
				t.Fatalf("payment method round trip of %q (-in +out):\n%s", data, diff)
			}
		}
	})
}
