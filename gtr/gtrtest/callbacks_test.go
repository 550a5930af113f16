package gtrtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// member is a member VASP's callback side: a gtr.CallbackHandler that
// records what it was told.
type member struct {
	kp *gtr.KeyPair

	mu            sync.Mutex
	notifications []gtr.Notification
	checks        []gtr.Callback
}

// ourCustomers are the member's customers by deposit address.
var ourCustomers = map[string]ivms.Person{ourDeposit: alice}

func (m *member) handler(t testing.TB, extra ...gtr.CallbackOption) *gtr.CallbackHandler {
	t.Helper()
	opts := []gtr.CallbackOption{
		gtr.WithCallbackKeyPair(m.kp),
		gtr.WithVASPCodes(gtrtest.DefaultVASPCode),
		gtr.OnAddressCheck(func(_ context.Context, c *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			m.record(c)
			if _, ok := ourCustomers[c.Address]; ok {
				return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
		}),
		gtr.OnTxIDCheck(func(_ context.Context, c *gtr.TxIDCheck) (gtr.CheckAnswer, error) {
			m.record(c)
			if c.TxID == "0xoursent" {
				return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
			}
			return gtr.CheckAnswer{}, nil
		}),
		gtr.OnPIIVerify(func(_ context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			m.record(v)
			customer := alice
			back := *v.Identity
			if v.Direction == gtr.PreTransaction {
				back.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: &ours}
			} else {
				back.OriginatingVASP = &ivms.OriginatingVASP{Person: &ours}
			}
			return gtr.PIIVerifyAnswer{Fields: v.Verify([]ivms.Person{customer}, nil), Identity: &back}, nil
		}),
		gtr.OnNotification(func(_ context.Context, n gtr.Notification) error {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.notifications = append(m.notifications, n)
			return nil
		}),
	}
	h, err := gtr.NewCallbackHandler(append(opts, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func (m *member) record(c gtr.Callback) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.checks = append(m.checks, c)
}

func (m *member) received() ([]gtr.Callback, []gtr.Notification) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]gtr.Callback(nil), m.checks...), append([]gtr.Notification(nil), m.notifications...)
}

func TestPendingFlowDeliversCallbacks(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		stage     gtrtest.Stage
		wantStage string
		wantTypes []string
	}{
		{"stage 1 pending", gtrtest.PendingCheck, "ADDRESS_VERIFICATION", []string{"STAGE_RESULT", "PII_RESULT"}},
		{"PII pending", gtrtest.PendingPII, "PII_VERIFICATION", []string{"PII_RESULT"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := gtrtest.NewServer(t)
			if err := srv.AddVASP(gtrtest.VASP{Code: "BENE", Pending: tt.stage,
				Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: beneAddress}: bob}}); err != nil {
				t.Fatal(err)
			}
			m := &member{kp: mustKeyPair(t)}
			if _, err := srv.NewCallbackServer(m.handler(t, gtr.WithRequireClientCert())); err != nil {
				t.Fatal(err)
			}
			hdr := login(t, srv, nil)
			r := call(t, srv, http.MethodPost, gtrtest.PathOneStep, hdr, sealedOneStep(t, srv, m.kp, "pend-0001", beneAddress, "", preTxPayload(t, bob)))
			if r.VerifyStatus != 100002 || r.VerifyStage != tt.wantStage {
				t.Fatalf("one_step = %d stage %q, want 100002 %s", r.VerifyStatus, r.VerifyStage, tt.wantStage)
			}
			q := call(t, srv, http.MethodGet, gtrtest.PathQuery+"?requestId=pend-0001", hdr, nil)
			var qd struct{ VerifyStatus int }
			_ = json.Unmarshal(q.Data, &qd)
			if qd.VerifyStatus != 100002 {
				t.Errorf("query while pending = %d", qd.VerifyStatus)
			}
			if err := srv.CompletePending(context.Background(), "pend-0001"); err != nil {
				t.Fatalf("CompletePending: %v", err)
			}
			if err := srv.CompletePending(context.Background(), "pend-0001"); err == nil {
				t.Error("CompletePending twice succeeded")
			}
			_, notes := m.received()
			var types []string
			for _, n := range notes {
				types = append(types, n.Header().Type.String())
			}
			if diff := cmp.Diff(tt.wantTypes, types); diff != "" {
				t.Fatalf("callbacks delivered (-want +got):\n%s", diff)
			}
			pr := notes[len(notes)-1].(*gtr.PIIResult)
			if pr.Result.Status != gtr.StatusSuccess || pr.IdentityErr != nil || pr.Identity == nil || pr.Identity.BeneficiaryVASP == nil {
				t.Errorf("PII result = %+v (identity error %v)", pr.Result, pr.IdentityErr)
			}
			if diff := cmp.Diff([]gtr.FieldResult{{ID: "110026", Status: 1, Message: "MATCH"}, {ID: "110025", Status: 1, Message: "MATCH"}}, pr.Fields); diff != "" {
				t.Errorf("PII result fields (-want +got):\n%s", diff)
			}
			if pr.RequestID != "pend-0001" || pr.InvokeVASPCode != gtrtest.DefaultVASPCode {
				t.Errorf("PII result header = %+v", pr.CallbackHeader)
			}
			rec, _ := srv.Recorded("pend-0001")
			if rec.Status != gtr.StatusSuccess || len(rec.Callbacks) != len(tt.wantTypes) || rec.Callbacks[0].Status != gtr.StatusSuccess {
				t.Errorf("Recorded = %+v", rec)
			}
		})
	}
}

