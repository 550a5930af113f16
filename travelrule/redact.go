package travelrule

import (
	"fmt"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/redact"
)

// Redaction. Every type that holds personal data (a counterparty's wallet
// address, a Lightning invoice or payment hash, a signed ownership message,
// Striga's raw answers and webhooks, which carry addresses and owner ids)
// prints only facts that identify no one: its type, status, currency and
// network. That holds for String and GoString, Format under every fmt verb
// (%v, %+v, %#v, %s, %q, %x, %d …) and LogValue for log/slog, whose JSON
// handler would otherwise encode every field. User, business, counterparty
// and event ids are left out too, as in the client's logs and errors.
// Read the fields to see the data. WidgetSession (session.go) shows its id,
// status, expiry and reuse facts.
//
// The receivers are values, so a T and a *T print alike (a nil pointer
// prints as <nil> under fmt).

// redactedView is what a redacted type shows: its name and safe facts
// (internal/redact renders it the same way in every package).
type redactedView = redact.View

func view(name string) *redactedView { return redact.NewView("travelrule", name) }

// The views. Each lists what its type may show; everything else is hidden.

func (r WidgetSessionRequest) redactedView() *redactedView {
	return view("WidgetSessionRequest").Str("currency", r.Currency).Str("network", r.Network).
		Flag("forceVerifyOwnership", r.ForceVerifyOwnership).Flag("lightning", r.PaymentHash != "" || r.Invoice != "")
}

func (r SelfHostedCounterpartyRequest) redactedView() *redactedView {
	return view("SelfHostedCounterpartyRequest").Str("currency", r.Currency).Str("network", r.Network).
		Str("subType", string(r.SubType)).Flag("lightning", r.PaymentHash != "" || r.Invoice != "")
}

func (c Counterparty) redactedView() *redactedView {
	return view("Counterparty").Str("status", c.Status).Str("subType", string(c.SubType))
}

func (r WalletVerificationRequest) redactedView() *redactedView {
	return view("WalletVerificationRequest").Str("method", string(r.Method))
}

func (w WalletVerification) redactedView() *redactedView {
	return view("WalletVerification").Str("status", w.Status)
}

func (r SubmitWalletVerificationRequest) redactedView() *redactedView {
	return view("SubmitWalletVerificationRequest").Str("method", string(r.Method))
}

func (e WebhookEvent) redactedView() *redactedView {
	return view("WebhookEvent").Str("type", string(e.Type))
}

func (e DepositEvent) redactedView() *redactedView {
	return view("DepositEvent").Str("type", string(e.Type)).Str("txType", e.TxType).
		Str("currency", e.Currency).Str("network", e.BlockchainNetwork.Name)
}

// String, GoString, Format and LogValue of every redacted type.

func (r WidgetSessionRequest) String() string                { return r.redactedView().String() }
func (r WidgetSessionRequest) GoString() string              { return r.String() }
func (r WidgetSessionRequest) Format(f fmt.State, _ rune)    { redact.Write(f, r.String()) }
func (r WidgetSessionRequest) LogValue() slog.Value          { return r.redactedView().Value() }
func (r SelfHostedCounterpartyRequest) String() string       { return r.redactedView().String() }
func (r SelfHostedCounterpartyRequest) GoString() string     { return r.String() }
func (r SelfHostedCounterpartyRequest) LogValue() slog.Value { return r.redactedView().Value() }
func (r SelfHostedCounterpartyRequest) Format(f fmt.State, _ rune) {
	redact.Write(f, r.String())
}
func (c Counterparty) String() string                    { return c.redactedView().String() }
func (c Counterparty) GoString() string                  { return c.String() }
func (c Counterparty) Format(f fmt.State, _ rune)        { redact.Write(f, c.String()) }
func (c Counterparty) LogValue() slog.Value              { return c.redactedView().Value() }
func (r WalletVerificationRequest) String() string       { return r.redactedView().String() }
func (r WalletVerificationRequest) GoString() string     { return r.String() }
func (r WalletVerificationRequest) LogValue() slog.Value { return r.redactedView().Value() }
func (r WalletVerificationRequest) Format(f fmt.State, _ rune) {
	redact.Write(f, r.String())
}
func (w WalletVerification) String() string                    { return w.redactedView().String() }
func (w WalletVerification) GoString() string                  { return w.String() }
func (w WalletVerification) Format(f fmt.State, _ rune)        { redact.Write(f, w.String()) }
func (w WalletVerification) LogValue() slog.Value              { return w.redactedView().Value() }
func (r SubmitWalletVerificationRequest) String() string       { return r.redactedView().String() }
func (r SubmitWalletVerificationRequest) GoString() string     { return r.String() }
func (r SubmitWalletVerificationRequest) LogValue() slog.Value { return r.redactedView().Value() }
func (r SubmitWalletVerificationRequest) Format(f fmt.State, _ rune) {
	redact.Write(f, r.String())
}
func (e WebhookEvent) String() string             { return e.redactedView().String() }
func (e WebhookEvent) GoString() string           { return e.String() }
func (e WebhookEvent) Format(f fmt.State, _ rune) { redact.Write(f, e.String()) }
func (e WebhookEvent) LogValue() slog.Value       { return e.redactedView().Value() }
func (e DepositEvent) String() string             { return e.redactedView().String() }
func (e DepositEvent) GoString() string           { return e.String() }
func (e DepositEvent) Format(f fmt.State, _ rune) { redact.Write(f, e.String()) }
func (e DepositEvent) LogValue() slog.Value       { return e.redactedView().Value() }

// LogValue logs String: the base URL, never a credential.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
