package monitoringtest_test

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// This file drives the fake with raw HTTP, signed here by hand as Sumsub
// documents (https://docs.sumsub.com/reference/authentication), without
// package monitoring or its signer.

// sumsubSignature is Sumsub's documented request signature: the lower-case
// hex HMAC-SHA256, keyed with the app token's secret, of the timestamp,
// the upper-case method, the request URI (path and query, as sent) and
// the body, concatenated.
func sumsubSignature(secret, ts, method, uri string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + method + uri))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// signByHand sets X-App-Token, X-App-Access-Ts and X-App-Access-Sig.
func signByHand(req *http.Request, token, secret string, now time.Time, body []byte) {
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set("X-App-Token", token)
	req.Header.Set("X-App-Access-Ts", ts)
	req.Header.Set("X-App-Access-Sig", sumsubSignature(secret, ts, req.Method, req.URL.RequestURI(), body))
	if len(body) > 0 && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
}

// The hand signer reproduces the published signing vectors (spec §2.4).
func TestHandSignerMatchesPublishedVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, secret, ts, method, uri, body, want string
	}{
		{"P1 (Sumsub's documented string to sign)", "SoMe_SeCrEt_KeY", "1607551635", "POST",
			"/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335&levelName=basic-kyc-level&ttlInSecs=600", "",
			"15cc96be3e65ed8805f374db7f4c49c5723ae2a20eea3159cf0ab7c3badc3ad0"},
		{"P2", "api_secret", "1712760187", "POST", "/resources/accessTokens", `{"userId":"1000","levelName":"default","ttl":60}`,
			"260c8893fb0317e8a714ce3bce9c16821649f1e27a49bd7d926fcf23942628c0"},
	}
	for _, tt := range tests {
		if got := sumsubSignature(tt.secret, tt.ts, tt.method, tt.uri, []byte(tt.body)); got != tt.want {
			t.Errorf("%s: signature %s, want %s", tt.name, got, tt.want)
		}
	}
}

// raw sends a hand-signed request and returns the status and body.
func raw(t *testing.T, srv *monitoringtest.Server, method, path string, body []byte, contentType string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	tok, sec := srv.AppToken()
	signByHand(req, tok, sec, time.Now(), body)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// example is a documented request body of testdata/examples.
type example struct {
	name string
	body []byte
	tree map[string]any
}

func examples(t *testing.T) []example {
	t.Helper()
	files, err := filepath.Glob("../testdata/examples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "result_") {
			continue // answers, not requests
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, example{name: filepath.Base(f), body: b, tree: tree(t, b)})
	}
	if len(out) != 13 {
		t.Fatalf("%d documented request examples, want 13", len(out))
	}
	return out
}

// tree decodes JSON with numbers kept as text.
func tree(t *testing.T, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}

func encode(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withoutApplicantIDs returns the example without applicant.externalUserId
// and applicant.fullName.
func withoutApplicantIDs(t *testing.T, ex example) []byte {
	t.Helper()
	m := tree(t, ex.body)
	if a, ok := m["applicant"].(map[string]any); ok {
		delete(a, "externalUserId")
		delete(a, "fullName")
	}
	return encode(t, m)
}

// hasApplicantIDs reports whether the example names its applicant as a
// submit without applicant id needs.
func hasApplicantIDs(ex example) bool {
	a, _ := ex.tree["applicant"].(map[string]any)
	ext, _ := a["externalUserId"].(string)
	name, _ := a["fullName"].(string)
	return ext != "" && name != ""
}

const noApplicantDesc = "de.smtdp.commons.service.exceptions.ServiceException:When no applicant id provided, applicant.externalUserId and applicant.fullName must be set"

// Every documented request example is accepted raw on every endpoint that
// takes it, and stored as sent: the transaction read back carries the
// example's data, plus the txnDate Sumsub fills in when none is sent.
func TestRawDocumentedExamplesAccepted(t *testing.T) {
	t.Parallel()
	for _, ex := range examples(t) {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			type call struct {
				name, path string
				body       []byte
				ndjson     bool
				want       int
				wantDesc   string
			}
			existing := "/resources/applicants/631f268442d8290001e1eee9/kyt/txns/-/data"
			calls := []call{
				{name: "existing applicant", path: existing, body: ex.body, want: 200},
				{name: "existing applicant, applicant ids removed", path: existing, body: withoutApplicantIDs(t, ex), want: 200},
				{name: "import with applicantId", path: "/resources/kyt/misc/txns/import", ndjson: true, want: 200,
					body: append(encode(t, map[string]any{"applicantId": "631f268442d8290001e1eee9", "data": json.RawMessage(ex.body)}), '\n')},
			}
			if hasApplicantIDs(ex) {
				calls = append(calls,
					call{name: "new applicant", path: "/resources/applicants/-/kyt/txns/-/data", body: ex.body, want: 200},
					call{name: "import without applicantId", path: "/resources/kyt/misc/txns/import", ndjson: true, want: 200,
						body: append(encode(t, map[string]any{"data": json.RawMessage(ex.body)}), '\n')})
			} else {
				// Sumsub's documented 400 for this case, verbatim.
				calls = append(calls, call{name: "new applicant without its ids", path: "/resources/applicants/-/kyt/txns/-/data",
					body: ex.body, want: 400, wantDesc: noApplicantDesc})
			}
			for _, c := range calls {
				srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant("631f268442d8290001e1eee9", "uniqueRemitterId"))
				ct := "application/json"
				if c.ndjson {
					ct = "application/x-ndjson"
				}
				code, body := raw(t, srv, http.MethodPost, c.path, c.body, ct)
				if code != c.want {
					t.Errorf("%s: HTTP %d %s, want %d", c.name, code, body, c.want)
					continue
				}
				if c.wantDesc != "" {
					if got := tree(t, body)["description"]; got != c.wantDesc {
						t.Errorf("%s: description %q, want %q", c.name, got, c.wantDesc)
					}
					continue
				}
				stored := srv.Transactions()
				if len(stored) != 1 {
					t.Errorf("%s: %d stored, want 1 (answer %s)", c.name, len(stored), body)
					continue
				}
				// What is served back is the example: the fake adds only
				// the txnDate Sumsub fills in when none is sent.
				want := tree(t, c.body)
				if c.ndjson {
					want = tree(t, encode(t, want["data"]))
				}
				got := tree(t, encode(t, stored[0].Data))
				if _, ok := want["txnDate"]; !ok {
					delete(got, "txnDate")
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: stored data (-want +got):\n%s", c.name, diff)
				}
			}
		})
	}
}

