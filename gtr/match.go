package gtr

import (
	"slices"
	"strings"
	"unicode"
)

// Thresholds of GTR's PII verification methods (spec §9.1, GTR's "PII
// verification methods" page, implemented by GTR's pii-matching-tools).
const (
	// nameMatchThreshold is the NAME_FUZZY_VD score at or above which two
	// names match.
	nameMatchThreshold = 0.8
	// nameTokenThreshold is the Levenshtein similarity at or above which two
	// name tokens (words) count as the same word.
	nameTokenThreshold = 0.7
	// nameMissingTokenPenalty is subtracted from a NAME_FUZZY_VD score for
	// every word of either name left without a partner (a middle name
	// present on one side only costs one penalty).
	nameMissingTokenPenalty = 0.2
	// fuzzyTextThreshold is the FUZZY_TEXT similarity at or above which two
	// texts match.
	fuzzyTextThreshold = 0.7
)

// Compare applies the rule to a value the counterparty sent and the value we
// hold, and returns FieldMatch or FieldMismatch. It does not judge presence:
// when either value is empty (after trimming) it returns FieldMismatch, and
// verifyPIIFields decides what an absent value means before comparing. byNone
// (and any rule the SDK does not know) returns FieldNotSupported: the field is
// not compared.
//
// NAME_FUZZY_VD compares two whole names (see nameSimilarity); for lists of
// names use matchAnyName.
func (r matchRule) compare(sent, known string) FieldStatus {
	switch r {
	case byNameFuzzy:
		return matchName(sent, known)
	case byExact, byType:
		return matchStatus(matchAbsCI(sent, known))
	case byFuzzyText:
		return matchStatus(textSimilarity(sent, known) >= fuzzyTextThreshold)
	case byPostCode:
		return matchStatus(matchPostCode(sent, known))
	}
	return FieldNotSupported
}

func matchStatus(match bool) FieldStatus {
	if match {
		return FieldMatch
	}
	return FieldMismatch
}

