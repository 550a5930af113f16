package travelruletest

import (
	"fmt"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/redact"
)

// LogValue logs String: the URL only. slog's JSON handler would otherwise
// encode the exported APIKey and APISecret.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Redaction of the records. Session, Counterparty, Verification,
// SignatureCheck and Delivery hold what package travelrule treats as
// personal data or secret (wallet addresses, payment hashes and invoices,
// user and business ids, widget tokens, signed ownership messages,
// webhook bodies), so they print as travelrule's own types do: under every
// fmt verb and through log/slog only status, currency, network and flags.
// Read the fields in assertions.

func newView(name string) *redact.View { return redact.NewView("travelruletest", name) }

func (s Session) view() *redact.View {
	return newView("Session").Str("currency", s.Currency).Str("network", s.Network).
		Flag("lightning", s.PaymentHash != "" || s.Invoice != "").Flag("forceVerifyOwnership", s.ForceVerifyOwnership).
		NonZero("reuses", s.Reuses)
}

// Format prints the session's facts under every verb.
func (s Session) Format(f fmt.State, _ rune) { redact.Write(f, s.view().String()) }

// LogValue logs the session's facts.
func (s Session) LogValue() slog.Value { return s.view().Value() }

func (c Counterparty) view() *redact.View {
	return newView("Counterparty").Str("currency", c.Currency).Str("network", c.Network).
		Str("subType", c.SubType).Str("status", c.Status).Flag("ownershipVerified", c.OwnershipVerified)
}

// Format prints the counterparty's facts under every verb.
func (c Counterparty) Format(f fmt.State, _ rune) { redact.Write(f, c.view().String()) }

// LogValue logs the counterparty's facts.
func (c Counterparty) LogValue() slog.Value { return c.view().Value() }

func (v Verification) view() *redact.View {
	return newView("Verification").Str("route", v.Route).Str("method", v.Method).
		Str("outcome", v.Outcome).Str("status", v.Status)
}

// Format prints the verification's route, method and outcome, never the
// signed message or the signature.
func (v Verification) Format(f fmt.State, _ rune) { redact.Write(f, v.view().String()) }

// LogValue logs the verification's route, method and outcome.
func (v Verification) LogValue() slog.Value { return v.view().Value() }

// Format prints nothing of the address, message or signature.
func (c SignatureCheck) Format(f fmt.State, _ rune) {
	redact.Write(f, newView("SignatureCheck").String())
}

// LogValue logs nothing of the address, message or signature.
func (c SignatureCheck) LogValue() slog.Value { return newView("SignatureCheck").Value() }

func (d Delivery) view() *redact.View {
	return newView("Delivery").NonZero("status", d.Status).Count("attempts", d.Attempts).Flag("delivered", d.Delivered)
}

// Format prints the delivery's status and attempts, never the body.
func (d Delivery) Format(f fmt.State, _ rune) { redact.Write(f, d.view().String()) }

// LogValue logs the delivery's status and attempts.
func (d Delivery) LogValue() slog.Value { return d.view().Value() }
