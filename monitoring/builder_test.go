package monitoring_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/monitoring"
)

func TestBuilderErrors(t *testing.T) {
	t.Parallel()
	alice := monitoring.NewPerson("u", "Alice")
	tests := []struct {
		name string
		b    *monitoring.Builder
		want error // nil: any non-nil error naming field
		path string
	}{
		{"amount with a comma", monitoring.NewCryptoWithdrawal("w", "1,5", "BTC").Applicant(alice), monitoring.ErrInvalidNumber, "info.amount"},
		{"default-currency amount", monitoring.NewCryptoWithdrawal("w", "1", "BTC").AmountInDefaultCurrency("≈5", "EUR").Applicant(alice), monitoring.ErrInvalidNumber, "info.amountInDefaultCurrency"},
		{"bet result", monitoring.NewGamblingBet("b", "1", "EUR").BetResult("lots").Applicant(alice), monitoring.ErrInvalidNumber, "gamblingBetInfo.resultAmount"},
		{"bonus terms", monitoring.NewGamblingBonusChange("c", "b", monitoring.BonusLost).BonusTerms("", "x", "").Applicant(alice), monitoring.ErrInvalidNumber, "gamblingBonusChangeInfo.maxBetAmount"},
		{"first error wins", monitoring.NewGamblingBet("b", "x", "EUR").BetResult("y").Applicant(alice), monitoring.ErrInvalidNumber, "gamblingBetInfo.amount"},
		{"raw info not JSON", monitoring.NewKYC("k", json.RawMessage(`{`)).Applicant(alice), nil, "kytTxnKycInfo"},
		{"info that cannot encode", monitoring.NewAuditTrailEvent("a", func() {}).Applicant(alice), nil, "auditTrailEventInfo"},
		{"validation", monitoring.NewTravelRule("t", monitoring.Out, "1", "BTC").Applicant(alice), monitoring.ErrValidation, "counterparty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			txn, err := tt.b.Build()
			if err == nil || txn != nil {
				t.Fatalf("Build = %v, %v; want an error", txn, err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("err = %v, want it to name %s", err, tt.path)
			}
		})
	}
}

func TestBuilderExplicitEmptiesToggle(t *testing.T) {
	t.Parallel()
	txn, err := monitoring.NewGamblingBet("b", "1", "EUR").DepositFunds().BonusFunds("bonus-1").
		Applicant(monitoring.NewPerson("u", "A")).Build()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(txn.GamblingBetInfo)
	if want := `{"amount":1,"currencyCode":"EUR","bonusId":"bonus-1"}`; string(b) != want {
		t.Errorf("bet = %s, want %s", b, want)
	}
	txn, err = monitoring.NewLogin("l").Failure(false).Failure(true).Applicant(monitoring.NewPerson("u", "A")).Build()
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(txn.UserPlatformEventInfo)
	if want := `{"type":"login","failure":true}`; string(b) != want {
		t.Errorf("event = %s, want %s", b, want)
	}
}
