package ivms

import "testing"

func TestIsCountryCode(t *testing.T) {
	t.Parallel()
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if IsCountryCode(string([]rune{a, b})) {
				n++
			}
		}
	}
	if n != 250 { // 249 ISO 3166-1 codes + XX
		t.Errorf("%d codes accepted, want 250", n)
	}
	for _, ok := range []string{"US", "gb", "Ss", "XX", "xx", "AX", "BQ"} {
		if !IsCountryCode(ok) {
			t.Errorf("IsCountryCode(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "U", "USA", "UK", "EU", "XK", "ZZ", "1A", "U\x00", "é"} {
		if IsCountryCode(bad) {
			t.Errorf("IsCountryCode(%q) = true", bad)
		}
	}
}
