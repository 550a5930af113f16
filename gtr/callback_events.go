package gtr

import (
	"encoding/json"
	"strconv"

	"github.com/vaspkit/vaspkit/ivms"
)

// CallbackType is a callback's callbackType (spec §6.2); String names it
// ("ADDRESS_VERIFICATION"). Each type GTR documents decodes to its own Go
// type — switch on that (*AddressCheck, *PIIVerification …), as
// CallbackHandler does.
type CallbackType int

// Callback types GTR documents. 12 ("out of network inquiry") and 14 have no
// published payload; they and any other value decode to *UnknownCallback.
const (
	// callbackHealthCheck (0): GTR checks that the callback URL answers.
	callbackHealthCheck CallbackType = 0
	// callbackPIIVerification (4): verify the PII of a travel rule we
	// receive (the beneficiary's pre-transaction, the originator's
	// post-transaction) and return ours.
	callbackPIIVerification CallbackType = 4
	// callbackAddressVerification (6): pre-transaction stage 1 — is this
	// address ours? Answer within 2 s.
	callbackAddressVerification CallbackType = 6
	// callbackTxIDNotification (7): the originator broadcast the transfer of
	// a pre-transaction travel rule and sends its txId.
	callbackTxIDNotification CallbackType = 7
	// callbackTxIDVerification (9): post-transaction stage 1 — did we send
	// this transaction to this address? Answer within 2 s.
	callbackTxIDVerification CallbackType = 9
	// callbackAddressRouting (10): which of our entities holds this
	// address? Answer within 2 s.
	callbackAddressRouting CallbackType = 10
	// callbackStageResult (13): pending mode, to the initiator — the
	// counterparty's late verdict on the address (pre-tx) or txId (post-tx).
	callbackStageResult CallbackType = 13
	// callbackPIIResult (15): pending mode, to the initiator — the
	// counterparty's late PII verdict, with its PII.
	callbackPIIResult CallbackType = 15
	// callbackPreflightChecked (16): the counterparty's preflight check
	// (ACCEPTED / REJECTED) of a travel rule.
	callbackPreflightChecked CallbackType = 16
	// callbackTravelRuleEnded (17): a VASP ended the travel rule (notifyResult
	// 100028, "travel rule canceled").
	callbackTravelRuleEnded CallbackType = 17
)

var callbackTypeNames = map[CallbackType]string{
	callbackHealthCheck:         "HEALTH_CHECK",
	callbackPIIVerification:     "PII_VERIFICATION",
	callbackAddressVerification: "ADDRESS_VERIFICATION",
	callbackTxIDNotification:    "TX_ID_NOTIFICATION",
	callbackTxIDVerification:    "TX_ID_VERIFICATION",
	callbackAddressRouting:      "ADDRESS_ROUTING",
	callbackStageResult:         "STAGE_RESULT",
	callbackPIIResult:           "PII_RESULT",
	callbackPreflightChecked:    "PREFLIGHT_CHECKED",
	callbackTravelRuleEnded:     "TRAVEL_RULE_ENDED",
}

// String returns the type's name ("ADDRESS_VERIFICATION" …), or
// "CallbackType(n)" for a type the SDK does not know.
func (t CallbackType) String() string {
	if n, ok := callbackTypeNames[t]; ok {
		return n
	}
	return "CallbackType(" + strconv.Itoa(int(t)) + ")"
}

// known reports whether the SDK decodes t into a typed event.
func (t CallbackType) known() bool {
	_, ok := callbackTypeNames[t]
	return ok
}

