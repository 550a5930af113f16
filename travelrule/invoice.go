package travelrule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/bech32"
)

// InvoiceNetwork is the Bitcoin network a Lightning invoice is payable on,
// as the invoice's prefix names it. Its values are the network names
// package bolt11 uses (bolt11.Network's String), so that an InvoiceCheck
// can be bolt11.CheckInvoice.
type InvoiceNetwork string

// The networks BOLT11 (and lnd, for simnet) define an invoice prefix for.
const (
	InvoiceMainnet InvoiceNetwork = "mainnet" // lnbc…, Striga production
	InvoiceTestnet InvoiceNetwork = "testnet" // lntb…, Striga's sandbox (testnet3 and testnet4)
	InvoiceSignet  InvoiceNetwork = "signet"  // lntbs…
	InvoiceRegtest InvoiceNetwork = "regtest" // lnbcrt…
	InvoiceSimnet  InvoiceNetwork = "simnet"  // lnsb… (lnd-specific)
)

// invoicePrefixes lists the networks by decreasing prefix length, so that
// the longest matching prefix wins (lnbcrt before lnbc, lntbs before lntb).
var invoicePrefixes = [...]struct {
	net    InvoiceNetwork
	prefix string
}{
	{InvoiceRegtest, "lnbcrt"},
	{InvoiceSignet, "lntbs"},
	{InvoiceMainnet, "lnbc"},
	{InvoiceTestnet, "lntb"},
	{InvoiceSimnet, "lnsb"},
}

// Prefix returns the human-readable-part prefix of invoices for n ("lnbc",
// "lntb", …), or "" for a value that is not one of the constants.
func (n InvoiceNetwork) Prefix() string {
	for _, p := range invoicePrefixes {
		if p.net == n {
			return p.prefix
		}
	}
	return ""
}

// String returns the network's name.
func (n InvoiceNetwork) String() string { return string(n) }

// InvoiceCheck is a full BOLT11 check a Client runs on every invoice, on
// top of its own (see WithInvoiceCheck). It decodes invoice — normalised:
// trimmed, without a "lightning:" prefix, lower case — for network (an
// InvoiceNetwork's name) and returns its payment hash as 64 hexadecimal
// digits and when it expires, or why the invoice is not valid. An expired
// invoice must not be an error. Its error should not quote the invoice.
//
// bolt11.CheckInvoice has this signature (and bolt11.Decoder's
// CheckInvoice method, with options): package bolt11 decodes with lnd's
// zpay32 and adds BOLT11's remaining reader rules. Package travelrule does
// not import it, so a service that does not plug it in links no lnd code.
type InvoiceCheck func(invoice, network string) (paymentHash string, expiresAt time.Time, err error)

// Invoice errors: a *FieldError for field "invoice" wraps one of them (see
// RuleInvoice and RuleInvoiceNetwork), and a *ValidationError lets
// errors.Is reach them.
var (
	// ErrInvalidInvoice: the invoice is not a BOLT11 invoice the client
	// accepts. When the plugged-in InvoiceCheck refused it, the
	// FieldError's cause matches that check's error too (for example
	// bolt11.ErrMissingPaymentSecret).
	ErrInvalidInvoice = errors.New("travelrule: invalid Lightning invoice")
	// ErrWrongInvoiceNetwork: the invoice is for another network than the
	// client's (WithEnvironment, WithInvoiceNetwork). It also matches
	// ErrInvalidInvoice.
	ErrWrongInvoiceNetwork = errors.New("travelrule: invoice is for another network")
)

// maxInvoiceLength is lnd's cap on invoice length (zpay32's anti-DoS
// limit); BOLT11 sets none, and no real invoice comes near it.
const maxInvoiceLength = 7089

// Groups of the BOLT11 data part the format check counts on.
const (
	invoiceTimestampLen = 7   // 35-bit timestamp
	invoiceSignatureLen = 104 // 65-byte signature
)

// invoiceForm is the client's own invoice check, which needs no
// secp256k1 and no lnd: s (trimmed, without "lightning:", any single case)
// is a bech32 string with a valid checksum, of at most 7089 characters,
// whose human-readable part is "ln", a known network prefix and an
// optional well-formed amount, and whose data part holds at least a
// timestamp and a signature. It returns the network the prefix names.
func invoiceForm(s string) (InvoiceNetwork, error) {
	if s == "" {
		return "", invalidInvoice("empty")
	}
	if len(s) > maxInvoiceLength {
		return "", invalidInvoice(strconv.Itoa(len(s)) + " characters, limit " + strconv.Itoa(maxInvoiceLength))
	}
	sep, le := bech32.Lex(s)
	if le != nil {
		return "", invalidInvoice(strings.TrimPrefix(le.Error(), "bech32: "))
	}
	if !bech32.VerifyChecksum(s, sep) {
		return "", invalidInvoice("bech32 checksum does not match")
	}
	hrp := strings.ToLower(s[:sep])
	if !strings.HasPrefix(hrp, "ln") {
		return "", invalidInvoice("human-readable part does not start with \"ln\"")
	}
	net, amount := InvoiceNetwork(""), ""
	for _, p := range invoicePrefixes {
		if rest, ok := strings.CutPrefix(hrp, p.prefix); ok && (rest == "" || rest[0] >= '0' && rest[0] <= '9') {
			net, amount = p.net, rest
			break
		}
	}
	if net == "" {
		return "", invalidInvoice("unknown network prefix")
	}
	if msg := amountForm(amount); msg != "" {
		return "", invalidInvoice(msg)
	}
	if len(s)-sep-1-bech32.ChecksumLen < invoiceTimestampLen+invoiceSignatureLen {
		return "", invalidInvoice("data part shorter than a timestamp and a signature")
	}
	return net, nil
}

// amountForm checks the amount of a human-readable part: empty, or digits
// and an optional multiplier m, u, n or p, where a p amount must end in 0
// (BOLT11: no sub-millisatoshi amounts). It returns "" or the problem.
func amountForm(a string) string {
	if a == "" {
		return ""
	}
	digits := a
	if last := a[len(a)-1]; last < '0' || last > '9' {
		if !strings.ContainsRune("munp", rune(last)) {
			return "unknown amount multiplier"
		}
		digits = a[:len(a)-1]
		if last == 'p' && (digits == "" || digits[len(digits)-1] != '0') {
			return "sub-millisatoshi amount (p multiplier, last digit not 0)"
		}
	}
	if digits == "" {
		return "no digits before the amount multiplier"
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "non-digit in amount"
		}
	}
	return ""
}

// invoiceError is the cause a FieldError of rule RuleInvoice or
// RuleInvoiceNetwork carries. It never holds the invoice.
type invoiceError struct {
	sentinels []error
	detail    string
	check     error // the plugged-in check's error, if it refused
}

func (e *invoiceError) Error() string {
	msg := e.sentinels[len(e.sentinels)-1].Error()
	if e.detail != "" {
		msg += ": " + e.detail
	}
	return msg
}

// Unwrap returns the sentinels and the plugged-in check's error.
func (e *invoiceError) Unwrap() []error {
	if e.check == nil {
		return e.sentinels
	}
	return append(e.sentinels[:len(e.sentinels):len(e.sentinels)], e.check)
}

func invalidInvoice(detail string) error {
	return &invoiceError{sentinels: []error{ErrInvalidInvoice}, detail: detail}
}

func wrongInvoiceNetwork(got, want InvoiceNetwork) error {
	return &invoiceError{sentinels: []error{ErrInvalidInvoice, ErrWrongInvoiceNetwork},
		detail: fmt.Sprintf("%s (%s…), want %s", got, got.Prefix(), want)}
}
