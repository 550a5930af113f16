package gtrtest_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// TestClientFieldHashEndToEnd: a counterparty advertising JSON_FIELD_HASH
// in VASP detail gets the SDK's hashed PII (OneStep with TargetPublicKey
// and Format left zero) and compares it with its customer's record by
// re-hashing — the fake's own comparison, not the SDK's.
func TestClientFieldHashEndToEnd(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	if err := srv.AddVASP(gtrtest.VASP{Code: "HASHER", PIIFormat: gtr.JSONFieldHash,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: beneAddress}: bob}}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, mustKeyPair(t), gtr.WithLogin(srv.Credentials()))
	other := ivms.NewNaturalPerson("Beneficiary", "Robert").DateOfBirth(dob("1990-02-03"), "Porto").Person()
	for _, tt := range []struct {
		name       string
		bene       ivms.Person
		wantStatus gtr.VerifyStatus
		want       []gtr.FieldStatus
	}{
		{"same record", bob, gtr.StatusSuccess, []gtr.FieldStatus{gtr.FieldMatch, gtr.FieldMatch}},
		// Plaintext NAME_FUZZY_VD might pass "Robert" for "Bob"; hashes
		// compare exactly.
		{"another first name", other, gtr.StatusPIIVerifyFail, []gtr.FieldStatus{gtr.FieldMismatch, gtr.FieldMatch}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := c.OneStep(context.Background(), &gtr.OneStepRequest{
				RequestID: "vaspkit-hash-" + tt.name[:4], Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
				Address: beneAddress, TargetVASPCode: "HASHER", Amount: "0.5", FiatPrice: "1500",
				ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
				Identity:     preTxPayload(t, tt.bene),
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.PIIFormat != gtr.JSONFieldHash || len(res.HashSalt) != 36 || res.Status != tt.wantStatus {
				t.Fatalf("result: format %s, salt %q, status %v", res.PIIFormat, res.HashSalt, res.Status)
			}
			var got []gtr.FieldStatus
			for _, f := range res.Fields {
				got = append(got, f.Status)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field statuses (-want +got):\n%s", diff)
			}
			// The counterparty cannot return our hashed document: it sends its
			// customer and its VASP, sealed to us.
			if res.IdentityErr != nil || res.Identity == nil || res.Identity.BeneficiaryVASP == nil {
				t.Errorf("counterparty identity: %v, %v", res.Identity, res.IdentityErr)
			}
		})
	}
}

// TestSendTravelRuleFieldHash: a counterparty sends the member its PII as
// JSON_FIELD_HASH; the member's CallbackHandler gets it unopened and its
// Verify compares the member's customer record by re-hashing.
func TestSendTravelRuleFieldHash(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	kp := mustKeyPair(t)
	srv.SetMemberPublicKey(kp.PublicKey())
	h, err := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnAddressCheck(func(context.Context, *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
		}),
		gtr.OnPIIVerify(func(_ context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			if v.PIIFormat != gtr.JSONFieldHash || v.Identity != nil {
				t.Errorf("hashed PII: PIIFormat %v, Identity %v", v.PIIFormat, v.Identity)
			}
			back := &ivms.IdentityPayload{Beneficiary: &ivms.Beneficiary{BeneficiaryPersons: []ivms.Person{alice}},
				BeneficiaryVASP: &ivms.BeneficiaryVASP{Person: &ours}}
			return gtr.PIIVerifyAnswer{Fields: v.Verify([]ivms.Person{alice}, nil), Identity: back}, nil
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.NewCallbackServer(h); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		bene   ivms.Person
		status gtr.VerifyStatus
		want   []gtr.FieldResult
	}{
		{"match", alice, gtr.StatusSuccess, []gtr.FieldResult{{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMatch}, {ID: gtr.BeneficiaryNatural.DateOfBirth(), Status: gtr.FieldMatch}}},
		{"mismatch", carol, gtr.StatusPIIVerifyFail, []gtr.FieldResult{{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMismatch}, {ID: gtr.BeneficiaryNatural.DateOfBirth(), Status: gtr.FieldMismatch}}},
	} {
		in, _ := ivms.NewPayload().Originator(carol, "carolacct").Beneficiary(tt.bene, ourDeposit).Build()
		out, err := srv.SendTravelRule(context.Background(), gtrtest.TravelRule{
			From: "BENE", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: ourDeposit,
			ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
			Identity:     in, PIIFormat: gtr.JSONFieldHash,
		})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if out.PII == nil || out.PII.Status != tt.status {
			t.Fatalf("%s: PII reply %+v", tt.name, out.PII)
		}
		if diff := cmp.Diff(tt.want, out.Fields); diff != "" {
			t.Errorf("%s: member's fields (-want +got):\n%s", tt.name, diff)
		}
		if out.Identity == nil || out.Identity.BeneficiaryVASP == nil {
			t.Errorf("%s: the member's answer document: %v", tt.name, out.Identity)
		}
	}
}
