package travelrule_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

func declareOwned() *travelrule.SelfHostedCounterpartyRequest {
	return &travelrule.SelfHostedCounterpartyRequest{UserID: userID, Currency: "ETH", Network: "ETH",
		CounterpartyAddress: ethAddress, SubType: travelrule.SubTypeOwned}
}

func TestDeclareSelfHostedCounterparty(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	req := declareOwned()
	req.Extra = map[string]any{"label": "cold <wallet>"}
	cp, err := c.DeclareSelfHostedCounterparty(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	stored := srv.Counterparties()
	if len(stored) != 1 {
		t.Fatalf("stored %d", len(stored))
	}
	if cp.ID != stored[0].ID || cp.Status != "DECLARED" || cp.SubType != travelrule.SubTypeOwned {
		t.Errorf("counterparty = %+v", cp)
	}
	want := `{"userId":"550e8400-e29b-41d4-a716-446655440000","currency":"ETH","network":"ETH","counterpartyAddress":"0x52908400098527886E0F7030069857D2E4169EE7","subType":"OWNED","label":"cold <wallet>"}`
	if diff := cmp.Diff(want, string(srv.Requests()[0].Body)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestCounterpartyRequestsRefused(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	withDeclare := func(f func(*travelrule.SelfHostedCounterpartyRequest)) *travelrule.SelfHostedCounterpartyRequest {
		r := declareOwned()
		f(r)
		return r
	}
	verify := func(f func(*travelrule.WalletVerificationRequest)) *travelrule.WalletVerificationRequest {
		r := &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: ethAddress, Message: "m", Signature: "0xsig"}
		f(r)
		return r
	}
	patch := func(f func(*travelrule.SubmitWalletVerificationRequest)) *travelrule.SubmitWalletVerificationRequest {
		r := &travelrule.SubmitWalletVerificationRequest{CounterpartyID: "cp-1", UserID: userID, Outcome: "SIGNED", Signature: "0xsig"}
		f(r)
		return r
	}
	tests := []struct {
		name string
		call func() error
		want []problem
	}{
		{"declare: no subType", func() error {
			_, err := c.DeclareSelfHostedCounterparty(ctx, withDeclare(func(r *travelrule.SelfHostedCounterpartyRequest) { r.SubType = "" }))
			return err
		}, []problem{{"subType", travelrule.RuleRequired}}},
		{"declare: unknown subType", func() error {
			_, err := c.DeclareSelfHostedCounterparty(ctx, withDeclare(func(r *travelrule.SelfHostedCounterpartyRequest) { r.SubType = "MINE" }))
			return err
		}, []problem{{"subType", travelrule.RuleEnum}}},
		{"declare: widget rules apply", func() error {
			_, err := c.DeclareSelfHostedCounterparty(ctx, withDeclare(func(r *travelrule.SelfHostedCounterpartyRequest) {
				r.BusinessID, r.Invoice = businessID, fx.MainnetV01
			}))
			return err
		}, []problem{{"userId|businessId", travelrule.RuleExactlyOne}, {"counterpartyAddress|paymentHash|invoice", travelrule.RuleExactlyOne},
			{"invoice", travelrule.RuleLightningBTCOnly}, {"invoice", travelrule.RuleInvoiceNetwork}}},
		{"declare: Extra repeats a field", func() error {
			_, err := c.DeclareSelfHostedCounterparty(ctx, withDeclare(func(r *travelrule.SelfHostedCounterpartyRequest) {
				r.Extra = map[string]any{"subType": "X"}
			}))
			return err
		}, []problem{{"subType", travelrule.RuleExtraField}}},
		{"declare: Extra does not encode", func() error {
			_, err := c.DeclareSelfHostedCounterparty(ctx, withDeclare(func(r *travelrule.SelfHostedCounterpartyRequest) {
				r.Extra = map[string]any{"f": func() {}}
			}))
			return err
		}, []problem{{"extra", travelrule.RuleExtraField}}},
		{"declare: nil", func() error { _, err := c.DeclareSelfHostedCounterparty(ctx, nil); return err },
			[]problem{{"", travelrule.RuleRequired}}},
		{"verify: SUMSUB_LIVENESS", func() error {
			_, err := c.VerifyWallet(ctx, verify(func(r *travelrule.WalletVerificationRequest) { r.Method = travelrule.MethodSumsubLiveness }))
			return err
		}, []problem{{"method", travelrule.RuleUnsupportedMethod}}},
		{"verify: everything missing", func() error {
			_, err := c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{Method: "EIP712"})
			return err
		}, []problem{{"userId|businessId", travelrule.RuleExactlyOne}, {"method", travelrule.RuleEnum},
			{"signed_address", travelrule.RuleRequired}, {"message", travelrule.RuleRequired}, {"signature", travelrule.RuleRequired}}},
		{"verify: spaced address", func() error {
			_, err := c.VerifyWallet(ctx, verify(func(r *travelrule.WalletVerificationRequest) { r.SignedAddress = "a b" }))
			return err
		}, []problem{{"signed_address", travelrule.RuleWhitespace}}},
		{"patch: SUMSUB_LIVENESS (Striga: 422)", func() error {
			_, err := c.SubmitWalletVerification(ctx, patch(func(r *travelrule.SubmitWalletVerificationRequest) { r.Method = travelrule.MethodSumsubLiveness }))
			return err
		}, []problem{{"method", travelrule.RuleUnsupportedMethod}}},
		{"patch: required fields", func() error {
			_, err := c.SubmitWalletVerification(ctx, &travelrule.SubmitWalletVerificationRequest{UserID: "u", WalletVerificationID: "w"})
			return err
		}, []problem{{"counterpartyId", travelrule.RuleRequired}, {"userId", travelrule.RuleUUID},
			{"walletVerificationId", travelrule.RuleUUID}, {"outcome", travelrule.RuleRequired}, {"signature", travelrule.RuleRequired}}},
		{"patch: no userId", func() error {
			_, err := c.SubmitWalletVerification(ctx, patch(func(r *travelrule.SubmitWalletVerificationRequest) { r.UserID = "" }))
			return err
		}, []problem{{"userId", travelrule.RuleRequired}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, problemsOf(t, tc.call())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the server received %d requests; refused requests must not be sent", n)
	}
}

func TestVerifyWallet(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.DeclareSelfHostedCounterparty(ctx, declareOwned()); err != nil {
		t.Fatal(err)
	}
	// The wallet signs the lower-case address; EVM addresses compare
	// case-insensitively.
	addr := strings.ToLower(ethAddress)
	msg, err := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, addr, userID, srv.Now())
	if err != nil {
		t.Fatal(err)
	}
	v, err := c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: addr, Message: msg, Signature: "0xsig"})
	if err != nil {
		t.Fatal(err)
	}
	if v.ID == "" || v.Status != travelruletest.StatusVerified {
		t.Errorf("verification = %+v", v)
	}
	if cps := srv.Counterparties(); !cps[0].OwnershipVerified {
		t.Error("declared counterparty not marked verified")
	}
	wantBody := `{"userId":"` + userID + `","method":"WALLET_SIGNATURE","signed_address":"` + addr + `","message":"` + msg + `","signature":"0xsig"}`
	if diff := cmp.Diff(wantBody, string(srv.Requests()[1].Body)); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}

	// A message dated two days ago is refused by the server.
	stale, _ := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, addr, userID, srv.Now().AddDate(0, 0, -2))
	_, err = c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: addr, Message: stale, Signature: "0xsig"})
	if !errors.Is(err, travelrule.ErrInvalidRequest) {
		t.Errorf("stale message: %v, want ErrInvalidRequest", err)
	}
}

