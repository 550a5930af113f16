package sign

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestNoSecretLeaks feeds canary credentials through every signer and
// verifier path, then renders every resulting value (signers, Secrets,
// errors) through fmt verbs, error strings, JSON and both slog handlers,
// and asserts that no canary — raw, hex or as a decimal byte list — and no
// expected signature ever appears.
func TestNoSecretLeaks(t *testing.T) {
	t.Parallel()
	const (
		token  = "CANARY-token-5be1d0"
		secret = "CANARY-secret-91c4aa"
		apiKey = "CANARY-apikey-0d77f3"
		apiSec = "CANARY-apisecret-e2b8"
		whSec  = "CANARY-webhook-4410c9"
	)
	canaries := []string{token, secret, apiKey, apiSec, whSec}
	at := time.Unix(1700000000, 0)

	values := map[string]any{} // name -> value to render
	var forbidden []string     // expected signatures that must not leak either
	add := func(name string, v any) { values[name] = v }

	// Constructors, including their failures.
	su, err := NewSumsub(token, secret, fixedClock(at))
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewStriga(apiKey, apiSec, "", fixedClock(at))
	if err != nil {
		t.Fatal(err)
	}
	add("sumsub signer", su)
	add("striga signer", st)
	add("sumsub signer value", *su)
	add("striga signer value", *st)
	_, err = NewSumsub(token, "", nil)
	add("NewSumsub no secret", err)
	_, err = NewSumsub("", secret, nil)
	add("NewSumsub no token", err)
	_, err = NewStriga(apiKey, "", "", nil)
	add("NewStriga no secret", err)
	_, err = NewStriga("", apiSec, "", nil)
	add("NewStriga no key", err)
	_, err = NewStriga(apiKey, apiSec, "x", nil)
	add("NewStriga bad base path", err)
	add("secret", NewSecret(secret))
	add("secret in struct", struct {
		Token  Secret
		secret Secret
	}{NewSecret(token), NewSecret(secret)})

	// Sumsub: sign, then every verification failure.
	body := []byte(`{"txnId":"t1"}`)
	sreq := newRequest(t, http.MethodPost, "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data")
	if err := su.Sign(sreq, body); err != nil {
		t.Fatal(err)
	}
	forbidden = append(forbidden, sreq.Header.Get(SumsubSignatureHeader))
	add("sumsub sign nil", su.Sign(nil, body))
	add("sumsub verify ok", VerifySumsub(sreq, body, []byte(secret), at, SumsubMaxSkew))
	add("sumsub bad sig", VerifySumsub(sreq, []byte("x"), []byte(secret), at, SumsubMaxSkew))
	add("sumsub skew", VerifySumsub(sreq, body, []byte(secret), at.Add(time.Hour), SumsubMaxSkew))
	add("sumsub missing", VerifySumsub(cloneWith(sreq, func(h http.Header) { h.Del(SumsubSignatureHeader) }), body, []byte(secret), at, 0))
	add("sumsub malformed", VerifySumsub(cloneWith(sreq, func(h http.Header) { h.Set(SumsubTimestampHeader, "x") }), body, []byte(secret), at, 0))
	forbidden = append(forbidden, SumsubSignature([]byte(secret), "1700000000", "POST", sreq.URL.RequestURI(), []byte("x")))

	// Striga: sign, then every verification failure.
	treq := newRequest(t, http.MethodPost, "https://www.sandbox.striga.com/api/v1/travel-rule/widget-session")
	if err := st.Sign(treq, body); err != nil {
		t.Fatal(err)
	}
	forbidden = append(forbidden, strings.TrimPrefix(treq.Header.Get(StrigaAuthorizationHeader), "HMAC 1700000000000:"))
	add("striga sign nil", st.Sign(nil, body))
	add("striga sign outside base", st.Sign(newRequest(t, http.MethodGet, "https://x/other"), nil))
	add("striga verify ok", VerifyStriga(treq, body, []byte(apiSec), "", at, time.Minute))
	add("striga bad sig", VerifyStriga(treq, []byte("x"), []byte(apiSec), "", at, time.Minute))
	add("striga skew", VerifyStriga(treq, body, []byte(apiSec), "", at.Add(time.Hour), time.Minute))
	add("striga missing", VerifyStriga(cloneWith(treq, func(h http.Header) { h.Del(StrigaAPIKeyHeader) }), body, []byte(apiSec), "", at, 0))
	add("striga malformed", VerifyStriga(cloneWith(treq, func(h http.Header) { h.Set(StrigaAuthorizationHeader, "HMAC x") }), body, []byte(apiSec), "", at, 0))
	forbidden = append(forbidden, StrigaSignature([]byte(apiSec), "1700000000000", "POST", "/travel-rule/widget-session", []byte("x")))

	// Webhooks.
	for _, a := range []Algorithm{SHA1, SHA256, SHA512} {
		want := Digest(a, []byte(whSec), body)
		forbidden = append(forbidden, want)
		add("digest bad "+a.String(), VerifyDigest(a, []byte(whSec), body, Digest(a, []byte("wrong"), body)))
		add("digest missing "+a.String(), VerifyDigest(a, []byte(whSec), body, ""))
		h := http.Header{SumsubDigestHeader: {strings.Repeat("0", len(want))}, SumsubDigestAlgHeader: {a.String()}}
		add("sumsub webhook bad "+a.String(), VerifySumsubWebhook(body, h, []byte(whSec)))
	}
	add("digest unknown alg", VerifyDigest(Algorithm(7), []byte(whSec), body, "00"))
	add("striga webhook bad", VerifyStrigaWebhook(body, http.Header{"Signature": {strings.Repeat("0", 64)}}, []byte(apiKey)))
	add("striga webhook missing", VerifyStrigaWebhook(body, nil, []byte(apiKey)))
	forbidden = append(forbidden, Digest(SHA256, []byte(apiKey), body))

	// Render everything.
	var out strings.Builder
	var text, js bytes.Buffer
	textLog := slog.New(slog.NewTextHandler(&text, &slog.HandlerOptions{Level: slog.LevelDebug}))
	jsonLog := slog.New(slog.NewJSONHandler(&js, &slog.HandlerOptions{Level: slog.LevelDebug}))
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			fmt.Fprintf(&out, "%s %s: "+verb+"\n", name, verb, v)
		}
		if e, ok := v.(error); ok && e != nil {
			out.WriteString(e.Error() + "\n")
		}
		if b, err := json.Marshal(v); err == nil {
			out.Write(b)
		}
		textLog.Info("value", "name", name, "v", v)
		jsonLog.Error("value", slog.String("name", name), slog.Any("v", v))
	}
	textLog.Debug("signers", "sumsub", su, "striga", st)
	jsonLog.Debug("signers", "sumsub", su, "striga", st)
	all := out.String() + text.String() + js.String()

	if len(values) < 30 || text.Len() == 0 || js.Len() == 0 {
		t.Fatalf("rendered %d values, text log %d bytes, json log %d bytes: the test exercised too little", len(values), text.Len(), js.Len())
	}
	for _, c := range canaries {
		for _, form := range []string{c, hex.EncodeToString([]byte(c)), strings.Trim(fmt.Sprint([]byte(c)), "[]")} {
			if strings.Contains(all, form) {
				t.Errorf("canary %q leaked (as %q)", c, form)
			}
		}
	}
	for _, f := range forbidden {
		if f == "" {
			t.Fatal("empty forbidden value: the test lost a signature")
		}
		if strings.Contains(strings.ToLower(all), f) {
			t.Errorf("expected signature %s leaked", f)
		}
	}
	if !strings.Contains(all, Redacted) {
		t.Error("no [REDACTED] in the output: the canary Secret was never rendered")
	}
}
