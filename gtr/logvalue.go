package gtr

import (
	"fmt"
	"log/slog"
	"strconv"

	"github.com/vaspkit/vaspkit/internal/redact"
	"github.com/vaspkit/vaspkit/internal/rest"
)

// Redaction. Every type that holds PII (an IVMS101 document, a customer's
// wallet address or tag, raw callback data) or a secret prints only facts
// that identify no one: its type, statuses, stage, direction, network,
// ticker, VASP codes and counts. That holds for Format under every fmt verb
// (%v, %+v, %#v, %s, %q, %x, %d …; fmt calls Format for all of them, so
// these types need no String or GoString) and LogValue for
// log/slog, whose JSON handler would otherwise encode the struct, Identity
// included. The requestId, txId, amounts and GTR's or the counterparty's
// messages are left out too, as in errors. Read the fields to see the data.
//
// The receivers of the data types are values, so a T and a *T print alike
// (a nil pointer prints as <nil> under fmt). Client, CallbackHandler,
// LoginSession and the unexported sealer and app token keep their pointer
// receivers.

// piiView is what a redacted type shows: its name and safe facts
// (internal/redact renders it the same way in every package).
type piiView = redact.View

func newPIIView(name string) *piiView { return redact.NewView("gtr", name) }

// statusFact is a verify status as a fact: "100000 SUCCESS", or "" for none.
func statusFact(s VerifyStatus) string {
	if s == 0 {
		return ""
	}
	return strconv.Itoa(int(s)) + " " + s.String()
}

// directionFact is a direction as a fact, or "" for none.
func directionFact(d Direction) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// headerView starts the view of a callback with its header's facts.
func headerView(name string, h *CallbackHeader) *piiView {
	return newPIIView(name).Str("type", h.Type.String()).Str("invokeVaspCode", h.InvokeVASPCode).
		Str("originatorVasp", h.OriginatorVASP).Str("beneficiaryVasp", h.BeneficiaryVASP).
		Str("initiatorVasp", h.InitiatorVASP).Str("receiverVasp", h.ReceiverVASP).Str("direction", directionFact(h.Direction))
}

// writePIIView is a redacted type's Format under every verb (redact.Write).
func writePIIView(f fmt.State, s string) { redact.Write(f, s) }

// The views. Each lists what its type may show; everything else is hidden.

func (r OneStepRequest) piiView() *piiView {
	return newPIIView("OneStepRequest").Str("direction", directionFact(r.Direction)).Str("network", r.Network).Str("ticker", r.Ticker).
		Str("targetVaspCode", r.TargetVASPCode).Str("format", string(r.PIIFormat)).Flag("identity", r.Identity != nil)
}

func (r OneStepResult) piiView() *piiView {
	return newPIIView("OneStepResult").Str("direction", directionFact(r.Direction)).Str("status", statusFact(r.Status)).Str("stage", string(r.Stage)).
		NonZero("fields", len(r.Fields)).Str("originatorVasp", r.OriginatorVASP).Str("beneficiaryVasp", r.BeneficiaryVASP).
		Str("targetVaspCode", r.TargetVASPCode).Str("format", string(r.PIIFormat)).Str("preflightStatus", r.PreflightStatus).
		Str("addressRiskLevel", r.AddressRiskLevel).Flag("identity", r.Identity != nil).
		Flag("identityError", r.IdentityErr != nil).Flag("recovered", r.Recovered)
}

func (e PIIVerification) piiView() *piiView {
	return headerView("PIIVerification", &e.CallbackHeader).Str("network", e.Network).
		Str("ticker", e.Ticker).Str("format", string(e.PIIFormat)).NonZero("expectFields", len(e.ExpectFields)).
		Flag("identity", e.Identity != nil).Flag("hashed", e.hashed != nil)
}

func (a PIIVerifyAnswer) piiView() *piiView {
	return newPIIView("PIIVerifyAnswer").Str("status", statusFact(a.Status)).NonZero("fields", len(a.Fields)).
		Str("preflightStatus", a.PreflightStatus).Flag("identity", a.Identity != nil)
}

func (e PIIResult) piiView() *piiView {
	return headerView("PIIResult", &e.CallbackHeader).Str("result", statusFact(e.Result.Status)).
		NonZero("fields", len(e.Fields)).Str("preflightStatus", e.PreflightStatus).
		Flag("identity", e.Identity != nil).Flag("identityError", e.IdentityErr != nil)
}

