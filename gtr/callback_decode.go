package gtr

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrMalformedCallback reports a callback body that is not what GTR sends:
// not JSON, a field of the wrong type, or a required field missing. The
// error names the field (a JSON path such as "callbackData.txId") and never
// holds a value from the body.
var ErrMalformedCallback = errors.New("gtr: malformed callback")

// callbackDecodeError is ErrMalformedCallback for one field. The handler
// answers it with HTTP 400 and verifyStatus 100004.
type callbackDecodeError struct {
	Field  string // JSON path of the offending field; "" for the body itself
	Reason string
}

func (e *callbackDecodeError) Error() string {
	if e.Field == "" {
		return "gtr: malformed callback: " + e.Reason
	}
	return "gtr: malformed callback: " + e.Field + ": " + e.Reason
}

// Is makes errors.Is(err, ErrMalformedCallback) true.
func (e *callbackDecodeError) Is(target error) bool { return target == ErrMalformedCallback }

func cbMalformed(field, reason string) error {
	return &callbackDecodeError{Field: field, Reason: reason}
}

// DecodeCallback decodes a callback body into its typed event (see
// Callback). It checks what GTR always sends — a JSON object, a
// callbackType, a requestId of at most 128 characters of [A-Za-z0-9_.:=-],
// and each type's essential fields (the address of an address check, the
// txId of a txId check, the piiSecuredInfo of a PII verification) — and
// tolerates unknown fields. It does not open PII: PIIVerification.Identity
// and PIIResult.Identity stay nil (CallbackHandler opens them with its key
// pairs). Unknown callback types decode to *UnknownCallback without error.
//
// Errors match ErrMalformedCallback; they name fields, never values.
func DecodeCallback(body []byte) (Callback, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, cbMalformed("", "empty body")
	}
	if body[0] != '{' {
		return nil, cbMalformed("", "not a JSON object")
	}
	var env cbEnvelope
	if err := cbDecodeJSON(body, &env, ""); err != nil {
		return nil, err
	}
	if env.CallbackType == nil {
		return nil, cbMalformed("callbackType", "missing")
	}
	h := CallbackHeader{
		Type:            CallbackType(*env.CallbackType),
		RequestID:       env.RequestID,
		InvokeVASPCode:  env.InvokeVASPCode,
		OriginatorVASP:  env.OriginatorVASP,
		BeneficiaryVASP: env.BeneficiaryVASP,
	}
	data := bytes.TrimSpace(env.CallbackData)
	if len(data) == 0 || string(data) == "null" {
		data = []byte("{}")
	}
	if h.Type.known() && data[0] != '{' {
		return nil, cbMalformed("callbackData", "not a JSON object")
	}
	ev, err := cbDecodeData(h, data)
	if err != nil {
		return nil, err
	}
	hd := ev.Header()
	if hd.Type != callbackHealthCheck {
		if err := cbCheckRequestID(hd.RequestID); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

func cbDecodeData(h CallbackHeader, data []byte) (Callback, error) {
	switch h.Type {
	case callbackHealthCheck:
		return &HealthCheck{CallbackHeader: h}, nil
	case callbackPIIVerification:
		return cbDecodePIIVerification(h, data)
	case callbackAddressVerification:
		var d cbAddressCheckData
		if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
			return nil, err
		}
		if err := cbSameRequestID(&h, d.RequestID); err != nil {
			return nil, err
		}
		if d.Address == "" {
			return nil, cbMalformed("callbackData.address", "missing")
		}
		if d.Network == "" {
			return nil, cbMalformed("callbackData.network", "missing")
		}
		h.InitiatorVASP = d.InitiatorVASP
		return &AddressCheck{CallbackHeader: h, OriginatorVASPName: d.OriginatorVASPName,
			Network: d.Network, Ticker: d.Ticker, Address: d.Address, Tag: string(d.Tag)}, nil
	case callbackTxIDNotification:
		var d cbTxIDNoticeData
		if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
			return nil, err
		}
		if err := cbSameRequestID(&h, d.RequestID); err != nil {
			return nil, err
		}
		if d.TxID == "" {
			return nil, cbMalformed("callbackData.txId", "missing")
		}
		return &TxIDNotice{CallbackHeader: h, TxID: string(d.TxID)}, nil
	case callbackTxIDVerification:
		var d cbTxIDCheckData
		if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
			return nil, err
		}
		if err := cbSameRequestID(&h, d.RequestID); err != nil {
			return nil, err
		}
		if d.TxID == "" {
			return nil, cbMalformed("callbackData.txId", "missing")
		}
		if d.Network == "" {
			return nil, cbMalformed("callbackData.network", "missing")
		}
		h.InitiatorVASP = d.InitiatorVASP
		return &TxIDCheck{CallbackHeader: h, TravelRuleID: d.TravelRuleID,
			Network: d.Network, Ticker: d.Ticker, Address: d.Address, Tag: string(d.Tag), TxID: string(d.TxID)}, nil
	case callbackAddressRouting:
		return cbDecodeRouting(h, data)
	case callbackStageResult:
		return cbDecodeStageResult(h, data)
	case callbackPIIResult:
		return cbDecodePIIResult(h, data)
	case callbackPreflightChecked:
		var d cbPreflightData
		if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
			return nil, err
		}
		if err := d.TravelRuleInfo.decode(&h); err != nil {
			return nil, err
		}
		ev := &PreflightResult{CallbackHeader: h}
		if p := d.PreflightCheckResult; p != nil {
			ev.Status, ev.Message = p.PreflightCheckStatus, p.PreflightCheckMessage
		}
		return ev, nil
	case callbackTravelRuleEnded:
		return cbDecodeEnded(h, data)
	}
	return &UnknownCallback{CallbackHeader: h, Data: json.RawMessage(bytes.Clone(data))}, nil
}

