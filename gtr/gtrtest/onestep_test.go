package gtrtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

type oneStepData struct {
	RequestID       string `json:"requestId"`
	TravelRuleID    string `json:"travelruleId"`
	OriginatorVASP  string `json:"originatorVasp"`
	BeneficiaryVASP string `json:"beneficiaryVasp"`
	VerifyFields    []struct {
		Type   json.RawMessage `json:"type"`
		Status int             `json:"status"`
	} `json:"verifyFields"`
	PIISecuredInfo *struct {
		InitiatorKeyInfo struct{ PublicKey string } `json:"initiatorKeyInfo"`
		ReceiverKeyInfo  struct{ PublicKey string } `json:"receiverKeyInfo"`
		SecretAlgorithm  string                     `json:"secretAlgorithm"`
		SecuredPayload   string                     `json:"securedPayload"`
	} `json:"piiSecuredInfo"`
	EncryptedPayload string `json:"encryptedPayload"`
}

func TestOneStepPreTransactionWire(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t, gtrtest.WithNumericFieldIDs())
	hdr := login(t, srv, nil)
	kp := mustKeyPair(t)

	body := sealedOneStep(t, srv, kp, "vaspkit-pre-0001", beneAddress, "", preTxPayload(t, bob))
	r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, body)
	if r.HTTP != 200 || r.VerifyStatus != 100000 || r.VerifyStage != "PII_VERIFICATION" {
		t.Fatalf("one_step = %d/%d %q stage %q", r.HTTP, r.VerifyStatus, r.VerifyMessage, r.VerifyStage)
	}
	var d oneStepData
	if err := json.Unmarshal(r.Data, &d); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, f := range d.VerifyFields {
		fields = append(fields, string(f.Type)+"="+string(rune('0'+f.Status)))
	}
	// Asked: name and date of birth (numbers with WithNumericFieldIDs);
	// BENE requires the originator's name, which is present.
	if diff := cmp.Diff([]string{"110026=1", "110025=1", "100026=5"}, fields); diff != "" {
		t.Errorf("verifyFields mismatch (-want +got):\n%s", diff)
	}
	if d.OriginatorVASP != gtrtest.DefaultVASPCode || d.BeneficiaryVASP != "BENE" || !strings.HasPrefix(d.TravelRuleID, "gtr-") {
		t.Errorf("asset-direction VASPs or travelruleId wrong: %+v", d)
	}
	bene, _ := srv.VASPPublicKey("BENE")
	if d.PIISecuredInfo == nil || d.PIISecuredInfo.SecretAlgorithm != "ed25519_curve25519" ||
		d.PIISecuredInfo.InitiatorKeyInfo.PublicKey != kp.PublicKey().String() ||
		d.PIISecuredInfo.ReceiverKeyInfo.PublicKey != bene.String() || d.EncryptedPayload != d.PIISecuredInfo.SecuredPayload {
		t.Fatalf("piiSecuredInfo wrong: %+v", d.PIISecuredInfo)
	}
	doc, err := gtr.OpenPII(d.PIISecuredInfo.SecuredPayload, kp, bene)
	if err != nil {
		t.Fatalf("open the counterparty's PII: %v", err)
	}
	back, err := ivms.Unmarshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if back.BeneficiaryVASP == nil || back.BeneficiaryVASP.Person.LegalPerson.Name.NameIdentifiers[0].LegalPersonName != "Bene Exchange Ltd" {
		t.Errorf("the counterparty did not fill in its VASP: %v", back)
	}
	rec, ok := srv.Recorded("vaspkit-pre-0001")
	if !ok || rec.Status != gtr.StatusSuccess || rec.Identity == nil || rec.Receiver != "BENE" || rec.Direction != gtr.PreTransaction {
		t.Errorf("Recorded = %+v, %v", rec, ok)
	}

	// The same requestId again: 100005, HTTP 400, nothing delivered.
	r = call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, body)
	if r.HTTP != 400 || r.VerifyStatus != 100005 {
		t.Errorf("duplicate one_step = %d/%d, want 400/100005", r.HTTP, r.VerifyStatus)
	}
}

