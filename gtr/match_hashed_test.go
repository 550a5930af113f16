package gtr

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

const testSalt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"

// hashedDoc is what a JSON_FIELD_HASH initiator sends for id.
func hashedDoc(t testing.TB, id *ivms.IdentityPayload, salt string) []byte {
	t.Helper()
	doc, err := ivms.Marshal(id, ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	h, err := hashFields(doc, salt)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(h)
}

func TestVerifyHashedFields(t *testing.T) {
	t.Parallel()
	jane := naturalPerson("Howard", "Jane", "1992-10-04")
	jane.NaturalPerson.NationalIdentification = &ivms.NationalIdentification{NationalIdentifier: "112502920", NationalIdentifierType: "SOCS", CountryOfIssue: "US"}
	jane.NaturalPerson.GeographicAddresses = []ivms.Address{{AddressType: "HOME", StreetName: "Greystone Street", PostCode: "38017", TownName: "Collierville", Country: "US", AddressLines: []string{"28 Greystone Street", "Collierville"}}}
	swapped := naturalPerson("Jane", "Howard", "1992-10-04")
	upper := naturalPerson("HOWARD", "Jane", "1992-10-04")
	alias := naturalPerson("Price", "Jane", "")
	alias.NaturalPerson.Name.LocalNameIdentifiers = []ivms.NaturalPersonNameID{{PrimaryIdentifier: "Howard", SecondaryIdentifier: "Jane", NameIdentifierType: "LEGL"}}
	noName := ivms.Person{NaturalPerson: &ivms.NaturalPerson{DateAndPlaceOfBirth: &ivms.DateAndPlaceOfBirth{DateOfBirth: "1992-10-04"}}}
	pre := func(bene ivms.Person) *ivms.IdentityPayload {
		p := preTxIdentity("x", "y", "")
		p.Beneficiary.BeneficiaryPersons = []ivms.Person{bene}
		return p
	}
	asked := []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth(), BeneficiaryNatural.NationalIdentifier(),
		BeneficiaryNatural.AddressLine(), BeneficiaryNatural.PostCode(), BeneficiaryAccount.AccountNumber(), OriginatorNatural.Name(), "999999"}
	tests := []struct {
		name     string
		sent     *ivms.IdentityPayload
		customer []ivms.Person
		required []FieldID
		want     []FieldStatus // per asked id, then required ids not asked
	}{
		{"all match", pre(jane), []ivms.Person{jane}, nil,
			[]FieldStatus{FieldMatch, FieldMatch, FieldMatch, FieldMatch, FieldMatch, FieldInfoExists, FieldNotSupported, FieldNotSupported}},
		{"swapped name parts match", pre(swapped), []ivms.Person{jane}, nil,
			[]FieldStatus{FieldMatch, FieldMatch, FieldSkip, FieldSkip, FieldSkip, FieldInfoExists, FieldNotSupported, FieldNotSupported}},
		{"hashes are exact: case differs", pre(upper), []ivms.Person{jane}, nil,
			[]FieldStatus{FieldMismatch, FieldMatch, FieldSkip, FieldSkip, FieldSkip, FieldInfoExists, FieldNotSupported, FieldNotSupported}},
		{"a local name matches", pre(jane), []ivms.Person{alias}, nil,
			[]FieldStatus{FieldMatch, FieldNotSupported, FieldNotSupported, FieldNotSupported, FieldNotSupported, FieldInfoExists, FieldNotSupported, FieldNotSupported}},
		{"nothing sent, required", pre(noName), []ivms.Person{jane}, []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.CountryOfResidence(), OriginatorNatural.Name()},
			[]FieldStatus{FieldInfoMissing, FieldMatch, FieldSkip, FieldSkip, FieldSkip, FieldInfoExists, FieldInfoExists, FieldNotSupported, FieldInfoMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := verifyHashedFields(hashedDoc(t, tt.sent, testSalt), testSalt, partyBeneficiary, tt.customer, asked, tt.required)
			if err != nil {
				t.Fatal(err)
			}
			var statuses []FieldStatus
			for _, f := range got {
				statuses = append(statuses, f.Status)
			}
			if diff := cmp.Diff(tt.want, statuses); diff != "" {
				t.Errorf("statuses of %v (-want +got):\n%s", got, diff)
			}
		})
	}
	// Another salt hashes everything differently.
	got, err := verifyHashedFields(hashedDoc(t, pre(jane), testSalt+"x"), testSalt, partyBeneficiary, []ivms.Person{jane}, asked[:1], nil)
	if err != nil || len(got) != 1 || got[0].Status != FieldMismatch {
		t.Errorf("other salt: %v, %v", got, err)
	}
	for _, bad := range []struct {
		doc, salt string
		want      error
	}{{`{"a":`, testSalt, ErrInvalidDocument}, {`{}`, "short", errInvalidSalt}} {
		if _, err := verifyHashedFields([]byte(bad.doc), bad.salt, partyBeneficiary, nil, asked, nil); !errors.Is(err, bad.want) {
			t.Errorf("verifyHashedFields(%s, %q) error = %v, want %v", bad.doc, bad.salt, err, bad.want)
		}
	}
}

