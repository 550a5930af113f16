package monitoring_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the builders")

var goldenDate = time.Date(2025, 4, 29, 2, 30, 12, 0, time.UTC)

func alice() *monitoring.Participant {
	return monitoring.NewPerson("user-42", "Alice Example").
		WithCountry("FRA").
		WithDevice("203.0.113.7", "fp-alice")
}

// goldenBuilders builds one transaction of every type and sub-type.
func goldenBuilders() map[string]*monitoring.Builder {
	return map[string]*monitoring.Builder{
		"finance_crypto_withdrawal": monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
			Chain("TRX").ContractAddress("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").
			Applicant(alice()).
			CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
			CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
			AmountInDefaultCurrency("231.87", "EUR").
			Prop("dailyOutLimit", "10000").
			Date(goldenDate),
		"finance_crypto_deposit": monitoring.NewCryptoDeposit("dep-7", "0.00125", "BTC").
			ChainTxID("84bf83c10dfddc9d1f0ea6a1a131c638488fb161e819dae25fd8128c671d2d5a").
			Applicant(alice()).
			CounterpartyWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q").
			Date(goldenDate),
		"finance_fiat": monitoring.NewFiatPayment("sepa-31", monitoring.In, "1000.00", "EUR").
			PaymentDetails("top-up").Category("deposit").ZoneID("UTC+01:00").SourceKey("eu-desk").
			Applicant(alice()).
			Date(goldenDate),
		"travel_rule": monitoring.NewTravelRule("tr-88", monitoring.Out, "0.01", "BTC").
			AmountInDefaultCurrency("612.40", "EUR").
			Applicant(alice().WithNames("Alice", "Example").WithBirth("1992-05-08", "Paris")).
			Counterparty(monitoring.NewPerson("bene-9", "Jack Posek").WithNames("Jack", "Posek").
				WithWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q")).
			CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
			Date(goldenDate),
		"travel_rule_company": monitoring.NewTravelRule("tr-89", monitoring.In, "1500", "USDC").
			Chain("ETH").
			Applicant(monitoring.NewCompany("corp-1", "Example Trading Ltd").WithCountry("DEU")).
			Counterparty(monitoring.NewCompany("corp-2", "Other Exchange SA").WithCountry("CHE").
				WithWallet("0x611Fb08528080848Dd3439242fdfd993d18ADd95")).
			Date(goldenDate),
		"gambling_bet": monitoring.NewGamblingBet("bet-1", "42", "EUR").
			BetResult("73").Game("casino", "DICE_BET").DepositFunds().
			Applicant(alice()).
			Date(goldenDate),
		"gambling_bet_bonus": monitoring.NewGamblingBet("bet-2", "5", "EUR").
			BetResult("0").Game("sports", "").BonusFunds("welcome-100").
			Applicant(alice()).
			Date(goldenDate),
		"gambling_bonus_change": monitoring.NewGamblingBonusChange("bonus-2", "welcome-100", monitoring.BonusActivated).
			BonusAmount("80", "EUR", monitoring.Fiat).BonusTerms("100", "5", "4000").
			Applicant(alice()).
			Date(goldenDate),
		"gambling_limit_change": monitoring.NewGamblingLimitChange("limit-3",
			json.RawMessage(`{"limitType":"deposit","period":"daily","amount":500,"currencyCode":"EUR"}`)).
			Applicant(alice()).
			Date(goldenDate),
		"kyc": monitoring.NewKYC("kyc-4", nil).
			Applicant(alice()).
			Date(goldenDate),
		"audit_trail_event": monitoring.NewAuditTrailEvent("audit-5", map[string]string{"action": "payoutAddressChanged"}).
			Applicant(alice()).
			Date(goldenDate),
		"login":          monitoring.NewLogin("login-6").Failure(true).PasswordHash("9f86d081884c7d659a2feaa0c55ad015").Applicant(alice()).Date(goldenDate),
		"signup":         monitoring.NewSignup("signup-7").Applicant(alice()).Date(goldenDate),
		"password_reset": monitoring.NewPasswordReset("pwreset-8").Applicant(alice()).Date(goldenDate),
		"two_fa_reset":   monitoring.NewTwoFAReset("2fa-9").TwoFAUsed().Applicant(alice()).Date(goldenDate),
		"general":        monitoring.NewGeneralEvent("general-10").Failure(false).Applicant(alice()).Date(goldenDate),
	}
}

func TestGoldenWire(t *testing.T) {
	t.Parallel()
	for name, b := range goldenBuilders() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			txn, err := b.Build()
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			got, err := json.Marshal(txn)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenWire -update)", err)
			}
			if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
				t.Errorf("wire form of %s (-want +got):\n%s", name, diff)
			}
			// The golden file decodes back to the same transaction.
			var back monitoring.Transaction
			if err := json.Unmarshal(want, &back); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(&back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, got) {
				t.Errorf("decode+encode of the golden file differs:\n%s\n%s", again, got)
			}
		})
	}
}