// matchAbsCI is ABS_CI (and TYPE): case-insensitive equality of the trimmed
// values. Two empty values do not match: there is nothing to verify.
func matchAbsCI(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

// matchPostCode is POST_CODE: keep the digits only, then compare for
// equality ("SW1A 1AA" and "sw1a-1aa" both become "11"). A post code
// without any digit (some countries use letters only) is compared on its
// letters and digits, case-insensitively, instead of matching every other
// digit-less code.
func matchPostCode(a, b string) bool {
	da, db := matchDigits(a), matchDigits(b)
	if da != "" || db != "" {
		return da == db
	}
	aa, ab := matchAlnum(a), matchAlnum(b)
	return aa != "" && aa == ab
}

func matchDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func matchAlnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// textSimilarity is the FUZZY_TEXT similarity of two texts, between 0 and 1:
// 1 − Levenshtein distance / length of the longer text, counted in Unicode
// code points, after lower-casing and collapsing runs of white space. Two
// empty texts score 0 (nothing to verify).
func textSimilarity(a, b string) float64 {
	ra, rb := []rune(matchFoldText(a)), []rune(matchFoldText(b))
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	return matchLevRatio(ra, rb)
}

func matchFoldText(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// matchName applies NAME_FUZZY_VD to two names, each the whole name as one
// string (for a natural person, primary and secondary identifier joined by
// a space; the order does not matter). It returns FieldMatch when
// nameSimilarity reaches nameMatchThreshold, FieldMismatch otherwise.
func matchName(sent, known string) FieldStatus {
	return matchStatus(nameSimilarity(sent, known) >= nameMatchThreshold)
}

// matchAnyName applies NAME_FUZZY_VD to lists of names: a person may carry
// several names (legal, alias, local-script forms), and "the name has match
// to the one of list, then it should consider to be matched". It returns
// FieldMatch when any name of sent matches any name of known.
func matchAnyName(sent, known []string) FieldStatus {
	for _, s := range sent {
		for _, k := range known {
			if matchName(s, k) == FieldMatch {
				return FieldMatch
			}
		}
	}
	return FieldMismatch
}

// nameSimilarity is the NAME_FUZZY_VD score of two names, between 0 and 1.
//
//  1. Each name is lower-cased and cut into words at white space, Unicode
//     separators, hyphens, dots, commas and underscores; every other
//     punctuation mark or symbol is removed ("O'Brien" → "obrien",
//     "Tudor-Andrei" → "tudor", "andrei").
//  2. The words are sorted (token sort: "Doe Jane" equals "Jane Doe") and
//     paired greedily, most similar pair first; two words pair when their
//     Levenshtein similarity reaches nameTokenThreshold (0.7).
//  3. The score is the mean similarity of the pairs, minus
//     nameMissingTokenPenalty (0.2) for every word of either name left
//     unpaired. A missing middle name costs 0.2, so "Jane Doe" still
//     matches "Jane Mary Doe" (0.8); a different first name costs two
//     penalties and fails.
//  4. When the two names have a different number of words, the names are
//     also compared with all separators removed (so "Tudorandrei" meets
//     "Tudor Andrei") and the higher score wins.
//
// Names with no letter or digit left score 0.
func nameSimilarity(a, b string) float64 {
	ta, tb := matchNameTokens(a), matchNameTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	score := matchTokenScore(ta, tb)
	if len(ta) != len(tb) && score < 1 {
		if c := matchLevRatio([]rune(strings.Join(ta, "")), []rune(strings.Join(tb, ""))); c > score {
			score = c
		}
	}
	return score
}

// matchNameTokens lower-cases a name and cuts it into words (step 1 of
// nameSimilarity), in the order written.
func matchNameTokens(s string) []string {
	var tokens []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			tokens = append(tokens, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			cur.WriteRune(r)
		case unicode.IsSpace(r) || unicode.Is(unicode.Z, r) || r == '-' || r == '.' || r == ',' || r == '_' ||
			unicode.Is(unicode.Pd, r):
			flush()
		default: // other punctuation and symbols: removed
		}
	}
	flush()
	return tokens
}

// matchTokenScore is steps 2 and 3 of nameSimilarity.
func matchTokenScore(ta, tb []string) float64 {
	a, b := slices.Clone(ta), slices.Clone(tb)
	slices.Sort(a)
	slices.Sort(b)
	if slices.Equal(a, b) {
		return 1
	}
	ra := make([][]rune, len(a))
	for i, s := range a {
		ra[i] = []rune(s)
	}
	rb := make([][]rune, len(b))
	for j, s := range b {
		rb[j] = []rune(s)
	}
	type pair struct {
		i, j int
		sim  float64
	}
	var pairs []pair
	for i := range ra {
		for j := range rb {
			if sim := matchLevRatio(ra[i], rb[j]); sim >= nameTokenThreshold {
				pairs = append(pairs, pair{i, j, sim})
			}
		}
	}
	// Most similar first; ties in sorted-token order, so the result does
	// not depend on how the names were written.
	slices.SortStableFunc(pairs, func(x, y pair) int {
		switch {
		case x.sim > y.sim:
			return -1
		case x.sim < y.sim:
			return 1
		}
		return 0
	})
	usedA := make([]bool, len(a))
	usedB := make([]bool, len(b))
	var sum float64
	n := 0
	for _, p := range pairs {
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		sum += p.sim
		n++
	}
	if n == 0 {
		return 0
	}
	unpaired := len(a) + len(b) - 2*n
	score := sum/float64(n) - nameMissingTokenPenalty*float64(unpaired)
	if score < 0 {
		return 0
	}
	return score
}

// matchLevRatio is 1 − distance / max(len): 1 for equal inputs, 0 for
// nothing in common.
func matchLevRatio(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(matchLevenshtein(a, b))/float64(n)
}

// matchLevenshtein is the edit distance (insertions, deletions, substitutions of
// one code point each) with two rows of memory.
func matchLevenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
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
	return prev[len(b)]
}
