package monitoring

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/redact"
)

// Redaction. Every type that holds personal data (a participant's names,
// birth date, contact details, address, documents, device and IP, account
// and wallet identifiers), a secret (a password hash, a filter value that
// may be a card number) or one of those types prints only facts that
// identify no one: its type, statuses, codes and counts. That holds for
// String and GoString, Format under every fmt verb (%v, %+v, %#v, %s, %q,
// %x, %d …) and LogValue for log/slog, whose JSON handler would otherwise
// write the wire JSON. Identifiers (txnId, applicantId, externalUserId,
// Sumsub's ids) are left out too, as in the client's logs and errors.
//
// JSON encoding is the wire form and shows everything: MarshalJSON sends it
// to Sumsub. Read the fields, or json.Marshal, to see the data.
//
// The receivers are values, so a T and a *T print alike (a nil pointer
// prints as <nil> under fmt).

// redactedView is what a redacted type shows: its name and safe facts.
type redactedView struct {
	name  string
	attrs []slog.Attr
}

func view(name string) *redactedView { return &redactedView{name: name} }

// str adds a string fact unless it is empty.
func (v *redactedView) str(k, s string) *redactedView {
	if s != "" {
		v.attrs = append(v.attrs, slog.String(k, s))
	}
	return v
}

// flag adds a boolean fact when it is true.
func (v *redactedView) flag(k string, b bool) *redactedView {
	if b {
		v.attrs = append(v.attrs, slog.Bool(k, b))
	}
	return v
}

func (v *redactedView) num(k string, n Number) *redactedView {
	if !n.IsZero() {
		v.attrs = append(v.attrs, slog.String(k, n.String()))
	}
	return v
}

func (v *redactedView) count(k string, n int) *redactedView {
	v.attrs = append(v.attrs, slog.Int(k, n))
	return v
}

// String renders "monitoring.T{k: v, …, [REDACTED]}".
func (v *redactedView) String() string { return redact.Text("monitoring", v.name, v.attrs) }

// value is the slog form: a group of the facts, or "[REDACTED]" when there
// are none.
func (v *redactedView) value() slog.Value { return redact.Value(v.attrs) }

func writeRedacted(f fmt.State, s string) { _, _ = io.WriteString(f, s) }

// The views. Each lists what its type may show; everything else is hidden.

func (t Transaction) redactedView() *redactedView {
	v := view("Transaction").str("type", string(t.Type))
	if t.Info != nil {
		v.str("direction", string(t.Info.Direction)).str("currencyCode", t.Info.CurrencyCode)
	}
	return v
}

func (x Participant) redactedView() *redactedView {
	return view("Participant").str("type", string(x.Type))
}

func (Address) redactedView() *redactedView       { return view("Address") }
func (x IDDoc) redactedView() *redactedView       { return view("IDDoc").str("idDocType", x.IDDocType) }
func (Device) redactedView() *redactedView        { return view("Device") }
func (Coords) redactedView() *redactedView        { return view("Coords") }
func (IPInfo) redactedView() *redactedView        { return view("IPInfo") }
func (UserAgentInfo) redactedView() *redactedView { return view("UserAgentInfo") }
func (Person) redactedView() *redactedView        { return view("Person") }

func (x PaymentMethod) redactedView() *redactedView {
	return view("PaymentMethod").str("type", string(x.Type))
}

func (x PaymentMethodData) redactedView() *redactedView {
	return view("PaymentMethodData").str("type", string(x.Type)).str("currencyCode", x.CurrencyCode).str("cryptoChain", x.CryptoChain)
}

func (x ApplicantPaymentMethod) redactedView() *redactedView {
	v := view("ApplicantPaymentMethod")
	if x.Data != nil {
		v.str("type", string(x.Data.Type))
	}
	return v
}

func (x PlatformEventInfo) redactedView() *redactedView {
	return view("PlatformEventInfo").str("type", string(x.Type)).flag("failure", x.Failure).flag("twoFaUsed", x.TwoFAUsed)
}

func (x TravelRuleSDKRequest) redactedView() *redactedView {
	v := view("TravelRuleSDKRequest").str("levelName", x.LevelName).num("ttlInSecs", x.TTLInSecs)
	if x.TxnInfo != nil {
		v.str("currencyCode", x.TxnInfo.CurrencyCode).str("direction", string(x.TxnInfo.Direction))
	}
	return v
}

func (x TravelRuleSDKTxn) redactedView() *redactedView {
	return view("TravelRuleSDKTxn").num("amount", x.Amount).str("currencyCode", x.CurrencyCode).
		str("cryptoChain", x.CryptoChain).str("direction", string(x.Direction))
}

func (x Beneficiary) redactedView() *redactedView {
	v := view("Beneficiary")
	switch {
	case x.ApplicantID != "":
		v.str("kind", "applicant")
	case x.Participant != nil:
		v.str("kind", "participant")
	}
	return v
}

func (x ImportRecord) redactedView() *redactedView {
	v := view("ImportRecord")
	if x.Data != nil {
		v.str("type", string(x.Data.Type))
	}
	return v
}

func (x Result) redactedView() *redactedView {
	v := view("Result").str("reviewStatus", string(x.Status())).str("reviewAnswer", string(x.Answer())).num("score", x.Score)
	if x.ScoringResult != nil {
		v.str("action", string(x.ScoringResult.Action))
	}
	if x.TravelRuleInfo != nil {
		v.str("travelRuleStatus", string(x.TravelRuleInfo.Status))
	}
	if x.Data != nil {
		v.str("type", string(x.Data.Type))
	}
	return v.flag("needMasking", x.NeedMasking).flag("txnInactive", x.TxnInactive).flag("replayed", x.Replayed)
}