func cbDecodePIIVerification(h CallbackHeader, data []byte) (Callback, error) {
	var d cbPIIVerificationData
	if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
		return nil, err
	}
	if err := cbSameRequestID(&h, d.RequestID); err != nil {
		return nil, err
	}
	if d.VerificationDirection == nil {
		return nil, cbMalformed("callbackData.verificationDirection", "missing")
	}
	dir := Direction(*d.VerificationDirection)
	if !dir.valid() {
		return nil, cbMalformed("callbackData.verificationDirection", "not 1 (post-transaction) or 2 (pre-transaction)")
	}
	if d.PIISecuredInfo == nil {
		return nil, cbMalformed("callbackData.piiSecuredInfo", "missing")
	}
	if d.PIISecuredInfo.SecuredPayload == "" {
		return nil, cbMalformed("callbackData.piiSecuredInfo.securedPayload", "missing")
	}
	if h.OriginatorVASP == "" {
		h.OriginatorVASP = d.OriginatorVASP
	}
	if h.BeneficiaryVASP == "" {
		h.BeneficiaryVASP = d.BeneficiaryVASP
	}
	h.InitiatorVASP, h.ReceiverVASP, h.Direction = d.InitiatorVASP, d.ReceiverVASP, dir
	ev := &PIIVerification{
		CallbackHeader:      h,
		Network:             d.Network,
		Ticker:              d.Ticker,
		Address:             d.Address,
		Tag:                 string(d.Tag),
		TxID:                string(d.TxID),
		Amount:              string(d.Amount),
		FiatName:            d.FiatName,
		FiatPrice:           string(d.FiatPrice),
		BeneficiaryVASPName: d.BeneficiaryVASPName,
		ExpectFields:        []FieldID(d.InitiatorExpectVerifyFields),
		sealed:              d.PIISecuredInfo,
	}
	ev.algorithm, _ = parseAlgorithm(d.PIISecuredInfo.SecretAlgorithm)
	if d.PIISecuredInfo.SecretAlgorithm == "" {
		ev.algorithm = algEd25519Curve25519
	}
	ev.PIIFormat, _ = parseFormatType(d.PIISecuredInfo.PIISecretFormatType)
	// Where GTR carries the JSON_FIELD_HASH salt is not published: the
	// one_step request has hashSalt, GTR's Java bean encryptionParams.
	ev.hashSalt = d.PIISecuredInfo.keccakSalt()
	if ev.hashSalt == "" {
		ev.hashSalt = d.HashSalt
	}
	// Base64 only: the point is checked when a shared key is computed with
	// it (once per counterparty, the handler caches it), not on every
	// callback.
	ev.InitiatorPublicKey, _ = cbDecodeKey(d.PIISecuredInfo.initiatorKey())
	ev.receiverKey, _ = cbDecodeKey(d.PIISecuredInfo.receiverKey())
	return ev, nil
}

func cbDecodeRouting(h CallbackHeader, data []byte) (Callback, error) {
	var d cbRoutingData
	if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
		return nil, err
	}
	if err := cbSameRequestID(&h, d.RequestID); err != nil {
		return nil, err
	}
	if d.BeneficiaryAddress == nil || d.BeneficiaryAddress.Address == "" {
		return nil, cbMalformed("callbackData.beneficiaryAddress.address", "missing")
	}
	h.InitiatorVASP = d.InitiatorVASP
	ev := &AddressRouting{CallbackHeader: h,
		Address: d.BeneficiaryAddress.Address, Tag: string(d.BeneficiaryAddress.Tag)}
	if d.VerifyTargetType != nil {
		switch *d.VerifyTargetType {
		case 1:
			ev.Direction = PreTransaction
		case 2:
			ev.Direction = PostTransaction
		}
	}
	if ti := d.TransactionInfo; ti != nil {
		ev.Network, ev.TxID = ti.Network, string(ti.TxID)
	}
	return ev, nil
}

