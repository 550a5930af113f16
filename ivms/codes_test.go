package ivms

import "testing"

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
