package gtr

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

var update = flag.Bool("update", false, "rewrite golden files")

// zeroReader makes nonces deterministic for golden files.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// deterministic makes c seal to peer with all-zero nonces.
func deterministic(t testing.TB, c *Client, peer PublicKey) {
	t.Helper()
	s, err := c.keyPair.newSealer(peer)
	if err != nil {
		t.Fatal(err)
	}
	s.rand = zeroReader{}
	c.sealers.m = map[PublicKey]*piiSealer{peer: s}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, got, "", "  "); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	pretty.WriteByte('\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

// TestOneStepWire pins the request bodies of both directions, sealed PII
// included (deterministic nonces), against golden files.
func TestOneStepWire(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	for _, tt := range []struct {
		golden string
		req    func() *OneStepRequest
	}{
		{"onestep_pre_request.json", func() *OneStepRequest { return preRequest(t, "acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77") }},
		{"onestep_post_request.json", func() *OneStepRequest {
			r := preRequest(t, "acme-post-0001")
			r.Direction, r.TxID, r.FiatName = PostTransaction, "0xabc", "EUR"
			r.ExpectFields = []FieldID{OriginatorNatural.Name(), OriginatorNatural.AddressLine()}
			r.Identity = testPostIdentity()
			r.TravelRuleMetadata = &TravelRuleMetadata{IsBeneficiaryVASPBroker: true}
			return r
		}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.handle(oneStepPath, counterparty(t, their, StatusSuccess, StagePIIVerification, nil))
			c := f.client(t)
			deterministic(t, c, their.PublicKey())
			if _, err := c.OneStep(ctxTimeout(t, 5*time.Second), tt.req()); err != nil {
				t.Fatal(err)
			}
			body := f.lastBody(oneStepPath)
			golden(t, tt.golden, body)

			// The sealed plaintext is GTR's envelope, laid out for the direction.
			var sent oneStepBody
			if err := json.Unmarshal(body, &sent); err != nil {
				t.Fatal(err)
			}
			if sent.EncryptedPayload != sent.PIISecuredInfo.SecuredPayload || sent.InitiatorPublicKey != ourKey(t).PublicKey().String() {
				t.Error("legacy mirror fields do not mirror piiSecuredInfo")
			}
			doc, err := OpenPII(sent.PIISecuredInfo.SecuredPayload, their, ourKey(t).PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "plain_"+tt.golden, doc)
		})
	}
}

// TestOneStepRoundTrip sends both directions to a counterparty that opens
// the PII and sends it back re-sealed; the result carries its verdicts and
// the opened document.
func TestOneStepRoundTrip(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	fields := []map[string]any{
		{"type": "110026", "status": 1, "message": "match"},
		{"type": 110025, "status": 4, "message": "required"},
	}
	for _, dir := range []Direction{PreTransaction, PostTransaction} {
		t.Run(dir.String(), func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.handle(oneStepPath, counterparty(t, their, StatusSuccess, StagePIIVerification, fields))
			c := f.client(t)
			req := preRequest(t, "acme-rt-"+dir.String())
			if dir == PostTransaction {
				req.Direction, req.TxID, req.Identity = dir, "0xabc", testPostIdentity()
				req.ExpectFields = []FieldID{BeneficiaryNatural.Name()}
			}
			res, err := c.OneStep(ctxTimeout(t, 5*time.Second), req)
			if err != nil {
				t.Fatal(err)
			}
			want := &OneStepResult{
				RequestID: req.RequestID, TravelRuleID: "gtr-" + req.RequestID, Direction: dir,
				Status: StatusSuccess, Message: "SUCCESS", Stage: StagePIIVerification,
				Fields:           []FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch, Message: "match"}, {ID: BeneficiaryNatural.DateOfBirth(), Status: FieldInfoMissing, Message: "required"}},
				Expected:         []FieldID{BeneficiaryNatural.Name()},
				PreflightStatus:  "ACCEPTED",
				PreflightMessage: "ok",
				AddressRiskLevel: "low",
				PIIFormat:        FullJSONObjectEncrypt,
				PIISpecVersion:   "ivms101-2020",
				Meta:             Meta{HTTPStatus: 200, Attempts: 1},
			}
			if diff := cmp.Diff(want, res, cmp.FilterPath(func(p cmp.Path) bool {
				s := p.String()
				return s == "Identity" || s == "IdentityErr"
			}, cmp.Ignore())); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			if res.IdentityErr != nil {
				t.Fatalf("IdentityErr = %v", res.IdentityErr)
			}
			wantID := req.Identity.Clone()
			wantID.Beneficiary.AccountNumbers = []string{req.Address}
			if diff := cmp.Diff(wantID, res.Identity); diff != "" {
				t.Errorf("returned identity (-want +got):\n%s", diff)
			}
			if d := res.Decide(); d.Action != Proceed || len(d.InfoMissing) != 1 {
				t.Errorf("Decide() = %+v", d)
			}
		})
	}
}

// TestOneStepOutcomes maps every kind of answer to a result or an error.
func TestOneStepOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		httpStatus int
		body       string
		wantStatus VerifyStatus // verdict
		wantErr    error        // sentinel
	}{
		{"success", 200, `{"verifyStatus":100000,"verifyMessage":"Success","data":{}}`, StatusSuccess, nil},
		{"pending", 200, `{"verifyStatus":100002,"verifyMessage":"Pending","verifyStage":"ADDRESS_VERIFICATION"}`, StatusPending, nil},
		{"address not found", 200, `{"verifyStatus":200001,"verifyMessage":"Address not found"}`, StatusAddressNotFound, nil},
		{"tx id not found", 200, `{"verifyStatus":"200007"}`, StatusTxIDNotFound, nil},
		{"PII verify failed", 200, `{"verifyStatus":200003,"data":{"verifiedFields":[{"type":110026,"status":2}]}}`, StatusPIIVerifyFail, nil},
		{"duplicate requestId", 400, `{"verifyStatus":100005,"verifyMessage":"Request ID duplicated"}`, 0, ErrDuplicate},
		{"bad parameters", 400, `{"verifyStatus":100004,"verifyMessage":"bad"}`, 0, ErrInvalidRequest},
		{"invalid parameters on 200", 200, `{"verifyStatus":100023}`, 0, ErrInvalidRequest},
		{"cannot decrypt", 200, `{"verifyStatus":200002,"verifyMessage":"PII decrypt fail"}`, 0, ErrCannotDecrypt},
		{"cannot encrypt", 200, `{"verifyStatus":200006}`, 0, ErrCannotEncrypt},
		{"quota", 402, `{"verifyStatus":100003,"verifyMessage":"Limitation exceeded"}`, 0, ErrRateLimited},
		{"HTTP 429", 429, `{}`, 0, ErrRateLimited},
		{"VASP not found", 200, `{"verifyStatus":100015}`, 0, ErrNotFound},
		{"public key not found", 400, `{"verifyStatus":100016}`, 0, ErrPublicKeyNotFound},
		{"receiver failed", 500, `{"verifyStatus":100008,"verifyMessage":"Receiver server fail"}`, 0, ErrServer},
		{"sanction list", 200, `{"verifyStatus":200010}`, 0, ErrRejected},
		{"wrong flow", 200, `{"verifyStatus":100027}`, 0, ErrWrongFlow},
		{"business fail", 200, `{"verifyStatus":100001,"verifyMessage":"fail"}`, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.handle(oneStepPath, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.httpStatus)
				_, _ = w.Write([]byte(tt.body))
			})
			c := f.client(t)
			res, err := c.OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-outcome"))
			if tt.wantStatus != 0 {
				if err != nil || res.Status != tt.wantStatus {
					t.Fatalf("OneStep = %+v, %v; want verdict %v", res, err, tt.wantStatus)
				}
			} else {
				var ae *APIError
				if res != nil || !errors.As(err, &ae) {
					t.Fatalf("OneStep = %+v, %v; want an *APIError", res, err)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Errorf("err = %v, want errors.Is %v", err, tt.wantErr)
				}
				if ae.RequestID != "acme-outcome" || ae.HTTPStatus != tt.httpStatus || len(ae.Body) == 0 {
					t.Errorf("APIError = %+v", ae)
				}
			}
			if got := f.count(oneStepPath); got != 1 {
				t.Errorf("one_step sent %d times, want 1", got)
			}
		})
	}
}

func TestOneStepValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(r *OneStepRequest)
		fields []string
	}{
		{"short requestId", func(r *OneStepRequest) { r.RequestID = "abc" }, []string{"OneStepRequest.RequestID"}},
		{"requestId chars", func(r *OneStepRequest) { r.RequestID = "acme/0001" }, []string{"OneStepRequest.RequestID"}},
		{"long requestId", func(r *OneStepRequest) { r.RequestID = string(bytes.Repeat([]byte("a"), 65)) }, []string{"OneStepRequest.RequestID"}},
		{"direction", func(r *OneStepRequest) { r.Direction = 3 }, []string{"OneStepRequest.Direction"}},
		{"missing basics", func(r *OneStepRequest) { r.Network, r.Ticker, r.Address, r.TargetVASPCode = "", "", "", "" },
			[]string{"OneStepRequest.Network", "OneStepRequest.Ticker", "OneStepRequest.Address", "OneStepRequest.TargetVASPCode"}},
		{"long address", func(r *OneStepRequest) { r.Address = string(bytes.Repeat([]byte("a"), 257)) }, []string{"OneStepRequest.Address"}},
		{"txId pre-transaction", func(r *OneStepRequest) { r.TxID = "0xabc" }, []string{"OneStepRequest.TxID"}},
		{"txId post-transaction", func(r *OneStepRequest) { r.Direction, r.Identity = PostTransaction, testPostIdentity() }, []string{"OneStepRequest.TxID"}},
		{"float amount", func(r *OneStepRequest) { r.Amount = "1e-3" }, []string{"OneStepRequest.Amount"}},
		{"negative amount", func(r *OneStepRequest) { r.Amount = "-1" }, []string{"OneStepRequest.Amount"}},
		{"amounts missing", func(r *OneStepRequest) { r.Amount, r.FiatPrice = "", "" }, []string{"OneStepRequest.Amount", "OneStepRequest.FiatPrice"}},
		{"separators", func(r *OneStepRequest) { r.FiatPrice = "1,500" }, []string{"OneStepRequest.FiatPrice"}},
		{"trailing dot", func(r *OneStepRequest) { r.Amount = "1." }, []string{"OneStepRequest.Amount"}},
		{"field ids", func(r *OneStepRequest) { r.ExpectFields = []FieldID{"110026", "11002x", "110026"} },
			[]string{"OneStepRequest.ExpectFields[1]", "OneStepRequest.ExpectFields[2]"}},
		{"format", func(r *OneStepRequest) { r.PIIFormat = "XML_ENCRYPT" }, []string{"OneStepRequest.PIIFormat"}},
		{"spec version", func(r *OneStepRequest) { r.PIISpecVersion = "ivms101-2023" }, []string{"OneStepRequest.PIISpecVersion"}},
		{"short salt", func(r *OneStepRequest) { r.PIIFormat, r.HashSalt = JSONFieldHash, "0123456789" }, []string{"OneStepRequest.HashSalt"}},
		{"salt without hashing", func(r *OneStepRequest) { r.PIIFormat, r.HashSalt = JSONFieldEncrypt, "0123456789a" }, []string{"OneStepRequest.HashSalt"}},
		{"amount scale", func(r *OneStepRequest) { r.Amount = "0.0000000000000000001" }, []string{"OneStepRequest.Amount"}},
		{"amount digits", func(r *OneStepRequest) { r.Amount = "12345678901234567890.123456789" }, []string{"OneStepRequest.Amount"}},
		{"no identity", func(r *OneStepRequest) { r.Identity = nil }, []string{"OneStepRequest.Identity"}},
		{"pre-transaction entities", func(r *OneStepRequest) { r.Identity = &ivms.IdentityPayload{} },
			[]string{"OneStepRequest.Identity.Originator", "OneStepRequest.Identity.OriginatingVASP", "OneStepRequest.Identity.Beneficiary"}},
		{"post-transaction entities", func(r *OneStepRequest) { r.Direction, r.TxID = PostTransaction, "0x1" },
			[]string{"OneStepRequest.Identity.BeneficiaryVASP"}},
		{"metadata", func(r *OneStepRequest) {
			r.TravelRuleMetadata = &TravelRuleMetadata{BeneficiaryVASPIntermediaryVASPCount: -1}
		},
			[]string{"OneStepRequest.TravelRuleMetadata"}},
	}
	f := newFake(t)
	c := f.client(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := preRequest(t, "acme-valid-0001")
			tt.mutate(r)
			_, err := c.OneStep(ctxTimeout(t, 5*time.Second), r)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("err = %v, want *ValidationError", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Path)
				switch p.Rule {
				case ruleRequired, ruleFormat, ruleLength, ruleRange, ruleUnique, ruleConflict:
				default:
					t.Errorf("FieldError %q: Rule %q is none of the documented rules", p.Path, p.Rule)
				}
			}
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("problem fields (-want +got):\n%s", diff)
			}
		})
	}
	t.Cleanup(func() {
		if n := f.count(oneStepPath); n != 0 {
			t.Errorf("invalid requests sent %d one_step calls", n)
		}
	})
	if err := preRequest(t, "acme-valid-0001").Validate(); err != nil {
		t.Errorf("valid request: %v", err)
	}
	if err := (*OneStepRequest)(nil).Validate(); err == nil {
		t.Error("nil request validated")
	}
	noKey, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noKey.OneStep(ctxTimeout(t, time.Second), preRequest(t, "acme-valid-0001")); !errors.Is(err, ErrConfig) {
		t.Errorf("OneStep without a key pair: err = %v", err)
	}
}

