package gtr

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFieldTable(t *testing.T) {
	t.Parallel()
	fields := fieldTable[:]
	// 100/110: 25 natural fields; 101/111: 22 legal fields; 121/131: 21
	// (no customerIdentification); 103023 and 113023.
	if got, want := len(fields), 2*25+2*22+2*21+2; got != want {
		t.Fatalf("len(fieldTable) = %d, want %d", got, want)
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
		wantParty := map[string]fieldParty{"100": partyOriginator, "101": partyOriginator, "103": partyOriginator,
			"110": partyBeneficiary, "111": partyBeneficiary, "113": partyBeneficiary,
			"121": partyOriginatingVASP, "131": partyBeneficiaryVASP}[string(f.ID[:3])]
		if f.Party != wantParty {
			t.Errorf("%s: party %q, want %q", f.ID, f.Party, wantParty)
		}
	}
}

// TestFieldGroups: every id of the table is one group's method, named as
// String names it, and every other group–method pair is the empty id.
func TestFieldGroups(t *testing.T) {
	t.Parallel()
	groups := map[FieldGroup]string{
		OriginatorNatural: "OriginatorNatural", OriginatorLegal: "OriginatorLegal", OriginatorAccount: "OriginatorAccount",
		BeneficiaryNatural: "BeneficiaryNatural", BeneficiaryLegal: "BeneficiaryLegal", BeneficiaryAccount: "BeneficiaryAccount",
		OriginatingVASP: "OriginatingVASP", BeneficiaryVASP: "BeneficiaryVASP",
	}
	typ := reflect.TypeFor[FieldGroup]()
	if typ.NumMethod() != 28 {
		t.Errorf("FieldGroup has %d methods, want 28", typ.NumMethod())
	}
	got := map[FieldID]string{}
	for g, gname := range groups {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			id := reflect.ValueOf(g).Method(i).Call(nil)[0].Interface().(FieldID)
			if id == "" {
				continue
			}
			name := gname + m.Name
			if m.Name == "AccountNumber" {
				name = strings.TrimSuffix(gname, "Account") + m.Name
			}
			if !strings.HasPrefix(string(id), string(g)) || id.String() != name {
				t.Errorf("%s.%s() = %s (%s), want a %s id named %s", gname, m.Name, id, id.String(), g, name)
			}
			if _, dup := got[id]; dup {
				t.Errorf("%s is returned twice", id)
			}
			got[id] = name
		}
	}
	for _, f := range fieldTable {
		if _, ok := got[f.ID]; !ok {
			t.Errorf("%s (%s) is no group's method", f.ID, f.Name)
		}
	}
	for _, id := range []FieldID{OriginatorLegal.DateOfBirth(), BeneficiaryNatural.AccountNumber(), OriginatingVASP.CustomerIdentification(),
		BeneficiaryAccount.Name(), FieldGroup("999").Name()} {
		if id != "" {
			t.Errorf("got %q, want the empty FieldID", id)
		}
	}
}

func TestFieldInfo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id    FieldID
		want  fieldInfo
		known bool
	}{
		{BeneficiaryNatural.Name(), fieldInfo{ID: "110026", Group: BeneficiaryNatural, IVMSPath: "name.nameIdentifier"}, true},
		{BeneficiaryNatural.DateOfBirth(), fieldInfo{ID: "110025", Group: BeneficiaryNatural, IVMSPath: "dateAndPlaceOfBirth.dateOfBirth"}, true},
		{OriginatorNatural.AddressLine(), fieldInfo{ID: "100031", Group: OriginatorNatural, IVMSPath: "geographicAddress.addressLine"}, true},
		{BeneficiaryLegal.CountryOfRegistration(), fieldInfo{ID: "111022", Group: BeneficiaryLegal, IVMSPath: "countryOfRegistration"}, true},
		{BeneficiaryAccount.AccountNumber(), fieldInfo{ID: "113023", Group: BeneficiaryAccount, IVMSPath: "accountNumber"}, true},
		{OriginatingVASP.PostCode(), fieldInfo{ID: "121018", Group: OriginatingVASP, IVMSPath: "geographicAddress.postCode"}, true},
		{"121006", fieldInfo{ID: "121006"}, false}, // customerIdentification exists for 101/111 only
		{"SOME_NEW_FIELD", fieldInfo{ID: "SOME_NEW_FIELD"}, false},
	}
	for _, tt := range tests {
		got, ok := tt.id.info()
		if ok != tt.known || ok != tt.id.known() {
			t.Errorf("%s: known = %v/%v, want %v", tt.id, ok, tt.id.known(), tt.known)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s.info() (-want +got):\n%s", tt.id, diff)
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
		{"string ids", `[{"type":"110026","status":1,"message":"ok"}]`, []FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch, Message: "ok"}}, false},
		{"number ids", `[{"type":110025,"status":2}]`, []FieldResult{{ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMismatch}}, false},
		{"string status", `[{"type":"110045","status":"4"}]`, []FieldResult{{ID: BeneficiaryNatural.NationalIdentifier(), Status: FieldInfoMissing}}, false},
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
	b, err := json.Marshal([]FieldID{BeneficiaryNatural.Name(), "X"})
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
		{statusRequestIDDuplicated.String(), "REQUEST_ID_DUPLICATED"},
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
		if !s.known() {
			t.Errorf("%d not Known", s)
		}
	}
	if VerifyStatus(999999).IsVerdict() || VerifyStatus(999999).known() {
		t.Error("unknown status is a verdict or known")
	}
	var s struct {
		A VerifyStatus `json:"a"`
		B VerifyStatus `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":100002,"b":"200003"}`), &s); err != nil {
		t.Fatal(err)
	}
	if s.A != StatusPending || s.B != StatusPIIVerifyFail {
		t.Errorf("decoded %+v", s)
	}
	if err := json.Unmarshal([]byte(`{"a":"x"}`), &s); err == nil {
		t.Error("non-numeric status decoded")
	}
}

func TestFieldStatusTreatment(t *testing.T) {
	t.Parallel()
	for s := FieldStatus(0); s <= 6; s++ {
		if s.known() != (s <= 5) {
			t.Errorf("%v: known %v", s, s.known())
		}
	}
}
