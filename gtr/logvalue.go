package gtr

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/vaspkit/vaspkit/internal/redact"
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

// piiView is what a redacted type shows: its name and safe facts.
type piiView struct {
	name  string
	attrs []slog.Attr
}

func newPIIView(name string) *piiView { return &piiView{name: name} }

// str adds a string fact unless it is empty.
func (v *piiView) str(k, s string) *piiView {
	if s != "" {
		v.attrs = append(v.attrs, slog.String(k, s))
	}
	return v
}

// flag adds a boolean fact when it is true.
func (v *piiView) flag(k string, b bool) *piiView {
	if b {
		v.attrs = append(v.attrs, slog.Bool(k, b))
	}
	return v
}

func (v *piiView) count(k string, n int) *piiView {
	if n > 0 {
		v.attrs = append(v.attrs, slog.Int(k, n))
	}
	return v
}

func (v *piiView) status(k string, s VerifyStatus) *piiView {
	if s != 0 {
		v.attrs = append(v.attrs, slog.String(k, strconv.Itoa(int(s))+" "+s.String()))
	}
	return v
}

func (v *piiView) direction(d Direction) *piiView {
	if d != 0 {
		v.attrs = append(v.attrs, slog.String("direction", d.String()))
	}
	return v
}

func (v *piiView) header(h *CallbackHeader) *piiView {
	return v.str("type", h.Type.String()).str("invokeVaspCode", h.InvokeVASPCode).
		str("originatorVasp", h.OriginatorVASP).str("beneficiaryVasp", h.BeneficiaryVASP).
		str("initiatorVasp", h.InitiatorVASP).str("receiverVasp", h.ReceiverVASP).direction(h.Direction)
}

// String renders "gtr.T{k: v, …, [REDACTED]}".
func (v *piiView) String() string { return redact.Text("gtr", v.name, v.attrs) }

// value is the slog form: a group of the facts, or "[REDACTED]" when there
// are none.
func (v *piiView) value() slog.Value { return redact.Value(v.attrs) }

func writePIIView(f fmt.State, s string) { _, _ = io.WriteString(f, s) }

// The views. Each lists what its type may show; everything else is hidden.

func (r OneStepRequest) piiView() *piiView {
	return newPIIView("OneStepRequest").direction(r.Direction).str("network", r.Network).str("ticker", r.Ticker).
		str("targetVaspCode", r.TargetVASPCode).str("format", string(r.PIIFormat)).flag("identity", r.Identity != nil)
}

func (r OneStepResult) piiView() *piiView {
	return newPIIView("OneStepResult").direction(r.Direction).status("status", r.Status).str("stage", string(r.Stage)).
		count("fields", len(r.Fields)).str("originatorVasp", r.OriginatorVASP).str("beneficiaryVasp", r.BeneficiaryVASP).
		str("targetVaspCode", r.TargetVASPCode).str("format", string(r.PIIFormat)).str("preflightStatus", r.PreflightStatus).
		str("addressRiskLevel", r.AddressRiskLevel).flag("identity", r.Identity != nil).
		flag("identityError", r.IdentityErr != nil).flag("recovered", r.Recovered)
}

func (e PIIVerification) piiView() *piiView {
	return newPIIView("PIIVerification").header(&e.CallbackHeader).str("network", e.Network).
		str("ticker", e.Ticker).str("format", string(e.PIIFormat)).count("expectFields", len(e.ExpectFields)).
		flag("identity", e.Identity != nil).flag("hashed", e.hashed != nil)
}

func (a PIIVerifyAnswer) piiView() *piiView {
	return newPIIView("PIIVerifyAnswer").status("status", a.Status).count("fields", len(a.Fields)).
		str("preflightStatus", a.PreflightStatus).flag("identity", a.Identity != nil)
}

