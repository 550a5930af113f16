package gtr

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/crypto/nacl/box"

	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

var benchAddressBody = []byte(`{"requestId":"acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77","invokeVaspCode":"VASPKIT_TEST",
"originatorVasp":"ACME","beneficiaryVasp":"VASPKIT_TEST","callbackType":6,"callbackData":{"requestId":"acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77",
"originatorVasp":"ACME","originatorVaspName":"Acme","ticker":"ETH","address":"0x00000000219ab540356cBB839Cbe05303d7705Fa","tag":"","network":"ETH","initiatorVasp":"ACME"}}`)

func serveBench(b *testing.B, h http.Handler, body []byte) {
	b.Helper()
	tlsState := verifiedTLS()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/cb", bytes.NewReader(body))
		req.TLS = tlsState // GTR's verified client certificate
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("HTTP %d", rec.Code)
		}
	}
}

// BenchmarkCallbackAddressCheck is the handler's whole path for callback 6:
// decode, validate, run the function under its deadline, answer.
func BenchmarkCallbackAddressCheck(b *testing.B) {
	h, err := NewCallbackHandler(OnAddressCheck(func(_ context.Context, c *AddressCheck) (CheckAnswer, error) {
		return CheckAnswer{Result: CheckFound}, nil
	}))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	serveBench(b, h, benchAddressBody)
}

// BenchmarkCallbackAddressCheckBaseline does the same by hand: one
// json.Unmarshal into a struct, a direct call, one json.Marshal.
func BenchmarkCallbackAddressCheckBaseline(b *testing.B) {
	fn := func(_ context.Context, _ string) bool { return true }
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var env struct {
			RequestID    string `json:"requestId"`
			CallbackType int    `json:"callbackType"`
			CallbackData struct {
				Address string `json:"address"`
				Network string `json:"network"`
				Tag     string `json:"tag"`
			} `json:"callbackData"`
		}
		if err := json.NewDecoder(r.Body).Decode(&env); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		status := 200001
		if fn(r.Context(), env.CallbackData.Address) {
			status = 100000
		}
		out, _ := json.Marshal(map[string]any{"verifyStatus": status, "verifyMessage": "address found"})
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(out)
	})
	b.ReportAllocs()
	serveBench(b, h, benchAddressBody)
}

type benchPII struct {
	peer testPeer
	seed [32]byte // of peer.ours
	body []byte
}

func newBenchPII(b *testing.B) benchPII {
	bp := benchPII{peer: newTestPeer(b)}
	for i := range bp.seed {
		bp.seed[i] = byte(i + 1)
	}
	ours, err := GenerateKeyPair(bytes.NewReader(bp.seed[:]))
	if err != nil {
		b.Fatal(err)
	}
	bp.peer.ours = ours
	bp.body = bp.peer.piiCallback(b, preTxIdentity(canaryLast, canaryFirst, canaryDOB),
		BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth())
	return bp
}

// BenchmarkCallbackPIIVerification is callback 4 end to end: decode, open
// (X25519 + XSalsa20-Poly1305, shared key cached), IVMS decode, match two
// fields, IVMS encode, seal back, answer.
func BenchmarkCallbackPIIVerification(b *testing.B) {
	bp := newBenchPII(b)
	h, err := NewCallbackHandler(WithCallbackKeyPair(bp.peer.ours), OnPIIVerify(verifyAsReceiver))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	serveBench(b, h, bp.body)
}

// BenchmarkCallbackPIIVerificationBaseline does the same work by hand with
// encoding/json, nacl/box (precomputed key) and the ivms codec, comparing
// the two fields by plain equality.
func BenchmarkCallbackPIIVerificationBaseline(b *testing.B) {
	bp := newBenchPII(b)
	theirs := [32]byte(bp.peer.theirs.PublicKey())
	shared, err := pii.Precompute(&bp.seed, &theirs)
	if err != nil {
		b.Fatal(err)
	}
	key := (*[32]byte)(shared)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var env struct {
			CallbackData struct {
				RequestID      string `json:"requestId"`
				PIISecuredInfo struct {
					SecuredPayload string `json:"securedPayload"`
				} `json:"piiSecuredInfo"`
			} `json:"callbackData"`
		}
		if err := json.NewDecoder(r.Body).Decode(&env); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		raw, err := base64Std(env.CallbackData.PIISecuredInfo.SecuredPayload)
		if err != nil || len(raw) < 40 {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var nonce [24]byte
		copy(nonce[:], raw[:24])
		doc, ok := box.OpenAfterPrecomputation(nil, raw[24:], &nonce, key)
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		id, err := ivms.Unmarshal(doc)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		np := id.Beneficiary.BeneficiaryPersons[0].NaturalPerson
		known := ourCustomer[0].NaturalPerson
		fields := []FieldResult{
			{ID: BeneficiaryNatural.Name(), Status: matchStatus(np.Name.NameIdentifiers[0] == known.Name.NameIdentifiers[0])},
			{ID: BeneficiaryNatural.DateOfBirth(), Status: matchStatus(np.DateAndPlaceOfBirth.DateOfBirth == known.DateAndPlaceOfBirth.DateOfBirth)},
		}
		back, _ := ivms.Marshal(id, ivms.GTR)
		sealed := box.SealAfterPrecomputation(nonce[:], back, &nonce, key)
		out, _ := json.Marshal(map[string]any{"verifyStatus": 100000, "verifyMessage": "ok", "data": map[string]any{
			"requestId": env.CallbackData.RequestID, "verifyFields": fields,
			"piiSecuredInfo": map[string]any{"securedPayload": base64StdEncode(sealed)},
		}})
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(out)
	})
	b.ReportAllocs()
	serveBench(b, h, bp.body)
}

// BenchmarkNameSimilarity is NAME_FUZZY_VD on two three-word names.
func BenchmarkNameSimilarity(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if nameSimilarity("Tudor-Andrei Vilceanu", "vilceanu tudor andrei") < nameMatchThreshold {
			b.Fatal("no match")
		}
	}
}

// BenchmarkNameSimilarityBaseline is one plain Levenshtein ratio of the
// lower-cased whole strings, without tokenising or pairing.
func BenchmarkNameSimilarityBaseline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = matchLevRatio([]rune("tudor-andrei vilceanu"), []rune("vilceanu tudor andrei"))
	}
}

func base64Std(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }

func base64StdEncode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
