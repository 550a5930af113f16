package gtr

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

// ourCustomer is the KYC record of the beneficiary we hold.
var ourCustomer = []ivms.Person{naturalPerson(canaryLast, canaryFirst, canaryDOB)}

// verifyAsReceiver is a typical OnPIIVerify: verify our customer, return the
// document with our VASP filled in.
func verifyAsReceiver(_ context.Context, v *PIIVerification) (PIIVerifyAnswer, error) {
	out := *v.Identity
	out.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: legalPerson("Vaspkit Test Exchange")}
	return PIIVerifyAnswer{Fields: v.Verify(ourCustomer, []FieldID{OriginatorNatural.Name()}), Identity: &out}, nil
}

type piiReplyData struct {
	RequestID          string          `json:"requestId"`
	VerifyFields       []FieldResult   `json:"verifyFields"`
	PIISecuredInfo     wireSecuredInfo `json:"piiSecuredInfo"`
	EncryptedPayload   string          `json:"encryptedPayload"`
	InitiatorPublicKey string          `json:"initiatorPublicKey"`
	ReceiverPublicKey  string          `json:"receiverPublicKey"`
}

func TestCallbackHandlerPIIVerification(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		identity   *ivms.IdentityPayload
		expect     []FieldID
		wantStatus VerifyStatus
		wantFields []FieldResult
	}{
		{"match", preTxIdentity(canaryLast, canaryFirst, canaryDOB),
			[]FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()},
			StatusSuccess, []FieldResult{
				{ID: BeneficiaryNatural.Name(), Status: FieldMatch},
				{ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMatch},
				{ID: OriginatorNatural.Name(), Status: FieldInfoExists},
			}},
		{"fuzzy name, other order", preTxIdentity(canaryFirst+" "+canaryLast, "", ""),
			[]FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()},
			StatusSuccess, []FieldResult{
				{ID: BeneficiaryNatural.Name(), Status: FieldMatch},
				{ID: BeneficiaryNatural.DateOfBirth(), Status: FieldSkip},
				{ID: OriginatorNatural.Name(), Status: FieldInfoExists},
			}},
		{"mismatch", preTxIdentity("Someone", "Else", "1990-01-01"),
			[]FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth(), BeneficiaryNatural.NationalIdentifier()},
			StatusPIIVerifyFail, []FieldResult{
				{ID: BeneficiaryNatural.Name(), Status: FieldMismatch},
				{ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMismatch},
				{ID: BeneficiaryNatural.NationalIdentifier(), Status: FieldSkip},
				{ID: OriginatorNatural.Name(), Status: FieldInfoExists},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			peer := newTestPeer(t)
			h := newHandler(t, WithCallbackKeyPair(peer.ours), OnPIIVerify(verifyAsReceiver))
			got := post(t, h, peer.piiCallback(t, tt.identity, tt.expect...))
			if got.HTTPStatus != 200 || got.VerifyStatus != tt.wantStatus {
				t.Fatalf("reply = %d/%d %q, want 200/%d", got.HTTPStatus, got.VerifyStatus, got.VerifyMessage, tt.wantStatus)
			}
			var data piiReplyData
			if err := json.Unmarshal(got.Data, &data); err != nil {
				t.Fatalf("reply data: %v", err)
			}
			if diff := cmp.Diff(tt.wantFields, data.VerifyFields); diff != "" {
				t.Errorf("verifyFields mismatch (-want +got):\n%s", diff)
			}
			info := data.PIISecuredInfo
			if info.SecretAlgorithm != "ed25519_curve25519" || info.PIISecretFormatType != "FULL_JSON_OBJECT_ENCRYPT" ||
				info.PIISpecVersion != "ivms101-2020" || info.initiatorKey() != peer.theirs.PublicKey().String() ||
				info.receiverKey() != peer.ours.PublicKey().String() || data.EncryptedPayload != info.SecuredPayload ||
				data.RequestID != "acme-req-0001" || data.ReceiverPublicKey != peer.ours.PublicKey().String() {
				t.Errorf("reply piiSecuredInfo / keys wrong: %+v", data)
			}
			// The initiator opens our answer with its key and ours.
			doc, err := OpenPII(info.SecuredPayload, peer.theirs, peer.ours.PublicKey())
			if err != nil {
				t.Fatalf("initiator cannot open the answer: %v", err)
			}
			back, err := ivms.Unmarshal(doc)
			if err != nil {
				t.Fatalf("answer is not IVMS: %v", err)
			}
			want := *tt.identity
			want.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: legalPerson("Vaspkit Test Exchange")}
			if diff := cmp.Diff(&want, back); diff != "" {
				t.Errorf("returned identity mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallbackHandlerPIIErrors(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t)
	stranger := newTestPeer(t)
	id := preTxIdentity(canaryLast, canaryFirst, canaryDOB)
	notIVMS, err := SealPII([]byte(`{"hello":"world"}`), peer.theirs, peer.ours.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	pending := func(context.Context, *PIIVerification) (PIIVerifyAnswer, error) {
		return PIIVerifyAnswer{Status: StatusPending}, nil
	}
	receiveOnly := func(context.Context, *PIIVerification) (PIIVerifyAnswer, error) {
		return PIIVerifyAnswer{Status: StatusSuccess}, nil
	}
	bogus := func(context.Context, *PIIVerification) (PIIVerifyAnswer, error) {
		return PIIVerifyAnswer{Status: 123}, nil
	}
	tests := []struct {
		name       string
		keys       *KeyPair
		fn         func(context.Context, *PIIVerification) (PIIVerifyAnswer, error)
		body       []byte
		wantStatus VerifyStatus
		wantData   bool
		wantErr    bool
	}{
		{"sealed to another key", stranger.ours, verifyAsReceiver, peer.piiCallback(t, id), StatusDecryptFail, false, true},
		{"garbage payload", peer.ours, verifyAsReceiver, peer.piiCallbackPayload(t, "not base64 !!"), StatusDecryptFail, false, true},
		{"not IVMS", peer.ours, verifyAsReceiver, peer.piiCallbackPayload(t, notIVMS), statusBadParameters, false, true},
		{"pending", peer.ours, pending, peer.piiCallback(t, id), StatusPending, false, false},
		{"receive only", peer.ours, receiveOnly, peer.piiCallback(t, id), StatusSuccess, true, false},
		{"unpublished status", peer.ours, bogus, peer.piiCallback(t, id), statusReceiverServerFail, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var reported error
			h := newHandler(t, WithCallbackKeyPair(tt.keys), OnPIIVerify(tt.fn),
				OnCallbackError(func(_ context.Context, _ Callback, err error) {
					mu.Lock()
					defer mu.Unlock()
					reported = err
				}))
			got := post(t, h, tt.body)
			if got.VerifyStatus != tt.wantStatus {
				t.Errorf("verifyStatus = %d %q, want %d", got.VerifyStatus, got.VerifyMessage, tt.wantStatus)
			}
			if hasData := len(got.Data) > 0; hasData != tt.wantData {
				t.Errorf("reply has data = %v, want %v", hasData, tt.wantData)
			}
			if tt.wantData {
				var data map[string]any
				if err := json.Unmarshal(got.Data, &data); err != nil {
					t.Fatal(err)
				}
				if _, ok := data["piiSecuredInfo"]; ok {
					t.Errorf("receive-only answer carries piiSecuredInfo")
				}
				if f, ok := data["verifyFields"].([]any); !ok || len(f) != 0 {
					t.Errorf("verifyFields = %v, want []", data["verifyFields"])
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if (reported != nil) != tt.wantErr {
				t.Errorf("OnCallbackError got %v, want an error: %v", reported, tt.wantErr)
			}
		})
	}
}

func TestCallbackHandlerNotifications(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t) // ours initiated; theirs is the receiver
	theirDoc, err := ivms.Marshal(preTxIdentity(canaryLast, canaryFirst, canaryDOB), ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := SealPII(theirDoc, peer.theirs, peer.ours.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	piiResult, err := json.Marshal(map[string]any{
		"requestId": "vaspkit-req-1", "callbackType": 15,
		"callbackData": map[string]any{
			"notifyResult":    map[string]any{"verifyStatus": 100000, "verifyMessage": "PII Verification Success"},
			"piiVerifyResult": map[string]any{"verifiedFields": []map[string]any{{"type": "110026", "status": 1}}},
			"piiSecuredInfo": map[string]any{
				"initiatorKeyInfo": map[string]string{"publicKey": peer.ours.PublicKey().String()},
				"receiverKeyInfo":  map[string]string{"publicKey": peer.theirs.PublicKey().String()},
				"secretAlgorithm":  "ED25519_CURVE25519", "piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
				"securedPayload": sealed,
			},
			"travelruleInfo": map[string]any{"requestId": "vaspkit-req-1", "verificationDirection": 2},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []Notification
	h := newHandler(t, WithCallbackKeyPair(peer.ours), OnNotification(func(_ context.Context, n Notification) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, n)
		if e, ok := n.(*TravelRuleEnded); ok && e.ReasonType == "FAIL_ME" {
			return errors.New("storage down")
		}
		return nil
	}))
	tests := []struct {
		name    string
		body    []byte
		want    VerifyStatus
		wantMsg string
	}{
		{"txid", []byte(`{"requestId":"acme-1","callbackType":7,"callbackData":{"txId":"0xabc"}}`), StatusSuccess, "TX ID Received"},
		{"stage", []byte(`{"callbackType":13,"callbackData":{"travelruleInfo":{"requestId":"vaspkit-req-1"},"notifyResult":{"verifyStatus":200001}}}`), StatusSuccess, "Success"},
		{"pii result", piiResult, StatusSuccess, "Success"},
		{"preflight", []byte(`{"requestId":"vaspkit-req-1","callbackType":16,"callbackData":{}}`), StatusSuccess, "Success"},
		{"ended, handler fails", []byte(`{"requestId":"acme-1","callbackType":17,"callbackData":{"finalStateInfo":{"reasonType":"FAIL_ME"}}}`), statusReceiverServerFail, "receiver failed to answer"},
	}
	for _, tt := range tests {
		r := post(t, h, tt.body)
		if r.VerifyStatus != tt.want || r.VerifyMessage != tt.wantMsg {
			t.Errorf("%s: reply %d %q, want %d %q", tt.name, r.VerifyStatus, r.VerifyMessage, tt.want, tt.wantMsg)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != len(tests) {
		t.Fatalf("OnNotification called %d times, want %d", len(got), len(tests))
	}
	pr, ok := got[2].(*PIIResult)
	if !ok {
		t.Fatalf("third notification is %T, want *PIIResult", got[2])
	}
	if pr.IdentityErr != nil || pr.Identity == nil {
		t.Fatalf("PIIResult identity not opened: %v", pr.IdentityErr)
	}
	if name := pr.Identity.Beneficiary.BeneficiaryPersons[0].NaturalPerson.Name.NameIdentifiers[0].PrimaryIdentifier; name != canaryLast {
		t.Errorf("opened beneficiary name = %q, want %q", name, canaryLast)
	}
	if diff := cmp.Diff([]FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch}}, pr.Fields); diff != "" {
		t.Errorf("PIIResult.Fields mismatch (-want +got):\n%s", diff)
	}
	if st, ok := got[1].(*StageResult); !ok || st.Result.Status != StatusAddressNotFound || st.RequestID != "vaspkit-req-1" {
		t.Errorf("stage result = %#v", got[1])
	}
}

// TestCallbackPIIReplyGolden pins the wire shape of our answer to callback
// 4; keys and ciphertext are replaced by placeholders.
func TestCallbackPIIReplyGolden(t *testing.T) {
	t.Parallel()
	peer := newTestPeer(t)
	h := newHandler(t, WithCallbackKeyPair(peer.ours), OnPIIVerify(verifyAsReceiver))
	req := callbackRequest(peer.piiCallback(t,
		preTxIdentity(canaryLast, canaryFirst, canaryDOB), BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var got struct {
		Data struct {
			EncryptedPayload string `json:"encryptedPayload"`
		} `json:"data"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	body := strings.NewReplacer(
		got.Data.EncryptedPayload, "<sealed document>",
		peer.theirs.PublicKey().String(), "<initiator public key>",
		peer.ours.PublicKey().String(), "<our public key>",
	).Replace(rec.Body.String())
	want, err := os.ReadFile(filepath.Join("testdata", "callbacks", "reply_type4_success.json"))
	if err != nil {
		t.Fatal(err)
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(body), &g); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("reply mismatch (-want +got):\n%s", diff)
	}
}
