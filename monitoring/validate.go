package monitoring

import "strings"

// Validate checks t the way Sumsub's submit endpoints would, so a
// transaction they would reject with a documented 400 is caught before
// anything is sent. It returns nil or a *ValidationError listing every
// problem by field path. It checks:
//
//   - txnId, type and applicant.externalUserId are set;
//   - type is one Sumsub accepts and, for a userPlatformEvent, so is
//     userPlatformEventInfo.type (Client.Submit skips these two with
//     WithoutEnumCheck);
//   - the objects each type requires: info with direction, amount and
//     currencyCode for finance and travelRule; a counterparty for
//     travelRule; userPlatformEventInfo.type; gamblingBetInfo amount and
//     currencyCode; gamblingBonusChangeInfo.status;
//   - what a crypto check requires: a finance transaction with
//     info.currencyType crypto and a chain hash in info.paymentTxnId needs
//     counterparty.paymentMethod.accountId;
//   - info.direction is in or out, and amounts are JSON numbers.
//
// Submit (an applicant Sumsub does not know yet) also needs
// applicant.fullName. Values are never checked beyond that: Sumsub's own
// examples carry placeholder tickers, odd IP strings and coordinates sent
// as strings, and the server is the authority.
func (t *Transaction) Validate() error {
	return validate(t, false, true)
}

type problems []FieldError

func (p *problems) add(path, constraint, msg string) {
	*p = append(*p, FieldError{Path: path, Constraint: constraint, Message: msg})
}

// has reports whether a problem concerns path.
func (p problems) has(path string) bool {
	for _, f := range p {
		if f.Path == path {
			return true
		}
	}
	return false
}

func (p *problems) required(path string, missing bool) {
	if missing {
		p.add(path, "REQUIRED", "required")
	}
}

func (p *problems) decimal(path string, n Number) {
	if n.IsZero() {
		return
	}
	if n.Quoted() || !n.valid() {
		p.add(path, "FORMAT", "must be a JSON decimal number")
	}
}

func validate(t *Transaction, newApplicant, strictEnums bool) error {
	var p problems
	if t == nil {
		p.required("transaction", true)
		return &ValidationError{Problems: p}
	}
	p.required("txnId", strings.TrimSpace(t.TxnID) == "")
	switch {
	case t.Type == "":
		p.required("type", true)
	case strictEnums && !t.Type.Submittable():
		p.add("type", "ENUM", "must be one of: "+joinTypes(SubmittableTypes))
	}
	p.required("applicant", t.Applicant == nil)
	if a := t.Applicant; a != nil {
		p.required("applicant.externalUserId", strings.TrimSpace(a.ExternalUserID) == "")
		if newApplicant {
			p.required("applicant.fullName", strings.TrimSpace(a.FullName) == "")
		}
	}
	if in := t.Info; in != nil {
		if in.Direction != "" && in.Direction != In && in.Direction != Out {
			p.add("info.direction", "ENUM", "must be in or out")
		}
		p.decimal("info.amount", in.Amount)
		p.decimal("info.amountInDefaultCurrency", in.AmountInDefaultCurrency)
	}

	switch t.Type {
	case TypeFinance, TypeTravelRule:
		p.required("info", t.Info == nil)
		if in := t.Info; in != nil {
			p.required("info.direction", in.Direction == "")
			p.required("info.amount", in.Amount.IsZero())
			p.required("info.currencyCode", in.CurrencyCode == "")
		}
	}
	switch t.Type {
	case TypeTravelRule:
		p.required("counterparty", t.Counterparty == nil)
	case TypeFinance:
		if isCryptoCheck(t) {
			cp := t.Counterparty
			p.required("counterparty", cp == nil)
			if cp != nil {
				p.required("counterparty.paymentMethod.accountId", cp.PaymentMethod == nil || cp.PaymentMethod.AccountID == "")
			}
		}
	case TypeUserPlatformEvent:
		ev := t.UserPlatformEventInfo
		p.required("userPlatformEventInfo", ev == nil)
		if ev != nil {
			switch {
			case ev.Type == "":
				p.required("userPlatformEventInfo.type", true)
			case strictEnums && !ev.Type.Submittable():
				p.add("userPlatformEventInfo.type", "ENUM", "must be one of: "+joinEvents(SubmittableEventTypes))
			}
		}
	case TypeGamblingBet:
		b := t.GamblingBetInfo
		p.required("gamblingBetInfo", b == nil)
		if b != nil {
			p.required("gamblingBetInfo.amount", b.Amount.IsZero())
			p.required("gamblingBetInfo.currencyCode", b.CurrencyCode == "")
			p.decimal("gamblingBetInfo.amount", b.Amount)
			p.decimal("gamblingBetInfo.resultAmount", b.ResultAmount)
		}
	case TypeGamblingBonusChange:
		b := t.GamblingBonusChangeInfo
		p.required("gamblingBonusChangeInfo", b == nil)
		if b != nil {
			p.required("gamblingBonusChangeInfo.status", b.Status == "")
		}
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// isCryptoCheck reports a finance transaction Sumsub screens on chain: a
// crypto currency with the chain hash given.
func isCryptoCheck(t *Transaction) bool {
	return t.Type == TypeFinance && t.Info != nil && t.Info.CurrencyType == Crypto && t.Info.PaymentTxnID != ""
}

func joinTypes(ts []TxnType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func joinEvents(es []EventType) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = string(e)
	}
	return strings.Join(s, ", ")
}
