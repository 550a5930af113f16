package gtr

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vaspkit/vaspkit/ivms"
)

// Wire limits of the one_step request (spec §4, §5.1), in characters.
const (
	minRequestIDLen   = 4
	maxRequestIDLen   = 64
	maxSymbolLen      = 64 // network, ticker, tag, amount, fiatPrice, targetVaspCode
	maxAddressLen     = 256
	maxTxIDLen        = 256
	maxFiatNameLen    = 32
	maxSourceVASPCode = 32
)

// NewRequestID returns a fresh requestId "<prefix>-<UUIDv4>", GTR's
// recommended form. prefix (your VASP's short name) must be 1–27
// characters of [A-Za-z0-9_=-] so the whole id fits 64.
func NewRequestID(prefix string) (string, error) {
	if prefix == "" || len(prefix) > maxRequestIDLen-37 || !requestIDChars(prefix) {
		return "", invalid("prefix", ruleFormat, "must be 1–27 characters of [A-Za-z0-9_=-]")
	}
	u, err := newUUID()
	if err != nil {
		return "", err
	}
	return prefix + "-" + u, nil
}

// validRequestID reports whether id is a valid requestId: 4–64 characters
// of [A-Za-z0-9_=-].
func validRequestID(id string) bool {
	return len(id) >= minRequestIDLen && len(id) <= maxRequestIDLen && requestIDChars(id)
}

func requestIDChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '=', c == '-':
		default:
			return false
		}
	}
	return true
}

