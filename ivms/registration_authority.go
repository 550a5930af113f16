package ivms

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// registrationAuthoritiesText is a snapshot of the GLEIF Registration
// Authorities List (one RA code per line; see the file's header for its
// source and how to refresh it). Codes added by GLEIF after the snapshot can
// be accepted at run time with AllowRegistrationAuthorities.
//
//go:embed registration_authorities.txt
var registrationAuthoritiesText string

// raCodes holds the numeric part of every listed code, sorted.
var raCodes = sync.OnceValue(func() []uint32 {
	codes := make([]uint32, 0, 1024)
	for line := range strings.Lines(registrationAuthoritiesText) {
		line = strings.TrimSpace(line)
		if n, ok := raNumber(line); ok {
			codes = append(codes, n)
		}
	}
	slices.Sort(codes)
	return slices.Compact(codes)
})

// IsRegistrationAuthority reports whether code is well formed (RA followed
// by six digits) and on the embedded GLEIF Registration Authorities List:
// the two halves of constraint C10. The comparison ignores case.
func IsRegistrationAuthority(code string) bool {
	n, ok := raNumber(code)
	if !ok {
		return false
	}
	_, found := slices.BinarySearch(raCodes(), n)
	return found
}

// raNumber parses ^RA[0-9]{6}$ (RA in any case) into its number.
func raNumber(code string) (uint32, bool) {
	if len(code) != 8 || upperASCII(code[0]) != 'R' || upperASCII(code[1]) != 'A' {
		return 0, false
	}
	var n uint32
	for i := 2; i < 8; i++ {
		c := code[i]
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}