// CallbackHeader holds the envelope fields every callback carries.
type CallbackHeader struct {
	Type CallbackType
	// RequestID is the travel rule's requestId, chosen by its initiator.
	RequestID string
	// InvokeVASPCode is which of our VASP entities GTR addresses; route
	// multi-entity set-ups on it.
	InvokeVASPCode string
	// OriginatorVASP and BeneficiaryVASP are the VASP codes in the asset's
	// direction.
	OriginatorVASP  string
	BeneficiaryVASP string
	// InitiatorVASP and ReceiverVASP are the VASP codes of the travel rule's
	// initiator and receiver, and Direction is its direction, as far as the
	// callback carries them: AddressCheck and TxIDCheck name the initiator
	// only, HealthCheck, TxIDNotice and UnknownCallback none of them.
	InitiatorVASP string
	ReceiverVASP  string
	Direction     Direction
}

// Header returns h; every event embeds a CallbackHeader, so every event has
// this method.
func (h *CallbackHeader) Header() *CallbackHeader { return h }

// Callback is a decoded callback: one of *HealthCheck, *AddressCheck,
// *TxIDCheck, *AddressRouting, *PIIVerification, the Notification types
// (*TxIDNotice, *StageResult, *PIIResult, *PreflightResult,
// *TravelRuleEnded) or *UnknownCallback.
type Callback interface {
	Header() *CallbackHeader
}

// Notification is a callback that only informs us (types 7, 13, 15, 16,
// 17): *TxIDNotice, *StageResult, *PIIResult, *PreflightResult or
// *TravelRuleEnded. We acknowledge it with 100000.
type Notification interface {
	Callback
	notification()
}

// HealthCheck is callback 0. The handler answers it by itself.
type HealthCheck struct {
	CallbackHeader
}

// AddressCheck is callback 6, pre-transaction stage 1: an originator VASP
// wants to send to Address and asks whether it belongs to one of our
// customers. Match the address exactly; an empty Tag means "ignore the tag".
// Answer CheckNotFound also when several customers match (an XLM, TRX or
// TON address without its tag). GTR waits less than 2 seconds.
type AddressCheck struct {
	CallbackHeader     // InitiatorVASP is who asks (the originator VASP)
	OriginatorVASPName string
	Network            string // GTR network symbol
	// Ticker is the coin symbol. Do not look customers up by it: GTR's test
	// payloads put a warning text there.
	Ticker  string
	Address string
	Tag     string
}

// TxIDCheck is callback 9, post-transaction stage 1: a beneficiary VASP
// received TxID at Address and asks whether we sent it. Transfers to
// several outputs, and txId+vout forms, cannot be verified: answer
// CheckNotFound. GTR waits less than 2 seconds.
type TxIDCheck struct {
	CallbackHeader // InitiatorVASP is who asks (the beneficiary VASP)
	TravelRuleID   string
	Network        string
	Ticker         string // do not look up by it (see AddressCheck)
	Address        string // the beneficiary address
	Tag            string
	TxID           string
}

// AddressRouting is callback 10 (optional): GTR asks which of our entities
// holds Address. GTR waits less than 2 seconds.
type AddressRouting struct {
	// CallbackHeader's Direction is the travel rule's direction (GTR's
	// verifyTargetType: 1 pre-transaction, 2 post-transaction, mapped to the
	// SDK's Direction).
	CallbackHeader
	Network string
	TxID    string // post-transaction only
	Address string
	Tag     string
}

