package monitoring_test

import (
	"context"
	"fmt"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// travelRule submits a Travel Rule transfer in direction dir to a fake.
func travelRule(dir monitoring.Direction) (*monitoringtest.Server, *monitoring.Client, *monitoring.Result) {
	srv := monitoringtest.NewServer(nil)
	client, _ := srv.NewClient()
	txn, err := monitoring.NewTravelRule(monitoring.TxnID("tr-"+string(dir)), dir, "0.01", "BTC").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Counterparty(monitoring.NewPerson("cp-9", "Jack Posek").WithWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q")).
		Build()
	if err != nil {
		panic(err)
	}
	res, err := client.Submit(context.Background(), txn)
	if err != nil {
		panic(err)
	}
	return srv, client, res
}

func ExampleClient_PatchChainTxID() {
	srv, client, res := travelRule(monitoring.Out)
	defer srv.Close()
	fmt.Println(res.TravelRuleInfo.Status)
	// After broadcasting the withdrawal on chain:
	res, err := client.PatchChainTxID(context.Background(), res.ID, "84bf83c10dfddc9d1f0ea6a1a131c638488fb161e819dae25fd8128c671d2d5a")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.TravelRuleInfo.Status, res.Data.Info.PaymentTxnID[:8])
	// Output:
	// completed
	// finished 84bf83c1
}

func ExampleClient_ConfirmOwnership() {
	srv, client, res := travelRule(monitoring.In)
	defer srv.Close()
	ctx := context.Background()
	fmt.Println(res.NeedMasking, res.TravelRuleInfo.NeedApplicantOwnershipConfirmation)
	// First the wallet, then the beneficiary.
	res, err := client.ConfirmOwnership(ctx, res.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err = client.AttachBeneficiary(ctx, res.ID, monitoring.Beneficiary{ApplicantID: res.ApplicantID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.NeedMasking, res.TravelRuleInfo.NeedApplicantOwnershipConfirmation, res.TravelRuleInfo.Status)
	// Output:
	// true true
	// false false completed
}

func ExampleClient_RejectOwnership() {
	srv, client, res := travelRule(monitoring.In)
	defer srv.Close()
	res, err := client.RejectOwnership(context.Background(), res.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.TravelRuleInfo.Status)
	// Output:
	// unconfirmedOwnership
}

func ExampleClient_AttachBeneficiary() {
	srv, client, res := travelRule(monitoring.In)
	defer srv.Close()
	ctx := context.Background()
	if _, err := client.ConfirmOwnership(ctx, res.ID); err != nil {
		fmt.Println(err)
		return
	}
	// A beneficiary Sumsub does not know yet.
	res, err := client.AttachBeneficiary(ctx, res.ID, monitoring.Beneficiary{
		Participant: monitoring.NewPerson("user-77", "Dana Example"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ExternalUserID, res.TravelRuleInfo.Status)
	// Output:
	// user-77 completed
}

func ExampleClient_SetApplicantWalletAddress() {
	srv, client, res := travelRule(monitoring.Out)
	defer srv.Close()
	res, err := client.SetApplicantWalletAddress(context.Background(), res.ID, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Data.Applicant.PaymentMethod.AccountID)
	// Output:
	// bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq
}
