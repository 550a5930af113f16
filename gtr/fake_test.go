package gtr_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/internal/testnet"
	"github.com/vaspkit/vaspkit/ivms"
)

// fakeClient is a client of a fresh gtrtest platform over real mTLS.
func fakeClient(t *testing.T, appToken bool, extra ...gtr.Option) (*gtrtest.Server, *gtr.Client) {
	t.Helper()
	srv := gtrtest.NewServer(t)
	for _, v := range []gtrtest.VASP{
		{Code: "BENE", Name: "Bene Exchange", Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob}},
		{Code: "ORIG", Name: "Orig Exchange", TxIDs: map[string]gtrtest.Transfer{"0xd3p051t": {To: gtrtest.Wallet{Network: "ETH", Address: "0xDEP051T"}, Sender: carol}}},
	} {
		if err := srv.AddVASP(v); err != nil {
			t.Fatal(err)
		}
	}
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	auth := gtr.WithLogin(srv.Credentials())
	if appToken {
		auth = gtr.WithAppToken(srv.Credentials())
	}
	opts := append([]gtr.Option{gtr.WithBaseURL(srv.URL), gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()), gtr.WithKeyPair(kp), auth}, extra...)
	c, err := gtr.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func deposit(requestID string) *gtr.OneStepRequest {
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Sender", "Carol").Person()).
		Beneficiary(alice, "0xDEP051T").
		BeneficiaryVASP(us).
		Build()
	return &gtr.OneStepRequest{
		RequestID: requestID, Direction: gtr.PostTransaction, Network: "ETH", Ticker: "ETH",
		Address: "0xDEP051T", TxID: "0xd3p051t", TargetVASPCode: "ORIG", Amount: "0.5", FiatPrice: "1500",
		ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name(), gtr.OriginatorNatural.DateOfBirth()},
		Identity:     identity,
	}
}

// TestRoundTripsAgainstFake runs both directions with both
// authentications against the fake: real mTLS, real sealing, a
// counterparty that opens, matches and re-seals.
func TestRoundTripsAgainstFake(t *testing.T) {
	t.Parallel()
	for _, appToken := range []bool{false, true} {
		for _, dir := range []gtr.Direction{gtr.PreTransaction, gtr.PostTransaction} {
			t.Run(fmt.Sprintf("%v/appToken=%v", dir, appToken), func(t *testing.T) {
				t.Parallel()
				srv, c := fakeClient(t, appToken)
				req := withdrawal("rt-pre-0001", bob)
				wantFields := []gtr.FieldResult{
					{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMatch, Message: "MATCH"},
					{ID: gtr.BeneficiaryNatural.DateOfBirth(), Status: gtr.FieldMatch, Message: "MATCH"},
				}
				if dir == gtr.PostTransaction {
					req = deposit("rt-post-0001")
					wantFields = []gtr.FieldResult{
						{ID: gtr.OriginatorNatural.Name(), Status: gtr.FieldMatch, Message: "MATCH"},
						// We do not know the sender's birth date: the counterparty skips it.
						{ID: gtr.OriginatorNatural.DateOfBirth(), Status: gtr.FieldSkip, Message: "SKIP"},
					}
				}
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				res, err := c.OneStep(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if res.Status != gtr.StatusSuccess || res.Stage != gtr.StagePIIVerification || res.Recovered {
					t.Errorf("result %v at %v (recovered %v)", res.Status, res.Stage, res.Recovered)
				}
				if diff := cmp.Diff(wantFields, res.Fields); diff != "" {
					t.Errorf("Fields (-want +got):\n%s", diff)
				}
				if res.IdentityErr != nil || res.Identity == nil {
					t.Fatalf("counterparty PII not opened: %v", res.IdentityErr)
				}
				// The counterparty opened exactly what we laid out and sealed.
				rec, ok := srv.Recorded(req.RequestID)
				if !ok {
					t.Fatal("not recorded")
				}
				sent := req.Identity.Clone()
				if dir == gtr.PreTransaction {
					sent.Beneficiary.AccountNumbers = []string{req.Address}
				}
				if diff := cmp.Diff(sent.Originator, rec.Identity.Originator); diff != "" {
					t.Errorf("opened originator (-sent +opened):\n%s", diff)
				}
				if diff := cmp.Diff(sent.Beneficiary, rec.Identity.Beneficiary); diff != "" {
					t.Errorf("opened beneficiary (-sent +opened):\n%s", diff)
				}
				// Its answer carries its own company on its side.
				theirs := res.Identity.BeneficiaryVASP
				if dir == gtr.PostTransaction {
					theirs = (*ivms.BeneficiaryVASP)(res.Identity.OriginatingVASP)
				}
				if theirs == nil || theirs.Person == nil || theirs.Person.LegalPerson == nil {
					t.Error("the counterparty's answer has no VASP of its own")
				}
				if d := res.Decide(); !d.Proceed() {
					t.Errorf("Decide = %+v", d)
				}
				if want := map[bool]int{false: 1, true: 0}[appToken]; len(srv.Requests(gtrtest.PathLogin)) != want {
					t.Errorf("logins = %d, want %d", len(srv.Requests(gtrtest.PathLogin)), want)
				}
			})
		}
	}
}

// TestNeverResendAgainstFake: dropped connections and answers slower than
// the caller's deadline never lead to a second one_step.
func TestNeverResendAgainstFake(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault fakefault.Fault
		// expire: the caller's deadline passes once one_step has reached
		// the fake (an event, not a timer: a busy machine cannot end the
		// call before it was sent).
		expire bool
		want   gtr.VerifyStatus // recovered verdict; 0 = outcome unknown
	}{
		{"dropped after recording", fakefault.Fault{Kind: fakefault.Drop}, false, gtr.StatusSuccess},
		{"dropped before handling", fakefault.Fault{Kind: fakefault.DropBefore}, false, 0},
		{"502 after recording", fakefault.Fault{Kind: fakefault.ServerErrorAfter, Status: 502, Body: []byte("<html>bad gateway</html>")}, false, gtr.StatusSuccess},
		{"slower than the caller's deadline", fakefault.Fault{Kind: fakefault.Latency, Delay: time.Minute}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// Short retry waits: the recovery queries pause as briefly.
			srv, c := fakeClient(t, false, gtr.WithRecoveryTimeout(3*time.Second), gtr.WithRetry(3, time.Millisecond, 5*time.Millisecond))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := c.VASPDetail(ctx, "BENE"); err != nil { // log in outside the deadline under test
				t.Fatal(err)
			}
			callCtx := testnet.NewExpiringContext(ctx) // ctx bounds a hang only
			defer callCtx.Release()
			tt.fault.Path = gtrtest.PathOneStep
			if tt.expire {
				// The fault's Match sees the request arrive: the deadline
				// passes then, while the fake holds the answer (its latency
				// ends when the client gives up).
				tt.fault.Match = func(*http.Request) bool { callCtx.Expire(); return true }
			}
			srv.InjectFault(tt.fault)
			req := withdrawal("lost-0001", bob)
			// All three PII settings set: no VASP detail call under the
			// deadline being tested.
			req.TargetPublicKey, _ = srv.VASPPublicKey("BENE")
			req.PIIFormat, req.PIISpecVersion = gtr.FullJSONObjectEncrypt, gtr.PIISpecVersion
			res, err := c.OneStep(callCtx, req)
			if got := len(srv.Requests(gtrtest.PathOneStep)); got != 1 {
				t.Errorf("one_step reached the platform %d times, want 1", got)
			}
			if len(srv.Requests(gtrtest.PathQuery)) == 0 {
				t.Error("no recovery query")
			}
			if tt.want != 0 {
				if err != nil || res.Status != tt.want || !res.Recovered {
					t.Fatalf("OneStep = %+v, %v; want recovered %v", res, err, tt.want)
				}
				return
			}
			var ou *gtr.OutcomeUnknownError
			if !errors.As(err, &ou) || ou.RequestID != req.RequestID {
				t.Fatalf("OneStep = %+v, %v; want *OutcomeUnknownError", res, err)
			}
		})
	}
}

