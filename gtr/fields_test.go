package gtr

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKnownFieldsTable(t *testing.T) {
	t.Parallel()
	fields := KnownFields()
	// 100/110: 25 natural fields; 101/111: 22 legal fields; 121/131: 21
	// (no customerIdentification); 103023 and 113023.
	if got, want := len(fields), 2*25+2*22+2*21+2; got != want {
		t.Fatalf("len(KnownFields()) = %d, want %d", got, want)
	}
	seenID := map[FieldID]bool{}
	seenName := map[string]bool{}
	for i, f := range fields {
		if seenID[f.ID] || seenName[f.Name] {
			t.Errorf("duplicate row %d: %s %s", i, f.ID, f.Name)
		}
		seenID[f.ID], seenName[f.Name] = true, true
		if !validFieldID(f.ID) || len(f.ID) != 6 {
			t.Errorf("%s: id %q is not six digits", f.Name, f.ID)
		}
		if i > 0 && fields[i-1].ID >= f.ID {
			t.Errorf("table not in id order at %s", f.ID)
		}
		if f.ID.String() != f.Name {
			t.Errorf("%s.String() = %q", f.ID, f.ID.String())
		}
		wantParty := map[string]Party{"100": PartyOriginator, "101": PartyOriginator, "103": PartyOriginator,
			"110": PartyBeneficiary, "111": PartyBeneficiary, "113": PartyBeneficiary,
			"121": PartyOriginatingVASP, "131": PartyBeneficiaryVASP}[string(f.ID[:3])]
		if f.Party != wantParty {
			t.Errorf("%s: party %q, want %q", f.ID, f.Party, wantParty)
		}
	}
}

func TestFieldInfo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id    FieldID
		want  FieldInfo
		known bool
	}{
		{BeneficiaryNaturalName, FieldInfo{ID: "110026", Name: "BeneficiaryNaturalName", Party: PartyBeneficiary, Person: PersonNatural, IVMSPath: "name.nameIdentifier", Rule: MatchNameFuzzy}, true},
		{BeneficiaryNaturalDateOfBirth, FieldInfo{ID: "110025", Name: "BeneficiaryNaturalDateOfBirth", Party: PartyBeneficiary, Person: PersonNatural, IVMSPath: "dateAndPlaceOfBirth.dateOfBirth", Rule: MatchExact}, true},
		{OriginatorNaturalAddressLine, FieldInfo{ID: "100031", Name: "OriginatorNaturalAddressLine", Party: PartyOriginator, Person: PersonNatural, IVMSPath: "geographicAddress.addressLine", Rule: MatchFuzzyText}, true},
		{BeneficiaryLegalCountryOfRegistration, FieldInfo{ID: "111022", Name: "BeneficiaryLegalCountryOfRegistration", Party: PartyBeneficiary, Person: PersonLegal, IVMSPath: "countryOfRegistration", Rule: MatchExact}, true},
		{BeneficiaryAccountNumber, FieldInfo{ID: "113023", Name: "BeneficiaryAccountNumber", Party: PartyBeneficiary, Person: PersonAccount, IVMSPath: "accountNumber", Rule: MatchNone}, true},
		{OriginatingVASPPostCode, FieldInfo{ID: "121018", Name: "OriginatingVASPPostCode", Party: PartyOriginatingVASP, Person: PersonLegal, IVMSPath: "geographicAddress.postCode", Rule: MatchPostCode}, true},
		{"121006", FieldInfo{ID: "121006"}, false}, // customerIdentification exists for 101/111 only
		{"SOME_NEW_FIELD", FieldInfo{ID: "SOME_NEW_FIELD"}, false},
	}
	for _, tt := range tests {
		got, ok := tt.id.Info()
		if ok != tt.known || ok != tt.id.Known() {
			t.Errorf("%s: known = %v/%v, want %v", tt.id, ok, tt.id.Known(), tt.known)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s.Info() (-want +got):\n%s", tt.id, diff)
		}
	}
	if got := FieldID("999999").String(); got != "999999" {
		t.Errorf("unknown id String() = %q", got)
	}
}

func TestFieldResultDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []FieldResult
		wantErr bool
	}{
		{"string ids", `[{"type":"110026","status":1,"message":"ok"}]`, []FieldResult{{ID: BeneficiaryNaturalName, Status: FieldMatch, Message: "ok"}}, false},
		{"number ids", `[{"type":110025,"status":2}]`, []FieldResult{{ID: BeneficiaryNaturalDateOfBirth, Status: FieldMismatch}}, false},
		{"string status", `[{"type":"110045","status":"4"}]`, []FieldResult{{ID: BeneficiaryNaturalNationalIdentifier, Status: FieldInfoMissing}}, false},
		{"unknown id and status kept", `[{"type":"NEW_FIELD","status":9}]`, []FieldResult{{ID: "NEW_FIELD", Status: 9}}, false},
		{"null id", `[{"type":null,"status":0}]`, []FieldResult{{}}, false},
		{"fractional id", `[{"type":1.5,"status":0}]`, nil, true},
		{"bool id", `[{"type":true,"status":0}]`, nil, true},
		{"bad status", `[{"type":"1","status":"x"}]`, nil, true},
		{"status overflow", `[{"type":"1","status":99999999999}]`, nil, true},
	}
	for _, tt := range tests {
		var got []FieldResult
		err := json.Unmarshal([]byte(tt.in), &got)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", tt.name, err, tt.wantErr)
			continue
		}
		if err == nil {
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.name, diff)
			}
		}
	}
	b, err := json.Marshal([]FieldID{BeneficiaryNaturalName, "X"})
	if err != nil || string(b) != `["110026","X"]` {
		t.Errorf("marshal FieldIDs = %s, %v", b, err)
	}
}

func TestValidFieldID(t *testing.T) {
	t.Parallel()
	for id, want := range map[FieldID]bool{
		"110026": true, "NEW_FIELD": true, "A1": true,
		"": false, "11002": false, "1100266": false, "new_field": false, "_X": false, "1A": false, "110 26": false,
	} {
		if got := validFieldID(id); got != want {
			t.Errorf("validFieldID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestStatusNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		got, want string
	}{
		{StatusPending.String(), "PENDING"},
		{StatusRequestIDDuplicated.String(), "REQUEST_ID_DUPLICATED"},
		{VerifyStatus(123).String(), "123"},
		{FieldMismatch.String(), "MISMATCH"},
		{FieldInfoExists.String(), "REQUIRED_INFO_EXISTS"},
		{FieldStatus(7).String(), "FieldStatus(7)"},
		{PreTransaction.String(), "pre-transaction"},
		{PostTransaction.String(), "post-transaction"},
		{Direction(0).String(), "Direction(0)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestVerifyStatusVerdicts(t *testing.T) {
	t.Parallel()
	verdicts := map[VerifyStatus]bool{StatusSuccess: true, StatusPending: true, StatusAddressNotFound: true, StatusPIIVerifyFail: true, StatusTxIDNotFound: true}
	for s := range statusNames {
		if got := s.IsVerdict(); got != verdicts[s] {
			t.Errorf("%d.IsVerdict() = %v", s, got)
		}
		if s.IsError() == s.IsVerdict() {
			t.Errorf("%d: IsError == IsVerdict", s)
		}
		if !s.Known() {
			t.Errorf("%d not Known", s)
		}
	}
	if VerifyStatus(999999).IsVerdict() || VerifyStatus(999999).Known() {
		t.Error("unknown status is a verdict or known")
	}
	var s struct {
		A VerifyStatus `json:"a"`
		B VerifyStatus `json:"b"`
		D Direction    `json:"d"`
	}
	if err := json.Unmarshal([]byte(`{"a":100002,"b":"200003","d":"2"}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.A != StatusPending || s.B != StatusPIIVerifyFail || s.D != PreTransaction {
		t.Errorf("decoded %+v", s)
	}
	if err := json.Unmarshal([]byte(`{"a":"x"}`), &s); err == nil {
		t.Error("non-numeric status decoded")
	}
}

func TestFieldStatusTreatment(t *testing.T) {
	t.Parallel()
	for s := FieldStatus(0); s <= 6; s++ {
		passed := s == FieldMatch || s == FieldInfoExists
		if s.Passed() != passed || s.Failed() != (s == FieldMismatch) || s.Known() != (s <= 5) {
			t.Errorf("%v: Passed %v Failed %v Known %v", s, s.Passed(), s.Failed(), s.Known())
		}
	}
}
