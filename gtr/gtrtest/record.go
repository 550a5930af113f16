package gtrtest

import (
	"slices"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
)

// Record is what the platform recorded about one travel rule (one
// requestId): the request, what the receiving side saw, and the outcome so
// far. Identity holds PII; it exists for assertions in tests.
type Record struct {
	RequestID    string
	TravelRuleID string
	Direction    gtr.Direction
	// Incoming is true for travel rules a simulated VASP initiated towards
	// the member (Server.SendTravelRule).
	Incoming bool
	// Initiator and Receiver are VASP codes in the travel rule's direction;
	// OriginatorVASP and BeneficiaryVASP in the asset's direction.
	Initiator, Receiver             string
	OriginatorVASP, BeneficiaryVASP string
	Network, Ticker, Address, Tag   string
	TxID                            string
	Amount, FiatName, FiatPrice     string
	ExpectFields                    []gtr.FieldID
	// Identity is the initiator's IVMS document as the receiver opened it
	// (nil when it could not be opened or was never delivered).
	Identity *ivms.IdentityPayload
	// Status, Message and Stage are the current outcome (what query
	// returns); Fields the PII verdict per field.
	Status  gtr.VerifyStatus
	Message string
	Stage   gtr.VerifyStage
	Fields  []gtr.FieldResult
	// NotifiedTxID is the txId given by notify_tx_id.
	NotifiedTxID string
	// Ended is set by end (or Server.EndTravelRule), with its reason.
	Ended                 bool
	EndReasonType         string
	EndReason             string
	Callbacks             []Delivery // callbacks delivered to the member about it
	StartedAt, UpdatedAt  time.Time
	PreflightCheckStatus  string
	PreflightCheckMessage string
}

// Delivery is one callback the platform delivered to the member.
type Delivery struct {
	Type   int
	Status gtr.VerifyStatus // the member's verifyStatus (0 when delivery failed)
	Err    error            // why delivery failed
}

// record is the platform's state of a travel rule.
type record struct {
	Record
	pending      Stage              // the receiving VASP's pending stage
	initiatorKey gtr.PublicKey      // the initiator's PII key
	securedIn    *piiSecuredInfo    // the initiator's sealed PII
	hashSalt     string             // its JSON_FIELD_HASH salt
	format       string             // incoming: the piiSecretFormatType the VASP sends
	securedBack  *piiSecuredInfo    // the receiver's PII sealed back
	target       *vaspState         // the simulated receiver (outgoing)
	from         *vaspState         // the simulated initiator (incoming)
	customer     *ivms.Person       // the receiver's customer (outgoing)
	answered     map[int]callbackIn // incoming: manual answers by stage
}

// callbackIn is a member's late answer through the manual APIs.
type callbackIn struct {
	status  int
	message string
}

// Recorded returns a copy of what the platform recorded for requestID.
func (s *Server) Recorded(requestID string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.records[requestID]
	if !ok {
		return Record{}, false
	}
	out := r.Record
	out.ExpectFields = slices.Clone(r.ExpectFields)
	out.Fields = slices.Clone(r.Fields)
	out.Callbacks = slices.Clone(r.Callbacks)
	return out, true
}

// RequestIDs returns the requestIds the platform recorded, oldest first.
func (s *Server) RequestIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.records))
	for id := range s.records {
		out = append(out, id)
	}
	slices.SortFunc(out, func(a, b string) int {
		return s.records[a].StartedAt.Compare(s.records[b].StartedAt)
	})
	return out
}

// setOutcome updates the current outcome. s.mu must be held.
func (s *Server) setOutcome(r *record, status int, msg string, stage gtr.VerifyStage) {
	r.Status, r.Message, r.Stage = gtr.VerifyStatus(status), msg, stage
	r.UpdatedAt = s.now()
}