// The documented bulk import file is accepted raw as it is.
func TestRawDocumentedBulkImport(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../testdata/examples/bulk_import.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	srv := monitoringtest.NewServer(t, monitoringtest.WithApplicant("65a906b659df1414adf1107b", ""))
	code, body := raw(t, srv, http.MethodPost, "/resources/kyt/misc/txns/import?ignoreErrors=false&scoreSavedTxns=true", b, "application/x-ndjson")
	if code != 200 || tree(t, body)["created"] != json.Number("2") {
		t.Fatalf("HTTP %d %s, want 200 created 2", code, body)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	stored := srv.Transactions()
	for i := 0; sc.Scan(); i++ {
		rec := tree(t, sc.Bytes())
		got := tree(t, encode(t, stored[i].Data))
		want := tree(t, encode(t, rec["data"]))
		if _, ok := want["txnDate"]; !ok {
			delete(got, "txnDate")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("line %d stored (-want +got):\n%s", i+1, diff)
		}
		if id, _ := rec["applicantId"].(string); id != "" && string(stored[i].ApplicantID) != id {
			t.Errorf("line %d stored for applicant %s, want %s", i+1, stored[i].ApplicantID, id)
		}
	}
	// An unknown applicantId stops the import at that line.
	other := monitoringtest.NewServer(t)
	if code, body := raw(t, other, http.MethodPost, "/resources/kyt/misc/txns/import", b, "application/x-ndjson"); code != 404 {
		t.Errorf("unknown applicantId: HTTP %d %s, want 404", code, body)
	}
}

// The requests Sumsub documents as invalid get its documented answers,
// verbatim, and change nothing.
func TestRawDocumentedInvalidRequests(t *testing.T) {
	t.Parallel()
	const newApplicant = "/resources/applicants/-/kyt/txns/-/data"
	ok := `{"txnId":"dup-1","type":"finance","applicant":{"externalUserId":"u","fullName":"A"},"info":{"direction":"out","amount":1,"currencyCode":"BTC"}}`
	tests := []struct {
		name   string
		body   string
		status int
		want   map[string]any
	}{
		{"JSON syntax", `{"txnId":`, 400, map[string]any{"code": json.Number("400"),
			"description": "Malformed data provided in the request", "type": "com.fasterxml.jackson.databind.exc.InvalidFormatException"}},
		{"wrong value type", `{"txnId":"t0","applicant":{"externalUserId":"u","fullName":"A"},"info":{"direction":"out","amount":{"v":1},"currencyCode":"BTC"}}`, 400,
			map[string]any{"code": json.Number("400"), "description": "Malformed data provided in the request",
				"type": "com.fasterxml.jackson.databind.exc.InvalidFormatException"}},
		{"no applicant id, no externalUserId", `{"txnId":"t1","type":"kyc","applicant":{"fullName":"A"}}`, 400,
			map[string]any{"code": json.Number("400"), "description": noApplicantDesc, "type": "de.smtdp.commons.service.exceptions.ServiceException"}},
		{"no applicant id, no fullName", `{"txnId":"t2","type":"kyc","applicant":{"externalUserId":"u"}}`, 400,
			map[string]any{"code": json.Number("400"), "description": noApplicantDesc, "type": "de.smtdp.commons.service.exceptions.ServiceException"}},
		{"unsupported type", `{"txnId":"t3","type":"typo","applicant":{"externalUserId":"u","fullName":"A"}}`, 400,
			map[string]any{"code": json.Number("400"), "type": "io.dropwizard.jersey.validation.JerseyViolationException",
				"description": "type is not valid, must be one of: travelRule, finance, gamblingBet, gamblingLimitChange, gamblingBonusChange, kyc, auditTrailEvent, userPlatformEvent"}},
		{"unsupported event sub-type (the docs' own request)", `{"txnId":"t4","type":"userPlatformEvent","applicant":{"externalUserId":"u","fullName":"A"},"userPlatformEventInfo":{"type":"typo"}}`, 400,
			map[string]any{"code": json.Number("400"), "type": "io.dropwizard.jersey.validation.JerseyViolationException",
				"description": "userPlatformEventInfo.type typo is not valid, must be one of: login, signup, passwordReset, twoFaReset, general"}},
		{"first of a txnId", ok, 200, nil},
		{"second of a txnId", ok, 409, map[string]any{"code": json.Number("409"), "description": "Entity already exists",
			"type": "net.researchgate.restdsl.exceptions.RestDslException"}},
	}
	srv := monitoringtest.NewServer(t)
	for _, tt := range tests { // sequential: the duplicate depends on order
		code, body := raw(t, srv, http.MethodPost, newApplicant, []byte(tt.body), "application/json")
		if code != tt.status {
			t.Errorf("%s: HTTP %d %s, want %d", tt.name, code, body, tt.status)
			continue
		}
		if tt.want == nil {
			continue
		}
		got := tree(t, body)
		if _, ok := got["correlationId"].(string); !ok {
			t.Errorf("%s: no correlationId in %s", tt.name, body)
		}
		delete(got, "correlationId")
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: body (-want +got):\n%s", tt.name, diff)
		}
	}
	if n := srv.Stats().Stored; n != 1 {
		t.Errorf("stored %d, want only the first of the txnId", n)
	}
}