func TestOneStepOutcomes(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	hdr := login(t, srv, nil)
	kp := mustKeyPair(t)
	stranger := mustKeyPair(t)

	run := func(name string, body map[string]any, wantHTTP, wantStatus int, wantStage, wantMsg string) {
		t.Helper()
		r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, body)
		if r.HTTP != wantHTTP || r.VerifyStatus != wantStatus || r.VerifyStage != wantStage || !strings.Contains(r.VerifyMessage, wantMsg) {
			t.Errorf("%s: one_step = %d/%d %q stage %q, want %d/%d %q stage %q",
				name, r.HTTP, r.VerifyStatus, r.VerifyMessage, r.VerifyStage, wantHTTP, wantStatus, wantMsg, wantStage)
		}
	}
	other := ivms.NewNaturalPerson("Stranger", "Sam").DateOfBirth(dob("2000-01-01"), "Rome").Person()
	run("pii mismatch", sealedOneStep(t, srv, kp, "req-mismatch", beneAddress, "", preTxPayload(t, other)), 200, 200003, "PII_VERIFICATION", "Fail")
	run("unknown address", sealedOneStep(t, srv, kp, "req-noaddr", "0xnobody", "", preTxPayload(t, bob)), 200, 200001, "ADDRESS_VERIFICATION", "not found")

	xrp := sealedOneStep(t, srv, kp, "req-xrp-notag", "rShared", "", preTxPayload(t, bob))
	xrp["network"], xrp["ticker"] = "XRP", "XRP"
	run("several addresses without tag", xrp, 200, 200001, "ADDRESS_VERIFICATION", "Too many address")
	xrpTag := sealedOneStep(t, srv, kp, "req-xrp-tag", "rShared", "1", preTxPayload(t, bob))
	xrpTag["network"], xrpTag["ticker"] = "XRP", "XRP"
	run("tag picks one", xrpTag, 200, 100000, "PII_VERIFICATION", "Success")

	upper := sealedOneStep(t, srv, kp, "req-upper-alg", beneAddress, "", preTxPayload(t, bob))
	upper["piiSecuredInfo"].(map[string]any)["secretAlgorithm"] = "ED25519_CURVE25519"
	run("upper-case algorithm", upper, 200, 200002, "PII_VERIFICATION", "secretAlgorithm")

	wrongKey := sealedOneStep(t, srv, kp, "req-wrong-key", beneAddress, "", preTxPayload(t, bob))
	wrongKey["piiSecuredInfo"].(map[string]any)["receiverKeyInfo"] = map[string]string{"publicKey": stranger.PublicKey().String()}
	run("sealed to another key", wrongKey, 200, 200002, "PII_VERIFICATION", "decrypt")

	tampered := sealedOneStep(t, srv, kp, "req-tampered", beneAddress, "", preTxPayload(t, bob))
	tampered["piiSecuredInfo"].(map[string]any)["initiatorKeyInfo"] = map[string]string{"publicKey": stranger.PublicKey().String()}
	run("initiator key does not match the seal", tampered, 200, 200002, "PII_VERIFICATION", "decrypt")

	unknownTarget := sealedOneStep(t, srv, kp, "req-unknown-vasp", beneAddress, "", preTxPayload(t, bob))
	unknownTarget["targetVaspCode"] = "NOBODY"
	run("unknown target", unknownTarget, 200, 100015, "", "not found")

	for _, tt := range []struct {
		name   string
		mutate func(map[string]any)
		msg    string
	}{
		{"short requestId", func(b map[string]any) { b["requestId"] = "abc" }, "requestId"},
		{"requestId with space", func(b map[string]any) { b["requestId"] = "req id 1" }, "requestId"},
		{"direction 3", func(b map[string]any) { b["verifyDirection"] = 3 }, "verifyDirection"},
		{"float amount", func(b map[string]any) { b["amount"] = 0.5 }, "amount"},
		{"negative amount", func(b map[string]any) { b["amount"] = "-1" }, "amount"},
		{"empty fiatPrice", func(b map[string]any) { b["fiatPrice"] = "" }, "fiatPrice"},
		{"txId pre-transaction", func(b map[string]any) { b["txId"] = "0xabc" }, "txId"},
		{"no piiSecuredInfo", func(b map[string]any) { delete(b, "piiSecuredInfo") }, "piiSecuredInfo"},
		{"no network", func(b map[string]any) { b["network"] = "" }, "network"},
		{"bad initiator key", func(b map[string]any) {
			b["piiSecuredInfo"].(map[string]any)["initiatorKeyInfo"] = map[string]string{"publicKey": "AAAA"}
		}, "initiatorKeyInfo"},
	} {
		b := sealedOneStep(t, srv, kp, "req-invalid-"+strings.ReplaceAll(tt.name, " ", "-"), beneAddress, "", preTxPayload(t, bob))
		tt.mutate(b)
		run(tt.name, b, 400, 100004, "", tt.msg)
	}

	if _, ok := srv.Recorded("req-invalid-direction-3"); ok {
		t.Error("an invalid request was recorded")
	}
	if rec, ok := srv.Recorded("req-noaddr"); !ok || rec.Identity != nil || rec.Status != gtr.StatusAddressNotFound {
		t.Errorf("stage-1 failure: PII must not be delivered; Recorded = %+v", rec)
	}
}