// PIIVerification is callback 4: we receive a travel rule's PII. Pre-
// transaction we are the beneficiary VASP and verify the Beneficiary the
// originator describes; post-transaction we are the originator VASP and
// verify the Originator. Identity is the initiator's IVMS document, opened
// with our key pair; answer with the verdict on ExpectFields and the
// document with our side filled in (spec §8.2).
type PIIVerification struct {
	CallbackHeader
	Network   string
	Ticker    string // do not look up by it (see AddressCheck)
	Address   string // always the beneficiary address
	Tag       string
	TxID      string // post-transaction only
	Amount    string // exact decimal as sent
	FiatName  string
	FiatPrice string
	// BeneficiaryVASPName is GTR's name for the beneficiary VASP, when sent.
	BeneficiaryVASPName string
	// ExpectFields are the ids the initiator asked us to verify
	// (initiatorExpectVerifyFields).
	ExpectFields []FieldID
	// InitiatorPublicKey is the key the PII was sealed with and the one our
	// answer is sealed to (ManualVerifyPII needs it in pending mode).
	InitiatorPublicKey PublicKey
	// PIIFormat is how the initiator sent its PII. JSONFieldHash cannot be
	// opened: Identity is then nil and Verify compares hashes.
	PIIFormat FormatType
	// Identity is the opened IVMS101 document. It is full of PII: never log
	// it. It is nil for JSON_FIELD_HASH, which cannot be opened: Verify
	// then compares hashes.
	Identity *ivms.IdentityPayload

	receiverKey PublicKey // ours, the key the PII was sealed to
	algorithm   secretAlg
	hashSalt    string // the initiator's salt for JSONFieldHash (encryptionParams.keccak256.salt, else hashSalt)
	sealed      *wireSecuredInfo
	hashed      *hashedPII // the JSON_FIELD_HASH document, once the handler read it
}

// party returns the entity our customer is in the document:
// partyBeneficiary for a pre-transaction travel rule, partyOriginator for a
// post-transaction one.
func (v *PIIVerification) party() fieldParty {
	if v.Direction == PostTransaction {
		return partyOriginator
	}
	return partyBeneficiary
}

// Verify compares the fields the initiator asked for (ExpectFields) with our
// customer's KYC record — its persons; a legal person may be followed by its
// representative — using GTR's rule for each field (fuzzy names, exact
// dates and ids, digits-only post codes …); required are the fields we
// require from counterparties (nil when none). Each asked field of our
// customer's party is MATCH or MISMATCH; SKIP when the initiator sent no
// value and we do not require it; NOT_SUPPORT when we hold no value, or for
// fields of other parties and unknown ids. Required fields report
// REQUIRED_INFO_MISSING when absent and, when not asked,
// REQUIRED_INFO_EXISTS when present. The result lists the asked fields in
// order, then the required ones not asked. For PII sent as JSON_FIELD_HASH
// it hashes the record with the initiator's salt and compares hashes;
// should our own record fail to encode, every asked field is NOT_SUPPORT.
func (v *PIIVerification) Verify(customer []ivms.Person, required []FieldID) []FieldResult {
	if v.hashed != nil {
		out, err := v.hashed.verify(v.party(), customer, v.ExpectFields, required)
		if err != nil {
			out = make([]FieldResult, 0, len(v.ExpectFields))
			for _, id := range v.ExpectFields {
				out = append(out, FieldResult{ID: id, Status: FieldNotSupported})
			}
		}
		return out
	}
	return verifyPIIFields(v.Identity, v.party(), customer, v.ExpectFields, required)
}

// CheckResult is our answer to a stage-1 check (address, txId).
type CheckResult int

// Check results. The zero value is CheckNotFound, the safe answer.
const (
	// CheckNotFound: not ours, or ambiguous (several matches). GTR stops the
	// travel rule and never delivers the PII.
	CheckNotFound CheckResult = iota
	// CheckFound: ours; GTR goes on to the PII verification.
	CheckFound
	// CheckPending: we answer later through the manual API (pending mode;
	// only for VASPs with capability.couldPending).
	CheckPending
)

// CheckAnswer is our answer to a stage-1 check: an AddressCheck (100000
// found, 200001 not found, 100002 pending) or a TxIDCheck (100000 found,
// 200007 not found, 100002 pending).
type CheckAnswer struct {
	Result  CheckResult
	Message string // optional verifyMessage; no PII
}

// AddressRoutingAnswer is our answer to an AddressRouting. When Found, the
// reply is 100000 with data {"vaspCode", "publicKey"} naming the entity that
// holds the address (GTR does not publish this reply's body; the SDK mirrors
// the address-detection response). Otherwise the reply is 100002 "address is
// not found", as GTR documents.
type AddressRoutingAnswer struct {
	Found     bool
	VASPCode  string
	PublicKey PublicKey // optional: that entity's PII key
}

