package gtr_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// The examples run against gtrtest, an in-process GTR platform with real
// mTLS and real ed25519_curve25519 sealing. Against GTR itself, replace
// srv.URL by gtr.UATURL or gtr.ProductionURL and the certificate and
// credentials by the ones in GTR's key_and_certificate.zip.

func birth(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

var (
	alice = ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(birth("1985-04-12"), "Lisbon").Person()
	bob   = ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(birth("1990-02-03"), "Porto").Person()
	carol = ivms.NewNaturalPerson("Sender", "Carol").DateOfBirth(birth("1979-11-30"), "Madrid").Person()
	us    = ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()
)

// demoPlatform starts the fake with two counterparties: BENE holds Bob's
// address 0xB0B (and its sibling BENE_EU holds TRX addresses), ORIG sent
// Carol's transfer 0xd3p051t to our deposit address 0xDEP051T.
func demoPlatform() *gtrtest.Server {
	srv := gtrtest.NewServer(nil) // in a test: gtrtest.NewServer(t)
	check(srv.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange", Brand: "Bene", Country: "SG",
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob}}))
	check(srv.AddVASP(gtrtest.VASP{Code: "BENE_EU", Name: "Bene Europe", Brand: "Bene", Country: "LT",
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "TRX", Address: "TBobEuropeAddress"}: bob}}))
	check(srv.AddVASP(gtrtest.VASP{Code: "ORIG", Name: "Orig Exchange", Brand: "Orig", Country: "ES",
		TxIDs: map[string]gtrtest.Transfer{"0xd3p051t": {To: gtrtest.Wallet{Network: "ETH", Address: "0xDEP051T"}, Sender: carol}}}))
	return srv
}

// demoClient is a logged-in client of srv with a fresh PII key pair.
func demoClient(srv *gtrtest.Server, extra ...gtr.Option) (*gtr.Client, *gtr.KeyPair) {
	kp, err := gtr.GenerateKeyPair(nil)
	check(err)
	srv.SetMemberPublicKey(kp.PublicKey())
	opts := append([]gtr.Option{
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithLogin(srv.Credentials()),
		gtr.WithKeyPair(kp),
	}, extra...)
	c, err := gtr.New(opts...)
	check(err)
	return c, kp
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// withdrawal is a pre-transaction request from Alice to beneficiary at
// 0xB0B.
func withdrawal(requestID string, beneficiary ivms.Person) *gtr.OneStepRequest {
	identity, _ := ivms.NewPayload().
		Originator(alice, "acct-alice").
		Beneficiary(beneficiary). // the address becomes its accountNumber
		OriginatingVASP(us).
		Build()
	return &gtr.OneStepRequest{
		RequestID:      requestID,
		Direction:      gtr.PreTransaction,
		Network:        "ETH",
		Ticker:         "ETH",
		Address:        "0xB0B",
		TargetVASPCode: "BENE", // TargetPublicKey left zero: fetched from VASP detail
		Amount:         "0.5",
		FiatName:       "USD",
		FiatPrice:      "1500",
		ExpectFields:   []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:       identity,
	}
}

// Configure a client for GTR: the mTLS certificate from GTR's
// key_and_certificate.zip (here the fake's), login credentials from
// api_key.csv, and our PII key pair.
func ExampleNew() {
	srv := demoPlatform()
	defer srv.Close()

	certPEM, keyPEM := srv.ClientCertificatePEM() // certificate.pem and PRIVATE.key
	kp, _ := gtr.GenerateKeyPair(nil)             // or gtr.ParseKeyPair(curvePrivateKey)
	c, err := gtr.New(
		gtr.WithBaseURL(srv.URL), // gtr.UATURL, gtr.ProductionURL
		gtr.WithClientCertificatePEM(certPEM, keyPEM),
		gtr.WithRootCAs(srv.RootCAs()), // only for a private root; GTR's is verified by default
		gtr.WithLogin(srv.Credentials()),
		gtr.WithKeyPair(kp),
	)
	if err != nil {
		log.Fatal(err)
	}
	brands, err := c.ListVASPs(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(brands), "brands")

	// Without a client certificate there is nothing to talk to GTR with.
	_, err = gtr.New(gtr.WithBaseURL(gtr.UATURL), gtr.WithLogin("code", "access", "secret"))
	fmt.Println(errors.Is(err, gtr.ErrConfig))
	// Output:
	// 2 brands
	// true
}

// With several replicas, authenticate each request with a fresh app token
// instead of a login session (a second login logs the first out).
func ExampleWithAppToken() {
	srv := demoPlatform()
	defer srv.Close()
	kp, _ := gtr.GenerateKeyPair(nil)
	c, err := gtr.New(
		gtr.WithBaseURL(srv.URL),
		gtr.WithClientCertificate(srv.ClientCertificate()),
		gtr.WithRootCAs(srv.RootCAs()),
		gtr.WithAppToken(srv.Credentials()),
		gtr.WithKeyPair(kp),
	)
	if err != nil {
		log.Fatal(err)
	}
	d, err := c.VASPDetail(context.Background(), "BENE")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.VASPCode, d.EntityName, "logins:", len(srv.Requests(gtrtest.PathLogin)))
	// Output:
	// BENE Bene Exchange logins: 0
}

