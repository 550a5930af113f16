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
		{name: "applicant required", edit: func(t *Transaction) { t.Applicant = nil }, want: []string{"applicant"}},
		{name: "txnId and type are not required", edit: func(t *Transaction) { t.TxnID, t.Type = "", "" }},
		{name: "no type is finance", edit: func(t *Transaction) { t.Type, t.Info = "", nil }, want: []string{"info"}},
		{name: "existing applicant needs no ids", edit: func(t *Transaction) { t.Applicant = &Participant{} }},
		{name: "new applicant needs externalUserId and fullName", newApplicant: true, edit: func(t *Transaction) {
			t.Applicant = &Participant{}
		}, want: []string{"applicant.externalUserId", "applicant.fullName"}},
		{name: "unknown type is sent", edit: func(t *Transaction) { t.Type = "newTypeOfTomorrow" }},
		{name: "unknown type refused when strict", strict: true, edit: func(t *Transaction) { t.Type = "typo" },
			want: []string{"type"}},
		{name: "newer documented types pass when strict", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info = TypeIGamingSession, nil
		}},
		{name: "finance needs info fields", edit: func(t *Transaction) { t.Info = &Info{} },
			want: []string{"info.direction", "info.amount", "info.currencyCode"}},
		{name: "finance needs info", edit: func(t *Transaction) { t.Info = nil }, want: []string{"info"}},
		{name: "unknown direction is sent", edit: func(t *Transaction) { t.Info.Direction = "internal" }},
		{name: "unknown direction refused when strict", strict: true, edit: func(t *Transaction) { t.Info.Direction = "sideways" },
			want: []string{"info.direction"}},
		{name: "amounts sent as numeric strings pass", edit: func(t *Transaction) {
			t.Info.Amount, t.Info.AmountInDefaultCurrency = QuotedNumber("5"), QuotedNumber(" 1.5")
		}},
		{name: "amounts that are not numbers", edit: func(t *Transaction) {
			t.Info.Amount, t.Info.AmountInDefaultCurrency = QuotedNumber("five"), QuotedNumber("")
		}, want: []string{"info.amount", "info.amountInDefaultCurrency"}},
		{name: "crypto deposit needs no counterparty wallet", edit: func(t *Transaction) {
			t.Info.Direction, t.Info.CurrencyType, t.Info.PaymentTxnID = In, Crypto, "0xabc"
			t.Counterparty = &Participant{PaymentMethod: &PaymentMethod{Type: PaymentCrypto}}
		}},
		{name: "crypto check needs no counterparty", edit: func(t *Transaction) {
			t.Info.CurrencyType, t.Info.PaymentTxnID = Crypto, "0xabc"
		}},
		{name: "travel rule needs a counterparty", edit: func(t *Transaction) { t.Type = TypeTravelRule },
			want: []string{"counterparty"}},
		{name: "platform event needs its info", edit: func(t *Transaction) {
			t.Type, t.Info = TypeUserPlatformEvent, nil
		}, want: []string{"userPlatformEventInfo"}},
		{name: "platform event sub-type refused when strict", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{Type: "typo"}
		}, want: []string{"userPlatformEventInfo.type"}},
		{name: "platform event sub-type is sent", edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{Type: "newEvent"}
		}},
		{name: "SDK event constants pass when strict", strict: true, edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{Type: EventPasswordChange}
		}},
		{name: "platform event sub-type required", edit: func(t *Transaction) {
			t.Type, t.Info, t.UserPlatformEventInfo = TypeUserPlatformEvent, nil, &PlatformEventInfo{}
		}, want: []string{"userPlatformEventInfo.type"}},
		{name: "gambling bet", edit: func(t *Transaction) {
			t.Type, t.Info, t.GamblingBetInfo = TypeGamblingBet, nil, &GamblingBetInfo{ResultAmount: QuotedNumber("x")}
		}, want: []string{"gamblingBetInfo.amount", "gamblingBetInfo.currencyCode", "gamblingBetInfo.resultAmount"}},
		{name: "gambling bet missing", edit: func(t *Transaction) { t.Type, t.Info = TypeGamblingBet, nil },
			want: []string{"gamblingBetInfo"}},
		{name: "bonus change status", edit: func(t *Transaction) {
			t.Type, t.Info, t.GamblingBonusChangeInfo = TypeGamblingBonusChange, nil, &GamblingBonusChangeInfo{}
		}, want: []string{"gamblingBonusChangeInfo.status"}},
		{name: "bonus change missing", edit: func(t *Transaction) { t.Type, t.Info = TypeGamblingBonusChange, nil },
			want: []string{"gamblingBonusChangeInfo"}},
		{name: "kyc needs nothing more", edit: func(t *Transaction) { t.Type, t.Info = TypeKYC, nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var txn *Transaction
			if tt.edit != nil {
				txn = validFinance()
				tt.edit(txn)
			}
			err := validate(txn, checks{newApplicant: tt.newApplicant, strict: tt.strict})
			var got []string
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) || !errors.Is(err, ErrValidation) {
					t.Fatalf("err = %T %v, want *ValidationError", err, err)
				}
				got = problemPaths(ve)
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
	err := validate(txn, checks{newApplicant: true, strict: true})
	want := "monitoring: invalid transaction: applicant.externalUserId: required; info.direction: must be in or out"
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %v, want %q", err, want)
	}
}

func TestStrictEnumsKnowEveryConstant(t *testing.T) {
	t.Parallel()
	for _, c := range []TxnType{TypeFinance, TypeTravelRule, TypeGamblingBet, TypeGamblingLimitChange, TypeGamblingBonusChange,
		TypeKYC, TypeAuditTrailEvent, TypeUserPlatformEvent, TypeScheduledEvent, TypeIGamingSession} {
		if !c.submittable() {
			t.Errorf("%s is a constant of this package but WithStrictEnums refuses it", c)
		}
	}
	for _, c := range []EventType{EventLogin, EventSignup, EventPasswordReset, EventTwoFAReset, EventGeneral, EventFailedLogin, EventPasswordChange} {
		if !c.submittable() {
			t.Errorf("%s is a constant of this package but WithStrictEnums refuses it", c)
		}
	}
	if TxnType("finanse").submittable() || EventType("logon").submittable() {
		t.Error("a typo passes the strict check")
	}
}
