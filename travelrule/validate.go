package travelrule

import (
	"strings"
	"time"
	"unicode"
)

// JSON field names of the widget-session request, used as FieldError paths.
const (
	fieldUserID               = "userId"
	fieldBusinessID           = "businessId"
	fieldCurrency             = "currency"
	fieldNetwork              = "network"
	fieldCounterpartyAddress  = "counterpartyAddress"
	fieldPaymentHash          = "paymentHash"
	fieldInvoice              = "invoice"
	fieldForceVerifyOwnership = "forceVerifyOwnership"
	fieldTxHash               = "txHash"
	fieldSubType              = "subType"

	groupOwner      = fieldUserID + "|" + fieldBusinessID
	groupIdentifier = fieldCounterpartyAddress + "|" + fieldPaymentHash + "|" + fieldInvoice
)

// reservedWidgetField reports JSON names the widget-session body already
// uses, which the tx-hash field must not take.
func reservedWidgetField(name string) bool {
	switch name {
	case fieldUserID, fieldBusinessID, fieldCurrency, fieldNetwork, fieldCounterpartyAddress,
		fieldPaymentHash, fieldInvoice, fieldForceVerifyOwnership:
		return true
	}
	return false
}

// rules are the checks that depend on the client's configuration.
type rules struct {
	networks Networks
	strict   bool
	// invoiceNet is the network an invoice must be for; ignored when
	// anyNetwork is set (Validate without a client), where an invoice
	// need only be well formed for the network its own prefix names.
	invoiceNet InvoiceNetwork
	anyNetwork bool
	// check is the plugged-in full invoice check, nil when none.
	check InvoiceCheck
}

// defaultRules are the rules of (*WidgetSessionRequest).Validate.
func defaultRules() rules { return rules{networks: DefaultNetworks(), anyNetwork: true} }

func (c *Client) rules() rules {
	return rules{networks: c.networks, strict: c.strict, invoiceNet: c.invoiceNet, check: c.invoiceCheck}
}

// counterparty is a checked owner, currency/network and identifier, in the
// form sent on the wire.
type counterparty struct {
	userID, businessID  string
	currency, network   string
	counterpartyAddress string
	paymentHash         string // lower case
	invoice             string // trimmed, prefix removed, lower case
	// checked: the plugged-in InvoiceCheck accepted the invoice and
	// reported its payment hash (lower case; "" when it gave no valid
	// one) and expiry.
	checked          bool
	invoiceHash      string
	invoiceExpiresAt time.Time
}

// Validate checks r against every rule Striga documents for "Create
// travel-rule widget session" and returns a *ValidationError listing each
// problem with its JSON field name, or nil:
//
//   - exactly one of userId and businessId, a UUID (8-4-4-4-12 hex, any
//     case);
//   - currency and network set; for a currency in DefaultNetworks, the
//     network it requires (unknown currencies are left to Striga);
//   - exactly one of counterpartyAddress, paymentHash and invoice;
//   - paymentHash and invoice only on currency BTC with network BTC;
//   - paymentHash: 64 hexadecimal characters;
//   - invoice: a well-formed BOLT11 invoice (surrounding space and a
//     "lightning:" prefix allowed) — see below; an expired invoice is
//     valid;
//   - counterpartyAddress and txHash without whitespace.
//
// An invoice is checked without lnd or secp256k1: a bech32 string (one
// case) with a valid checksum, at most 7089 characters, prefixed "ln" and
// a known network (lnbc mainnet, lntb testnet, lntbs signet, lnbcrt
// regtest, lnsb simnet), a well-formed amount and room for a timestamp and
// a signature. Striga decodes the invoice itself. A Client given
// WithInvoiceCheck (bolt11.CheckInvoice) also checks what that needs:
// the signature, the payment hash and payment secret, feature bits, field
// lengths — and reports the payment hash and expiry.
//
// Validate does not know which environment the request is for, so it
// accepts an invoice for any network, and it runs no plugged-in check. A
// Client checks the invoice's network too (WithEnvironment,
// WithInvoiceNetwork), its own networks table and its InvoiceCheck: use
// (*Client).ValidateWidgetSession to run the client's checks without
// sending. CreateWidgetSession runs them before sending anything.
func (r *WidgetSessionRequest) Validate() error {
	_, err := defaultRules().widgetSession(r)
	return err
}

// ValidateWidgetSession runs the checks CreateWidgetSession runs before
// sending: Validate's rules with the client's networks table, strictness,
// invoice network and InvoiceCheck.
func (c *Client) ValidateWidgetSession(req *WidgetSessionRequest) error {
	_, err := c.rules().widgetSession(req)
	return err
}

