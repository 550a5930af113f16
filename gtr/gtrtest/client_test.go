package gtrtest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// newClient is a gtr.Client against the fake over real mTLS: the member's
// client certificate, the fake's CA as the only trusted root.
func newClient(t testing.TB, srv *gtrtest.Server, kp *gtr.KeyPair, auth gtr.Option, extra ...gtr.Option) *gtr.Client {
	t.Helper()
	opts := append([]gtr.Option{
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithKeyPair(kp),
		auth,
	}, extra...)
	c, err := gtr.New(opts...)
	if err != nil {
		t.Fatalf("gtr.New: %v", err)
	}
	return c
}

func TestClientPreTransactionRoundTrip(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	kp := mustKeyPair(t)
	c := newClient(t, srv, kp, gtr.WithLogin(srv.Credentials()))
	ctx := context.Background()

	detail, err := c.VASPDetail(ctx, "BENE")
	if err != nil {
		t.Fatalf("VASPDetail: %v", err)
	}
	bene, _ := srv.VASPPublicKey("BENE")
	if detail.PublicKey != bene {
		t.Errorf("VASPDetail public key = %v, want %v", detail.PublicKey, bene)
	}
	req := &gtr.OneStepRequest{
		RequestID: "vaspkit-client-pre-1", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: beneAddress, TargetVASPCode: "BENE",
		// From the detail above: OneStep makes no detail call of its own.
		TargetPublicKey: detail.PublicKey, PIIFormat: detail.PIIFormat, PIISpecVersion: detail.PIISpecVersion,
		Amount: "0.5", FiatName: "USD", FiatPrice: "1500",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:     preTxPayload(t, bob),
	}
	res, err := c.OneStep(ctx, req)
	if err != nil {
		t.Fatalf("OneStep: %v", err)
	}
	want := []gtr.FieldResult{
		{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMatch, Message: "MATCH"},
		{ID: gtr.BeneficiaryNatural.DateOfBirth(), Status: gtr.FieldMatch, Message: "MATCH"},
		{ID: gtr.OriginatorNatural.Name(), Status: gtr.FieldInfoExists, Message: "REQUIRED_INFO_EXISTS"},
	}
	if res.Status != gtr.StatusSuccess || res.Stage != gtr.StagePIIVerification {
		t.Fatalf("OneStep = %v at %v", res.Status, res.Stage)
	}
	if diff := cmp.Diff(want, res.Fields); diff != "" {
		t.Errorf("Fields mismatch (-want +got):\n%s", diff)
	}
	if res.IdentityErr != nil || res.Identity == nil || res.Identity.BeneficiaryVASP == nil {
		t.Fatalf("counterparty identity not opened: %v", res.IdentityErr)
	}
	if d := res.Decide(); !d.Proceed() {
		t.Errorf("Decide = %+v, want proceed", d)
	}
	// What the counterparty opened is what we sent.
	rec, _ := srv.Recorded(req.RequestID)
	if diff := cmp.Diff(req.Identity.Beneficiary, rec.Identity.Beneficiary); diff != "" {
		t.Errorf("the counterparty opened another beneficiary (-sent +opened):\n%s", diff)
	}
	if err := c.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: req.RequestID, TxID: "0xabc123"}); err != nil {
		t.Fatalf("NotifyTxID: %v", err)
	}
	q, err := c.Query(ctx, req.RequestID)
	if err != nil {
		t.Fatalf("Query: %v", err)
	}
	if q.Status != gtr.StatusSuccess || q.TxID != "0xabc123" || q.BeneficiaryVASP != "BENE" {
		t.Errorf("Query = %+v", q)
	}

	// The same requestId again is a duplicate, not a second travel rule.
	if _, err := c.OneStep(ctx, req); !errors.Is(err, gtr.ErrDuplicate) {
		t.Errorf("reused requestId: err = %v, want ErrDuplicate", err)
	}
	if got := len(srv.Requests(gtrtest.PathLogin)); got != 1 {
		t.Errorf("logins = %d, want 1 shared session", got)
	}
	if got := len(srv.Requests(gtrtest.PathVASPDetail)); got != 1 {
		t.Errorf("VASP detail calls = %d, want 1 (key, format and spec version set: none from OneStep)", got)
	}
}

