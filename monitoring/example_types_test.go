package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// submitted submits txn to a fresh fake for a new applicant and prints the
// outcome; the examples of the transaction types share it.
func submitted(txn *monitoring.Transaction, err error, opts ...monitoringtest.Option) {
	if err != nil {
		fmt.Println("build:", err)
		return
	}
	srv := monitoringtest.NewServer(nil, opts...)
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := client.Submit(context.Background(), txn, monitoring.WithLevelName("basic-kyc-level"))
	if err != nil {
		fmt.Println("submit:", err)
		return
	}
	fmt.Println(res.Data.Type, res.TxnID(), res.Status(), res.Answer())
}

var when = time.Date(2025, 4, 4, 13, 50, 0, 0, time.FixedZone("", 3*3600))

func ExampleNewCryptoWithdrawal() {
	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
		Date(when).
		Build()
	fmt.Println(txn.TxnDate)
	submitted(txn, err)
	// Output:
	// 2025-04-04 13:50:00+0300
	// finance wd-1001 completed GREEN
}

func ExampleNewCryptoDeposit() {
	// A settled deposit with its chain hash is screened on chain: Sumsub
	// needs the sender's wallet.
	txn, err := monitoring.NewCryptoDeposit("dep-7", "0.015", "BTC").
		ChainTxID("84bf83c10dfddc9d1f0ea6a1a131c638488fb161e819dae25fd8128c671d2d5a").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q").
		Build()
	submitted(txn, err, monitoringtest.WithRule(monitoringtest.RejectWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q")))
	// Output:
	// finance dep-7 completed RED
}

func ExampleNewFiatPayment() {
	txn, err := monitoring.NewFiatPayment("sepa-31", monitoring.In, "1000.00", "EUR").
		PaymentDetails("top-up").
		Applicant(monitoring.NewPerson("user-42", "Alice Example").WithCountry("DEU")).
		Build()
	submitted(txn, err, monitoringtest.WithRule(monitoringtest.HoldAbove("999.99")))
	// Output:
	// finance sepa-31 onHold
}

func ExampleNewFinance() {
	txn, err := monitoring.NewFinance("fin-1", monitoring.Out, "12.5", "EUR").
		CurrencyType(monitoring.Fiat).
		Category("withdrawal").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)
	// Output:
	// finance fin-1 completed GREEN
}

func ExampleNewTravelRule() {
	txn, err := monitoring.NewTravelRule("tr-88", monitoring.Out, "0.01", "BTC").
		AmountInDefaultCurrency("612.40", "EUR").
		Applicant(monitoring.NewPerson("user-42", "Alice Example").WithNames("Alice", "Example").WithBirth("1992-05-08", "Paris")).
		Counterparty(monitoring.NewPerson("bene-9", "Jack Posek").WithWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q")).
		CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
		Build()
	submitted(txn, err)
	// Output:
	// travelRule tr-88 completed GREEN
}

func ExampleNewGamblingBet() {
	txn, err := monitoring.NewGamblingBet("bet-1", "42", "EUR").
		BetResult("73").
		Game("casino", "DICE_BET").
		DepositFunds().
		Applicant(monitoring.NewPerson("player-5", "Bob Example")).
		Build()
	b, _ := txn.GamblingBetInfo.MarshalJSON()
	fmt.Println(string(b))
	submitted(txn, err)
	// Output:
	// {"amount":42,"currencyCode":"EUR","resultAmount":73,"betType":"casino","gameType":"DICE_BET","bonusId":""}
	// gamblingBet bet-1 completed GREEN
}

func ExampleNewGamblingBonusChange() {
	txn, err := monitoring.NewGamblingBonusChange("bonus-2", "welcome-100", monitoring.BonusActivated).
		BonusAmount("100", "EUR", monitoring.Fiat).
		BonusTerms("100", "5", "4000").
		Applicant(monitoring.NewPerson("player-5", "Bob Example")).
		Build()
	submitted(txn, err)
	// Output:
	// gamblingBonusChange bonus-2 completed GREEN
}

func ExampleNewGamblingLimitChange() {
	// Sumsub does not publish this object's fields; any JSON goes through.
	limit := map[string]string{"limitType": "deposit", "period": "daily", "amount": "500", "currencyCode": "EUR"}
	txn, err := monitoring.NewGamblingLimitChange("limit-3", limit).
		Applicant(monitoring.NewPerson("player-5", "Bob Example")).
		Build()
	fmt.Println(string(txn.GamblingLimitChangeInfo))
	submitted(txn, err)
	// Output:
	// {"amount":"500","currencyCode":"EUR","limitType":"deposit","period":"daily"}
	// gamblingLimitChange limit-3 completed GREEN
}

func ExampleNewKYC() {
	txn, err := monitoring.NewKYC("kyc-4", nil).
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)
	// Output:
	// kyc kyc-4 completed GREEN
}

func ExampleNewAuditTrailEvent() {
	txn, err := monitoring.NewAuditTrailEvent("audit-5", map[string]string{"action": "payoutAddressChanged"}).
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)
	// Output:
	// auditTrailEvent audit-5 completed GREEN
}

