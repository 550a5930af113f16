package travelrule

import (
	"strings"
	"time"
)

// OwnershipTemplate selects the wording of a wallet-ownership message.
// Striga's pages disagree on one word: the declare and PATCH pages write
// "as customer {userId}", the verify-wallet page "as {userId}". Which form
// each route accepts is not verified, so the caller picks explicitly.
type OwnershipTemplate int

const (
	// OwnershipCustomer is the "as customer" form of POST
	// /counterparty/self-hosted and PATCH /counterparty/{counterpartyId}:
	//
	//	I am verifying ownership of the wallet address {signed_address} as customer {userId}. This message was signed on {DD/MM/YYYY} to confirm my control over this wallet.
	OwnershipCustomer OwnershipTemplate = iota + 1
	// OwnershipVerifyWallet is the form of POST
	// /counterparty/self-hosted/verify-wallet, without "customer":
	//
	//	I am verifying ownership of the wallet address {signed_address} as {userId}. This message was signed on {DD/MM/YYYY} to confirm my control over this wallet.
	OwnershipVerifyWallet
)

// OwnershipDateLayout is the date format of ownership messages (DD/MM/YYYY,
// UTC calendar date).
const OwnershipDateLayout = "02/01/2006"

func (t OwnershipTemplate) String() string {
	switch t {
	case OwnershipCustomer:
		return "customer"
	case OwnershipVerifyWallet:
		return "verify-wallet"
	}
	return "OwnershipTemplate(?)"
}

// The template's fixed parts.
const (
	ownershipHead     = "I am verifying ownership of the wallet address "
	ownershipCustomer = " as customer "
	ownershipAs       = " as "
	ownershipSigned   = ". This message was signed on "
	ownershipTail     = " to confirm my control over this wallet."

	fieldSignedAddress = "signed_address"
	fieldMessage       = "message"
	fieldSignature     = "signature"
	fieldMethod        = "method"
	fieldDate          = "date"
)

// OwnershipMessage builds the message the wallet owner signs to prove
// control of signedAddress, character for character as Striga documents
// it, with date's UTC calendar date as DD/MM/YYYY. ownerID is the Striga
// user (or business) id, a UUID. Striga accepts the message when its date
// is yesterday, today or tomorrow on its own UTC clock, so sign it close
// to submitting.
//
// It returns a *ValidationError for an unknown template, an empty or
// spaced address, an ownerID that is not a UUID, or a zero date.
func OwnershipMessage(t OwnershipTemplate, signedAddress, ownerID string, date time.Time) (string, error) {
	var ps problems
	checkOwnershipParts(&ps, t, signedAddress, ownerID)
	if date.IsZero() {
		ps.add(fieldDate, RuleRequired, "is required")
	}
	if err := ps.err(); err != nil {
		return "", err
	}
	return ownershipMessage(t, signedAddress, ownerID, date.UTC().Format(OwnershipDateLayout)), nil
}

func ownershipMessage(t OwnershipTemplate, addr, owner, date string) string {
	as := ownershipCustomer
	if t == OwnershipVerifyWallet {
		as = ownershipAs
	}
	var b strings.Builder
	b.Grow(len(ownershipHead) + len(addr) + len(as) + len(owner) + len(ownershipSigned) + len(date) + len(ownershipTail))
	b.WriteString(ownershipHead)
	b.WriteString(addr)
	b.WriteString(as)
	b.WriteString(owner)
	b.WriteString(ownershipSigned)
	b.WriteString(date)
	b.WriteString(ownershipTail)
	return b.String()
}

func checkOwnershipParts(ps *problems, t OwnershipTemplate, signedAddress, ownerID string) {
	if t != OwnershipCustomer && t != OwnershipVerifyWallet {
		ps.add("template", RuleEnum, "unknown ownership template")
	}
	switch {
	case signedAddress == "":
		ps.add(fieldSignedAddress, RuleRequired, "is required")
	case hasSpace(signedAddress):
		ps.add(fieldSignedAddress, RuleWhitespace, "must not contain whitespace")
	}
	if !IsUUID(ownerID) {
		ps.add(fieldUserID, RuleUUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
}

// CheckOwnershipMessage reports whether message is the ownership message
// of template t for signedAddress and ownerID, dated yesterday, today or
// tomorrow relative to now's UTC date — the check Striga applies. Apart
// from the date the message must match character for character. It
// returns nil or a *ValidationError (rule RuleOwnershipMessage or RuleDate
// on field "message"); the error never quotes the message.
func CheckOwnershipMessage(message string, t OwnershipTemplate, signedAddress, ownerID string, now time.Time) error {
	var ps problems
	checkOwnershipParts(&ps, t, signedAddress, ownerID)
	if err := ps.err(); err != nil {
		return err
	}
	prefix := ownershipMessage(t, signedAddress, ownerID, "")
	prefix = strings.TrimSuffix(prefix, ownershipTail)
	date, ok := strings.CutPrefix(message, prefix)
	if ok {
		date, ok = strings.CutSuffix(date, ownershipTail)
	}
	if !ok || len(date) != len(OwnershipDateLayout) {
		ps.add(fieldMessage, RuleOwnershipMessage, "is not the documented ownership message for this address, owner and template")
		return ps.err()
	}
	signed, err := time.Parse(OwnershipDateLayout, date)
	if err != nil || signed.Format(OwnershipDateLayout) != date {
		ps.add(fieldMessage, RuleOwnershipMessage, "does not carry a DD/MM/YYYY date")
		return ps.err()
	}
	today := now.UTC().Truncate(24 * time.Hour)
	if d := signed.Sub(today); d < -24*time.Hour || d > 24*time.Hour {
		ps.add(fieldMessage, RuleDate, "is dated outside yesterday, today and tomorrow (UTC)")
	}
	return ps.err()
}
