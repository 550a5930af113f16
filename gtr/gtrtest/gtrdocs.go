package gtrtest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// This file is what GTR documents, written down in the fake: the request
// rules, the verify-field table and the PII verification methods. The fake
// judges requests with it and never with package gtr's validation,
// matching or verdict code, so an SDK bug cannot pass its own fake.
// References are to the SDK's GTR spec (spec/gtr.md), which quotes GTR.

// Request rules (spec §4, §5.1).
var (
	// requestId: 4–64 characters, pattern [\w\d_=-]+.
	requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9_=-]{4,64}$`)
	// amount and fiatPrice: a decimal string, "at least \"0\"".
	decimalPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
)

// Amount precision: "Longest AVAX should be decimal(28,18)" (GTR's one-step
// page). The fake reads it as at most 28 significant digits, at most 18 of
// them after the point; zeros that do not change the value are not
// significant.
const (
	amountDigits = 28
	amountScale  = 18
)

// validAmount applies decimal(28,18) to a decimal string.
func validAmount(s string) bool {
	if !decimalPattern.MatchString(s) || len(s) > 64 {
		return false
	}
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	return len(frac) <= amountScale && len(intPart)+len(frac) <= amountDigits
}

// PII settings GTR documents (spec §7.1, §7.3, §7.4).
const (
	algEd25519Curve25519 = "ed25519_curve25519" // matched case-sensitively, as GTR's Java does
	algKeccak256         = "keccak256"
	formatFull           = "FULL_JSON_OBJECT_ENCRYPT"
	formatFieldEncrypt   = "JSON_FIELD_ENCRYPT"
	formatFieldHash      = "JSON_FIELD_HASH"
	specIVMS2020         = "ivms101-2020" // the only piiSpecVersion GTR publishes
	maxSecuredPayload    = 80000          // PIISecuredInfo type page
	saltMinExclusive     = 10             // TRVIP-0002 §3: 10 < length < 250
	saltMaxExclusive     = 250
)

// Match rules of GTR's "PII verification methods" page (spec §9.1).
const (
	ruleName     = "NAME_FUZZY_VD"
	ruleType     = "TYPE"
	ruleAbsCI    = "ABS_CI"
	ruleFuzzy    = "FUZZY_TEXT"
	rulePostCode = "POST_CODE"
	ruleNone     = "NONE"
)

// Thresholds of NAME_FUZZY_VD and FUZZY_TEXT (spec §9.1).
const (
	nameTokenThreshold = 0.7
	nameMissingPenalty = 0.2
	nameMatchThreshold = 0.8
	fuzzyTextThreshold = 0.7
)

// fieldRow is one row of GTR's PII Verify Fields table ("Update: 2025 Sep
// 03", spec §9.1).
type fieldRow struct {
	id     string
	entity string // GTR's root key: Originator, Beneficiary, OriginatingVASP, BeneficiaryVASP
	person string // naturalPerson, legalPerson, or accountNumber
	path   string // below the person, dot-separated
	rule   string
	name   string // a readable name for VASP detail
}

// The suffix tables of spec §9.1.
var (
	legalSuffixes = []struct{ suffix, path, rule string }{
		{"001", "legalPersonName", ruleName},
		{"002", "nationalIdentification.nationalIdentifierType", ruleType},
		{"003", "nationalIdentification.nationalIdentifier", ruleAbsCI},
		{"004", "nationalIdentification.registrationAuthority", ruleAbsCI},
		{"005", "nationalIdentification.countryOfIssue", ruleAbsCI},
		{"006", "customerIdentification", ruleNone}, // "—" in the table: not compared
		{"007", "geographicAddress.country", ruleAbsCI},
		{"008", "geographicAddress.townName", ruleFuzzy},
		{"009", "geographicAddress.addressLine", ruleFuzzy},
		{"010", "geographicAddress.department", ruleFuzzy},
		{"011", "geographicAddress.subDepartment", ruleFuzzy},
		{"012", "geographicAddress.streetName", ruleFuzzy},
		{"013", "geographicAddress.buildingNumber", ruleFuzzy},
		{"014", "geographicAddress.buildingName", ruleFuzzy},
		{"015", "geographicAddress.floor", ruleFuzzy},
		{"016", "geographicAddress.postBox", ruleFuzzy},
		{"017", "geographicAddress.room", ruleFuzzy},
		{"018", "geographicAddress.postCode", rulePostCode},
		{"019", "geographicAddress.townLocationName", ruleFuzzy},
		{"020", "geographicAddress.districtName", ruleFuzzy},
		{"021", "geographicAddress.countrySubDivision", ruleFuzzy},
		{"022", "countryOfRegistration", ruleAbsCI},
	}
	naturalSuffixes = []struct{ suffix, path, rule string }{
		{"024", "dateAndPlaceOfBirth.placeOfBirth", ruleFuzzy},
		{"025", "dateAndPlaceOfBirth.dateOfBirth", ruleAbsCI},
		{"026", "name.nameIdentifier", ruleName},
		{"027", "name.localNameIdentifier", ruleName},
		{"028", "name.phoneticNameIdentifier", ruleName},
		{"029", "geographicAddress.country", ruleAbsCI},
		{"030", "geographicAddress.townName", ruleFuzzy},
		{"031", "geographicAddress.addressLine", ruleFuzzy},
		{"032", "geographicAddress.department", ruleFuzzy},
		{"033", "geographicAddress.subDepartment", ruleFuzzy},
		{"034", "geographicAddress.streetName", ruleFuzzy},
		{"035", "geographicAddress.buildingNumber", ruleFuzzy},
		{"036", "geographicAddress.buildingName", ruleFuzzy},
		{"037", "geographicAddress.floor", ruleFuzzy},
		{"038", "geographicAddress.postBox", ruleFuzzy},
		{"039", "geographicAddress.room", ruleFuzzy},
		{"040", "geographicAddress.postCode", rulePostCode},
		{"041", "geographicAddress.townLocationName", ruleFuzzy},
		{"042", "geographicAddress.districtName", ruleFuzzy},
		{"043", "geographicAddress.countrySubDivision", ruleFuzzy},
		{"044", "nationalIdentification.nationalIdentifierType", ruleType},
		{"045", "nationalIdentification.nationalIdentifier", ruleAbsCI},
		{"046", "nationalIdentification.countryOfIssue", ruleAbsCI},
		{"047", "customerIdentification", ruleNone},
		{"048", "countryOfResidence", ruleAbsCI},
	}
)

// fieldTable maps every id of GTR's table to its row.
var fieldTable, fieldOrder = buildFieldTable()

func buildFieldTable() (map[string]fieldRow, []string) {
	rows := map[string]fieldRow{}
	var order []string
	add := func(r fieldRow) {
		rows[r.id] = r
		order = append(order, r.id)
	}
	prefixes := []struct{ prefix, entity, person string }{
		{"100", "Originator", "naturalPerson"},
		{"101", "Originator", "legalPerson"},
		{"110", "Beneficiary", "naturalPerson"},
		{"111", "Beneficiary", "legalPerson"},
		{"121", "OriginatingVASP", "legalPerson"},
		{"131", "BeneficiaryVASP", "legalPerson"},
	}
	for _, p := range prefixes {
		suffixes := legalSuffixes
		if p.person == "naturalPerson" {
			suffixes = naturalSuffixes
		}
		for _, s := range suffixes {
			if s.suffix == "006" && (p.prefix == "121" || p.prefix == "131") {
				continue // customerIdentification: 101 and 111 only
			}
			add(fieldRow{id: p.prefix + s.suffix, entity: p.entity, person: p.person, path: s.path, rule: s.rule,
				name: p.entity + " " + p.person + " " + s.path})
		}
	}
	add(fieldRow{id: "103023", entity: "Originator", person: "accountNumber", rule: ruleNone, name: "Originator accountNumber"})
	add(fieldRow{id: "113023", entity: "Beneficiary", person: "accountNumber", rule: ruleNone, name: "Beneficiary accountNumber"})
	return rows, order
}

// Field statuses (spec §9.2) and the names GTR gives them.
const (
	statusSkip         = 0
	statusMatch        = 1
	statusMismatch     = 2
	statusNotSupport   = 3
	statusInfoMissing  = 4
	statusInfoExists   = 5
	publishedStatusMax = 5
)

var statusNames = [...]string{"SKIP", "MATCH", "MISMATCH", "NOT_SUPPORT", "REQUIRED_INFO_MISSING", "REQUIRED_INFO_EXISTS"}

func statusName(s int) string {
	if s >= 0 && s <= publishedStatusMax {
		return statusNames[s]
	}
	return "UNKNOWN"
}

// compareRule applies a match rule to a sent and a known value.
func compareRule(rule, sent, known string) bool {
	switch rule {
	case ruleName:
		return nameScore(sent, known) >= nameMatchThreshold
	case ruleType, ruleAbsCI:
		s, k := strings.TrimSpace(sent), strings.TrimSpace(known)
		return s != "" && strings.EqualFold(s, k)
	case ruleFuzzy:
		s, k := foldText(sent), foldText(known)
		return s != "" && k != "" && levRatio([]rune(s), []rune(k)) >= fuzzyTextThreshold
	case rulePostCode:
		// "keep digits only, then equality"; a code without digits is
		// compared on its letters and digits.
		s, k := keepRunes(sent, unicode.IsDigit), keepRunes(known, unicode.IsDigit)
		if s == "" && k == "" {
			s, k = keepRunes(strings.ToLower(sent), isAlnum), keepRunes(strings.ToLower(known), isAlnum)
		}
		return s != "" && s == k
	}
	return false
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func keepRunes(s string, keep func(rune) bool) string {
	var b strings.Builder
	for _, r := range s {
		if keep(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func foldText(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// nameTokens lower-cases a name, drops punctuation and splits it at
// whitespace-like separators (spaces, hyphens, dots, commas, underscores).
func nameTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || strings.ContainsRune(".,_", r)
	})
}

// nameScore is NAME_FUZZY_VD: the tokens of both names, sorted, are paired
// with their most similar partner when the Levenshtein similarity reaches
// the token threshold; the score is the pairs' mean similarity less the
// penalty per token left without a partner. Punctuation inside tokens is
// dropped; the names written without separators are compared as a whole
// too, so "Jean Pierre" and "Jeanpierre" meet.
func nameScore(a, b string) float64 {
	ta, tb := cleanTokens(nameTokens(a)), cleanTokens(nameTokens(b))
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	slices.Sort(ta)
	slices.Sort(tb)
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	used := make([]bool, len(tb))
	sum, pairs := 0.0, 0
	for _, x := range ta {
		best, at := 0.0, -1
		for j, y := range tb {
			if used[j] {
				continue
			}
			if r := levRatio([]rune(x), []rune(y)); r > best {
				best, at = r, j
			}
		}
		if at >= 0 && best >= nameTokenThreshold {
			used[at] = true
			sum += best
			pairs++
		}
	}
	score := 0.0
	if pairs > 0 {
		score = sum/float64(pairs) - nameMissingPenalty*float64(len(ta)+len(tb)-2*pairs)
	}
	if whole := levRatio([]rune(strings.Join(ta, "")), []rune(strings.Join(tb, ""))); len(ta) != len(tb) && whole > score {
		score = whole
	}
	return score
}

func cleanTokens(ts []string) []string {
	out := ts[:0]
	for _, t := range ts {
		if t = keepRunes(t, func(r rune) bool { return isAlnum(r) || unicode.Is(unicode.Mn, r) }); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// levRatio is 1 − Levenshtein distance / the longer length.
func levRatio(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(b)])/float64(n)
}