// hashedCallback is a callback 4 whose PII the initiator hashed
// (JSON_FIELD_HASH) with salt, given where GTR's Java bean carries it or as
// hashSalt.
func (p testPeer) hashedCallback(t testing.TB, id *ivms.IdentityPayload, salt, saltAt string, expect ...FieldID) []byte {
	t.Helper()
	var body map[string]any
	if err := json.Unmarshal(p.piiCallbackPayload(t, string(hashedDoc(t, id, salt)), expect...), &body); err != nil {
		t.Fatal(err)
	}
	data := body["callbackData"].(map[string]any)
	si := data["piiSecuredInfo"].(map[string]any)
	si["secretAlgorithm"], si["piiSecretFormatType"] = "keccak256", "JSON_FIELD_HASH"
	switch saltAt {
	case "encryptionParams":
		si["encryptionParams"] = map[string]any{"keccak256": map[string]any{"salt": salt}}
	case "hashSalt":
		data["hashSalt"] = salt
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCallbackHandlerHashedPII: a callback 4 carrying JSON_FIELD_HASH PII
// reaches OnPIIVerify unopened; Verify compares our customer's hashed record
// and the answer carries the verdict and our PII sealed to the initiator.
func TestCallbackHandlerHashedPII(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		identity   *ivms.IdentityPayload
		saltAt     string
		alg        string
		wantStatus VerifyStatus
		wantFields []FieldResult
	}{
		{"match, salt in encryptionParams", preTxIdentity(canaryLast, canaryFirst, canaryDOB), "encryptionParams", "", StatusSuccess, []FieldResult{
			{ID: BeneficiaryNatural.Name(), Status: FieldMatch}, {ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMatch},
			{ID: OriginatorNatural.Name(), Status: FieldInfoExists}}},
		{"match, salt in hashSalt", preTxIdentity(canaryLast, canaryFirst, canaryDOB), "hashSalt", "", StatusSuccess, []FieldResult{
			{ID: BeneficiaryNatural.Name(), Status: FieldMatch}, {ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMatch},
			{ID: OriginatorNatural.Name(), Status: FieldInfoExists}}},
		{"mismatch", preTxIdentity("Someone", "Else", canaryDOB), "encryptionParams", "", StatusPIIVerifyFail, []FieldResult{
			{ID: BeneficiaryNatural.Name(), Status: FieldMismatch}, {ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMatch},
			{ID: OriginatorNatural.Name(), Status: FieldInfoExists}}},
		{"no salt", preTxIdentity(canaryLast, canaryFirst, canaryDOB), "", "", StatusDecryptFail, nil},
		{"sealed with another algorithm", preTxIdentity(canaryLast, canaryFirst, canaryDOB), "hashSalt", "ecies_secp256r1", StatusDecryptFail, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			peer := newTestPeer(t)
			var hashed bool
			h := newHandler(t, WithCallbackKeyPair(peer.ours), OnPIIVerify(func(_ context.Context, v *PIIVerification) (PIIVerifyAnswer, error) {
				hashed = v.hashed != nil && v.Identity == nil && v.PIIFormat == JSONFieldHash && v.hashSalt == testSalt
				mine := &ivms.IdentityPayload{Beneficiary: &ivms.Beneficiary{BeneficiaryPersons: ourCustomer},
					BeneficiaryVASP: &ivms.BeneficiaryVASP{Person: legalPerson("Vaspkit Test Exchange")}}
				return PIIVerifyAnswer{Fields: v.Verify(ourCustomer, []FieldID{OriginatorNatural.Name()}), Identity: mine}, nil
			}))
			body := peer.hashedCallback(t, tt.identity, testSalt, tt.saltAt, BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth())
			if tt.alg != "" {
				var m map[string]any
				_ = json.Unmarshal(body, &m)
				m["callbackData"].(map[string]any)["piiSecuredInfo"].(map[string]any)["secretAlgorithm"] = tt.alg
				body, _ = json.Marshal(m)
			}
			got := post(t, h, body)
			if got.VerifyStatus != tt.wantStatus {
				t.Fatalf("reply = %d %q, want %d", got.VerifyStatus, got.VerifyMessage, tt.wantStatus)
			}
			if tt.wantFields == nil {
				return
			}
			if !hashed {
				t.Error("OnPIIVerify did not see a hashed PIIVerification with its salt")
			}
			var data piiReplyData
			if err := json.Unmarshal(got.Data, &data); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantFields, data.VerifyFields); diff != "" {
				t.Errorf("verifyFields (-want +got):\n%s", diff)
			}
			doc, err := OpenPII(data.PIISecuredInfo.SecuredPayload, peer.theirs, peer.ours.PublicKey())
			if err != nil {
				t.Fatalf("the initiator cannot open our answer: %v", err)
			}
			if back, err := ivms.Unmarshal(doc); err != nil || back.Beneficiary == nil {
				t.Errorf("answer document: %v", err)
			}
		})
	}
}

// FuzzVerifyHashedFields feeds hashed documents from outside (a callback's
// JSON_FIELD_HASH securedPayload) to the comparison: it never panics, fails
// only with ErrInvalidDocument, and answers every asked id once.
func FuzzVerifyHashedFields(f *testing.F) {
	f.Add(hashedDoc(f, preTxIdentity(canaryLast, canaryFirst, canaryDOB), testSalt))
	f.Add([]byte(`{"ivms101":{"Beneficiary":{"beneficiaryPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":1,"secondaryIdentifier":null}]}}}]}}}`))
	f.Add([]byte(`{"beneficiary":{"beneficiaryPersons":"x","accountNumber":[true,"AAAA"]}}`))
	f.Add([]byte(`[{"ivms101":[]}]`))
	asked := []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth(), BeneficiaryNatural.AddressLine(), BeneficiaryAccount.AccountNumber(), BeneficiaryLegal.Name()}
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, err := verifyHashedFields(doc, testSalt, partyBeneficiary, ourCustomer, asked, []FieldID{BeneficiaryNatural.CountryOfResidence()})
		if err != nil {
			if !errors.Is(err, ErrInvalidDocument) && !errors.Is(err, ErrPayloadTooLarge) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if len(got) != len(asked)+1 {
			t.Fatalf("%d results for %d asked and 1 required id", len(got), len(asked))
		}
	})
}