// Authentication failures, signed (or not) by hand.
func TestRawAuthentication(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	tok, sec := srv.AppToken()
	path := "/resources/kyt/txns/-;data.txnId=x/one"
	tests := []struct {
		name      string
		edit      func(req *http.Request)
		errorCode json.Number
		errorName string
	}{
		{"no token", func(r *http.Request) { r.Header.Del("X-App-Token") }, "4000", "app-token-invalid-format"},
		{"unknown token", func(r *http.Request) { r.Header.Set("X-App-Token", "sbx:unknown") }, "4002", "app-token-private-part-mismatch"},
		{"wrong secret", func(r *http.Request) { signByHand(r, tok, "wrong", time.Now(), nil) }, "4003", "app-token-signature-mismatch"},
		{"signed another path", func(r *http.Request) {
			ts := r.Header.Get("X-App-Access-Ts")
			r.Header.Set("X-App-Access-Sig", sumsubSignature(sec, ts, "GET", "/resources/kyt/txns/-;data.txnId=y/one", nil))
		}, "4003", "app-token-signature-mismatch"},
		{"milliseconds", func(r *http.Request) { signByHand(r, tok, sec, time.UnixMilli(time.Now().UnixMilli()*1000), nil) }, "4004", ""},
		{"two minutes old", func(r *http.Request) { signByHand(r, tok, sec, time.Now().Add(-2*time.Minute), nil) }, "4004", ""},
		{"timestamp not decimal", func(r *http.Request) { r.Header.Set("X-App-Access-Ts", "1.5") }, "4005", ""},
		{"no signature", func(r *http.Request) { r.Header.Del("X-App-Access-Sig") }, "4006", ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		signByHand(req, tok, sec, time.Now(), nil)
		tt.edit(req)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := tree(t, body)
		name, _ := got["errorName"].(string)
		if resp.StatusCode != 401 || got["errorCode"] != tt.errorCode || name != tt.errorName {
			t.Errorf("%s: HTTP %d %s, want 401 errorCode %s errorName %q", tt.name, resp.StatusCode, body, tt.errorCode, tt.errorName)
		}
	}
	// Upper-case hex passes, and a correct signature reaches the route.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	signByHand(req, tok, sec, time.Now(), nil)
	req.Header.Set("X-App-Access-Sig", strings.ToUpper(req.Header.Get("X-App-Access-Sig")))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("upper-case signature: HTTP %d, want 404 (no such txnId)", resp.StatusCode)
	}
}