func (e PIIResult) piiView() *piiView {
	return newPIIView("PIIResult").header(&e.CallbackHeader).status("result", e.Result.Status).
		count("fields", len(e.Fields)).str("preflightStatus", e.PreflightStatus).
		flag("identity", e.Identity != nil).flag("identityError", e.IdentityErr != nil)
}

func (e AddressCheck) piiView() *piiView {
	return newPIIView("AddressCheck").header(&e.CallbackHeader).str("network", e.Network).str("ticker", e.Ticker)
}

func (e TxIDCheck) piiView() *piiView {
	return newPIIView("TxIDCheck").header(&e.CallbackHeader).str("network", e.Network).str("ticker", e.Ticker)
}

func (e AddressRouting) piiView() *piiView {
	return newPIIView("AddressRouting").header(&e.CallbackHeader).str("network", e.Network)
}

func (e StageResult) piiView() *piiView {
	return newPIIView("StageResult").header(&e.CallbackHeader).status("result", e.Result.Status).
		str("network", e.Network).str("ticker", e.Ticker)
}

func (e UnknownCallback) piiView() *piiView {
	return newPIIView("UnknownCallback").header(&e.CallbackHeader)
}

func (r AddressDetectionRequest) piiView() *piiView {
	return newPIIView("AddressDetectionRequest").str("vaspCode", r.VASPCode).str("network", r.Network)
}

// The redacting methods of every redacted type.

func (r OneStepRequest) Format(f fmt.State, _ rune)          { writePIIView(f, r.piiView().String()) }
func (r OneStepRequest) LogValue() slog.Value                { return r.piiView().value() }
func (r OneStepResult) Format(f fmt.State, _ rune)           { writePIIView(f, r.piiView().String()) }
func (r OneStepResult) LogValue() slog.Value                 { return r.piiView().value() }
func (e PIIVerification) Format(f fmt.State, _ rune)         { writePIIView(f, e.piiView().String()) }
func (e PIIVerification) LogValue() slog.Value               { return e.piiView().value() }
func (a PIIVerifyAnswer) Format(f fmt.State, _ rune)         { writePIIView(f, a.piiView().String()) }
func (a PIIVerifyAnswer) LogValue() slog.Value               { return a.piiView().value() }
func (e PIIResult) Format(f fmt.State, _ rune)               { writePIIView(f, e.piiView().String()) }
func (e PIIResult) LogValue() slog.Value                     { return e.piiView().value() }
func (e AddressCheck) Format(f fmt.State, _ rune)            { writePIIView(f, e.piiView().String()) }
func (e AddressCheck) LogValue() slog.Value                  { return e.piiView().value() }
func (e TxIDCheck) Format(f fmt.State, _ rune)               { writePIIView(f, e.piiView().String()) }
func (e TxIDCheck) LogValue() slog.Value                     { return e.piiView().value() }
func (e AddressRouting) Format(f fmt.State, _ rune)          { writePIIView(f, e.piiView().String()) }
func (e AddressRouting) LogValue() slog.Value                { return e.piiView().value() }
func (e StageResult) Format(f fmt.State, _ rune)             { writePIIView(f, e.piiView().String()) }
func (e StageResult) LogValue() slog.Value                   { return e.piiView().value() }
func (e UnknownCallback) Format(f fmt.State, _ rune)         { writePIIView(f, e.piiView().String()) }
func (e UnknownCallback) LogValue() slog.Value               { return e.piiView().value() }
func (r AddressDetectionRequest) Format(f fmt.State, _ rune) { writePIIView(f, r.piiView().String()) }
func (r AddressDetectionRequest) LogValue() slog.Value       { return r.piiView().value() }

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
func (e *APIError) Format(f fmt.State, verb rune) { writeErrorText(f, verb, e.Error()) }

// Format prints Error for every verb (quoted for %q), so no verb reaches
// RequestID.
func (e *OutcomeUnknownError) Format(f fmt.State, verb rune) { writeErrorText(f, verb, e.Error()) }

func writeErrorText(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}
