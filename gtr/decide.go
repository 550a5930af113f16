package gtr

import (
	"strconv"
	"strings"
)

// Action is what to do with the transfer after a one-step result.
type Action int

// Actions.
const (
	// Reject: do not transfer (pre-transaction), or do not credit and
	// follow your policy for returned funds (post-transaction).
	Reject Action = iota
	// Proceed: the counterparty verified what was required.
	Proceed
	// Wait: the counterparty answers later (pending); GTR delivers its
	// verdict by callback 13 / 15 within 72 hours, or Query it. Do not
	// broadcast a withdrawal meanwhile.
	Wait
	// Review: the SDK cannot decide, e.g. a verdict recovered through Query
	// carries no field results. A human or a later Query decides.
	Review
)

// String returns "reject", "proceed", "wait" or "review".
func (a Action) String() string {
	switch a {
	case Reject:
		return "reject"
	case Proceed:
		return "proceed"
	case Wait:
		return "wait"
	case Review:
		return "review"
	}
	return "Action(" + strconv.Itoa(int(a)) + ")"
}

// Decision is Decide's answer, with the fields that led to it. It holds no
// PII.
type Decision struct {
	Action Action
	// Reason explains the action in one sentence.
	Reason string
	// Missing are required fields absent from the result; Mismatched those
	// with status MISMATCH. Either makes the action Reject.
	Missing, Mismatched []FieldID
	// InfoMissing are fields the counterparty requires and we did not send
	// (status REQUIRED_INFO_MISSING): not blocking by GTR's rule, but send
	// them next time.
	InfoMissing []FieldID
}

// Proceed reports whether the transfer may go ahead.
func (d Decision) Proceed() bool { return d.Action == Proceed }

// Decide applies GTR's recommended reading of a one-step result [D:one-step]:
//
//   - pending (100002): Wait;
//   - address not found (200001) or tx id not found (200007): stage 1
//     failed, no PII was exchanged: Reject;
//   - success (100000) or PII verify failed (200003): look only at the
//     required fields — required, or the request's ExpectFields when none
//     are given. A required field missing from the result, or with status
//     MISMATCH, means Reject; every other status (skip, match, not
//     supported, info exists, info missing) lets the transfer Proceed.
//     Extra fields the counterparty returned for its own rules do not
//     count. With no required field at all, the status alone decides.
//
// A verdict recovered through Query (Recovered) has no field results: a
// recovered success with required fields is Review.
func (r *OneStepResult) Decide(required ...FieldID) Decision {
	if len(required) == 0 {
		required = r.Expected
	}
	var d Decision
	for _, f := range r.Fields {
		if f.Status == FieldInfoMissing {
			d.InfoMissing = append(d.InfoMissing, f.ID)
		}
	}
	switch r.Status {
	case StatusPending:
		d.Action, d.Reason = Wait, "the counterparty answers later"+stageSuffix(r.Stage)
		return d
	case StatusAddressNotFound:
		d.Action, d.Reason = Reject, "the counterparty does not hold the address (stage 1 failed)"
		return d
	case StatusTxIDNotFound:
		d.Action, d.Reason = Reject, "the counterparty does not know the transaction (stage 1 failed)"
		return d
	case StatusSuccess, StatusPIIVerifyFail:
	default:
		d.Action, d.Reason = Review, "status "+r.Status.String()+" is not a verdict"
		return d
	}
	if len(required) == 0 {
		if r.Status == StatusSuccess {
			d.Action, d.Reason = Proceed, "PII verification succeeded"
		} else {
			d.Action, d.Reason = Reject, "PII verification failed and no required field was named to judge it by"
		}
		return d
	}
	if r.Recovered && len(r.Fields) == 0 {
		if r.Status == StatusSuccess {
			d.Action, d.Reason = Review, "GTR recorded success, but the verdict was recovered through query without field results"
		} else {
			d.Action, d.Reason = Reject, "GTR recorded a failed PII verification"
		}
		return d
	}
	byID := make(map[FieldID]FieldStatus, len(r.Fields))
	for _, f := range r.Fields {
		if st, seen := byID[f.ID]; !seen || st != FieldMismatch { // a mismatch sticks
			byID[f.ID] = f.Status
		}
	}
	for _, id := range required {
		switch st, ok := byID[id]; {
		case !ok:
			d.Missing = append(d.Missing, id)
		case st == FieldMismatch:
			d.Mismatched = append(d.Mismatched, id)
		}
	}
	switch {
	case len(d.Mismatched) > 0:
		d.Action, d.Reason = Reject, "required fields do not match: "+fieldNames(d.Mismatched)
	case len(d.Missing) > 0:
		d.Action, d.Reason = Reject, "required fields were not verified: "+fieldNames(d.Missing)
	default:
		d.Action, d.Reason = Proceed, "every required field passed"
	}
	return d
}

func stageSuffix(s VerifyStage) string {
	switch s {
	case StageAddressVerification:
		return " (address verification pending)"
	case StageTransactionVerification:
		return " (transaction verification pending)"
	case StagePIIVerification:
		return " (stage 1 passed; PII verification pending)"
	}
	return ""
}

func fieldNames(ids []FieldID) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.String()
	}
	return strings.Join(names, ", ")
}
