package monitoring

import "strings"

// Validate checks t against what Sumsub documents as required of every
// submitted transaction, and nothing more, so that no transaction Sumsub's
// own documentation shows is refused here. It returns nil or a
// *ValidationError listing every problem by field path. It checks that:
//
//   - applicant is present;
//   - the objects the type requires are: info with direction, amount and
//     currencyCode for finance and travelRule; a counterparty for
//     travelRule; userPlatformEventInfo.type for userPlatformEvent;
//     gamblingBetInfo amount and currencyCode for gamblingBet;
//     gamblingBonusChangeInfo.status for gamblingBonusChange. A
//     transaction without a type is a finance one, Sumsub's documented
//     default;
//   - the amounts (info.amount, info.amountInDefaultCurrency,
//     gamblingBetInfo.amount and resultAmount) are decimal numbers: a JSON
//     number, or a JSON string holding one, as some of Sumsub's examples
//     send numbers. Anything else is a value Sumsub answers with "400
//     Malformed data provided in the request".
//
// It requires none of these, because Sumsub's own examples go without
// them: txnId (the captured-device example has none; see Submit for what
// that costs), type, applicant.externalUserId and applicant.fullName
// (needed only for an applicant Sumsub does not know yet: Submit checks
// them, and Import does for a record without an applicantId), and what a
// crypto check needs (info.paymentTxnId, counterparty.paymentMethod.accountId:
// whether a transaction is one is Sumsub's decision). It does not
// restrict type, userPlatformEventInfo.type or info.direction to the
// values Sumsub documents: Sumsub's answer decides, unless the client was
// built with WithStrictEnums. Values are never checked beyond that:
// Sumsub's examples carry placeholder tickers, odd IP strings and
// coordinates sent as strings, and the server is the authority.
func (t *Transaction) Validate() error {
	return validate(t, checks{})
}

// checks says which documented rules beyond Validate's apply to a call.
type checks struct {
	// newApplicant: the call names no applicant id, so Sumsub creates or
	// finds the applicant from applicant.externalUserId and
	// applicant.fullName, which must be set ("When no applicant id
	// provided, applicant.externalUserId and applicant.fullName must be
	// set").
	newApplicant bool
	// strict: WithStrictEnums.
	strict bool
}

type problems []FieldError

func (p *problems) add(path, constraint, msg string) {
	*p = append(*p, FieldError{Path: path, Rule: constraint, Message: msg})
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

// decimal checks an amount: a JSON number, or a JSON string whose text,
// spaces trimmed, is one (Sumsub reads such strings as numbers: its own
// examples send " 1.7976931348623157" and "10").
func (p *problems) decimal(path string, n Number) {
	if n.IsZero() {
		return
	}
	if !n.valid() {
		p.add(path, "FORMAT", "must be a JSON decimal number")
		return
	}
	s := n.tok
	if n.Quoted() {
		s = strings.TrimSpace(n.String())
	}
	if !isNumber(s) {
		p.add(path, "FORMAT", "must be a JSON decimal number")
	}
}

func validate(t *Transaction, c checks) error {
	var p problems
	if t == nil {
		p.required("transaction", true)
		return &ValidationError{Problems: p}
	}
	if c.strict && t.Type != "" && !t.Type.submittable() {
		p.add("type", "ENUM", "must be one of: "+joinTypes(submittableTypes))
	}
	p.required("applicant", t.Applicant == nil)
	if a := t.Applicant; a != nil && c.newApplicant {
		p.required("applicant.externalUserId", a.ExternalUserID == "")
		p.required("applicant.fullName", a.FullName == "")
	}
	if in := t.Info; in != nil {
		if c.strict && in.Direction != "" && in.Direction != In && in.Direction != Out {
			p.add("info.direction", "ENUM", "must be in or out")
		}
		p.decimal("info.amount", in.Amount)
		p.decimal("info.amountInDefaultCurrency", in.AmountInDefaultCurrency)
	}

	typ := t.Type.effective()
	switch typ {
	case TypeFinance, TypeTravelRule:
		p.required("info", t.Info == nil)
		if in := t.Info; in != nil {
			p.required("info.direction", in.Direction == "")
			p.required("info.amount", in.Amount.IsZero())
			p.required("info.currencyCode", in.CurrencyCode == "")
		}
	}
	switch typ {
	case TypeTravelRule:
		p.required("counterparty", t.Counterparty == nil)
	case TypeUserPlatformEvent:
		ev := t.UserPlatformEventInfo
		p.required("userPlatformEventInfo", ev == nil)
		if ev != nil {
			switch {
			case ev.Type == "":
				p.required("userPlatformEventInfo.type", true)
			case c.strict && !ev.Type.submittable():
				p.add("userPlatformEventInfo.type", "ENUM", "must be one of: "+joinEvents(submittableEventTypes))
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