func (x FindResult) redactedView() *redactedView {
	return view("FindResult").count("items", len(x.Items)).count("totalItems", x.TotalItems)
}

func (b Builder) redactedView() *redactedView {
	return view("Builder").str("type", string(b.t.Type))
}

func (x Filter) redactedView() *redactedView { return view("Filter").str("path", x.Path) }

func (x Query) redactedView() *redactedView {
	return view("Query").count("filters", len(x.Filters)).str("order", x.Order).count("limit", x.Limit)
}

// Format and LogValue of every redacted type. fmt calls Format for every
// verb (%#v included), so no String or GoString is needed.

func (t Transaction) Format(f fmt.State, _ rune)       { writeRedacted(f, t.redactedView().String()) }
func (t Transaction) LogValue() slog.Value             { return t.redactedView().value() }
func (x Participant) Format(f fmt.State, _ rune)       { writeRedacted(f, x.redactedView().String()) }
func (x Participant) LogValue() slog.Value             { return x.redactedView().value() }
func (x Address) Format(f fmt.State, _ rune)           { writeRedacted(f, x.redactedView().String()) }
func (x Address) LogValue() slog.Value                 { return x.redactedView().value() }
func (x IDDoc) Format(f fmt.State, _ rune)             { writeRedacted(f, x.redactedView().String()) }
func (x IDDoc) LogValue() slog.Value                   { return x.redactedView().value() }
func (x Device) Format(f fmt.State, _ rune)            { writeRedacted(f, x.redactedView().String()) }
func (x Device) LogValue() slog.Value                  { return x.redactedView().value() }
func (x Coords) Format(f fmt.State, _ rune)            { writeRedacted(f, x.redactedView().String()) }
func (x Coords) LogValue() slog.Value                  { return x.redactedView().value() }
func (x IPInfo) Format(f fmt.State, _ rune)            { writeRedacted(f, x.redactedView().String()) }
func (x IPInfo) LogValue() slog.Value                  { return x.redactedView().value() }
func (x UserAgentInfo) Format(f fmt.State, _ rune)     { writeRedacted(f, x.redactedView().String()) }
func (x UserAgentInfo) LogValue() slog.Value           { return x.redactedView().value() }
func (x Person) Format(f fmt.State, _ rune)            { writeRedacted(f, x.redactedView().String()) }
func (x Person) LogValue() slog.Value                  { return x.redactedView().value() }
func (x PaymentMethod) Format(f fmt.State, _ rune)     { writeRedacted(f, x.redactedView().String()) }
func (x PaymentMethod) LogValue() slog.Value           { return x.redactedView().value() }
func (x PaymentMethodData) Format(f fmt.State, _ rune) { writeRedacted(f, x.redactedView().String()) }
func (x PaymentMethodData) LogValue() slog.Value       { return x.redactedView().value() }
func (x ApplicantPaymentMethod) Format(f fmt.State, _ rune) {
	writeRedacted(f, x.redactedView().String())
}
func (x ApplicantPaymentMethod) LogValue() slog.Value  { return x.redactedView().value() }
func (x PlatformEventInfo) Format(f fmt.State, _ rune) { writeRedacted(f, x.redactedView().String()) }
func (x PlatformEventInfo) LogValue() slog.Value       { return x.redactedView().value() }
func (x TravelRuleSDKRequest) Format(f fmt.State, _ rune) {
	writeRedacted(f, x.redactedView().String())
}
func (x TravelRuleSDKRequest) LogValue() slog.Value   { return x.redactedView().value() }
func (x TravelRuleSDKTxn) Format(f fmt.State, _ rune) { writeRedacted(f, x.redactedView().String()) }
func (x TravelRuleSDKTxn) LogValue() slog.Value       { return x.redactedView().value() }
func (x Beneficiary) Format(f fmt.State, _ rune)      { writeRedacted(f, x.redactedView().String()) }
func (x Beneficiary) LogValue() slog.Value            { return x.redactedView().value() }
func (x ImportRecord) Format(f fmt.State, _ rune)     { writeRedacted(f, x.redactedView().String()) }
func (x ImportRecord) LogValue() slog.Value           { return x.redactedView().value() }
func (x Result) Format(f fmt.State, _ rune)           { writeRedacted(f, x.redactedView().String()) }
func (x Result) LogValue() slog.Value                 { return x.redactedView().value() }
func (x FindResult) Format(f fmt.State, _ rune)       { writeRedacted(f, x.redactedView().String()) }
func (x FindResult) LogValue() slog.Value             { return x.redactedView().value() }
func (b Builder) Format(f fmt.State, _ rune)          { writeRedacted(f, b.redactedView().String()) }
func (b Builder) LogValue() slog.Value                { return b.redactedView().value() }
func (x Filter) Format(f fmt.State, _ rune)           { writeRedacted(f, x.redactedView().String()) }
func (x Filter) LogValue() slog.Value                 { return x.redactedView().value() }
func (x Query) Format(f fmt.State, _ rune)            { writeRedacted(f, x.redactedView().String()) }
func (x Query) LogValue() slog.Value                  { return x.redactedView().value() }

// LogValue logs the base URL, never a credential.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.describe()) }