// PIIVerifyAnswer is our answer to a PIIVerification.
type PIIVerifyAnswer struct {
	// Status is the verdict: StatusSuccess, StatusPIIVerifyFail or
	// StatusPending, or another published status (StatusNoKYC,
	// StatusSanctionList, StatusBeneficiaryRejected …). Zero means the
	// verdict of Fields: StatusPIIVerifyFail when one is MISMATCH or
	// REQUIRED_INFO_MISSING, StatusSuccess otherwise.
	Status  VerifyStatus
	Message string // optional verifyMessage; no PII
	// Fields are the verdicts on the asked and required fields (see
	// PIIVerification.Verify).
	Fields []FieldResult
	// Identity is the IVMS document to return to the initiator, usually the
	// received one with our VASP filled in. The handler seals it to the
	// initiator's key (FULL_JSON_OBJECT_ENCRYPT). Nil returns no PII (a
	// receive-only VASP).
	Identity *ivms.IdentityPayload
	// PreflightStatus ("ACCEPTED", "REJECTED") and PreflightMessage are
	// optional.
	PreflightStatus  string
	PreflightMessage string
}

// TxIDNotice is callback 7: the originator of a pre-transaction travel rule
// broadcast the transfer. Store TxID against RequestID.
type TxIDNotice struct {
	CallbackHeader
	TxID string
}

// NotifyResult is a notification's verdict.
type NotifyResult struct {
	Status  VerifyStatus
	Message string
}

// StageResult is callback 13 (pending mode): the counterparty's late
// verdict on stage 1 — the address (pre-transaction: 100000 or 200001) or the
// txId (post-transaction: 100000 or 200007). If stage 1 failed no PII
// result follows; treat the travel rule as failed.
type StageResult struct {
	CallbackHeader
	Result NotifyResult
	// The transaction (blockchainTransaction) and the beneficiary address
	// (beneficiaryAddress) the verdict is about, as far as sent. GTR does
	// not publish blockHash, blockId, txIdType, vin, vout and addressType;
	// the SDK does not keep them.
	Network string
	Ticker  string
	TxID    string
	Address string
	Tag     string
}

// PIIResult is callback 15 (pending mode): the counterparty's late PII
// verdict, its field results and its PII, opened with our key pair.
//
// GTR's own example pairs the message "PII Verification Success" with
// verifyStatus 100006; read Result together with Fields.
type PIIResult struct {
	CallbackHeader
	Result           NotifyResult
	Fields           []FieldResult
	PreflightStatus  string
	PreflightMessage string
	// Identity is the counterparty's IVMS document, opened; nil when none
	// was sent or it could not be opened (IdentityErr says why).
	Identity    *ivms.IdentityPayload
	IdentityErr error

	sealed *wireSecuredInfo
}

// PreflightResult is callback 16: the counterparty's preflight check.
type PreflightResult struct {
	CallbackHeader
	Status  string // "ACCEPTED", "REJECTED" (enum not published)
	Message string
}

// TravelRuleEnded is callback 17: a VASP ended the travel rule (Result is
// 100028 "travel rule canceled").
type TravelRuleEnded struct {
	CallbackHeader
	Result     NotifyResult
	ReasonType string // UNKNOWN, INTERRUPTED, CANCELLED … (open set)
	Reason     string
}

// UnknownCallback is a callback type the SDK does not decode (12, 14, or a
// new one). The handler answers it with 100030.
type UnknownCallback struct {
	CallbackHeader
	// Data is callbackData as received. It may hold PII.
	Data json.RawMessage
}

func (*TxIDNotice) notification()      {}
func (*StageResult) notification()     {}
func (*PIIResult) notification()       {}
func (*PreflightResult) notification() {}
func (*TravelRuleEnded) notification() {}