// TestOneStepFetchesPublicKey: a zero TargetPublicKey is read from VASP
// detail; an unsupported algorithm stops before one_step.
func TestOneStepFetchesPublicKey(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	detail := func(alg, key string) http.HandlerFunc {
		return reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_vasp", "standardInfo": map[string]any{
			"publicKeyInfo": map[string]any{"receiverKeyInfo": map[string]any{"publicKey": key}, "secretAlgorithm": alg}}})
	}
	f := newFake(t)
	f.handle(vaspDetailPath, detail("ed25519_curve25519", their.PublicKey().String()))
	f.handle(oneStepPath, counterparty(t, their, StatusSuccess, StagePIIVerification, nil))
	c := f.client(t)
	req := preRequest(t, "acme-fetch-0001")
	req.TargetPublicKey = PublicKey{}
	res, err := c.OneStep(ctxTimeout(t, 5*time.Second), req)
	if err != nil || res.IdentityErr != nil {
		t.Fatalf("OneStep = %v, %v (identity %v)", res, err, res.IdentityErr)
	}

	g := newFake(t)
	g.handle(vaspDetailPath, detail("rsa_ecb_oaep_with_sha1_and_mgf1padding", "-----BEGIN PUBLIC KEY-----"))
	c = g.client(t)
	_, err = c.OneStep(ctxTimeout(t, 5*time.Second), req)
	if !errors.Is(err, ErrUnsupportedAlgorithm) || g.count(oneStepPath) != 0 {
		t.Errorf("RSA counterparty: err = %v, one_step calls %d", err, g.count(oneStepPath))
	}
}

// TestOneStepIdentityErrors: an answer whose PII cannot be opened keeps its
// verdict and reports IdentityErr.
func TestOneStepIdentityErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		si   map[string]any
		want error
	}{
		{"garbage payload", map[string]any{"securedPayload": "AAAA"}, ErrCannotDecrypt},
		{"other algorithm", map[string]any{"securedPayload": "AAAA", "secretAlgorithm": "ecies_secp256r1"}, ErrUnsupportedAlgorithm},
		{"other format", map[string]any{"securedPayload": "AAAA", "piiSecretFormatType": "XML"}, ErrUnsupportedFormat},
	}
	for _, tt := range tests {
		f := newFake(t)
		f.handle(oneStepPath, reply(StatusSuccess, "Success", map[string]any{"piiSecuredInfo": tt.si}))
		res, err := f.client(t).OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-identity"))
		if err != nil || res.Status != StatusSuccess {
			t.Fatalf("%s: OneStep = %v, %v", tt.name, res, err)
		}
		if res.Identity != nil || !errors.Is(res.IdentityErr, tt.want) {
			t.Errorf("%s: IdentityErr = %v, want %v", tt.name, res.IdentityErr, tt.want)
		}
	}
}

// TestValidAmount checks amounts against GTR's decimal(28,18): at most 28
// significant digits, at most 18 of them after the point. Every amount GTR
// shows or describes as valid passes.
func TestValidAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		amount string
		want   bool
	}{
		{"0", true},                               // "at least \"0\""
		{"0.5", true},                             // GTR's example
		{"1500", true},                            // GTR's fiatPrice example, as an amount
		{"0.000000000000000001", true},            // 1 wei of AVAX: 18 decimals
		{"1234567890.123456789012345678", true},   // 10 + 18 digits: decimal(28,18)'s largest shape
		{"1234567890123456789012345678", true},    // 28 integer digits
		{"50000000000000", true},                  // a large token amount (14 integer digits)
		{"0001.5", true},                          // leading zeros are not significant
		{"1.500000000000000000000", true},         // nor trailing zeros of the fraction
		{"0.0000000000000000001", false},          // 19 decimals
		{"1.0000000000000000001", false},          // 19 decimals
		{"12345678901234567890123456789", false},  // 29 digits
		{"12345678901.123456789012345678", false}, // 11 + 18 digits
		{"", false},
		{"-1", false},
		{"1e3", false},
		{".5", false},
		{"1.", false},
		{"1,5", false},
		{" 1", false},
		{"0." + strings.Repeat("0", 62) + "1", false}, // 65 characters
	}
	for _, tt := range tests {
		if got := validAmount(tt.amount); got != tt.want {
			t.Errorf("validAmount(%q) = %v, want %v", tt.amount, got, tt.want)
		}
	}
}
