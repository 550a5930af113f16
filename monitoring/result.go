package monitoring

import (
	"encoding/json"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Result is a transaction as Sumsub holds it: returned by submit, get,
// approve/reject and re-score. A RED answer, an onHold status or a high
// score is a business outcome the caller decides on, never an error.
// Unknown fields are kept in the Extra maps.
type Result struct {
	// ID is Sumsub's transaction id (24 hex characters): keep it, every
	// later call takes it.
	ID TransactionID `json:"id"`
	// ApplicantID is Sumsub's id of the applicant (SubmitForApplicant).
	ApplicantID string `json:"applicantId"`
	// ExternalUserID is the applicant's id in our system.
	ExternalUserID string `json:"externalUserId"`
	ClientID       string `json:"clientId"`
	// Data is the transaction as submitted, enriched by Sumsub.
	Data *Transaction `json:"data"`
	// Score is the total score of the rules that matched.
	Score  Number  `json:"score"`
	Review *Review `json:"review"`
	// CreatedAt is when Sumsub stored the transaction (UTC,
	// yyyy-MM-dd HH:mm:ss).
	CreatedAt     Time           `json:"createdAt"`
	ScoringResult *ScoringResult `json:"scoringResult"`
	// TxnInactive is true when the applicant's profile is inactive.
	TxnInactive    bool            `json:"txnInactive"`
	TravelRuleInfo *TravelRuleInfo `json:"travelRuleInfo"`
	// NeedMasking is true on an inbound Travel Rule transaction whose
	// wallet ownership must still be confirmed.
	NeedMasking bool   `json:"needMasking"`
	Scope       string `json:"scope"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`

	// Replayed is set by Submit and SubmitForApplicant, never by the
	// server: an attempt that failed ambiguously, or whose answer did not
	// decode, had in fact been stored, and this is that stored
	// transaction, fetched by txnId. It is not a second record.
	Replayed bool `json:"-"`

	// Meta describes the call that returned this transaction (for a
	// Replayed result, the read-back by txnId), as the HTTP layer saw it;
	// zero on the Items of a FindResult, whose own Meta describes Find.
	// It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// Meta describes how a call went, as the HTTP layer saw it.
type Meta struct {
	RequestID  string // the provider's request id for the call, when it sent one (response header)
	HTTPStatus int    // HTTP status of the last response (0 when none arrived)
	Attempts   int    // how many times the request was sent or tried
}

// metaOf converts the pipeline's account of a call.
func metaOf(m *rest.Meta) Meta {
	return Meta{RequestID: m.RequestID, HTTPStatus: m.StatusCode, Attempts: m.Attempts}
}

// MarshalJSON encodes the object losslessly.
func (x Result) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Result) UnmarshalJSON(b []byte) error { *x = Result{}; return unmarshalWire(b, x) }

// Answer returns review.reviewResult.reviewAnswer ("" while not decided).
// Gate a withdrawal on this, not on the Travel Rule status.
func (x *Result) Answer() ReviewAnswer {
	if x == nil || x.Review == nil || x.Review.ReviewResult == nil {
		return ""
	}
	return x.Review.ReviewResult.ReviewAnswer
}

// Status returns review.reviewStatus.
func (x *Result) Status() ReviewStatus {
	if x == nil || x.Review == nil {
		return ""
	}
	return x.Review.ReviewStatus
}

// TxnID returns data.txnId, our id of the transaction.
func (x *Result) TxnID() TxnID {
	if x == nil || x.Data == nil {
		return ""
	}
	return x.Data.TxnID
}

// ReviewStatus is where a transaction's review stands. Unknown values are
// kept.
type ReviewStatus string

// Review statuses.
const (
	StatusInit         ReviewStatus = "init"
	StatusOnHold       ReviewStatus = "onHold"
	StatusCompleted    ReviewStatus = "completed"
	StatusAwaitingUser ReviewStatus = "awaitingUser"
)

// ReviewAnswer is a review's verdict. Unknown values are kept.
type ReviewAnswer string

// Review answers. YELLOW appears in one Sumsub source only.
const (
	Green  ReviewAnswer = "GREEN"
	Red    ReviewAnswer = "RED"
	Yellow ReviewAnswer = "YELLOW"
)

// RejectType says whether a rejection is final. Unknown values are kept.
type RejectType string

// Reject types.
const (
	RejectFinal RejectType = "FINAL"
	RejectRetry RejectType = "RETRY"
)

// Review is "review".
type Review struct {
	ReviewID     string        `json:"reviewId"`
	AttemptID    string        `json:"attemptId"`
	AttemptCnt   Number        `json:"attemptCnt"`
	ReviewStatus ReviewStatus  `json:"reviewStatus"`
	ReviewResult *ReviewResult `json:"reviewResult"`
	CreateDate   Time          `json:"createDate"`
	ReviewDate   Time          `json:"reviewDate"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Review) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Review) UnmarshalJSON(b []byte) error { *x = Review{}; return unmarshalWire(b, x) }

// ReviewResult is "reviewResult", also carried by webhooks.
type ReviewResult struct {
	ReviewAnswer     ReviewAnswer `json:"reviewAnswer"`
	ReviewRejectType RejectType   `json:"reviewRejectType"`
	RejectLabels     []string     `json:"rejectLabels"`
	ClientComment    string       `json:"clientComment"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x ReviewResult) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *ReviewResult) UnmarshalJSON(b []byte) error {
	*x = ReviewResult{}
	return unmarshalWire(b, x)
}

