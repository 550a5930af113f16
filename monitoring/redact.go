package monitoring

import (
	"fmt"
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

// redactedView is what a redacted type shows: its name and safe facts
// (internal/redact renders it the same way in every package).
type redactedView = redact.View

func view(name string) *redactedView { return redact.NewView("monitoring", name) }

// The views. Each lists what its type may show; everything else is hidden.

func (t Transaction) redactedView() *redactedView {
	v := view("Transaction").Str("type", string(t.Type))
	if t.Info != nil {
		v.Str("direction", string(t.Info.Direction)).Str("currencyCode", t.Info.CurrencyCode)
	}
	return v
}

func (x Participant) redactedView() *redactedView {
	return view("Participant").Str("type", string(x.Type))
}

func (Address) redactedView() *redactedView       { return view("Address") }
func (x IDDoc) redactedView() *redactedView       { return view("IDDoc").Str("idDocType", x.IDDocType) }
func (Device) redactedView() *redactedView        { return view("Device") }
func (Coords) redactedView() *redactedView        { return view("Coords") }
func (IPInfo) redactedView() *redactedView        { return view("IPInfo") }
func (UserAgentInfo) redactedView() *redactedView { return view("UserAgentInfo") }
func (Person) redactedView() *redactedView        { return view("Person") }

func (x PaymentMethod) redactedView() *redactedView {
	return view("PaymentMethod").Str("type", string(x.Type))
}

func (x PaymentMethodData) redactedView() *redactedView {
	return view("PaymentMethodData").Str("type", string(x.Type)).Str("currencyCode", x.CurrencyCode).Str("cryptoChain", x.CryptoChain)
}

func (x ApplicantPaymentMethod) redactedView() *redactedView {
	v := view("ApplicantPaymentMethod")
	if x.Data != nil {
		v.Str("type", string(x.Data.Type))
	}
	return v
}

func (x PlatformEventInfo) redactedView() *redactedView {
	return view("PlatformEventInfo").Str("type", string(x.Type)).Flag("failure", x.Failure).Flag("twoFaUsed", x.TwoFAUsed)
}

func (x TravelRuleSDKRequest) redactedView() *redactedView {
	v := view("TravelRuleSDKRequest").Str("levelName", x.LevelName).Str("ttlInSecs", x.TTLInSecs.String())
	if x.TxnInfo != nil {
		v.Str("currencyCode", x.TxnInfo.CurrencyCode).Str("direction", string(x.TxnInfo.Direction))
	}
	return v
}

func (x TravelRuleSDKTxn) redactedView() *redactedView {
	return view("TravelRuleSDKTxn").Str("amount", x.Amount.String()).Str("currencyCode", x.CurrencyCode).
		Str("cryptoChain", x.CryptoChain).Str("direction", string(x.Direction))
}

func (x Beneficiary) redactedView() *redactedView {
	v := view("Beneficiary")
	switch {
	case x.ApplicantID != "":
		v.Str("kind", "applicant")
	case x.Participant != nil:
		v.Str("kind", "participant")
	}
	return v
}

func (x ImportRecord) redactedView() *redactedView {
	v := view("ImportRecord")
	if x.Data != nil {
		v.Str("type", string(x.Data.Type))
	}
	return v
}

func (x Result) redactedView() *redactedView {
	v := view("Result").Str("reviewStatus", string(x.Status())).Str("reviewAnswer", string(x.Answer())).Str("score", x.Score.String())
	if x.ScoringResult != nil {
		v.Str("action", string(x.ScoringResult.Action))
	}
	if x.TravelRuleInfo != nil {
		v.Str("travelRuleStatus", string(x.TravelRuleInfo.Status))
	}
	if x.Data != nil {
		v.Str("type", string(x.Data.Type))
	}
	return v.Flag("needMasking", x.NeedMasking).Flag("txnInactive", x.TxnInactive).Flag("replayed", x.Replayed)
}

func (x FindResult) redactedView() *redactedView {
	return view("FindResult").Count("items", len(x.Items)).Count("totalItems", x.TotalItems)
}

func (b Builder) redactedView() *redactedView {
	return view("Builder").Str("type", string(b.t.Type))
}

func (x Filter) redactedView() *redactedView { return view("Filter").Str("path", x.Path) }

func (x Query) redactedView() *redactedView {
	return view("Query").Count("filters", len(x.Filters)).Str("order", x.Order).Count("limit", x.Limit)
}

// Format and LogValue of every redacted type. fmt calls Format for every
// verb (%#v included), so no String or GoString is needed.

func (t Transaction) Format(f fmt.State, _ rune)       { redact.Write(f, t.redactedView().String()) }
func (t Transaction) LogValue() slog.Value             { return t.redactedView().Value() }
func (x Participant) Format(f fmt.State, _ rune)       { redact.Write(f, x.redactedView().String()) }
func (x Participant) LogValue() slog.Value             { return x.redactedView().Value() }
func (x Address) Format(f fmt.State, _ rune)           { redact.Write(f, x.redactedView().String()) }
func (x Address) LogValue() slog.Value                 { return x.redactedView().Value() }
func (x IDDoc) Format(f fmt.State, _ rune)             { redact.Write(f, x.redactedView().String()) }
func (x IDDoc) LogValue() slog.Value                   { return x.redactedView().Value() }
func (x Device) Format(f fmt.State, _ rune)            { redact.Write(f, x.redactedView().String()) }
func (x Device) LogValue() slog.Value                  { return x.redactedView().Value() }
func (x Coords) Format(f fmt.State, _ rune)            { redact.Write(f, x.redactedView().String()) }
func (x Coords) LogValue() slog.Value                  { return x.redactedView().Value() }
func (x IPInfo) Format(f fmt.State, _ rune)            { redact.Write(f, x.redactedView().String()) }
func (x IPInfo) LogValue() slog.Value                  { return x.redactedView().Value() }
func (x UserAgentInfo) Format(f fmt.State, _ rune)     { redact.Write(f, x.redactedView().String()) }
func (x UserAgentInfo) LogValue() slog.Value           { return x.redactedView().Value() }
func (x Person) Format(f fmt.State, _ rune)            { redact.Write(f, x.redactedView().String()) }
func (x Person) LogValue() slog.Value                  { return x.redactedView().Value() }
func (x PaymentMethod) Format(f fmt.State, _ rune)     { redact.Write(f, x.redactedView().String()) }
func (x PaymentMethod) LogValue() slog.Value           { return x.redactedView().Value() }
func (x PaymentMethodData) Format(f fmt.State, _ rune) { redact.Write(f, x.redactedView().String()) }
func (x PaymentMethodData) LogValue() slog.Value       { return x.redactedView().Value() }
func (x ApplicantPaymentMethod) Format(f fmt.State, _ rune) {
	redact.Write(f, x.redactedView().String())
}
func (x ApplicantPaymentMethod) LogValue() slog.Value  { return x.redactedView().Value() }
func (x PlatformEventInfo) Format(f fmt.State, _ rune) { redact.Write(f, x.redactedView().String()) }
func (x PlatformEventInfo) LogValue() slog.Value       { return x.redactedView().Value() }
func (x TravelRuleSDKRequest) Format(f fmt.State, _ rune) {
	redact.Write(f, x.redactedView().String())
}
func (x TravelRuleSDKRequest) LogValue() slog.Value   { return x.redactedView().Value() }
func (x TravelRuleSDKTxn) Format(f fmt.State, _ rune) { redact.Write(f, x.redactedView().String()) }
func (x TravelRuleSDKTxn) LogValue() slog.Value       { return x.redactedView().Value() }
func (x Beneficiary) Format(f fmt.State, _ rune)      { redact.Write(f, x.redactedView().String()) }
func (x Beneficiary) LogValue() slog.Value            { return x.redactedView().Value() }
func (x ImportRecord) Format(f fmt.State, _ rune)     { redact.Write(f, x.redactedView().String()) }
func (x ImportRecord) LogValue() slog.Value           { return x.redactedView().Value() }
func (x Result) Format(f fmt.State, _ rune)           { redact.Write(f, x.redactedView().String()) }
func (x Result) LogValue() slog.Value                 { return x.redactedView().Value() }
func (x FindResult) Format(f fmt.State, _ rune)       { redact.Write(f, x.redactedView().String()) }
func (x FindResult) LogValue() slog.Value             { return x.redactedView().Value() }
func (b Builder) Format(f fmt.State, _ rune)          { redact.Write(f, b.redactedView().String()) }
func (b Builder) LogValue() slog.Value                { return b.redactedView().Value() }
func (x Filter) Format(f fmt.State, _ rune)           { redact.Write(f, x.redactedView().String()) }
func (x Filter) LogValue() slog.Value                 { return x.redactedView().Value() }
func (x Query) Format(f fmt.State, _ rune)            { redact.Write(f, x.redactedView().String()) }
func (x Query) LogValue() slog.Value                  { return x.redactedView().Value() }

// LogValue logs the base URL, never a credential.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.describe()) }
