package ivms

import "testing"

func TestIsRegistrationAuthority(t *testing.T) {
	t.Parallel()
	if n := len(raCodes()); n < 990 {
		t.Errorf("embedded list has %d codes", n)
	}
	for _, ok := range []string{"RA000001", "RA000589", "RA001045", "RA777777", "RA888888", "RA999999", "ra000665"} {
		if !IsRegistrationAuthority(ok) {
			t.Errorf("IsRegistrationAuthority(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "RA000000", "RA999998", "RA00058", "RA0005890", "RB000589", "RA00058X", "GB-COH"} {
		if IsRegistrationAuthority(bad) {
			t.Errorf("IsRegistrationAuthority(%q) = true", bad)
		}
	}
}
