package gtr

import (
	"math"
	"testing"
)

func TestNameSimilarity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		a, b      string
		want      float64
		wantMatch FieldStatus
	}{
		{"identical", "Jane Doe", "Jane Doe", 1, FieldMatch},
		{"case and order", "DOE Jane", "jane doe", 1, FieldMatch},
		{"punctuation removed", "O'Brien, Seán", "obrien seán", 1, FieldMatch},
		{"hyphen splits", "Tudor-Andrei Vilceanu", "Vilceanu Tudor Andrei", 1, FieldMatch},
		{"joined vs split words", "Tudorandrei Vilceanu", "Tudor-Andrei Vilceanu", 1, FieldMatch},
		{"typo in joined name", "tudorandei vilceanu", "Tudor-Andrei Vilceanu", 1 - 1.0/19, FieldMatch},
		{"missing middle name", "Jane Doe", "Jane Mary Doe", 0.8, FieldMatch},
		{"one letter typo", "Jon Smith", "John Smith", 0.875, FieldMatch},
		{"different first name", "Jane Doe", "John Doe", 0.6, FieldMismatch},
		{"different surname", "Jane Doe", "Jane Roe", 0.6, FieldMismatch},
		{"two missing words", "Jane Doe", "Jane Mary Ann Doe", 0.6, FieldMismatch},
		{"nothing in common", "Alice Martin", "Bob Stone", 0, FieldMismatch},
		{"empty", "", "Jane Doe", 0, FieldMismatch},
		{"only punctuation", "!!", "??", 0, FieldMismatch},
		{"local script", "山田 太郎", "太郎 山田", 1, FieldMatch},
		{"unicode separators", "Jane\u00a0Doe", "Jane Doe", 1, FieldMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := nameSimilarity(tt.a, tt.b)
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("nameSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if rev := nameSimilarity(tt.b, tt.a); math.Abs(rev-got) > 1e-9 {
				t.Errorf("nameSimilarity is not symmetric: %v and %v", got, rev)
			}
			if st := matchName(tt.a, tt.b); st != tt.wantMatch {
				t.Errorf("matchName(%q, %q) = %v, want %v", tt.a, tt.b, st, tt.wantMatch)
			}
		})
	}
}

func TestMatchRuleCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule        matchRule
		sent, known string
		want        FieldStatus
	}{
		{byExact, "1985-04-12", "1985-04-12", FieldMatch},
		{byExact, "pt", "PT", FieldMatch},
		{byExact, " AB123456 ", "ab123456", FieldMatch},
		{byExact, "1985-04-12", "1985-04-13", FieldMismatch},
		{byExact, "", "", FieldMismatch},
		{byType, "CCPT", "ccpt", FieldMatch},
		{byType, "CCPT", "RAID", FieldMismatch},
		{byFuzzyText, "Rua Augusta 10", "rua  augusta 10", FieldMatch},
		{byFuzzyText, "Rua Augusta", "Rua Agusta", FieldMatch},   // 1 edit in 11
		{byFuzzyText, "Lisboa", "Lisbon", FieldMatch},            // 1 edit in 6: 0.83
		{byFuzzyText, "Porto", "Lisbon", FieldMismatch},          // nothing alike
		{byFuzzyText, "Main Street", "Main Road", FieldMismatch}, // 0.45
		{byFuzzyText, "Flat 1", "Flat 2", FieldMatch},            // 0.83: FUZZY_TEXT is lenient
		{byPostCode, "1100-148", "1100148", FieldMatch},          // digits only
		{byPostCode, "SW1A 1AA", "sw1a-1aa", FieldMatch},         // "11" == "11"
		{byPostCode, "SW1A 1AA", "EC1A 1BB", FieldMatch},         // GTR's rule keeps digits only
		{byPostCode, "1100-148", "1100-149", FieldMismatch},
		{byPostCode, "ABC", "abc", FieldMatch}, // no digits: letters compared
		{byPostCode, "ABC", "XYZ", FieldMismatch},
		{byPostCode, "", "", FieldMismatch},
		{byNameFuzzy, "Jane Doe", "DOE, Jane", FieldMatch},
		{byNameFuzzy, "Jane Doe", "John Doe", FieldMismatch},
		{byNone, "x", "x", FieldNotSupported},
		{matchRule("SOUNDEX"), "x", "x", FieldNotSupported},
	}
	for _, tt := range tests {
		if got := tt.rule.compare(tt.sent, tt.known); got != tt.want {
			t.Errorf("%s.compare(%q, %q) = %v, want %v", tt.rule, tt.sent, tt.known, got, tt.want)
		}
	}
}

func TestTextSimilarity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want float64
	}{
		{"abc", "abc", 1},
		{"ABC", "abc", 1},
		{"kitten", "sitting", 1 - 3.0/7},
		{"", "abc", 0},
		{"", "", 0},
		{"ação", "acao", 0.5}, // code points, not bytes
	}
	for _, tt := range tests {
		if got := textSimilarity(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("textSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMatchAnyName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		sent, known []string
		want        FieldStatus
	}{
		{"second alias matches", []string{"Johnny Walker", "Jane Doe"}, []string{"Doe Jane"}, FieldMatch},
		{"local name in the list", []string{"山田 太郎"}, []string{"Taro Yamada", "山田太郎"}, FieldMatch},
		{"none", []string{"Jane Doe"}, []string{"Mary Major", "Richard Roe"}, FieldMismatch},
		{"empty", nil, []string{"Jane Doe"}, FieldMismatch},
	}
	for _, tt := range tests {
		if got := matchAnyName(tt.sent, tt.known); got != tt.want {
			t.Errorf("%s: matchAnyName = %v, want %v", tt.name, got, tt.want)
		}
	}
}