func ExampleNewLogin() {
	txn, err := monitoring.NewLogin("login-6").
		Failure(true).
		PasswordHash("9f86d081884c7d659a2feaa0c55ad015").
		Applicant(monitoring.NewPerson("user-42", "Alice Example").WithDevice("203.0.113.7", "fp-1")).
		Build()
	submitted(txn, err, monitoringtest.WithRule(monitoringtest.FailedLogins()))
	// Output:
	// userPlatformEvent login-6 onHold
}

func ExampleNewSignup() {
	txn, err := monitoring.NewSignup("signup-7").
		Applicant(monitoring.NewPerson("user-43", "Carol Example").WithDevice("198.51.100.4", "fp-2")).
		Build()
	submitted(txn, err)
	// Output:
	// userPlatformEvent signup-7 completed GREEN
}

func ExampleNewPasswordReset() {
	txn, err := monitoring.NewPasswordReset("pwreset-8").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)
	// Output:
	// userPlatformEvent pwreset-8 completed GREEN
}

func ExampleNewTwoFAReset() {
	txn, err := monitoring.NewTwoFAReset("2fa-9").
		TwoFAUsed().
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)
	// Output:
	// userPlatformEvent 2fa-9 completed GREEN
}

func ExampleNewGeneralEvent() {
	txn, err := monitoring.NewGeneralEvent("general-10").
		Failure(false).
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	b, _ := txn.UserPlatformEventInfo.MarshalJSON()
	fmt.Println(string(b))
	submitted(txn, err)
	// Output:
	// {"type":"general","failure":false}
	// userPlatformEvent general-10 completed GREEN
}

func ExampleNewPlatformEvent() {
	// Any sub-type is sent: Sumsub decides on values this package does
	// not know. failedLogin is one Sumsub names in newer sources.
	txn, err := monitoring.NewPlatformEvent("evt-11", monitoring.EventFailedLogin).
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	submitted(txn, err)

	// A typo reaches Sumsub, which answers its documented 400.
	txn, _ = monitoring.NewPlatformEvent("evt-12", "loginn").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		Build()
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()
	_, err = client.Submit(context.Background(), txn)
	var ae *monitoring.APIError
	if errors.As(err, &ae) {
		fmt.Println(ae.HTTPStatus, ae.Message)
	}

	// WithStrictEnums refuses it before anything is sent.
	strict, _ := srv.NewClient(monitoring.WithStrictEnums())
	_, err = strict.Submit(context.Background(), txn)
	fmt.Println(err)
	// Output:
	// userPlatformEvent evt-11 completed GREEN
	// 400 userPlatformEventInfo.type loginn is not valid, must be one of: login, signup, passwordReset, twoFaReset, general
	// monitoring: invalid transaction: userPlatformEventInfo.type: must be one of: login, signup, passwordReset, twoFaReset, general, failedLogin, passwordChange
}