func TestSendTravelRuleToMember(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	m := &member{kp: mustKeyPair(t)}
	srv.SetMemberPublicKey(m.kp.PublicKey())
	if _, err := srv.SendTravelRule(context.Background(), gtrtest.TravelRule{From: "BENE", Direction: gtr.PreTransaction,
		Network: "ETH", Address: ourDeposit, Identity: &ivms.IdentityPayload{}}); err == nil {
		t.Error("SendTravelRule without a callback URL succeeded")
	}
	if _, err := srv.NewCallbackServer(m.handler(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if r, err := srv.HealthCheck(ctx); err != nil || r.Status != gtr.StatusSuccess {
		t.Fatalf("HealthCheck = %+v, %v", r, err)
	}

	// BENE's customer Carol sends to our customer Alice, pre-transaction.
	in, _ := ivms.NewPayload().Originator(carol, "carolacct").Beneficiary(alice, ourDeposit).Build()
	out, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{
		From: "BENE", RequestID: "bene-in-0001", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: ourDeposit, Amount: "2.5", ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity: in,
	})
	if err != nil {
		t.Fatalf("SendTravelRule: %v", err)
	}
	if out.Check.Status != gtr.StatusSuccess || out.PII == nil || out.PII.Status != gtr.StatusSuccess {
		t.Fatalf("outcome = check %+v, pii %+v", out.Check, out.PII)
	}
	if diff := cmp.Diff([]gtr.FieldResult{{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMatch}, {ID: gtr.BeneficiaryNatural.DateOfBirth(), Status: gtr.FieldMatch}}, out.Fields); diff != "" {
		t.Errorf("member's fields (-want +got):\n%s", diff)
	}
	if out.Identity == nil || out.Identity.BeneficiaryVASP == nil {
		t.Errorf("the member's returned document lacks its VASP: %v", out.Identity)
	}
	if r, err := srv.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: "bene-in-0001", TxID: "0xbroadcast"}); err != nil || r.Message != "TX ID Received" {
		t.Errorf("NotifyTxID = %+v, %v", r, err)
	}
	if r, err := srv.EndTravelRule(ctx, &gtr.EndRequest{RequestID: "bene-in-0001", Reason: gtr.EndCancelled, Message: "test"}); err != nil || r.Status != gtr.StatusSuccess {
		t.Errorf("EndTravelRule = %+v, %v", r, err)
	}
	checks, notes := m.received()
	if len(checks) != 2 || len(notes) != 2 {
		t.Fatalf("member got %d checks and %d notifications, want 2 and 2", len(checks), len(notes))
	}
	ac := checks[0].(*gtr.AddressCheck)
	if ac.Address != ourDeposit || ac.InitiatorVASP != "BENE" || ac.RequestID != "bene-in-0001" {
		t.Errorf("address check = %+v", ac)
	}
	pv := checks[1].(*gtr.PIIVerification)
	if pv.Amount != "2.5" || pv.Direction != gtr.PreTransaction || len(pv.ExpectFields) != 2 {
		t.Errorf("PII verification = %+v", pv)
	}
	if tx, ok := notes[0].(*gtr.TxIDNotice); !ok || tx.TxID != "0xbroadcast" {
		t.Errorf("notification 0 = %#v", notes[0])
	}
	if end, ok := notes[1].(*gtr.TravelRuleEnded); !ok || end.Result.Status != gtr.StatusCancelled || end.ReasonType != "CANCELLED" {
		t.Errorf("notification 1 = %#v", notes[1])
	}

	// An address that is not ours: stage 1 fails and no PII is sent.
	out, err = srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "BENE", Direction: gtr.PreTransaction, Network: "ETH",
		Address: "0xnotours", Identity: in})
	if err != nil || out.Check.Status != gtr.StatusAddressNotFound || out.PII != nil {
		t.Errorf("unknown address: %+v, %v", out, err)
	}

	// Post-transaction: BENE received 0xoursent from our customer Alice.
	post, _ := ivms.NewPayload().Originator(alice).Beneficiary(carol, "0xcarol").Build()
	out, err = srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "BENE", Direction: gtr.PostTransaction, Network: "ETH",
		Address: "0xcarol", TxID: "0xoursent", ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name()}, Identity: post})
	if err != nil || out.Check.Status != gtr.StatusSuccess || out.PII.Status != gtr.StatusSuccess ||
		out.Identity == nil || out.Identity.OriginatingVASP == nil {
		t.Errorf("post-transaction: %+v, %v", out, err)
	}
}