// ScoringAction is what the matched rules decided. The strongest action of
// all matched rules wins: reject > awaitUser > onHold > score. Unknown
// values are kept.
type ScoringAction string

// Scoring actions.
const (
	ActionScore     ScoringAction = "score"
	ActionOnHold    ScoringAction = "onHold"
	ActionAwaitUser ScoringAction = "awaitUser"
	ActionReject    ScoringAction = "reject"
)

// ScoringResult is "scoringResult".
type ScoringResult struct {
	Action       ScoringAction `json:"action"`
	MatchedRules []MatchedRule `json:"matchedRules"`
	// DryScore is the score of rules in test mode.
	DryScore Number `json:"dryScore"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x ScoringResult) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *ScoringResult) UnmarshalJSON(b []byte) error {
	*x = ScoringResult{}
	return unmarshalWire(b, x)
}

// MatchedRule is one rule that matched.
type MatchedRule struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	Title  string        `json:"title"`
	Score  Number        `json:"score"`
	Action ScoringAction `json:"action"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x MatchedRule) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *MatchedRule) UnmarshalJSON(b []byte) error {
	*x = MatchedRule{}
	return unmarshalWire(b, x)
}

// TravelRuleStatus is the Travel Rule data-exchange status. It is not the
// review outcome. Unknown values are kept.
type TravelRuleStatus string

// Travel Rule statuses.
const (
	TRAwaitingCounterparty             TravelRuleStatus = "awaitingCounterparty"
	TROnHold                           TravelRuleStatus = "onHold"
	TRCompleted                        TravelRuleStatus = "completed"
	TRFinished                         TravelRuleStatus = "finished"
	TRCancelled                        TravelRuleStatus = "cancelled"
	TRExpired                          TravelRuleStatus = "expired"
	TRCounterpartyMismatchedData       TravelRuleStatus = "counterpartyMismatchedData"
	TRCounterpartyUnconfirmedOwnership TravelRuleStatus = "counterpartyUnconfirmedOwnership"
	TRCounterpartyVASPNotFound         TravelRuleStatus = "counterpartyVaspNotFound"
	TRCounterpartyVASPNotReachable     TravelRuleStatus = "counterpartyVaspNotReachable"
	TRCounterpartyVASPGeneralDecline   TravelRuleStatus = "counterpartyVaspGeneralDecline"
	TRUnconfirmedOwnership             TravelRuleStatus = "unconfirmedOwnership"
	TRNotEnoughCounterpartyData        TravelRuleStatus = "notEnoughCounterpartyData"
	TRNotApplicable                    TravelRuleStatus = "notApplicable"
	TRNotScored                        TravelRuleStatus = "notScored"
)

// TravelRuleInfo is "travelRuleInfo".
type TravelRuleInfo struct {
	Status TravelRuleStatus `json:"status"`
	// NeedApplicantOwnershipConfirmation: call AttachBeneficiary.
	NeedApplicantOwnershipConfirmation bool `json:"needApplicantOwnershipConfirmation"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x TravelRuleInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *TravelRuleInfo) UnmarshalJSON(b []byte) error {
	*x = TravelRuleInfo{}
	return unmarshalWire(b, x)
}
