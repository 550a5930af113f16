package monitoring_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/monitoring"
)

func TestBuilderErrors(t *testing.T) {
	t.Parallel()
	alice := monitoring.NewPerson("u", "Alice")
	type problem struct{ Path, Rule string }
	tests := []struct {
		name  string
		b     *monitoring.Builder
		cause error // also matched by errors.Is, when set
		want  []problem
	}{
		{"amount with a comma", monitoring.NewCryptoWithdrawal("w", "1,5", "BTC").Applicant(alice), monitoring.ErrInvalidNumber,
			[]problem{{"info.amount", "FORMAT"}}},
		{"default-currency amount", monitoring.NewCryptoWithdrawal("w", "1", "BTC").AmountInDefaultCurrency("≈5", "EUR").Applicant(alice), monitoring.ErrInvalidNumber,
			[]problem{{"info.amountInDefaultCurrency", "FORMAT"}}},
		{"bet result", monitoring.NewGamblingBet("b", "1", "EUR").BetResult("lots").Applicant(alice), monitoring.ErrInvalidNumber,
			[]problem{{"gamblingBetInfo.resultAmount", "FORMAT"}}},
		{"bonus terms", monitoring.NewGamblingBonusChange("c", "b", monitoring.BonusLost).BonusTerms("", "x", "").Applicant(alice), monitoring.ErrInvalidNumber,
			[]problem{{"gamblingBonusChangeInfo.maxBetAmount", "FORMAT"}}},
		{"every input problem listed", monitoring.NewGamblingBet("b", "x", "EUR").BetResult("y").Applicant(alice), monitoring.ErrInvalidNumber,
			[]problem{{"gamblingBetInfo.amount", "FORMAT"}, {"gamblingBetInfo.resultAmount", "FORMAT"}}},
		{"input and validation problems together", monitoring.NewTravelRule("t", monitoring.Out, "1 BTC", "BTC"), monitoring.ErrInvalidNumber,
			[]problem{{"info.amount", "FORMAT"}, {"applicant", "REQUIRED"}, {"counterparty", "REQUIRED"}}},
		{"raw info not JSON", monitoring.NewKYC("k", json.RawMessage(`{`)).Applicant(alice), nil,
			[]problem{{"kytTxnKycInfo", "FORMAT"}}},
		{"info that cannot encode", monitoring.NewAuditTrailEvent("a", func() {}).Applicant(alice), nil,
			[]problem{{"auditTrailEventInfo", "FORMAT"}}},
		{"validation", monitoring.NewTravelRule("t", monitoring.Out, "1", "BTC").Applicant(alice), nil,
			[]problem{{"counterparty", "REQUIRED"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			txn, err := tt.b.Build()
			var ve *monitoring.ValidationError
			if !errors.As(err, &ve) || txn != nil {
				t.Fatalf("Build = %v, %v; want nil, a *ValidationError", txn, err)
			}
			if !errors.Is(err, monitoring.ErrValidation) {
				t.Errorf("err = %v, want errors.Is ErrValidation", err)
			}
			if tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.cause)
			}
			var got []problem
			for _, p := range ve.Problems {
				got = append(got, problem{p.Path, p.Rule})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "monitoring: invalid transaction: ") ||
				strings.Count(msg, "monitoring:") != 1 {
				t.Errorf("Error() = %q, want one prefix", msg)
			}
		})
	}
}

// A builder input error reads like any validation problem: field path and
// rule, never the value.
func TestBuilderInputErrorText(t *testing.T) {
	t.Parallel()
	_, err := monitoring.NewCryptoWithdrawal("w", "SECRET-1,5", "BTC").Applicant(monitoring.NewPerson("u", "A")).Build()
	want := "monitoring: invalid transaction: info.amount: must be a JSON decimal number"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %q", err, want)
	}
	_, err = monitoring.NewAuditTrailEvent("a", map[string]any{"SECRET": func() {}}).Applicant(monitoring.NewPerson("u", "A")).Build()
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("Error() = %v, want an error without the value", err)
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