// A withdrawal: verify the beneficiary before broadcasting.
func ExampleClient_OneStep() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	res, err := c.OneStep(context.Background(), withdrawal("example-withdrawal-0001", bob))
	if err != nil {
		log.Fatal(err) // not a verdict: auth, quota, a reused requestId, …
	}
	fmt.Println("status:", res.Status, "at", res.Stage)
	for _, f := range res.Fields {
		fmt.Println(" ", f.ID, f.Status)
	}
	// The counterparty's copy of the document, opened with our key.
	fmt.Println("beneficiary VASP:", res.Identity.BeneficiaryVASP.Person.LegalPerson.Name.NameIdentifiers[0].LegalPersonName)
	fmt.Println("decision:", res.Decide().Action)
	// Output:
	// status: SUCCESS at PII_VERIFICATION
	//   BeneficiaryNaturalName MATCH
	//   BeneficiaryNaturalDateOfBirth MATCH
	// beneficiary VASP: Bene Exchange Ltd
	// decision: proceed
}

// A deposit: ask the originating VASP about a transfer already on chain.
func ExampleClient_OneStep_postTransaction() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Sender", "Carol").Person()). // as far as known
		Beneficiary(alice, "0xDEP051T").                               // our customer
		BeneficiaryVASP(us).                                           // our company
		Build()
	res, err := c.OneStep(context.Background(), &gtr.OneStepRequest{
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
	fmt.Println("decision:", res.Decide().Action)
	// Output:
	// SUCCESS OriginatorNaturalName MATCH
	// asset went ORIG → VASPKIT_TEST
	// decision: proceed
}

// The answer is lost after GTR recorded the travel rule: OneStep does not
// resend it, it asks GTR what it recorded.
func ExampleClient_OneStep_lostAnswer() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: gtrtest.PathOneStep})

	res, err := c.OneStep(context.Background(), withdrawal("example-lost-0001", bob))
	var unknown *gtr.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		fmt.Println("outcome unknown; query", unknown.RequestID, "later")
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println(res.Status, "recovered:", res.Recovered, "one_step calls:", len(srv.Requests(gtrtest.PathOneStep)))
		fmt.Println("decision:", res.Decide().Action) // no field results: a human decides
	}
	// Output:
	// SUCCESS recovered: true one_step calls: 1
	// decision: review
}

// GTR's recommended reading: only the fields asked for count; a mismatch
// or a missing one stops the transfer.
func ExampleOneStepResult_Decide() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	// The user typed another beneficiary than the one at 0xB0B.
	res, err := c.OneStep(context.Background(), withdrawal("example-mismatch-0001", carol))
	if err != nil {
		log.Fatal(err)
	}
	d := res.Decide()
	fmt.Println(res.Status, "→", d.Action)
	fmt.Println("mismatched:", d.Mismatched)
	fmt.Println(d.Reason)
	// Output:
	// PII_VERIFY_FAIL → reject
	// mismatched: [BeneficiaryNaturalName BeneficiaryNaturalDateOfBirth]
	// required fields do not match: BeneficiaryNaturalName, BeneficiaryNaturalDateOfBirth
}

// An address the counterparty does not hold is a verdict, not an error.
func ExampleClient_OneStep_addressNotFound() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	req := withdrawal("example-noaddr-0001", bob)
	req.Address = "0x0ther"
	res, err := c.OneStep(context.Background(), req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Status, "→", res.Decide().Action)

	// Reusing a requestId is an error.
	_, err = c.OneStep(context.Background(), req)
	fmt.Println(errors.Is(err, gtr.ErrDuplicate))
	// Output:
	// ADDRESS_NOT_FOUND → reject
	// true
}

func ExampleNewRequestID() {
	id, err := gtr.NewRequestID("acme")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(id, "acme-"), len(id), len(id) <= 64)
	// Output:
	// true 41 true
}

func ExampleFieldID_String() {
	id := gtr.BeneficiaryNatural.DateOfBirth()
	fmt.Println(string(id), id)
	// A field the group does not have is the empty id, which OneStep refuses.
	fmt.Printf("%q\n", gtr.BeneficiaryLegal.DateOfBirth())
	// Output:
	// 110025 BeneficiaryNaturalDateOfBirth
	// ""
}
