package bolt11

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Defaults BOLT11 gives for absent fields.
const (
	// DefaultExpiry applies when the invoice has no x field.
	DefaultExpiry = time.Hour
	// DefaultMinFinalCLTVExpiryDelta applies when the invoice has no c
	// field. It is the spec's value; lnd v0.21 assumes 24 instead.
	DefaultMinFinalCLTVExpiryDelta = 18
)

// Invoice is a decoded, checked BOLT11 invoice. It holds only this
// package's own types.
type Invoice struct {
	// Network is the network of the currency prefix.
	Network Network
	// PaymentHash is the SHA-256 hash whose preimage the payee reveals when
	// paid (p field): the identifier of the payment.
	PaymentHash [32]byte
	// AmountMsat is the amount in millisatoshis; 0 when HasAmount is false.
	AmountMsat uint64
	// HasAmount is false for an "any amount" invoice.
	HasAmount bool
	// Timestamp is the creation time, in UTC.
	Timestamp time.Time
	// Expiry is the validity after Timestamp: the x field, or DefaultExpiry.
	// A value too large for a time.Duration (beyond ~292 years) is capped
	// at the largest Duration.
	Expiry time.Duration
	// Description is the d field ("" with a description hash).
	Description string
	// DescriptionHash is the h field: the SHA-256 of a description given out
	// of band (see VerifyDescription); nil with a d field.
	DescriptionHash *[32]byte
	// Payee is the payee node's compressed public key: the n field, or the
	// key recovered from the signature (PayeeGiven tells which).
	Payee [33]byte
	// PayeeGiven is true when the invoice names its payee in an n field.
	PayeeGiven bool
	// PaymentSecret is the s field, which the payer passes to the payee to
	// stop intermediate nodes from probing it. Always present: Decode
	// rejects invoices without one.
	PaymentSecret [32]byte
	// MinFinalCLTVExpiryDelta is the c field, or
	// DefaultMinFinalCLTVExpiryDelta (18) when absent.
	MinFinalCLTVExpiryDelta uint64
	// HasMinFinalCLTVExpiryDelta tells whether the c field was present.
	HasMinFinalCLTVExpiryDelta bool
	// FallbackAddresses are the on-chain addresses of the f fields with a
	// known version, in invoice order, encoded for Network.
	FallbackAddresses []string
	// RouteHints are the private routes of the r fields, one slice per field.
	RouteHints [][]HopHint
	// Features lists the set feature bits of the 9 field in ascending order.
	// Even bits are required, odd ones optional; Decode rejects unknown
	// required bits.
	Features []int
	// Metadata is the m field (payment_metadata), nil when absent.
	Metadata []byte
}

// HopHint is one hop of a private route hint (r field).
type HopHint struct {
	NodeID                    [33]byte // compressed public key of the hop's node
	ShortChannelID            ShortChannelID
	FeeBaseMsat               uint32
	FeeProportionalMillionths uint32
	CLTVExpiryDelta           uint16
}

// ShortChannelID locates a channel's funding output: block height (24 bits),
// transaction index in the block (24 bits) and output index (16 bits).
type ShortChannelID uint64

// BlockHeight returns the height of the block holding the funding transaction.
func (s ShortChannelID) BlockHeight() uint32 { return uint32(s >> 40) }

// TxIndex returns the index of the funding transaction in its block.
func (s ShortChannelID) TxIndex() uint32 { return uint32(s>>16) & 0xFFFFFF }

// OutputIndex returns the index of the funding output in its transaction.
func (s ShortChannelID) OutputIndex() uint16 { return uint16(s) }

// String returns the usual "blockxtxxoutput" form, e.g. "589390x3312x1".
func (s ShortChannelID) String() string {
	return strconv.FormatUint(uint64(s.BlockHeight()), 10) + "x" +
		strconv.FormatUint(uint64(s.TxIndex()), 10) + "x" +
		strconv.FormatUint(uint64(s.OutputIndex()), 10)
}

// PaymentHashHex returns the payment hash as 64 lower-case hex digits, the
// form Lightning nodes and Striga use.
func (inv *Invoice) PaymentHashHex() string { return hex.EncodeToString(inv.PaymentHash[:]) }

// PayeeHex returns the payee public key as 66 lower-case hex digits.
func (inv *Invoice) PayeeHex() string { return hex.EncodeToString(inv.Payee[:]) }

// ExpiresAt returns Timestamp + Expiry.
func (inv *Invoice) ExpiresAt() time.Time { return inv.Timestamp.Add(inv.Expiry) }

// Expired reports whether the invoice can no longer be paid at now. Decode
// does not reject expired invoices: a compliance record may concern a past
// one.
func (inv *Invoice) Expired(now time.Time) bool { return !now.Before(inv.ExpiresAt()) }

// HasFeature reports whether feature bit is set.
func (inv *Invoice) HasFeature(bit int) bool {
	for _, b := range inv.Features {
		if b == bit {
			return true
		}
	}
	return false
}

// VerifyDescription checks a description against the invoice: against the
// SHA-256 description hash (h field) when there is one — the check BOLT11
// requires when the description is given out of band — or else against the
// description (d field). It returns nil or ErrDescriptionMismatch.
func (inv *Invoice) VerifyDescription(description string) error {
	if inv.DescriptionHash != nil {
		sum := sha256.Sum256([]byte(description))
		if sum == *inv.DescriptionHash {
			return nil
		}
		return newError(ErrDescriptionMismatch, "h", "SHA-256 of the description differs from the h field")
	}
	if description == inv.Description {
		return nil
	}
	return newError(ErrDescriptionMismatch, "d", "")
}
