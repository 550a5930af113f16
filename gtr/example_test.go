package gtr_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

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
		ExpectFields:   []gtr.FieldID{gtr.BeneficiaryNaturalName, gtr.BeneficiaryNaturalDateOfBirth},
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
		ExpectFields: []gtr.FieldID{gtr.OriginatorNaturalName},
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
	srv.InjectFault(gtrtest.Fault{Kind: gtrtest.Drop, Path: gtrtest.PathOneStep})

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

// The exact plaintext OneStep seals, for a withdrawal.
func ExampleMarshalIdentity() {
	identity, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Doe", "Jane").Person()).
		Beneficiary(ivms.NewNaturalPerson("Roe", "Richard").Person()).
		OriginatingVASP(ivms.NewLegalPerson("Example Exchange Ltd").Person()).
		Build()
	doc, err := gtr.MarshalIdentity(identity, gtr.PreTransaction, "0xB0B", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(doc))
	// Output:
	// {"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]},"Beneficiary":{"beneficiaryPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Roe","secondaryIdentifier":"Richard","nameIdentifierType":"LEGL"}]}}}],"accountNumber":["0xB0B"]},"OriginatingVASP":{"originatingVASP":{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonName":"Example Exchange Ltd","legalPersonNameIdentifierType":"LEGL"}]}}}}}}
}

func ExampleNewRequestID() {
	id, err := gtr.NewRequestID("acme")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.HasPrefix(id, "acme-"), len(id), gtr.ValidRequestID(id))
	// Output:
	// true 41 true
}

func ExampleFieldID_Info() {
	info, _ := gtr.BeneficiaryNaturalDateOfBirth.Info()
	fmt.Println(string(info.ID), info.Name, info.Party, info.Person, info.IVMSPath, info.Rule)
	// Output:
	// 110025 BeneficiaryNaturalDateOfBirth Beneficiary naturalPerson dateAndPlaceOfBirth.dateOfBirth ABS_CI
}

// The login's signedSecretKey is the plain SHA-512 of the secret key (GTR's
// published test vector).
func ExampleSignedSecretKey() {
	fmt.Println(gtr.SignedSecretKey("DFSD0JFN43SGNDSPIAN30IHSIDFN0SAR3BNFA0ISFNBI0N3RNFWE0F"))
	// Output:
	// 6bbb4d21bdb8a0720f9b9850b96b1110c3bcab725d4e829722581461d4ee3cd8f9431e4f4d90c739328d03a04f6280067a1e30de258a85755f214d2942d42b21
}

// An app token for a curl session, and how a server checks one.
func ExampleNewAppToken() {
	issued := time.UnixMilli(1701734400000)
	token := gtr.NewAppToken("f93_faj30ae3", "2DF9SDJ3RFA93HFA0F93HAB0S93F", "secret", "03kadafd039hfa-2dasdf", issued, 15*time.Second)
	// curl -H "X-Authorization: $token" --cert certificate.pem --key PRIVATE.key …

	t, err := gtr.ParseAppToken(token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.AccessKey, t.Nonce, t.Expires)
	fmt.Println(t.Verify("f93_faj30ae3", "secret", issued.Add(5*time.Second), time.Second))
	fmt.Println(errors.Is(t.Verify("f93_faj30ae3", "secret", issued.Add(time.Minute), time.Second), gtr.ErrInvalidAppToken))
	// Output:
	// 2DF9SDJ3RFA93HFA0F93HAB0S93F 03kadafd039hfa-2dasdf 15s
	// <nil>
	// true
}
