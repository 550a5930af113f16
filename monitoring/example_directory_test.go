package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

func ExampleClient_VASPs() {
	srv := monitoringtest.NewServer(nil,
		monitoringtest.WithVASP("65c0c0de0000000000000001", "Example Exchange"),
		monitoringtest.WithVASP("65c0c0de0000000000000002", "Example Exchange EU"))
	defer srv.Close()
	client, _ := srv.NewClient()

	// The withdrawal screen searches the directory as the user types.
	list, err := client.VASPs(context.Background(), monitoring.VASPQuery{Search: "example", Limit: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range list.Items {
		fmt.Println(v.ID, v.Name)
	}
	// The user's pick names the counterparty's VASP in the Travel Rule
	// transaction.
	txn, _ := monitoring.NewTravelRule("tr-1", monitoring.Out, "0.5", "ETH").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("0x611Fb08528080848Dd3439242fdfd993d18ADd95").
		CounterpartyVASP(list.Items[0].ID, list.Items[0].Name).
		Build()
	fmt.Println(txn.Counterparty.InstitutionInfo.InternalID)
	// Output:
	// 65c0c0de0000000000000001 Example Exchange
	// 65c0c0de0000000000000002 Example Exchange EU
	// 65c0c0de0000000000000001
}

func ExampleClient_VASP() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	v, err := client.VASP(context.Background(), monitoringtest.SandboxTestVASP)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.ID, v.Name)

	_, err = client.VASP(context.Background(), "65c0c0de00000000000000ff")
	fmt.Println(errors.Is(err, monitoring.ErrNotFound))
	// Output:
	// 683584cd36898664230ee173 Sumsub Sandbox Test VASP
	// true
}

func ExampleClient_Currencies() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	// USDT exists on several chains: a transaction names the one it used.
	currencies, err := client.Currencies(context.Background(), monitoring.Crypto)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range currencies {
		if c.CurrencyCode == "USDT" {
			fmt.Println(c.CurrencyCode, "on", c.CryptoChain)
		}
	}
	// Output:
	// USDT on ETH
	// USDT on TRX
}

func ExampleClient_Find() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()
	ctx := context.Background()
	const hash = "84bf83c10dfddc9d1f0ea6a1a131c638488fb161e819dae25fd8128c671d2d5a"

	// A deposit arrived: before opening a Travel Rule exchange for it,
	// look for one that exists already (the sender's VASP may have opened
	// it through Sumsub).
	find := monitoring.Query{
		Filters: []monitoring.Filter{monitoring.ByType(monitoring.TypeTravelRule), monitoring.ByDirection(monitoring.In), monitoring.ByPaymentTxnID(hash)},
		Order:   "-createdAt",
	}
	found, err := client.Find(ctx, find)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("existing exchanges:", len(found.Items))

	txn, _ := monitoring.NewTravelRule("dep-tr-1", monitoring.In, "2", "BTC").
		ChainTxID(hash).
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Counterparty(monitoring.NewPerson("sender-1", "Jack Posek")).
		Date(time.Date(2025, 10, 7, 9, 0, 0, 0, time.UTC)).
		Build()
	if _, err := client.Submit(ctx, txn); err != nil {
		fmt.Println(err)
		return
	}
	found, _ = client.Find(ctx, find)
	fmt.Println("existing exchanges:", len(found.Items), found.Items[0].TxnID())
	// Output:
	// existing exchanges: 0
	// existing exchanges: 1 dep-tr-1
}

func ExampleClient_InitTravelRuleSDK() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	amount, _ := monitoring.ParseNumber("10")
	session, err := client.InitTravelRuleSDK(context.Background(), &monitoring.TravelRuleSDKRequest{
		UserID: "user-42",
		TxnInfo: &monitoring.TravelRuleSDKTxn{
			ApplicantWalletAddress:    "0x611Fb08528080848Dd3439242fdfd993d18ADd95",
			CounterpartyWalletAddress: "0x8ba1f109551bD432803012645Ac136ddd64DBA72",
			Amount:                    amount,
			CurrencyCode:              "ETH",
			Direction:                 monitoring.Out,
		},
		TTLInSecs: monitoring.QuotedNumber("1800"),
		LevelName: "travel-rule-sdk",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Hand session.Token to the WebSDK, or send the user session.Link.
	// Printing never shows them.
	fmt.Println(session)
	// Output:
	// monitoring.TravelRuleSDKSession{Token:[REDACTED] Link:[REDACTED] TTLInSecs:1800}
}

func ExampleClient_ImportWalletAddresses() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	// The addresses users deposit to and the ones they withdraw from.
	res, err := client.ImportWalletAddresses(context.Background(), []monitoring.WalletAddress{
		{WalletAddress: "bc1qmdld6jk0r3tvh39yqmet790t5vl3up2rcfzh0d", Asset: "BTC", Chain: "BTC"},
		{WalletAddress: "0x7DF6AF1C17AC9F86F8B3FBBC25253B8B5DF2F3A1", Asset: "USDT", Chain: "ETH"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("registered:", res.SuccessCount, "refused:", res.ErrorCount)
	// Output:
	// registered: 2 refused: 0
}

func ExampleClient_AddPaymentMethod() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()
	applicantID := srv.AddApplicant("user-42") // known to Sumsub after KYC

	pm, err := client.AddPaymentMethod(context.Background(), applicantID, &monitoring.ApplicantPaymentMethod{
		ExternalID: "wallet-btc-user-42",
		Data: &monitoring.PaymentMethodData{
			Type:              monitoring.PaymentCryptoWallet,
			AccountIdentifier: "bc1qmdld6jk0r3tvh39yqmet790t5vl3up2rcfzh0d",
			CurrencyCode:      "BTC",
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pm.ID != "", pm.ExternalID, pm.Data.Type)
	// Output:
	// true wallet-btc-user-42 cryptoWallet
}

func ExampleClient_ImportHistory() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()
	applicantID := srv.AddApplicant("user-42")

	old, _ := monitoring.NewCryptoDeposit("2019-dep-1", "0.3", "BTC").
		Applicant(&monitoring.Participant{}).
		Date(time.Date(2019, 5, 1, 10, 0, 0, 0, time.UTC)).
		Build()
	res, err := client.ImportHistory(context.Background(), []monitoring.ImportRecord{{ApplicantID: applicantID, Data: old}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", res.Created)
	// Output:
	// created: 1
}

func ExampleWithStrictEnums() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	strict, _ := srv.NewClient(monitoring.WithStrictEnums())

	txn := &monitoring.Transaction{TxnID: "k-1", Type: "kyc ", Applicant: monitoring.NewPerson("user-42", "Alice Example")}
	_, err := strict.Submit(context.Background(), txn)
	fmt.Println(err)
	fmt.Println("requests sent:", srv.Stats().Requests)
	// Output:
	// monitoring: invalid transaction: type: must be one of: travelRule, finance, gamblingBet, gamblingLimitChange, gamblingBonusChange, kyc, auditTrailEvent, userPlatformEvent, scheduledEvent, iGamingSession
	// requests sent: 0
}
