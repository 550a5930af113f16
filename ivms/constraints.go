package ivms

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The constraints C1–C12 of IVMS101 (§5.2.1.2 and §5.2.13.2 of the 2023
// text; the 2020 wording differs only in element names) and the datatype
// checks. Each check reports at the element that breaks the rule.

// checkC1 — OriginatorInformationNaturalPerson: "If the originator is a
// NaturalPerson either (geographicAddress with an addressType value of
// 'GEOG' or 'HOME' or 'BIZZ') and/or customerIdentification and/or
// nationalIdentification and/or dateAndPlaceOfBirth is required."
// Applied to the natural persons of originator.originatorPersons only.
func (v *validator) checkC1(np *NaturalPerson) {
	if len(np.GeographicAddresses) > 0 || np.CustomerIdentification != "" ||
		np.NationalIdentification != nil || np.DateAndPlaceOfBirth != nil {
		return
	}
	v.add("", "C1", "an originator natural person needs a geographicAddress, customerIdentification, nationalIdentification or dateAndPlaceOfBirth")
}

// checkC2 — DateInPast: "If dateOfBirth is specified, the date specified
// must be a historic date (i.e. a date prior to the current date)." Today
// (UTC) is not in the past.
func (v *validator) checkC2(date string) {
	if !v.hasDay {
		now := v.cfg.now
		if now.IsZero() {
			now = time.Now()
		}
		now.UTC().AppendFormat(v.today[:0], "2006-01-02")
		v.hasDay = true
	}
	if date >= string(v.today[:]) { // both YYYY-MM-DD: text order is date order
		v.add("dateOfBirth", "C2", "dateOfBirth must be before the current date")
	}
}

// country checks a CountryCode element — C3 Country: "The value used for the
// field country must be present on the ISO-3166-1 alpha-2 codes or the value XX."
func (v *validator) country(leaf, code string, required bool) {
	switch {
	case code == "":
		if required {
			v.add(leaf, ConstraintRequired, leaf+" is required")
		}
	case !IsCountryCode(code):
		v.add(leaf, "C3", leaf+" must be an ISO 3166-1 alpha-2 code or XX")
	}
}

// checkC4 — OriginatorInformationLegalPerson: "If the originator is a
// LegalPerson either (geographicAddress with an addressType value of
// 'GEOG') and/or customerIdentification and/or nationalIdentification is
// required." Only a GEOG address counts.
func (v *validator) checkC4(lp *LegalPerson) {
	if lp.CustomerIdentification != "" || lp.NationalIdentification != nil {
		return
	}
	for i := range lp.GeographicAddresses {
		if canonicalCode(string(lp.GeographicAddresses[i].AddressType), addressCodes) == string(AddressTypeGeographic) {
			return
		}
	}
	v.add("", "C4", "an originator legal person needs a GEOG geographicAddress, customerIdentification or nationalIdentification")
}

// checkC5 — LegalNamePresentLegalPerson: "At least one occurrence of
// legalPersonNameID must have the value 'LEGL' specified in the element
// legalPersonNameIdentifierType." Local and phonetic names do not count.
func (v *validator) checkC5(n *LegalPersonName) {
	for i := range n.NameIdentifiers {
		if strings.EqualFold(string(n.NameIdentifiers[i].LegalPersonNameIdentifierType), "LEGL") {
			return
		}
	}
	v.add("name", "C5", "a legal person needs a nameIdentifier of type LEGL")
}

// checkC6 — LegalNamePresentNaturalPerson: "At least one occurrence of
// naturalPersonNameID must have the value 'LEGL' specified in the element
// naturalPersonNameIdentifierType." Local and phonetic names do not count.
func (v *validator) checkC6(n *NaturalPersonName) {
	for i := range n.NameIdentifiers {
		if strings.EqualFold(string(n.NameIdentifiers[i].NameIdentifierType), "LEGL") {
			return
		}
	}
	v.add("name", "C6", "a natural person needs a nameIdentifier of type LEGL")
}

// checkC7 — ValidNationalIdentifierLegalPerson: "A legal person must have a
// value for nationalIdentifierType of either 'RAID' or 'MISC' or 'LEIX' or
// 'TXID'." typ is the canonical code ("" when absent or unknown: those are
// REQUIRED / ENUM).
func (v *validator) checkC7(typ string) {
	switch NationalIdentifierType(typ) {
	case "", NationalIDRegistrationAuthority, NationalIDMisc, NationalIDLEI, NationalIDTax:
		return
	}
	v.add("nationalIdentifierType", "C7", "a legal person's nationalIdentifierType must be RAID, MISC, LEIX or TXID")
}

// checkC8 — ValidAddress: "There must be at least one occurrence of the
// element addressLine or (streetName and buildingName and/or
// buildingNumber)." Having both forms is allowed.
func (v *validator) checkC8(a *Address) {
	if len(a.AddressLines) > 0 || (a.StreetName != "" && (a.BuildingName != "" || a.BuildingNumber != "")) {
		return
	}
	v.add("", "C8", "an address needs an addressLine, or a streetName with a buildingName or buildingNumber")
}

// checkC9 — CompleteNationalIdentifierLegalPerson: "A LegalPerson must not
// have a value for countryOfIssue and (must have a value for the element
// RegistrationAuthority if the value for nationalIdentifierType is not
// 'LEIX' and must not have a value for the element RegistrationAuthority if
// the value for nationalIdentifierType is 'LEIX')."
func (v *validator) checkC9(n *NationalIdentification, typ string) {
	if n.CountryOfIssue != "" {
		v.add("countryOfIssue", "C9", "a legal person's national identification must not have a countryOfIssue")
	}
	switch {
	case typ == "":
		// type absent or unknown: reported as REQUIRED / ENUM
	case typ == string(NationalIDLEI) && n.RegistrationAuthority != "":
		v.add("registrationAuthority", "C9", "an LEIX national identification must not have a registrationAuthority")
	case typ != string(NationalIDLEI) && n.RegistrationAuthority == "":
		v.add("registrationAuthority", "C9", "a legal person's national identification other than LEIX needs a registrationAuthority")
	}
}

// checkC10 — RegistrationAuthority: "The value used for the applicable
// element must be present on the GLEIF Registration Authorities List."
func (v *validator) checkC10(code string) {
	n, ok := raNumber(code)
	if !ok {
		v.add("registrationAuthority", "C10", "registrationAuthority must be RA followed by 6 digits")
		return
	}
	if IsRegistrationAuthority(code) {
		return
	}
	for _, extra := range v.cfg.extraRA {
		if m, ok := raNumber(extra); ok && m == n {
			return
		}
	}
	v.add("registrationAuthority", "C10", "registrationAuthority is not on the GLEIF Registration Authorities List")
}

// checkC11 — ValidLEI: "A LegalPerson with a nationalIdentifierType of
// 'LEIX' must have a value for the element nationalIdentifier that adheres
// to the convention as stated in datatype 'LEIText'." The ISO 17442 check
// digits are verified too unless LEIFormatOnly is set.
func (v *validator) checkC11(lei string) {
	if lei == "" {
		return // REQUIRED
	}
	err := CheckLEI(lei)
	switch {
	case errors.Is(err, ErrLEIFormat):
		v.add("nationalIdentifier", "C11", "an LEI must be 18 characters [0-9A-Z] followed by 2 digits (LEIText)")
	case errors.Is(err, ErrLEIChecksum) && !v.cfg.leiFormatOnly:
		v.add("nationalIdentifier", "C11", "the LEI check digits do not match (ISO 17442)")
	}
}

// checkC12 — sequentialIntegrity: "Occurrences of this component must have a
// corresponding sequence value starting from 0 and remain uninterrupted
// through to the final instance." The sequences, in any order, must be
// exactly 0…n-1. Malformed sequences are reported by sequence() and left out.
func (v *validator) checkC12(items []IntermediaryVASP) {
	n := len(items)
	if n == 0 {
		return
	}
	var small [16]bool
	var seen []bool
	if n <= len(small) {
		seen = small[:n]
	} else {
		seen = make([]bool, n)
	}
	duplicate, outOfRange := false, false
	for i := range items {
		s, ok := parseSequence(string(items[i].Sequence))
		switch {
		case !ok:
		case s >= int64(n):
			outOfRange = true
		case seen[s]:
			duplicate = true
		default:
			seen[s] = true
		}
	}
	switch {
	case duplicate:
		v.add("", "C12", "sequence values must not repeat: they must run 0, 1, 2… through the last intermediary")
	case outOfRange && !seen[0]:
		v.add("", "C12", "sequence values must start at 0 and run without gaps through the last intermediary")
	case outOfRange:
		v.add("", "C12", "sequence values must run 0, 1, 2… without gaps through the last intermediary")
	}
}

// text checks a Max*Text (local false) or LocalMax*Text (local true)
// element: at most max characters (Unicode code points, not bytes) and, for
// non-local text, printable ASCII — or the 2020 pattern [a-zA-Z0-9' ] with
// Strict2020Charset. Absence is not checked here.
func (v *validator) text(leaf, s string, max int, local bool) {
	if s == "" {
		return
	}
	n, charsetOK := 0, true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !local && !v.asciiOK(c) {
				charsetOK = false
			}
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if !local {
				charsetOK = false
			}
		}
		n++
	}
	if n > max {
		v.add(leaf, ConstraintLength, leafOr(leaf, "the value")+" must be at most "+strconv.Itoa(max)+" characters, has "+strconv.Itoa(n))
	}
	if !charsetOK {
		if v.cfg.strict2020 {
			v.add(leaf, ConstraintFormat, leafOr(leaf, "the value")+" may only hold letters, digits, apostrophes and spaces (2020 charset)")
		} else {
			v.add(leaf, ConstraintFormat, leafOr(leaf, "the value")+" must be printable ASCII; names in other scripts belong in localNameIdentifier")
		}
	}
}

func (v *validator) asciiOK(c byte) bool {
	if v.cfg.strict2020 {
		return c == ' ' || c == '\'' || isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	}
	return c >= ' ' && c <= '~'
}

// isDate reports whether s is YYYY-MM-DD and a real calendar date.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if !isDigit(s[i]) {
			return false
		}
	}
	year := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	month := int(s[5]-'0')*10 + int(s[6]-'0')
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day <= days
}

// parseSequence parses a sequence: a non-negative integer of at most 18
// significant digits (the IVMS Number datatype), digits only.
func parseSequence(s string) (int64, bool) {
	if !isDigits(s) {
		return 0, false
	}
	digits := strings.TrimLeft(s, "0")
	if len(digits) > 18 {
		return 0, false
	}
	if digits == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