func (e AddressCheck) piiView() *piiView {
	return headerView("AddressCheck", &e.CallbackHeader).Str("network", e.Network).Str("ticker", e.Ticker)
}

func (e TxIDCheck) piiView() *piiView {
	return headerView("TxIDCheck", &e.CallbackHeader).Str("network", e.Network).Str("ticker", e.Ticker)
}

func (e AddressRouting) piiView() *piiView {
	return headerView("AddressRouting", &e.CallbackHeader).Str("network", e.Network)
}

func (e StageResult) piiView() *piiView {
	return headerView("StageResult", &e.CallbackHeader).Str("result", statusFact(e.Result.Status)).
		Str("network", e.Network).Str("ticker", e.Ticker)
}

func (e UnknownCallback) piiView() *piiView {
	return headerView("UnknownCallback", &e.CallbackHeader)
}

func (r AddressDetectionRequest) piiView() *piiView {
	return newPIIView("AddressDetectionRequest").Str("vaspCode", r.VASPCode).Str("network", r.Network)
}

// The redacting methods of every redacted type.

func (r OneStepRequest) Format(f fmt.State, _ rune)          { writePIIView(f, r.piiView().String()) }
func (r OneStepRequest) LogValue() slog.Value                { return r.piiView().Value() }
func (r OneStepResult) Format(f fmt.State, _ rune)           { writePIIView(f, r.piiView().String()) }
func (r OneStepResult) LogValue() slog.Value                 { return r.piiView().Value() }
func (e PIIVerification) Format(f fmt.State, _ rune)         { writePIIView(f, e.piiView().String()) }
func (e PIIVerification) LogValue() slog.Value               { return e.piiView().Value() }
func (a PIIVerifyAnswer) Format(f fmt.State, _ rune)         { writePIIView(f, a.piiView().String()) }
func (a PIIVerifyAnswer) LogValue() slog.Value               { return a.piiView().Value() }
func (e PIIResult) Format(f fmt.State, _ rune)               { writePIIView(f, e.piiView().String()) }
func (e PIIResult) LogValue() slog.Value                     { return e.piiView().Value() }
func (e AddressCheck) Format(f fmt.State, _ rune)            { writePIIView(f, e.piiView().String()) }
func (e AddressCheck) LogValue() slog.Value                  { return e.piiView().Value() }
func (e TxIDCheck) Format(f fmt.State, _ rune)               { writePIIView(f, e.piiView().String()) }
func (e TxIDCheck) LogValue() slog.Value                     { return e.piiView().Value() }
func (e AddressRouting) Format(f fmt.State, _ rune)          { writePIIView(f, e.piiView().String()) }
func (e AddressRouting) LogValue() slog.Value                { return e.piiView().Value() }
func (e StageResult) Format(f fmt.State, _ rune)             { writePIIView(f, e.piiView().String()) }
func (e StageResult) LogValue() slog.Value                   { return e.piiView().Value() }
func (e UnknownCallback) Format(f fmt.State, _ rune)         { writePIIView(f, e.piiView().String()) }
func (e UnknownCallback) LogValue() slog.Value               { return e.piiView().Value() }
func (r AddressDetectionRequest) Format(f fmt.State, _ rune) { writePIIView(f, r.piiView().String()) }
func (r AddressDetectionRequest) LogValue() slog.Value       { return r.piiView().Value() }

// Secret holders: their String already hides the secret.

// LogValue logs String: the base URL and VASP code, never a credential.
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.text()) }

// LogValue logs String: both public keys, never the shared key.
func (s *piiSealer) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Format prints the authentication mode, the number of key pairs and the
// deadlines for every verb, so no verb reaches the key pairs.
func (h *CallbackHandler) Format(f fmt.State, _ rune) { writePIIView(f, h.text()) }

// LogValue logs what Format prints: the authentication mode and deadlines.
func (h *CallbackHandler) LogValue() slog.Value { return slog.StringValue(h.text()) }

// GoString is String, so %#v does not print the secretToken.
func (t *appToken) GoString() string { return t.String() }

// Format prints String for every verb (%d would otherwise print the
// secretToken field).
func (t *appToken) Format(f fmt.State, _ rune) { writePIIView(f, t.String()) }

// LogValue logs String, without the secretToken.
func (t *appToken) LogValue() slog.Value { return slog.StringValue(t.String()) }

// Format prints Error for every verb (quoted for %q), so %d or %x never
// reach Message, RequestID or Body.
func (e *APIError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// Format prints Error for every verb (quoted for %q), so no verb reaches
// RequestID.
func (e *OutcomeUnknownError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }
