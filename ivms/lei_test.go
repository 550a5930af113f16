package ivms

import (
	"errors"
	"fmt"
	"testing"
)

func TestCheckLEI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lei  string
		want error
	}{
		{"506700GE1G29325QX363", nil}, // GLEIF's own
		{"506700T7Z685VUOZL877", nil},
		{"213800AQUAUP6I215N33", ErrLEIChecksum}, // a TXID in the samples, not an LEI
		{"335800HXPOIUDJ9T5R34", nil},
		{"5493004YBI24IF4TIP92", ErrLEIChecksum},
		{"3M5E1GQKGL17HI8CPN20", ErrLEIChecksum}, // IVMS101 2020 Example 1
		{"506700T7Z685VUOZL878", ErrLEIChecksum},
		{"506700GE1G29325QX36", ErrLEIFormat},
		{"506700GE1G29325QX3633", ErrLEIFormat},
		{"506700ge1g29325qx363", ErrLEIFormat},
		{"506700GE1G29325QX3A3", ErrLEIFormat},
		{"XXXXXXXXXXXXXXXXXXXX", ErrLEIFormat},
		{"", ErrLEIFormat},
	}
	for _, tc := range tests {
		if err := CheckLEI(tc.lei); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
			t.Errorf("CheckLEI(%q) = %v, want %v", tc.lei, err, tc.want)
		}
	}
}

func TestLEICheckDigits(t *testing.T) {
	t.Parallel()
	for _, lei := range []string{"506700GE1G29325QX363", "506700T7Z685VUOZL877", "335800HXPOIUDJ9T5R34"} {
		got, err := LEICheckDigits(lei[:18])
		if err != nil || got != lei[18:] {
			t.Errorf("LEICheckDigits(%q) = %q, %v; want %q", lei[:18], got, err, lei[18:])
		}
	}
	// Check digits 01 and 97 exist, so the zero padding matters.
	for prefix := range 2000 {
		p := fmt.Sprintf("549300000000%06d", prefix)
		d, err := LEICheckDigits(p)
		if err != nil || CheckLEI(p+d) != nil {
			t.Fatalf("LEICheckDigits(%q) = %q, %v: result does not check", p, d, err)
		}
	}
	for _, bad := range []string{"", "506700GE1G29325QX", "506700ge1g29325qx3", "506700GE1G29325QX-"} {
		if _, err := LEICheckDigits(bad); !errors.Is(err, ErrLEIFormat) {
			t.Errorf("LEICheckDigits(%q) error = %v, want ErrLEIFormat", bad, err)
		}
	}
}

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

func TestNormalizeCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw    string
		number bool
		prefix string
		codes  []string
		want   string
	}{
		{"LEGL", false, naturalNamePrefix, naturalNameCodes, "LEGL"},
		{"legl", false, naturalNamePrefix, naturalNameCodes, "LEGL"},
		{"NATURAL_PERSON_NAME_TYPE_CODE_MAID", false, naturalNamePrefix, naturalNameCodes, "MAID"},
		{"natural_person_name_type_code_misc", false, naturalNamePrefix, naturalNameCodes, "MISC"},
		{"LEGAL_PERSON_NAME_TYPE_CODE_MISC", false, legalNamePrefix, legalNameCodes, ""}, // proto "unset"
		{"ADDRESS_TYPE_CODE_LEGL", false, naturalNamePrefix, naturalNameCodes, "ADDRESS_TYPE_CODE_LEGL"},
		{"4", true, naturalNamePrefix, naturalNameCodes, "LEGL"},
		{"0", true, naturalNamePrefix, naturalNameCodes, "MISC"},
		{"0", true, addressPrefix, addressCodes, ""},
		{"3", true, addressPrefix, addressCodes, "GEOG"},
		{"12", true, translitPrefix, translitCodes, "THAI"},
		{"13", true, translitPrefix, translitCodes, "13"},
		{"04", true, naturalNamePrefix, naturalNameCodes, "04"},
		{"-1", true, naturalNamePrefix, naturalNameCodes, "-1"},
		{"4.0", true, naturalNamePrefix, naturalNameCodes, "4.0"},
		{"NICK", false, naturalNamePrefix, naturalNameCodes, "NICK"},
	}
	for _, tc := range tests {
		if got := normalizeCode(tc.raw, tc.number, tc.prefix, tc.codes); got != tc.want {
			t.Errorf("normalizeCode(%q, %v) = %q, want %q", tc.raw, tc.number, got, tc.want)
		}
	}
}

func TestCodeValid(t *testing.T) {
	t.Parallel()
	checks := []struct {
		name string
		ok   bool
	}{
		{"NameTypeLegal", NameTypeLegal.Valid()},
		{"LegalNameTypeTrading", LegalNameTypeTrading.Valid()},
		{"AddressTypeGeographic", AddressTypeGeographic.Valid()},
		{"NationalIDLEI", NationalIDLEI.Valid()},
		{"TransliterationOther", TransliterationOther.Valid()},
		{"PayloadVersion2023", PayloadVersion2023.Valid()},
		{"PayloadVersion IVMS101.2023", PayloadVersion("IVMS101.2023").Valid()},
		{"lower-case legl is not canonical", !NaturalPersonNameType("legl").Valid()},
		{"empty", !AddressType("").Valid()},
		{"MISC is no legal name type", !LegalPersonNameType("MISC").Valid()},
		{"payload version 102", !PayloadVersion("102").Valid()},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: wrong", c.name)
		}
	}
	if Version2023.String() != "IVMS101.2023" || Version2020.String() != "IVMS101 2020" || Version(9).String() == "" {
		t.Error("Version.String")
	}
}