func TestClientPostTransactionRoundTrip(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	kp := mustKeyPair(t)
	c := newClient(t, srv, kp, gtr.WithAppToken(srv.Credentials()))
	ctx := context.Background()
	id, err := ivms.NewPayload().Originator(carol).Beneficiary(alice, ourDeposit).BeneficiaryVASP(ours).Build()
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: "vaspkit-client-post-1", Direction: gtr.PostTransaction, Network: "ETH", Ticker: "ETH",
		Address: ourDeposit, TxID: depositTxID, TargetVASPCode: "BENE", // key fetched from VASP detail
		Amount: "0.5", FiatPrice: "1500",
		ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name(), gtr.OriginatorNatural.DateOfBirth()},
		Identity:     id,
	})
	if err != nil {
		t.Fatalf("OneStep: %v", err)
	}
	if res.Status != gtr.StatusSuccess || res.Identity == nil || res.Identity.OriginatingVASP == nil {
		t.Fatalf("post-transaction result = %v, identity %v (%v)", res.Status, res.Identity, res.IdentityErr)
	}
	if res.OriginatorVASP != "BENE" || res.BeneficiaryVASP != gtrtest.DefaultVASPCode {
		t.Errorf("asset direction = %s → %s", res.OriginatorVASP, res.BeneficiaryVASP)
	}
	if len(srv.Requests(gtrtest.PathLogin)) != 0 {
		t.Error("app-token client logged in")
	}

	// An unknown transaction is a verdict, not an error.
	res, err = c.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: "vaspkit-client-post-2", Direction: gtr.PostTransaction, Network: "ETH", Ticker: "ETH",
		Address: ourDeposit, TxID: "0xunknown", TargetVASPCode: "BENE", Amount: "1", FiatPrice: "0", Identity: id,
	})
	if err != nil || res.Status != gtr.StatusTxIDNotFound || res.Decide().Action != gtr.Reject {
		t.Errorf("unknown txId: %v, %v", res, err)
	}
}

func TestClientVerdictsAndErrors(t *testing.T) {
	t.Parallel()
	srv := newPlatform(t)
	kp := mustKeyPair(t)
	c := newClient(t, srv, kp, gtr.WithLogin(srv.Credentials()))
	ctx := context.Background()
	base := func(id string) *gtr.OneStepRequest {
		return &gtr.OneStepRequest{
			RequestID: id, Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: beneAddress,
			TargetVASPCode: "BENE", Amount: "0.5", FiatPrice: "1500",
			ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: preTxPayload(t, bob),
		}
	}
	mismatch := base("vaspkit-client-mismatch")
	mismatch.Identity = preTxPayload(t, carol)
	res, err := c.OneStep(ctx, mismatch)
	if err != nil || res.Status != gtr.StatusPIIVerifyFail {
		t.Fatalf("mismatch: %v, %v", res, err)
	}
	if d := res.Decide(); d.Action != gtr.Reject || len(d.Mismatched) != 1 {
		t.Errorf("Decide on a mismatch = %+v", d)
	}
	noAddr := base("vaspkit-client-noaddr")
	noAddr.Address = "0xnobody"
	if res, err := c.OneStep(ctx, noAddr); err != nil || res.Status != gtr.StatusAddressNotFound {
		t.Errorf("unknown address: %v, %v", res, err)
	}

	// The session expires between calls: the client logs in again once.
	srv.ExpireSessions()
	if res, err := c.OneStep(ctx, base("vaspkit-client-relogin")); err != nil || res.Status != gtr.StatusSuccess {
		t.Errorf("after session expiry: %v, %v", res, err)
	}
	if got := len(srv.Requests(gtrtest.PathLogin)); got != 2 {
		t.Errorf("logins = %d, want 2", got)
	}

	// The answer is lost after GTR recorded the travel rule: the client
	// must not resend one_step; it recovers the verdict through query.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: gtrtest.PathOneStep})
	before := len(srv.Requests(gtrtest.PathOneStep))
	res, err = c.OneStep(ctx, base("vaspkit-client-dropped"))
	if err != nil {
		t.Fatalf("dropped answer: %v", err)
	}
	if !res.Recovered || res.Status != gtr.StatusSuccess {
		t.Errorf("dropped answer recovered = %v, status %v", res.Recovered, res.Status)
	}
	if got := len(srv.Requests(gtrtest.PathOneStep)) - before; got != 1 {
		t.Errorf("one_step sent %d times after a dropped answer, want exactly 1", got)
	}

	// Safe calls are retried through 5xx.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError, Path: gtrtest.PathVASPDetail})
	if _, err := c.VASPDetail(ctx, "BENE"); err != nil {
		t.Errorf("VASPDetail through one 503: %v", err)
	}
}

