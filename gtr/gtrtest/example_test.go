package gtrtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

func date(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

// A withdrawal (pre-transaction) against the fake platform: real mTLS,
// login, real ed25519_curve25519 sealing, a counterparty that opens the
// PII, matches it against its customer and answers with its own PII.
func ExampleNewServer() {
	srv := gtrtest.NewServer(nil) // in a test: gtrtest.NewServer(t)
	defer srv.Close()

	// The counterparty and its customer at the destination address.
	bob := ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(date("1990-02-03"), "Porto").Person()
	if err := srv.AddVASP(gtrtest.VASP{
		Code: "BENE", Name: "Bene Exchange",
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob},
	}); err != nil {
		log.Fatal(err)
	}

	kp, _ := gtr.GenerateKeyPair(nil)
	client, err := gtr.New(
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithLogin(srv.Credentials()),
		gtr.WithKeyPair(kp),
	)
	if err != nil {
		log.Fatal(err)
	}

	alice := ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(date("1985-04-12"), "Lisbon").Person()
	us := ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()
	identity, _ := ivms.NewPayload().
		Originator(alice, "0xA11CE").
		Beneficiary(ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(date("1990-02-03"), "").Person(), "0xB0B").
		OriginatingVASP(us).
		Build()

	res, err := client.OneStep(context.Background(), &gtr.OneStepRequest{
		RequestID:      "example-withdrawal-0001",
		Direction:      gtr.PreTransaction,
		Network:        "ETH",
		Ticker:         "ETH",
		Address:        "0xB0B",
		TargetVASPCode: "BENE", // its PII key comes from VASP detail
		Amount:         "0.5",
		FiatName:       "USD",
		FiatPrice:      "1500",
		ExpectFields:   []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:       identity,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", res.Status, "at", res.Stage)
	for _, f := range res.Fields {
		fmt.Println(f.ID, f.Status)
	}
	fmt.Println("counterparty VASP:", res.Identity.BeneficiaryVASP.Person.LegalPerson.Name.NameIdentifiers[0].LegalPersonName)
	fmt.Println("decision:", res.Decide().Action)
	// Output:
	// status: SUCCESS at PII_VERIFICATION
	// BeneficiaryNaturalName MATCH
	// BeneficiaryNaturalDateOfBirth MATCH
	// counterparty VASP: Bene Exchange Ltd
	// decision: proceed
}

// A deposit (post-transaction) with an app token: the counterparty
// recognises the transaction it sent and verifies its customer.
func ExampleServer_postTransaction() {
	srv := gtrtest.NewServer(nil)
	defer srv.Close()

	carol := ivms.NewNaturalPerson("Sender", "Carol").DateOfBirth(date("1979-11-30"), "Madrid").Person()
	_ = srv.AddVASP(gtrtest.VASP{
		Code: "ORIG",
		TxIDs: map[string]gtrtest.Transfer{
			"0xd3p051t": {To: gtrtest.Wallet{Network: "ETH", Address: "0xDEP051T"}, Sender: carol},
		},
	})
	kp, _ := gtr.GenerateKeyPair(nil)
	client, _ := gtr.New(gtr.WithBaseURL(srv.URL), gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()), gtr.WithAppToken(srv.Credentials()), gtr.WithKeyPair(kp))

	alice := ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(date("1985-04-12"), "Lisbon").Person()
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Sender", "Carol").Person()).
		Beneficiary(alice, "0xDEP051T").
		BeneficiaryVASP(ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	res, err := client.OneStep(context.Background(), &gtr.OneStepRequest{
		RequestID: "example-deposit-0001", Direction: gtr.PostTransaction,
		Network: "ETH", Ticker: "ETH", Address: "0xDEP051T", TxID: "0xd3p051t",
		TargetVASPCode: "ORIG", Amount: "0.5", FiatPrice: "1500",
		ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name()},
		Identity:     identity,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status, res.Fields[0].ID, res.Fields[0].Status)
	fmt.Println("asset went", res.OriginatorVASP, "→", res.BeneficiaryVASP)
	// Output:
	// SUCCESS OriginatorNaturalName MATCH
	// asset went ORIG → VASPKIT_TEST
}

// A counterparty that answers later: one_step returns 100002, and the
// platform delivers the verdict to the member's callback handler.
func ExampleServer_CompletePending() {
	srv := gtrtest.NewServer(nil)
	defer srv.Close()
	bob := ivms.NewNaturalPerson("Beneficiary", "Bob").Person()
	_ = srv.AddVASP(gtrtest.VASP{Code: "SLOW", Pending: gtrtest.PendingPII,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "BTC", Address: "bc1qbob"}: bob}})

	kp, _ := gtr.GenerateKeyPair(nil)
	results := make(chan *gtr.PIIResult, 1)
	handler, _ := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnNotification(func(_ context.Context, n gtr.Notification) error {
			if r, ok := n.(*gtr.PIIResult); ok {
				results <- r
			}
			return nil
		}),
	)
	if _, err := srv.NewCallbackServer(handler); err != nil { // mTLS both ways
		log.Fatal(err)
	}
	client, _ := gtr.New(gtr.WithBaseURL(srv.URL), gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()), gtr.WithLogin(srv.Credentials()), gtr.WithKeyPair(kp))
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Originator", "Alice").Person()).
		Beneficiary(ivms.NewNaturalPerson("Beneficiary", "Bob").Person(), "bc1qbob").
		OriginatingVASP(ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	ctx := context.Background()
	res, err := client.OneStep(ctx, &gtr.OneStepRequest{
		RequestID: "example-pending-0001", Direction: gtr.PreTransaction, Network: "BTC", Ticker: "BTC",
		Address: "bc1qbob", TargetVASPCode: "SLOW", Amount: "0.01", FiatPrice: "600",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("one_step:", res.Status, "→", res.Decide().Action)

	if err := srv.CompletePending(ctx, res.RequestID); err != nil {
		log.Fatal(err)
	}
	r := <-results
	fmt.Println("callback 15:", r.Result.Status, r.Fields[0].ID, r.Fields[0].Status)
	// Output:
	// one_step: PENDING → wait
	// callback 15: SUCCESS BeneficiaryNaturalName MATCH
}

// A counterparty sends a travel rule to the member: the platform calls the
// member's CallbackHandler with callback 6, then 4.
func ExampleServer_SendTravelRule() {
	srv := gtrtest.NewServer(nil)
	defer srv.Close()
	_ = srv.AddVASP(gtrtest.VASP{Code: "ORIG"})

	kp, _ := gtr.GenerateKeyPair(nil)
	srv.SetMemberPublicKey(kp.PublicKey())
	alice := ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(date("1985-04-12"), "Lisbon").Person()
	handler, _ := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnAddressCheck(func(_ context.Context, c *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			if c.Network == "ETH" && c.Address == "0xA11CE" {
				return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
		}),
		gtr.OnPIIVerify(func(_ context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			return gtr.PIIVerifyAnswer{Fields: v.Verify([]ivms.Person{alice}, nil), Identity: v.Identity}, nil
		}),
	)
	if _, err := srv.NewCallbackServer(handler); err != nil {
		log.Fatal(err)
	}
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Sender", "Carol").Person()).
		Beneficiary(ivms.NewNaturalPerson("ORIGINATOR", "alice").Person(), "0xA11CE").
		Build()
	out, err := srv.SendTravelRule(context.Background(), gtrtest.TravelRule{
		From: "ORIG", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: "0xA11CE",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:     identity,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("address check:", out.Check.Status)
	fmt.Println("PII verification:", out.PII.Status)
	for _, f := range out.Fields {
		fmt.Println(f.ID, f.Status)
	}
	// Output:
	// address check: SUCCESS
	// PII verification: SUCCESS
	// BeneficiaryNaturalName MATCH
	// BeneficiaryNaturalDateOfBirth SKIP
}

// NewClient hands out a gtr.Client that reaches the platform (its URL, the
// member's client certificate, an app token); InjectFault and Requests are
// the same in monitoringtest and travelruletest.
func ExampleServer_NewClient() {
	srv := gtrtest.NewServer(nil) // in a test: gtrtest.NewServer(t)
	defer srv.Close()
	if err := srv.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange"}); err != nil {
		log.Fatal(err)
	}
	client, err := srv.NewClient(gtr.WithRetry(2, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}

	// The VASP list answers 503 once: a read is retried.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError, Path: gtrtest.PathVASPList})
	brands, err := client.ListVASPs(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(brands), "brands")
	for _, r := range srv.Requests(gtrtest.PathVASPList) {
		fmt.Println(r.Method, r.Path, r.Status, r.Fault)
	}
	// Output:
	// 1 brands
	// GET /api/common/v3/vasp/list 503 server-error
	// GET /api/common/v3/vasp/list 200 none
}