func TestOneStepPostTransactionWire(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	hdr := login(t, srv, nil)
	kp := mustKeyPair(t)
	// Post-transaction: we are the beneficiary VASP; our customer (Alice)
	// received Carol's transfer at our deposit address.
	id, err := ivms.NewPayload().Originator(carol).Beneficiary(alice, ourDeposit).BeneficiaryVASP(ours).Build()
	if err != nil {
		t.Fatal(err)
	}
	body := sealedOneStep(t, srv, kp, "vaspkit-post-0001", ourDeposit, "", id)
	body["verifyDirection"], body["txId"] = 1, depositTxID
	body["expectVerifyFields"] = []string{"100026", "100025", "100045"}
	r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, body)
	if r.VerifyStatus != 100000 || r.VerifyStage != "PII_VERIFICATION" {
		t.Fatalf("post-transaction one_step = %d %q stage %q", r.VerifyStatus, r.VerifyMessage, r.VerifyStage)
	}
	rec, _ := srv.Recorded("vaspkit-post-0001")
	want := []gtr.FieldResult{
		{ID: gtr.OriginatorNatural.Name(), Status: gtr.FieldMatch},
		{ID: gtr.OriginatorNatural.DateOfBirth(), Status: gtr.FieldMatch},
		{ID: gtr.OriginatorNatural.NationalIdentifier(), Status: gtr.FieldSkip},
	}
	if diff := cmp.Diff(want, rec.Fields); diff != "" {
		t.Errorf("fields mismatch (-want +got):\n%s", diff)
	}
	if rec.OriginatorVASP != "BENE" || rec.BeneficiaryVASP != gtrtest.DefaultVASPCode {
		t.Errorf("asset direction wrong: %s → %s", rec.OriginatorVASP, rec.BeneficiaryVASP)
	}

	unknown := sealedOneStep(t, srv, kp, "vaspkit-post-0002", ourDeposit, "", id)
	unknown["verifyDirection"], unknown["txId"] = 1, "0xdeadbeef"
	if r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, unknown); r.VerifyStatus != 200007 || r.VerifyStage != "TRANSACTION_VERIFICATION" {
		t.Errorf("unknown txId = %d stage %q, want 200007 TRANSACTION_VERIFICATION", r.VerifyStatus, r.VerifyStage)
	}
	missing := sealedOneStep(t, srv, kp, "vaspkit-post-0003", ourDeposit, "", id)
	missing["verifyDirection"] = 1
	if r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, missing); r.VerifyStatus != 100004 {
		t.Errorf("post-transaction without txId = %d, want 100004", r.VerifyStatus)
	}
}