func cbDecodeStageResult(h CallbackHeader, data []byte) (Callback, error) {
	var d cbStageResultData
	if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
		return nil, err
	}
	if err := d.TravelRuleInfo.decode(&h); err != nil {
		return nil, err
	}
	ev := &StageResult{CallbackHeader: h, Result: d.NotifyResult.decode()}
	if b := d.BlockchainTransaction; b != nil {
		ev.Network, ev.Ticker, ev.TxID = b.Network, b.Ticker, string(b.TxID)
	}
	if a := d.BeneficiaryAddress; a != nil {
		ev.Address, ev.Tag = a.Address, string(a.Tag)
	}
	return ev, nil
}

func cbDecodePIIResult(h CallbackHeader, data []byte) (Callback, error) {
	var d cbPIIResultData
	if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
		return nil, err
	}
	if err := d.TravelRuleInfo.decode(&h); err != nil {
		return nil, err
	}
	ev := &PIIResult{CallbackHeader: h, Result: d.NotifyResult.decode()}
	if r := d.PIIVerifyResult; r != nil {
		ev.Fields = r.VerifiedFields
		if len(ev.Fields) == 0 {
			ev.Fields = r.VerifyFields
		}
	}
	if p := d.PreflightCheckResult; p != nil {
		ev.PreflightStatus, ev.PreflightMessage = p.PreflightCheckStatus, p.PreflightCheckMessage
	}
	if d.PIISecuredInfo != nil && d.PIISecuredInfo.SecuredPayload != "" {
		ev.sealed = d.PIISecuredInfo
	}
	return ev, nil
}

func cbDecodeEnded(h CallbackHeader, data []byte) (Callback, error) {
	var d cbEndedData
	if err := cbDecodeJSON(data, &d, "callbackData"); err != nil {
		return nil, err
	}
	ev := &TravelRuleEnded{CallbackHeader: h, Result: d.NotifyResult.decode()}
	if f := d.FinalStateInfo; f != nil {
		ev.ReasonType, ev.Reason = f.ReasonType, f.Reason
	}
	if b := d.BasicMessage; b != nil {
		if err := cbSameRequestID(&ev.CallbackHeader, b.RequestID); err != nil {
			return nil, err
		}
		ev.InitiatorVASP, ev.ReceiverVASP = b.InitiatorVASPCode, b.ReceiverVASPCode
		if ev.OriginatorVASP == "" {
			ev.OriginatorVASP = b.OriginatorVASPCode
		}
		if ev.BeneficiaryVASP == "" {
			ev.BeneficiaryVASP = b.BeneficiaryVASPCode
		}
		if ev.InvokeVASPCode == "" {
			ev.InvokeVASPCode = b.InvokeVASPCode
		}
		if b.VerificationDirection != nil {
			ev.Direction = Direction(*b.VerificationDirection)
		}
	}
	return ev, nil
}

// cbSameRequestID fills the header's requestId from callbackData when the
// envelope has none, and rejects two different ones.
func cbSameRequestID(h *CallbackHeader, inner string) error {
	switch {
	case inner == "":
	case h.RequestID == "":
		h.RequestID = inner
	case h.RequestID != inner:
		return cbMalformed("callbackData.requestId", "differs from the envelope's requestId")
	}
	return nil
}

// cbCheckRequestID accepts GTR's requestId alphabet ([\w=-], 4–64 characters)
// with some room: 1–128 characters of [A-Za-z0-9_.:=-]. The id is logged,
// so nothing else gets through.
func cbCheckRequestID(id string) error {
	if id == "" {
		return cbMalformed("requestId", "missing")
	}
	if len(id) > 128 {
		return cbMalformed("requestId", "longer than 128 characters")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '_', c == '-', c == '=', c == '.', c == ':':
		default:
			return cbMalformed("requestId", "holds a character outside [A-Za-z0-9_.:=-]")
		}
	}
	return nil
}

// cbDecodeJSON unmarshals into v and turns encoding/json's errors (whose
// messages may quote input) into value-free *callbackDecodeError.
func cbDecodeJSON(data []byte, v any, prefix string) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return cbMalformed(prefix, fmt.Sprintf("not valid JSON (syntax error at byte %d)", se.Offset))
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if prefix != "" && field != "" {
			field = prefix + "." + field
		} else if field == "" {
			field = prefix
		}
		kind, _, _ := strings.Cut(te.Value, " ") // "number 1.5": keep the kind only
		return cbMalformed(field, "has the wrong JSON type ("+kind+")")
	}
	// Errors of our own UnmarshalJSON methods carry no value.
	return cbMalformed(prefix, "invalid field: "+err.Error())
}

// cbDecodeKey reads a 32-byte key in standard or URL-safe Base64, padded or
// not, without checking that it is a valid Ed25519 point (see
// ParsePublicKey). ok is false for anything else.
func cbDecodeKey(s string) (k PublicKey, ok bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if enc.DecodedLen(len(s)) < len(k) || enc.DecodedLen(len(s)) > len(k)+2 {
			continue
		}
		var buf [34]byte
		if n, err := enc.Decode(buf[:], []byte(s)); err == nil && n == len(k) {
			copy(k[:], buf[:n])
			return k, true
		}
	}
	return PublicKey{}, false
}