func TestVerifyWalletBadSignature(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithSignatureVerifier(func(c travelruletest.SignatureCheck) bool {
		return c.Signature == "good"
	}))
	c := newClient(t, srv)
	msg, _ := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, ethAddress, userID, srv.Now())
	_, err := c.VerifyWallet(context.Background(), &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: ethAddress, Message: msg, Signature: "bad"})
	var ae *travelrule.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 422 {
		t.Errorf("err = %v, want 422", err)
	}
}

func TestSubmitWalletVerification(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	cp, err := c.DeclareSelfHostedCounterparty(ctx, declareOwned())
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := travelrule.OwnershipMessage(travelrule.OwnershipCustomer, ethAddress, userID, srv.Now())
	req := &travelrule.SubmitWalletVerificationRequest{CounterpartyID: cp.ID, UserID: userID, Outcome: "SIGNED",
		Signature: "0xsig", Message: msg, SignedAddress: strings.ToLower(ethAddress)}

	// Nothing pending yet.
	if _, err := c.SubmitWalletVerification(ctx, req); !errors.Is(err, travelrule.ErrInvalidRequest) {
		t.Errorf("no pending verification: %v, want ErrInvalidRequest", err)
	}
	wvID, err := srv.RequireVerification(cp.ID)
	if err != nil {
		t.Fatal(err)
	}
	req.WalletVerificationID = wvID
	got, err := c.SubmitWalletVerification(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != cp.ID || got.Status != travelruletest.StatusVerified {
		t.Errorf("counterparty = %+v", got)
	}
	last := srv.Requests()[len(srv.Requests())-1]
	if last.Method != "PATCH" || last.Path != "/counterparty/"+cp.ID {
		t.Errorf("sent %s %s", last.Method, last.Path)
	}
	// Unknown counterparty: 404.
	req.CounterpartyID = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"
	if _, err := c.SubmitWalletVerification(ctx, req); !errors.Is(err, travelrule.ErrNotFound) {
		t.Errorf("unknown counterparty: %v, want ErrNotFound", err)
	}
}