// validDecimal reports whether s is an exact non-negative decimal as GTR
// takes amounts: digits with an optional fraction ("0", "0.5", "1500.25"),
// no sign, exponent, spaces or separators.
func validDecimal(s string) bool {
	dot := false
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// The precision of one_step's amount: GTR's one-step page gives it as
// decimal(28,18) ("Longest AVAX should be decimal(28,18)").
const (
	// maxAmountDigits is the most significant digits an amount may have
	// (leading zeros of the integer part and trailing zeros of the fraction
	// are not significant).
	maxAmountDigits = 28
	// maxAmountScale is the most significant digits after the point.
	maxAmountScale = 18
)

// validAmount reports whether s is a one_step amount GTR takes: an exact
// non-negative decimal (validDecimal) of at most maxAmountDigits
// significant digits, at most maxAmountScale of them after the point, and
// at most 64 characters. "0", "0.5", "1500.25", 18 decimals of AVAX
// ("0.000000000000000001") and 28-digit amounts pass; "1.0000000000000000001"
// (19 decimals) does not. Zeros that do not change the value ("007",
// "1.50000000000000000000") are not counted; the integer part is not
// limited to 28 − 18 digits, since GTR states no such limit and large token
// amounts need more.
func validAmount(s string) bool {
	if len(s) > maxSymbolLen || !validDecimal(s) {
		return false
	}
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	return len(frac) <= maxAmountScale && len(whole)+len(frac) <= maxAmountDigits
}

// Validate checks the request as OneStep does before sending, and returns a
// *ValidationError listing every problem (nil when none). It does not check
// the client's configuration (WithKeyPair).
func (r *OneStepRequest) Validate() error {
	if r == nil {
		return invalid("OneStepRequest", ruleRequired, "is nil")
	}
	var p problems
	const pre = "OneStepRequest."
	p.requestID(pre+"RequestID", r.RequestID)
	if !r.Direction.valid() {
		p.add(pre+"Direction", ruleFormat, "must be PreTransaction or PostTransaction")
	}
	text := func(field, v string, required bool, limit int) {
		if rule, problem := textProblem(v, required, limit); problem != "" {
			p.add(pre+field, rule, "%s", problem)
		}
	}
	text("Network", r.Network, true, maxSymbolLen)
	text("Ticker", r.Ticker, true, maxSymbolLen)
	text("Address", r.Address, true, maxAddressLen)
	text("Tag", r.Tag, false, maxSymbolLen)
	text("TargetVASPCode", r.TargetVASPCode, true, maxSymbolLen)
	text("SourceVASPCode", r.SourceVASPCode, false, maxSourceVASPCode)
	text("FiatName", r.FiatName, false, maxFiatNameLen)
	switch r.Direction {
	case PostTransaction:
		text("TxID", r.TxID, true, maxTxIDLen)
	case PreTransaction:
		if r.TxID != "" {
			p.add(pre+"TxID", ruleConflict, "must be empty pre-transaction: send it with NotifyTxID after broadcasting")
		}
	}
	for _, d := range []struct{ field, v string }{{"Amount", r.Amount}, {"FiatPrice", r.FiatPrice}} {
		switch {
		case d.v == "":
			p.add(pre+d.field, ruleRequired, `is required (at least "0")`)
		case len(d.v) > maxSymbolLen:
			p.add(pre+d.field, ruleLength, "is longer than %d characters", maxSymbolLen)
		case !validDecimal(d.v):
			p.add(pre+d.field, ruleFormat, "must be an exact non-negative decimal such as 0.5 (no sign, exponent or separators)")
		case d.field == "Amount" && !validAmount(d.v):
			p.add(pre+d.field, ruleRange, "exceeds GTR's decimal(28,18): at most %d significant digits, %d after the point", maxAmountDigits, maxAmountScale)
		}
	}
	seen := make(map[FieldID]bool, len(r.ExpectFields))
	for i, f := range r.ExpectFields {
		field := fmt.Sprintf("%sExpectFields[%d]", pre, i)
		switch {
		case !validFieldID(f):
			p.add(field, ruleFormat, "is not a verify-field id (six digits, or an UPPER_SNAKE_CASE name)")
		case seen[f]:
			p.add(field, ruleUnique, "is listed twice")
		}
		seen[f] = true
	}
	switch r.PIIFormat {
	case "", FullJSONObjectEncrypt, JSONFieldEncrypt, JSONFieldHash:
	default:
		p.add(pre+"PIIFormat", ruleFormat, "must be FULL_JSON_OBJECT_ENCRYPT, JSON_FIELD_ENCRYPT or JSON_FIELD_HASH")
	}
	if r.PIISpecVersion != "" && !strings.EqualFold(r.PIISpecVersion, PIISpecVersion) {
		p.add(pre+"PIISpecVersion", ruleFormat, "must be empty or %s, the only version the SDK writes", PIISpecVersion)
	}
	if r.HashSalt != "" {
		switch n := utf8.RuneCountInString(r.HashSalt); {
		case n <= minSaltExclusive || n >= maxSaltExclusive:
			p.add(pre+"HashSalt", ruleLength, "must be %d to %d characters", minSaltExclusive+1, maxSaltExclusive-1)
		case r.PIIFormat != "" && r.PIIFormat != JSONFieldHash:
			p.add(pre+"HashSalt", ruleConflict, "is for JSON_FIELD_HASH only")
		}
	}
	if m := r.TravelRuleMetadata; m != nil && (m.OriginatingVASPIntermediaryVASPCount < 0 || m.BeneficiaryVASPIntermediaryVASPCount < 0) {
		p.add(pre+"TravelRuleMetadata", ruleRange, "intermediary counts must not be negative")
	}
	validateIdentity(&p, r.Identity, r.Direction)
	return p.err()
}

// validateIdentity checks that the payload holds the entities GTR needs in
// direction dir (spec §8.2). It does not run IVMS101's C1–C12 rules: GTR
// accepts minimal payloads (names only) that C1 would refuse; call
// Identity.Validate() for the full standard.
func validateIdentity(p *problems, id *ivms.IdentityPayload, dir Direction) {
	const pre = "OneStepRequest.Identity"
	if id == nil {
		p.add(pre, ruleRequired, "is required: the PII to send (IVMS101)")
		return
	}
	originator := id.Originator != nil && len(id.Originator.OriginatorPersons) > 0
	beneficiary := id.Beneficiary != nil && len(id.Beneficiary.BeneficiaryPersons) > 0
	switch dir {
	case PreTransaction:
		if !originator {
			p.add(pre+".Originator", ruleRequired, "is required pre-transaction: our customer, with at least one person")
		}
		if id.OriginatingVASP == nil || id.OriginatingVASP.Person == nil {
			p.add(pre+".OriginatingVASP", ruleRequired, "is required pre-transaction: our company")
		}
		if !beneficiary {
			p.add(pre+".Beneficiary", ruleRequired, "is required pre-transaction: the beneficiary as known, with at least one person")
		}
	case PostTransaction:
		if !beneficiary {
			p.add(pre+".Beneficiary", ruleRequired, "is required post-transaction: our customer, with at least one person")
		}
		if id.BeneficiaryVASP == nil || id.BeneficiaryVASP.Person == nil {
			p.add(pre+".BeneficiaryVASP", ruleRequired, "is required post-transaction: our company")
		}
	}
}

// validateOneStep checks the client and the request before anything is
// sent.
func (c *Client) validateOneStep(req *OneStepRequest) error {
	if c.keyPair == nil {
		return &ConfigError{Option: "WithKeyPair", Reason: "OneStep needs our PII key pair to seal the IVMS payload"}
	}
	return req.Validate()
}

// checkText adds a problem when a text field is missing, too long (in
// characters) or not UTF-8.
func checkText(p *problems, field, v string, required bool, limit int) {
	if rule, problem := textProblem(v, required, limit); problem != "" {
		p.add(field, rule, "%s", problem)
	}
}

// textProblem describes what is wrong with a text field, and the rule it
// breaks, or "", "".
func textProblem(v string, required bool, limit int) (rule, problem string) {
	switch n := utf8.RuneCountInString(v); {
	case n == 0 && required:
		return ruleRequired, "is required"
	case n > limit:
		return ruleLength, fmt.Sprintf("is longer than %d characters", limit)
	case !utf8.ValidString(v):
		return ruleFormat, "is not valid UTF-8"
	}
	return "", ""
}
