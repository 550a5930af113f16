package gtr_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// Examples of the calls around a travel rule: discovery, lifecycle, and the
// manual answers of a receiving VASP. Helpers are in example_test.go.

func ExampleClient_VASPDetail() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	d, err := c.VASPDetail(context.Background(), "BENE")
	if err != nil {
		log.Fatal(err)
	}
	key, _ := srv.VASPPublicKey("BENE")
	fmt.Println(d.VASPCode, d.Country, d.Algorithm, d.PublicKey == key)
	fmt.Println("may answer later:", d.CouldPending)
	// Output:
	// BENE SG ed25519_curve25519 true
	// may answer later: false
}

func ExampleClient_ListVASPs() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	brands, err := c.ListVASPs(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range brands {
		var codes []string
		for _, e := range b.Entities {
			codes = append(codes, e.VASPCode)
		}
		fmt.Println(b.BrandName, strings.Join(codes, ","))
	}
	// Output:
	// Bene BENE,BENE_EU
	// Orig ORIG
}

func ExampleClient_ListVASPEntities() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	entities, err := c.ListVASPEntities(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entities {
		fmt.Println(e.VASPCode, e.Country)
	}
	// Output:
	// BENE SG
	// BENE_EU LT
	// ORIG ES
}

// The user picked the brand's main entity, but the address belongs to a
// sibling: send the travel rule there.
func ExampleClient_DetectAddressVASP() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)

	got, err := c.DetectAddressVASP(context.Background(), &gtr.AddressDetectionRequest{
		VASPCode: "BENE", Network: "TRX", Address: "TBobEuropeAddress",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.VASPCode, "changed:", got.Changed)
	// Output:
	// BENE_EU changed: true
}

// After broadcasting a verified withdrawal, tell GTR its transaction id;
// Query shows what GTR recorded.
func ExampleClient_NotifyTxID() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)
	ctx := context.Background()

	res, err := c.OneStep(ctx, withdrawal("example-notify-0001", bob))
	if err != nil || !res.Decide().Proceed() {
		log.Fatal(err)
	}
	// … broadcast the transfer …
	if err := c.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: res.RequestID, TxID: "0xw1thdr4w4l"}); err != nil {
		log.Fatal(err)
	}
	q, err := c.Query(ctx, res.RequestID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q.Status, q.TxID)
	// Output:
	// SUCCESS 0xw1thdr4w4l
}

// The answer to a notify_tx_id is lost: it may have reached GTR
// (MaybeSent). Calling NotifyTxID again with the same txId is safe, even
// from another process: GTR's "already notified" is read back and counts
// as success when GTR holds that txId; another txId stays an error.
func ExampleMaybeSent() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)
	ctx := context.Background()

	res, err := c.OneStep(ctx, withdrawal("example-lost-notify-1", bob))
	if err != nil || !res.Decide().Proceed() {
		log.Fatal(err)
	}
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: gtrtest.PathNotifyTxID})
	err = c.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: res.RequestID, TxID: "0xb40adca57"})
	fmt.Println("maybe sent:", gtr.MaybeSent(err))

	// Later, another replica (here: a new client) takes over.
	replica, _ := demoClient(srv)
	fmt.Println("same txId again:", replica.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: res.RequestID, TxID: "0xb40adca57"}))
	err = replica.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: res.RequestID, TxID: "0xd1ff3r3nt"})
	fmt.Println("another txId:", errors.Is(err, gtr.ErrTxIDDuplicated))
	// Output:
	// maybe sent: true
	// same txId again: <nil>
	// another txId: true
}

func ExampleClient_Query() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)
	ctx := context.Background()

	if _, err := c.OneStep(ctx, withdrawal("example-query-0001", bob)); err != nil {
		log.Fatal(err)
	}
	q, err := c.Query(ctx, "example-query-0001")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(q.Status, q.Stage, q.OriginatorVASP, "→", q.BeneficiaryVASP)
	// Meta: how the call went. The fake sends an X-Request-Id; GTR does not.
	fmt.Println("HTTP", q.Meta.HTTPStatus, "attempts", q.Meta.Attempts, "request id", q.Meta.RequestID != "")

	_, err = c.Query(ctx, "example-never-sent")
	fmt.Println(errors.Is(err, gtr.ErrNotFound))
	// Output:
	// SUCCESS PII_VERIFICATION VASPKIT_TEST → BENE
	// HTTP 200 attempts 1 request id true
	// true
}