// widgetSession validates r and returns its wire form.
func (ru rules) widgetSession(r *WidgetSessionRequest) (*counterparty, error) {
	var ps problems
	if r == nil {
		ps.add("", RuleRequired, "request is nil")
		return nil, ps.err()
	}
	cp := ru.counterparty(&ps, r.UserID, r.BusinessID, r.Currency, r.Network, r.CounterpartyAddress, r.PaymentHash, r.Invoice)
	if r.TxHash != "" && hasSpace(r.TxHash) {
		ps.add(fieldTxHash, RuleWhitespace, "must not contain whitespace")
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return cp, nil
}

// counterparty applies the owner, currency/network and identifier rules
// shared by widget sessions and self-hosted counterparties.
func (ru rules) counterparty(ps *problems, userID, businessID, currency, network, address, paymentHash, invoice string) *counterparty {
	cp := &counterparty{userID: userID, businessID: businessID, currency: currency, network: network, counterpartyAddress: address}
	checkOwner(ps, userID, businessID)
	ru.checkCurrency(ps, currency, network)

	set := 0
	for _, v := range []string{address, paymentHash, invoice} {
		if v != "" {
			set++
		}
	}
	switch set {
	case 0:
		ps.add(groupIdentifier, RuleExactlyOne, "exactly one of counterpartyAddress, paymentHash and invoice is required; none is set")
	case 1:
	default:
		ps.add(groupIdentifier, RuleExactlyOne, "exactly one of counterpartyAddress, paymentHash and invoice is allowed; more are set")
	}

	if address != "" && hasSpace(address) {
		ps.add(fieldCounterpartyAddress, RuleWhitespace, "must not contain whitespace")
	}
	lightningPair := currency == CurrencyBTC && network == NetworkBTC
	if paymentHash != "" {
		if !lightningPair {
			ps.add(fieldPaymentHash, RuleLightningBTCOnly, "Lightning identifiers are valid on currency BTC with network BTC only")
		}
		if !isHex(paymentHash, 64) {
			ps.add(fieldPaymentHash, RulePaymentHash, "must be 64 hexadecimal characters")
		} else {
			cp.paymentHash = strings.ToLower(paymentHash)
		}
	}
	if invoice != "" {
		if !lightningPair {
			ps.add(fieldInvoice, RuleLightningBTCOnly, "Lightning identifiers are valid on currency BTC with network BTC only")
		}
		cp.invoice = ru.checkInvoice(ps, cp, invoice)
	}
	return cp
}

// checkInvoice applies the invoice rules to invoice and returns the form
// sent on the wire: trimmed, without a "lightning:" prefix, lower case.
func (ru rules) checkInvoice(ps *problems, cp *counterparty, invoice string) string {
	s := trimInvoice(invoice)
	norm := strings.ToLower(s)
	net, err := invoiceForm(s)
	switch {
	case err != nil:
		ps.addErr(fieldInvoice, RuleInvoice, "is not a valid BOLT11 invoice: "+err.(*invoiceError).detail, err)
		return norm
	case !ru.anyNetwork && net != ru.invoiceNet:
		ps.addErr(fieldInvoice, RuleInvoiceNetwork, "is for another network than "+ru.invoiceNet.String()+
			", the network of this client's environment", wrongInvoiceNetwork(net, ru.invoiceNet))
		return norm
	case ru.check == nil:
		return norm
	}
	hash, expires, cerr := ru.check(norm, string(net))
	if cerr != nil {
		msg := "is not a valid BOLT11 invoice"
		if d := cerr.Error(); len(d) <= 200 && !strings.Contains(strings.ToLower(d), norm) {
			msg += ": " + d
		}
		ps.addErr(fieldInvoice, RuleInvoice, msg, &invoiceError{sentinels: []error{ErrInvalidInvoice}, detail: "refused by the invoice check", check: cerr})
		return norm
	}
	cp.checked, cp.invoiceExpiresAt = true, expires
	if isHex(hash, 64) {
		cp.invoiceHash = strings.ToLower(hash)
	}
	return norm
}

func checkOwner(ps *problems, userID, businessID string) {
	switch {
	case userID == "" && businessID == "":
		ps.add(groupOwner, RuleExactlyOne, "exactly one of userId and businessId is required; none is set")
	case userID != "" && businessID != "":
		ps.add(groupOwner, RuleExactlyOne, "exactly one of userId and businessId is allowed; both are set")
	}
	if userID != "" && !IsUUID(userID) {
		ps.add(fieldUserID, RuleUUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
	if businessID != "" && !IsUUID(businessID) {
		ps.add(fieldBusinessID, RuleUUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
}

func (ru rules) checkCurrency(ps *problems, currency, network string) {
	if currency == "" {
		ps.add(fieldCurrency, RuleRequired, "is required")
	}
	if network == "" {
		ps.add(fieldNetwork, RuleRequired, "is required")
	}
	if currency == "" {
		return
	}
	want, known := ru.networks.Lookup(currency)
	switch {
	case !known && ru.strict:
		ps.add(fieldCurrency, RuleUnsupportedCurrency, "is not in the client's networks table")
	case known && network != "" && network != want:
		ps.add(fieldNetwork, RuleNetworkMismatch, "must be "+want+" for currency "+currency)
	}
}

// trimInvoice trims surrounding whitespace and removes a "lightning:"
// prefix in any case. Lower-casing (bech32 is case-insensitive) comes
// after the format check, which refuses mixed case.
func trimInvoice(s string) string {
	s = strings.TrimSpace(s)
	const prefix = "lightning:"
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		s = s[len(prefix):]
	}
	return s
}

// IsUUID reports whether s is a UUID in canonical textual form: 8-4-4-4-12
// hexadecimal digits, either case, any version.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hasSpace(s string) bool { return strings.IndexFunc(s, unicode.IsSpace) >= 0 }
