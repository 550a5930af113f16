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
	check(srv.AddVASP(gtrtest.VASP{Code: "HASHER", PIIFormat: gtr.JSONFieldHash,
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob}}))
	c, _ := demoClient(srv)

	req := withdrawal("example-hashed-0001", bob)
	req.TargetVASPCode = "HASHER"
	res, err := c.OneStep(context.Background(), req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sent as:", res.PIIFormat, "with a salt of", len(res.HashSalt), "characters")
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
