package ivms

import "errors"

// LEI errors. Both are reported by Validate as constraint C11.
var (
	// ErrLEIFormat: not 18 characters of [0-9A-Z] followed by 2 digits (the
	// IVMS101 LEIText datatype).
	ErrLEIFormat = errors.New("ivms: LEI must be 18 characters [0-9A-Z] followed by 2 digits")
	// ErrLEIChecksum: well formed, but the ISO 17442 check digits (ISO/IEC
	// 7064 MOD 97-10) do not match.
	ErrLEIChecksum = errors.New("ivms: LEI check digits do not match (ISO 17442)")
)

// CheckLEI checks a Legal Entity Identifier: the LEIText format and the
// ISO 17442 check digits. It returns nil, ErrLEIFormat or ErrLEIChecksum.
// An LEI is upper case; a lower-case one is a format error.
func CheckLEI(lei string) error {
	if !leiFormat(lei) {
		return ErrLEIFormat
	}
	if mod97(lei) != 1 {
		return ErrLEIChecksum
	}
	return nil
}

// LEICheckDigits computes the two ISO 17442 check digits of an 18-character
// LEI prefix (e.g. the prefix issued by a Local Operating Unit plus the
// entity part). Append them to get a valid LEI.
func LEICheckDigits(prefix string) (string, error) {
	if len(prefix) != 18 {
		return "", ErrLEIFormat
	}
	for i := 0; i < 18; i++ {
		if !isLEIChar(prefix[i]) {
			return "", ErrLEIFormat
		}
	}
	check := 98 - mod97(prefix+"00")
	return string([]byte{byte('0' + check/10), byte('0' + check%10)}), nil
}

// leiFormat matches ^[0-9A-Z]{18}[0-9]{2}$.
func leiFormat(s string) bool {
	if len(s) != 20 {
		return false
	}
	for i := 0; i < 18; i++ {
		if !isLEIChar(s[i]) {
			return false
		}
	}
	return isDigit(s[18]) && isDigit(s[19])
}

func isLEIChar(c byte) bool { return isDigit(c) || (c >= 'A' && c <= 'Z') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mod97 is the ISO/IEC 7064 MOD 97-10 remainder of s read as the decimal
// number formed by replacing A..Z with 10..35. s holds [0-9A-Z] only.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}
