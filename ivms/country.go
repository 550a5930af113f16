package ivms

// iso3166Alpha2 lists the 249 officially assigned ISO 3166-1 alpha-2 codes
// (ISO 3166 Maintenance Agency; unchanged since SS for South Sudan in 2011).
// To refresh: replace the list with the codes of the current ISO 3166-1
// "officially assigned" set and run the tests (country_test.go counts them).
const iso3166Alpha2 = "" +
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
	"DE DJ DK DM DO DZ " +
	"EC EE EG EH ER ES ET " +
	"FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
	"HK HM HN HR HT HU " +
	"ID IE IL IM IN IO IQ IR IS IT " +
	"JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ " +
	"LA LB LC LI LK LR LS LT LU LV LY " +
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ " +
	"OM " +
	"PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
	"QA " +
	"RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
	"UA UG UM US UY UZ " +
	"VA VC VE VG VI VN VU " +
	"WF WS " +
	"YE YT " +
	"ZA ZM ZW"

// countryTable[i*26+j] is true for the code of letters i and j (A=0).
var countryTable = func() (t [26 * 26]bool) {
	for i := 0; i+1 < len(iso3166Alpha2); i += 3 {
		t[int(iso3166Alpha2[i]-'A')*26+int(iso3166Alpha2[i+1]-'A')] = true
	}
	t[('X'-'A')*26+('X'-'A')] = true // XX: unknown state or entity (WIPO ST.3), allowed by C3
	return t
}()

// IsCountryCode reports whether code is a CountryCode as constraint C3
// defines it: an officially assigned ISO 3166-1 alpha-2 code or "XX". The
// comparison ignores case, as IVMS101 values are case-insensitive.
func IsCountryCode(code string) bool {
	if len(code) != 2 {
		return false
	}
	a, b := upperASCII(code[0]), upperASCII(code[1])
	if a < 'A' || a > 'Z' || b < 'A' || b > 'Z' {
		return false
	}
	return countryTable[int(a-'A')*26+int(b-'A')]
}

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
