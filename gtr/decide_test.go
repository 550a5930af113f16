package gtr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecide(t *testing.T) {
	t.Parallel()
	name, dob, natID := BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth(), BeneficiaryNatural.NationalIdentifier()
	tests := []struct {
		name     string
		res      OneStepResult
		required []FieldID
		want     Decision
	}{
		{"pending", OneStepResult{Status: StatusPending, Stage: StageAddressVerification}, nil,
			Decision{Action: Wait, Reason: "the counterparty answers later (address verification pending)"}},
		{"pending PII", OneStepResult{Status: StatusPending, Stage: StagePIIVerification}, nil,
			Decision{Action: Wait, Reason: "the counterparty answers later (stage 1 passed; PII verification pending)"}},
		{"address not found", OneStepResult{Status: StatusAddressNotFound}, []FieldID{name},
			Decision{Action: Reject, Reason: "the counterparty does not hold the address (stage 1 failed)"}},
		{"tx id not found", OneStepResult{Status: StatusTxIDNotFound}, nil,
			Decision{Action: Reject, Reason: "the counterparty does not know the transaction (stage 1 failed)"}},
		{"all required match", OneStepResult{Status: StatusSuccess, Fields: []FieldResult{{ID: name, Status: FieldMatch}, {ID: dob, Status: FieldInfoExists}}}, []FieldID{name, dob},
			Decision{Action: Proceed, Reason: "every required field passed"}},
		{"skip and not-support pass", OneStepResult{Status: StatusSuccess, Fields: []FieldResult{{ID: name, Status: FieldSkip}, {ID: dob, Status: FieldNotSupported}}}, []FieldID{name, dob},
			Decision{Action: Proceed, Reason: "every required field passed"}},
		{"required missing", OneStepResult{Status: StatusSuccess, Fields: []FieldResult{{ID: name, Status: FieldMatch}}}, []FieldID{name, dob},
			Decision{Action: Reject, Reason: "required fields were not verified: BeneficiaryNaturalDateOfBirth", Missing: []FieldID{dob}}},
		{"required mismatch", OneStepResult{Status: StatusPIIVerifyFail, Fields: []FieldResult{{ID: name, Status: FieldMismatch}, {ID: dob, Status: FieldMatch}}}, []FieldID{name, dob},
			Decision{Action: Reject, Reason: "required fields do not match: BeneficiaryNaturalName", Mismatched: []FieldID{name}}},
		{"mismatch on an extra field is ignored", OneStepResult{Status: StatusPIIVerifyFail, Fields: []FieldResult{{ID: name, Status: FieldMatch}, {ID: natID, Status: FieldMismatch}}}, []FieldID{name},
			Decision{Action: Proceed, Reason: "every required field passed"}},
		{"a repeated id keeps its mismatch", OneStepResult{Status: StatusSuccess, Fields: []FieldResult{{ID: name, Status: FieldMismatch}, {ID: name, Status: FieldMatch}}}, []FieldID{name},
			Decision{Action: Reject, Reason: "required fields do not match: BeneficiaryNaturalName", Mismatched: []FieldID{name}}},
		{"info missing is a warning", OneStepResult{Status: StatusSuccess, Fields: []FieldResult{{ID: name, Status: FieldMatch}, {ID: natID, Status: FieldInfoMissing}}}, []FieldID{name},
			Decision{Action: Proceed, Reason: "every required field passed", InfoMissing: []FieldID{natID}}},
		{"expected fields are the default", OneStepResult{Status: StatusSuccess, Expected: []FieldID{dob}, Fields: []FieldResult{{ID: name, Status: FieldMatch}}}, nil,
			Decision{Action: Reject, Reason: "required fields were not verified: BeneficiaryNaturalDateOfBirth", Missing: []FieldID{dob}}},
		{"no required fields, success", OneStepResult{Status: StatusSuccess}, nil,
			Decision{Action: Proceed, Reason: "PII verification succeeded"}},
		{"no required fields, failure", OneStepResult{Status: StatusPIIVerifyFail}, nil,
			Decision{Action: Reject, Reason: "PII verification failed and no required field was named to judge it by"}},
		{"recovered success", OneStepResult{Status: StatusSuccess, Recovered: true}, []FieldID{name},
			Decision{Action: Review, Reason: "GTR recorded success, but the verdict was recovered through query without field results"}},
		{"recovered failure", OneStepResult{Status: StatusPIIVerifyFail, Recovered: true}, []FieldID{name},
			Decision{Action: Reject, Reason: "GTR recorded a failed PII verification"}},
		{"not a verdict", OneStepResult{Status: StatusNoKYC}, nil,
			Decision{Action: Review, Reason: "status NO_KYC is not a verdict"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.res.Decide(tt.required...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decide (-want +got):\n%s", diff)
			}
			if got.Proceed() != (tt.want.Action == Proceed) {
				t.Error("Proceed() disagrees with Action")
			}
		})
	}
	for a, s := range map[Action]string{Reject: "reject", Proceed: "proceed", Wait: "wait", Review: "review", 9: "Action(9)"} {
		if a.String() != s {
			t.Errorf("%d.String() = %q", int(a), a.String())
		}
	}
}