func TestManualAnswerAfterPending(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	m := &member{kp: mustKeyPair(t)}
	srv.SetMemberPublicKey(m.kp.PublicKey())
	h := m.handler(t, gtr.OnAddressCheck(func(context.Context, *gtr.AddressCheck) (gtr.CheckAnswer, error) {
		return gtr.CheckAnswer{Result: gtr.CheckPending}, nil
	}))
	if _, err := srv.NewCallbackServer(h); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in, _ := ivms.NewPayload().Originator(carol).Beneficiary(alice, ourDeposit).Build()
	out, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "BENE", RequestID: "bene-pend-01", Direction: gtr.PreTransaction,
		Network: "ETH", Address: ourDeposit, Identity: in})
	if err != nil || out.Check.Status != gtr.StatusPending || out.PII != nil {
		t.Fatalf("pending answer: %+v, %v", out, err)
	}
	if _, err := srv.ContinueTravelRule(ctx, "bene-pend-01"); err == nil {
		t.Error("ContinueTravelRule before the manual answer succeeded")
	}
	hdr := login(t, srv, nil)
	bad := call(t, srv, http.MethodPut, gtrtest.PathManualAddress, hdr, map[string]any{"requestId": "bene-pend-01", "result": map[string]any{"verifyStatus": 200003}})
	if bad.VerifyStatus != 100004 {
		t.Errorf("manual address answer with 200003 = %d, want 100004", bad.VerifyStatus)
	}
	r := call(t, srv, http.MethodPut, gtrtest.PathManualAddress, hdr, map[string]any{"requestId": "bene-pend-01", "result": map[string]any{"verifyStatus": 100000, "verifyMessage": "found"}})
	if r.VerifyStatus != 100000 {
		t.Fatalf("manual verify_address = %d %s", r.VerifyStatus, r.VerifyMessage)
	}
	if again := call(t, srv, http.MethodPut, gtrtest.PathManualAddress, hdr, map[string]any{"requestId": "bene-pend-01", "result": map[string]any{"verifyStatus": 100000}}); again.VerifyStatus != 100027 {
		t.Errorf("second manual answer = %d, want 100027", again.VerifyStatus)
	}
	out, err = srv.ContinueTravelRule(ctx, "bene-pend-01")
	if err != nil || out.PII == nil || out.PII.Status != gtr.StatusSuccess {
		t.Fatalf("ContinueTravelRule: %+v, %v", out, err)
	}
	rec, _ := srv.Recorded("bene-pend-01")
	if rec.Status != gtr.StatusSuccess || rec.Stage != gtr.StagePIIVerification || !rec.Incoming {
		t.Errorf("Recorded = %+v", rec)
	}
}

// TestCallbacksNeedTheHandlersAuthentication: the platform's callbacks
// reach a default gtr.CallbackHandler only over mTLS (NewCallbackServer);
// served over plain HTTP the handler refuses them all, and nothing of them
// reaches the member's functions.
func TestCallbacksNeedTheHandlersAuthentication(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	m := &member{kp: mustKeyPair(t)}
	srv.SetMemberPublicKey(m.kp.PublicKey())
	plain := httptest.NewServer(m.handler(t))
	t.Cleanup(plain.Close)
	srv.SetCallbackURL(plain.URL + "/gtr/callbacks")
	ctx := context.Background()
	for _, deliver := range []func() (*gtrtest.CallbackReply, error){
		func() (*gtrtest.CallbackReply, error) { return srv.HealthCheck(ctx) },
		func() (*gtrtest.CallbackReply, error) {
			return srv.Deliver(ctx, 6, "bene-probe-01", map[string]any{"requestId": "bene-probe-01", "network": "ETH", "ticker": "ETH", "address": ourDeposit, "initiatorVasp": "BENE"})
		},
	} {
		r, err := deliver()
		if err != nil || r.HTTPStatus != http.StatusForbidden || r.Status != 100020 { // NO_AUTH
			t.Errorf("over plain HTTP: %+v, %v; want 403 / 100020", r, err)
		}
	}
	if checks, notes := m.received(); len(checks)+len(notes) != 0 {
		t.Errorf("the member's functions ran %d times", len(checks)+len(notes))
	}
	// The same handler over mTLS gets them.
	if _, err := srv.NewCallbackServer(m.handler(t)); err != nil {
		t.Fatal(err)
	}
	if r, err := srv.HealthCheck(ctx); err != nil || r.HTTPStatus != http.StatusOK || r.Status != gtr.StatusSuccess {
		t.Errorf("over mTLS: %+v, %v", r, err)
	}
}
