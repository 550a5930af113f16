package monitoringtest

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"slices"
	"strings"
)

// This file decides which submitted transactions (KytTxnData) the fake
// accepts. It is written from Sumsub's documentation — the "Submit
// transactions" reference pages, their "Errors explained" section and
// their request examples — over the raw JSON, decoded here with
// encoding/json. It calls nothing of package monitoring: a fake that
// judged with the client's own validation would agree with its bugs.
//
// The rules, in the order the fake applies them (the first that fails
// answers; the package documentation lists them too):
//
//  1. The body is one JSON object; txnId, when present, is a string.
//     Otherwise: 400 "Malformed data provided in the request".
//  2. type, when present, is a string and one of the eight types of
//     Sumsub's documented 400 message or the two of its current OpenAPI
//     (scheduledEvent, iGamingSession); absent, it is finance, Sumsub's
//     documented default. Otherwise: Sumsub's 400 "type is not valid,
//     must be one of: …", verbatim.
//  3. Without an applicant id (POST /resources/applicants/-/…, or an
//     import record without applicantId): applicant.externalUserId and
//     applicant.fullName are non-empty strings. Otherwise: Sumsub's 400
//     "…When no applicant id provided, applicant.externalUserId and
//     applicant.fullName must be set", verbatim.
//  4. applicant is an object, and the objects the type requires are
//     present: info with direction, amount and currencyCode (finance,
//     travelRule); counterparty (travelRule); userPlatformEventInfo.type
//     (userPlatformEvent); gamblingBetInfo amount and currencyCode
//     (gamblingBet); gamblingBonusChangeInfo.status (gamblingBonusChange).
//     Amounts are numbers, or strings holding one (Sumsub's examples send
//     numbers as strings); info.direction is in or out. Otherwise: 400
//     "Malformed data provided in the request", which Sumsub documents
//     for a missing required parameter and a value of the wrong type
//     alike (it publishes no message per field).
//  5. userPlatformEventInfo.type is one of the five of Sumsub's
//     documented 400 message, or failedLogin or passwordChange (other
//     Sumsub sources). Otherwise: Sumsub's 400
//     "userPlatformEventInfo.type … is not valid, must be one of: …",
//     verbatim.
//
// What Sumsub's own examples go without is not required: txnId (the
// captured-device example has none; such a transaction is stored without
// a uniqueness check), type, the applicant's externalUserId and fullName
// when an applicant id is given, and counterparty.paymentMethod.accountId
// or info.paymentTxnId (documented as what a crypto check needs, which
// Sumsub decides).

// documentedTypes are the types of Sumsub's 400 message, in its order.
var documentedTypes = []string{"travelRule", "finance", "gamblingBet", "gamblingLimitChange",
	"gamblingBonusChange", "kyc", "auditTrailEvent", "userPlatformEvent"}

// acceptedTypes adds the types of Sumsub's current OpenAPI.
var acceptedTypes = append(slices.Clone(documentedTypes), "scheduledEvent", "iGamingSession")

// documentedEvents are the platform event types of Sumsub's 400 message.
var documentedEvents = []string{"login", "signup", "passwordReset", "twoFaReset", "general"}

// acceptedEvents adds those other Sumsub sources name.
var acceptedEvents = append(slices.Clone(documentedEvents), "failedLogin", "passwordChange")

// object is a decoded JSON object; numbers are json.Number.
type object = map[string]any

// decodeJSON decodes exactly one JSON value, numbers kept as text.
func decodeJSON(b []byte) (any, bool) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, false
	}
	return v, true
}

// decodeObject decodes a body that must be one JSON object.
func decodeObject(b []byte) (object, bool) {
	v, ok := decodeJSON(b)
	if !ok {
		return nil, false
	}
	o, ok := v.(object)
	return o, ok
}

// field returns o's member at a dotted path, or nil.
func field(o object, path string) any {
	var v any = o
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(object)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// str returns the string at path and whether it is a non-empty string.
func str(o object, path string) (string, bool) {
	s, ok := field(o, path).(string)
	return s, ok && s != ""
}

// obj returns the object at path.
func obj(o object, path string) (object, bool) {
	m, ok := field(o, path).(object)
	return m, ok
}

// decimalText matches what Sumsub's examples send as numbers: JSON number
// syntax (a JSON string's content may carry spaces around it).
var decimalText = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// number reports whether the value at path is a number: a JSON number, or
// a string holding one. absentOK accepts no value at all.
func number(o object, path string, absentOK bool) bool {
	switch v := field(o, path).(type) {
	case nil:
		return absentOK
	case json.Number:
		return true
	case string:
		return decimalText.MatchString(strings.TrimSpace(v))
	}
	return false
}

// txnType returns the transaction's type, finance when absent, and
// whether it is a string.
func txnType(t object) (string, bool) {
	switch v := t["type"].(type) {
	case nil:
		return "finance", true
	case string:
		if v == "" {
			return "finance", true
		}
		return v, true
	}
	return "", false
}

// checkTxn applies the rules above to a decoded transaction; newApplicant
// says the call names no applicant id.
func checkTxn(t object, newApplicant bool) (apiError, bool) {
	if t == nil {
		return errMalformed, false
	}
	if id, present := t["txnId"]; present && id != nil {
		if _, ok := id.(string); !ok {
			return errMalformed, false
		}
	}
	typ, ok := txnType(t)
	if !ok {
		return errMalformed, false
	}
	if !slices.Contains(acceptedTypes, typ) {
		return errInvalidType(), false
	}
	if newApplicant {
		_, ext := str(t, "applicant.externalUserId")
		_, name := str(t, "applicant.fullName")
		if !ext || !name {
			return errNoApplicant, false
		}
	}
	if _, ok := obj(t, "applicant"); !ok {
		return errMalformed, false
	}
	if !checkInfo(t, typ == "finance" || typ == "travelRule") {
		return errMalformed, false
	}
	switch typ {
	case "travelRule":
		if _, ok := obj(t, "counterparty"); !ok {
			return errMalformed, false
		}
	case "userPlatformEvent":
		ev, ok := str(t, "userPlatformEventInfo.type")
		if !ok {
			return errMalformed, false
		}
		if !slices.Contains(acceptedEvents, ev) {
			return errInvalidEvent(ev), false
		}
	case "gamblingBet":
		_, cur := str(t, "gamblingBetInfo.currencyCode")
		if !cur || !number(t, "gamblingBetInfo.amount", false) || !number(t, "gamblingBetInfo.resultAmount", true) {
			return errMalformed, false
		}
	case "gamblingBonusChange":
		if _, ok := str(t, "gamblingBonusChangeInfo.status"); !ok {
			return errMalformed, false
		}
	}
	return apiError{}, true
}

// checkInfo checks info. When required (finance, travelRule) it is an
// object with a direction, an amount and a currency code; whenever it is
// there, a direction is in or out and amounts are numbers.
func checkInfo(t object, required bool) bool {
	v, present := t["info"]
	if !present && !required {
		return true
	}
	if _, ok := v.(object); !ok {
		return false
	}
	dir, hasDir := str(t, "info.direction")
	_, hasCur := str(t, "info.currencyCode")
	if required && (!hasDir || !hasCur) {
		return false
	}
	if field(t, "info.direction") != nil && dir != "in" && dir != "out" {
		return false
	}
	return number(t, "info.amount", !required) && number(t, "info.amountInDefaultCurrency", true)
}