// TestConcurrentOneStepsShareOneLogin: many withdrawals at once on a fresh
// client log in once.
func TestConcurrentOneStepsShareOneLogin(t *testing.T) {
	t.Parallel()
	srv, c := fakeClient(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.OneStep(ctx, withdrawal(fmt.Sprintf("concurrent-%04d", i), bob))
			if err != nil || res.Status != gtr.StatusSuccess {
				t.Errorf("OneStep %d: %v, %v", i, res, err)
			}
		}()
	}
	wg.Wait()
	if got := len(srv.Requests(gtrtest.PathLogin)); got != 1 {
		t.Errorf("logins = %d, want 1", got)
	}
}

// TestNotifyTxIDRepeatAcrossClients: a notify_tx_id retried by another
// process (here: other Clients, one with the app token, one after a
// "restart") for a txId GTR already stored is a success, read back from
// GTR's record; another txId is still ErrTxIDDuplicated.
func TestNotifyTxIDRepeatAcrossClients(t *testing.T) {
	t.Parallel()
	srv, first := fakeClient(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req := withdrawal("txid-repeat-0001", bob)
	if res, err := first.OneStep(ctx, req); err != nil || res.Status != gtr.StatusSuccess {
		t.Fatalf("OneStep = %+v, %v", res, err)
	}
	const txID = "0x5e4d3c2b1a"
	if err := first.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: req.RequestID, TxID: txID}); err != nil {
		t.Fatalf("first NotifyTxID: %v", err)
	}
	for _, appToken := range []bool{true, false} {
		other, err := gtr.New(gtr.WithBaseURL(srv.URL), gtr.WithClientCertificate(srv.ClientCertificate()),
			gtr.WithRootCAs(srv.RootCAs()), map[bool]gtr.Option{true: gtr.WithAppToken(srv.Credentials()), false: gtr.WithLogin(srv.Credentials())}[appToken])
		if err != nil {
			t.Fatal(err)
		}
		if err := other.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: req.RequestID, TxID: txID}); err != nil {
			t.Errorf("appToken=%v: the same txId again: %v, want success", appToken, err)
		}
		if err := other.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: req.RequestID, TxID: "0xanother"}); !errors.Is(err, gtr.ErrTxIDDuplicated) {
			t.Errorf("appToken=%v: another txId: %v, want ErrTxIDDuplicated", appToken, err)
		}
	}
	if got := len(srv.Requests(gtrtest.PathNotifyTxID)); got != 5 {
		t.Errorf("notify_tx_id reached the platform %d times, want 5 (never resent)", got)
	}
	if rec, _ := srv.Recorded(req.RequestID); rec.NotifiedTxID != txID {
		t.Errorf("recorded txId %q, want %q", rec.NotifiedTxID, txID)
	}
}