// The user abandons a verified withdrawal: end the travel rule for the
// audit trail.
func ExampleClient_End() {
	srv := demoPlatform()
	defer srv.Close()
	c, _ := demoClient(srv)
	ctx := context.Background()

	res, err := c.OneStep(ctx, withdrawal("example-end-0001", bob))
	if err != nil {
		log.Fatal(err)
	}
	if err := c.End(ctx, &gtr.EndRequest{RequestID: res.RequestID, Reason: gtr.EndCancelled, Message: "user cancelled the withdrawal"}); err != nil {
		log.Fatal(err)
	}
	q, _ := c.Query(ctx, res.RequestID)
	fmt.Println(q.Status)
	// Output:
	// CANCELLED
}

// We receive a travel rule, answer the address check "pending" from our
// callback handler, and deliver the verdict later.
func ExampleClient_ManualVerifyAddress() {
	srv := demoPlatform()
	defer srv.Close()
	c, kp := demoClient(srv)
	handler, _ := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnAddressCheck(func(context.Context, *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			return gtr.CheckAnswer{Result: gtr.CheckPending}, nil // look it up offline
		}),
	)
	if _, err := srv.NewCallbackServer(handler); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	identity, _ := ivms.NewPayload().Originator(carol).Beneficiary(alice, "0xDEP051T").Build()
	out, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", RequestID: "orig-incoming-0001",
		Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: "0xDEP051T", Identity: identity})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("our callback answer:", out.Check.Status)

	// Later: the address is ours.
	if err := c.ManualVerifyAddress(ctx, &gtr.ManualVerifyRequest{RequestID: "orig-incoming-0001", Found: true}); err != nil {
		log.Fatal(err)
	}
	rec, _ := srv.Recorded("orig-incoming-0001")
	fmt.Println("recorded:", rec.Status, rec.Stage)
	// Output:
	// our callback answer: PENDING
	// recorded: SUCCESS ADDRESS_VERIFICATION
}

// A post-transaction travel rule asks whether we sent a transfer; we answer
// later.
func ExampleClient_ManualVerifyTxID() {
	srv := demoPlatform()
	defer srv.Close()
	c, kp := demoClient(srv)
	handler, _ := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnTxIDCheck(func(context.Context, *gtr.TxIDCheck) (gtr.CheckAnswer, error) {
			return gtr.CheckAnswer{Result: gtr.CheckPending}, nil
		}),
	)
	if _, err := srv.NewCallbackServer(handler); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	identity, _ := ivms.NewPayload().Originator(alice).Beneficiary(bob, "0xB0B").Build()
	if _, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "BENE", RequestID: "bene-incoming-0001",
		Direction: gtr.PostTransaction, Network: "ETH", Ticker: "ETH", Address: "0xB0B", TxID: "0xunknown",
		Identity: identity}); err != nil {
		log.Fatal(err)
	}
	if err := c.ManualVerifyTxID(ctx, &gtr.ManualVerifyRequest{RequestID: "bene-incoming-0001", Message: "not sent by us"}); err != nil {
		log.Fatal(err)
	}
	rec, _ := srv.Recorded("bene-incoming-0001")
	fmt.Println("recorded:", rec.Status)
	// Output:
	// recorded: TX_ID_NOT_FOUND
}

// We receive a travel rule's PII, answer "pending" (a compliance officer
// looks at it), and deliver the verdict with our document later.
func ExampleClient_ManualVerifyPII() {
	srv := demoPlatform()
	defer srv.Close()
	c, kp := demoClient(srv)
	received := make(chan *gtr.PIIVerification, 1)
	handler, _ := gtr.NewCallbackHandler(
		gtr.WithCallbackKeyPair(kp),
		gtr.OnAddressCheck(func(context.Context, *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
		}),
		gtr.OnPIIVerify(func(_ context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			received <- v // keep RequestID, InitiatorPublicKey, Identity, ExpectFields
			return gtr.PIIVerifyAnswer{Status: gtr.StatusPending}, nil
		}),
	)
	if _, err := srv.NewCallbackServer(handler); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	identity, _ := ivms.NewPayload().Originator(carol).Beneficiary(ivms.NewNaturalPerson("Originator", "Alice").Person(), "0xDEP051T").Build()
	out, err := srv.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", RequestID: "orig-incoming-0002",
		Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: "0xDEP051T",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("our callback answer:", out.PII.Status)

	v := <-received
	answer := &gtr.PIIVerifyAnswer{
		Fields:   v.Verify([]ivms.Person{alice}, nil), // match against our KYC record
		Identity: v.Identity,                          // returned to the initiator, sealed to its key
	}
	if err := c.ManualVerifyPII(ctx, v.RequestID, v.InitiatorPublicKey, answer); err != nil {
		log.Fatal(err)
	}
	rec, _ := srv.Recorded(v.RequestID)
	fmt.Println("recorded:", rec.Status, rec.Fields[0].ID, rec.Fields[0].Status)
	// Output:
	// our callback answer: PENDING
	// recorded: SUCCESS BeneficiaryNaturalName MATCH
}
