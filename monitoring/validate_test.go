package monitoring

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func validFinance() *Transaction {
	return &Transaction{
		TxnID:     "t-1",
		Type:      TypeFinance,
		Applicant: &Participant{ExternalUserID: "u-1", FullName: "Alice"},
		Info:      &Info{Direction: Out, Amount: NumberFromInt(5), CurrencyCode: "BTC"},
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		edit         func(*Transaction)
		newApplicant bool
		strict       bool
		want         []string // problem paths; nil means valid
	}{
		{name: "valid finance", edit: func(*Transaction) {}, strict: true},
		{name: "nil transaction", edit: nil, want: []string{"transaction"}},
		{name: "missing txnId type applicant", strict: true, edit: func(t *Transaction) {
			t.TxnID, t.Type, t.Applicant = " ", "", nil
		}, want: []string{"txnId", "type", "applicant"}},
		{name: "new applicant needs fullName", newApplicant: true, strict: true, edit: func(t *Transaction) {
			t.Applicant = &Participant{}
		}, want: []string{"applicant.externalUserId", "applicant.fullName"}},
		{name: "unknown type rejected when strict", strict: true, edit: func(t *Transaction) { t.Type = "typo" },
			want: []string{"type"}},
		{name: "unknown type passes when not strict", edit: func(t *Transaction) { t.Type = "typo" }},
		{name: "finance needs info fields", strict: true, edit: func(t *Transaction) { t.Info = &Info{} },
			want: []string{"info.direction", "info.amount", "info.currencyCode"}},
		{name: "finance needs info", strict: true, edit: func(t *Transaction) { t.Info = nil }, want: []string{"info"}},
		{name: "bad direction and quoted amount", strict: true, edit: func(t *Transaction) {
			t.Info.Direction, t.Info.Amount, t.Info.AmountInDefaultCurrency = "sideways", QuotedNumber("5"), QuotedNumber("x")
		}, want: []string{"info.direction", "info.amount", "info.amountInDefaultCurrency"}},
		{name: "crypto check needs the counterparty wallet", strict: true, edit: func(t *Transaction) {
			t.Info.CurrencyType, t.Info.PaymentTxnID = Crypto, "0xabc"
		}, want: []string{"counterparty"}},
		{name: "crypto check with a counterparty without wallet", strict: true, edit: func(t *Transaction) {
			t.Info.CurrencyType, t.Info.PaymentTxnID = Crypto, "0xabc"
			t.Counterparty = &Participant{PaymentMethod: &PaymentMethod{Type: PaymentCrypto}}
		}, want: []string{"counterparty.paymentMethod.accountId"}},
		{name: "crypto withdrawal before broadcast needs no wallet", strict: true, edit: func(t *Transaction) {
			t.Info.CurrencyType = Crypto
		}},
		{name: "travel rule needs a counterparty", strict: true, edit: func(t *Transaction) { t.Type = TypeTravelRule },
			want: []string{"counterparty"}},
		{name: "platform event needs its info", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info = TypeUserPlatformEvent, nil
		}, want: []string{"userPlatformEventInfo"}},
		{name: "platform event sub-type enum", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{Type: "typo"}
		}, want: []string{"userPlatformEventInfo.type"}},
		{name: "platform event sub-type free when not strict", edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{Type: EventFailedLogin}
		}},
		{name: "platform event sub-type required", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{}
		}, want: []string{"userPlatformEventInfo.type"}},
		{name: "gambling bet", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.GamblingBetInfo = TypeGamblingBet, nil, &GamblingBetInfo{ResultAmount: QuotedNumber("1")}
		}, want: []string{"gamblingBetInfo.amount", "gamblingBetInfo.currencyCode", "gamblingBetInfo.resultAmount"}},
		{name: "gambling bet missing", strict: true, edit: func(t *Transaction) { t.Type, t.Info = TypeGamblingBet, nil },
			want: []string{"gamblingBetInfo"}},
		{name: "bonus change status", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.GamblingBonusChangeInfo = TypeGamblingBonusChange, nil, &GamblingBonusChangeInfo{}
		}, want: []string{"gamblingBonusChangeInfo.status"}},
		{name: "bonus change missing", strict: true, edit: func(t *Transaction) { t.Type, t.Info = TypeGamblingBonusChange, nil },
			want: []string{"gamblingBonusChangeInfo"}},
		{name: "kyc needs nothing more", strict: true, edit: func(t *Transaction) { t.Type, t.Info = TypeKYC, nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var txn *Transaction
			if tt.edit != nil {
				txn = validFinance()
				tt.edit(txn)
			}
			err := validate(txn, tt.newApplicant, tt.strict)
			var got []string
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) || !errors.Is(err, ErrValidation) {
					t.Fatalf("err = %T %v, want *ValidationError", err, err)
				}
				got = ve.Paths()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidationErrorNamesNoValues(t *testing.T) {
	t.Parallel()
	txn := validFinance()
	txn.Info.Direction = "secret-direction-value"
	txn.Applicant.ExternalUserID = ""
	err := validate(txn, true, true)
	want := "monitoring: invalid transaction: applicant.externalUserId: required; info.direction: must be in or out"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %q", err, want)
	}
}
