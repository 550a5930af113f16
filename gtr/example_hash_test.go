package gtr_test

import (
	"context"
	"fmt"
	"log"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// A counterparty that advertises JSON_FIELD_HASH in VASP detail gets our
// PII hashed leaf by leaf (Keccak-256 with a fresh salt), never in clear:
// with TargetPublicKey and Format left zero, OneStep reads the format from
// VASP detail. The counterparty re-hashes its customer's record to compare.
func ExampleClient_OneStep_fieldHash() {
	srv := demoPlatform()
	defer srv.Close()
	check(srv.AddVASP(gtrtest.VASP{Code: "HASHER", Format: gtr.JSONFieldHash,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob}}))
	c, _ := demoClient(srv)

	req := withdrawal("example-hashed-0001", bob)
	req.TargetVASPCode = "HASHER"
	res, err := c.OneStep(context.Background(), req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sent as:", res.Format, "with a salt of", len(res.HashSalt), "characters")
	fmt.Println("status:", res.Status)
	for _, f := range res.Fields {
		fmt.Println(" ", f.ID, f.Status)
	}
	// Output:
	// sent as: JSON_FIELD_HASH with a salt of 36 characters
	// status: SUCCESS
	//   BeneficiaryNaturalName MATCH
	//   BeneficiaryNaturalDateOfBirth MATCH
}

// Amounts are exact decimal strings within GTR's decimal(28,18).
func ExampleValidAmount() {
	for _, a := range []string{"0.5", "0.000000000000000001", "0.0000000000000000001", "1e-3"} {
		fmt.Println(a, gtr.ValidAmount(a))
	}
	// Output:
	// 0.5 true
	// 0.000000000000000001 true
	// 0.0000000000000000001 false
	// 1e-3 false
}

// A receiver compares PII sent as JSON_FIELD_HASH with its own customer's
// record: it hashes the record with the sender's salt. Hashes compare
// exactly — a different spelling is a mismatch.
func ExampleVerifyHashedFields() {
	const salt = "0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77" // the sender's hashSalt
	sent, _ := ivms.NewPayload().Originator(alice, "acct-alice").Beneficiary(bob, "0xB0B").Build()
	doc, _ := ivms.Marshal(sent, ivms.GTR)
	hashed, _ := gtr.HashFields(doc, salt) // what the sender puts in securedPayload

	bobby := ivms.NewNaturalPerson("Beneficiary", "Bobby").DateOfBirth(birth("1990-02-03"), "Porto").Person()
	for _, ours := range []ivms.Person{bob, bobby} {
		fields, err := gtr.VerifyHashedFields([]byte(hashed), salt, gtr.PartyBeneficiary, []ivms.Person{ours},
			[]gtr.FieldID{gtr.BeneficiaryNaturalName, gtr.BeneficiaryNaturalDateOfBirth}, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(fields[0].Status, fields[1].Status)
	}
	// Output:
	// MATCH MATCH
	// MISMATCH MATCH
}