func TestClientPendingWithCallbacks(t *testing.T) {
	t.Parallel()
	srv := gtrtest.NewServer(t)
	if err := srv.AddVASP(gtrtest.VASP{Code: "SLOW", Pending: gtrtest.PendingPII,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: beneAddress}: bob}}); err != nil {
		t.Fatal(err)
	}
	m := &member{kp: mustKeyPair(t)}
	if _, err := srv.NewCallbackServer(m.handler(t)); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, m.kp, gtr.WithLogin(srv.Credentials()))
	ctx := context.Background()
	res, err := c.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: "vaspkit-client-pending", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: beneAddress, TargetVASPCode: "SLOW", Amount: "1", FiatPrice: "0",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: preTxPayload(t, bob),
	})
	if err != nil || res.Status != gtr.StatusPending || res.Decide().Action != gtr.Wait {
		t.Fatalf("pending: %v, %v", res, err)
	}
	if err := srv.CompletePending(ctx, res.RequestID); err != nil {
		t.Fatal(err)
	}
	_, notes := m.received()
	if len(notes) != 1 {
		t.Fatalf("notifications = %d, want 1", len(notes))
	}
	pr := notes[0].(*gtr.PIIResult)
	if pr.Result.Status != gtr.StatusSuccess || pr.Identity == nil || pr.Identity.BeneficiaryVASP == nil {
		t.Errorf("PII result: %+v, identity err %v", pr.Result, pr.IdentityErr)
	}
	q, err := c.Query(ctx, res.RequestID)
	if err != nil || q.Status != gtr.StatusSuccess {
		t.Errorf("Query after completion: %+v, %v", q, err)
	}
}

func TestClientFormatsAndNumericIDs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		format gtr.FormatType
		opts   []gtrtest.Option
	}{
		{"field encryption", gtr.JSONFieldEncrypt, nil},
		{"numeric field ids", gtr.FullJSONObjectEncrypt, []gtrtest.Option{gtrtest.WithNumericFieldIDs()}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newPlatform(t, tt.opts...)
			kp := mustKeyPair(t)
			c := newClient(t, srv, kp, gtr.WithAppToken(srv.Credentials()))
			res, err := c.OneStep(context.Background(), &gtr.OneStepRequest{
				RequestID: "vaspkit-format-0001", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
				Address: beneAddress, TargetVASPCode: "BENE", Amount: "0.5", FiatPrice: "1500", PIIFormat: tt.format,
				ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: preTxPayload(t, bob),
			})
			if err != nil {
				t.Fatalf("OneStep: %v", err)
			}
			if res.Status != gtr.StatusSuccess || len(res.Fields) == 0 || res.Fields[0].ID != gtr.BeneficiaryNatural.Name() || res.Fields[0].Status != gtr.FieldMatch {
				t.Errorf("result = %v %+v", res.Status, res.Fields)
			}
			rec, _ := srv.Recorded("vaspkit-format-0001")
			if rec.Identity == nil {
				t.Error("the counterparty could not open the PII")
			}
		})
	}
}
