package travelrule

import (
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/vaspkit/vaspkit/bolt11"
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
	// need only be valid for the network its own prefix names.
	invoiceNet bolt11.Network
	anyNetwork bool
}

// defaultRules are the rules of (*WidgetSessionRequest).Validate.
func defaultRules() rules { return rules{networks: DefaultNetworks(), anyNetwork: true} }

func (c *Client) rules() rules {
	return rules{networks: c.networks, strict: c.strict, invoiceNet: c.invoiceNet}
}

// counterparty is a checked owner, currency/network and identifier, in the
// form sent on the wire.
type counterparty struct {
	userID, businessID  string
	currency, network   string
	counterpartyAddress string
	paymentHash         string // lower case
	invoice             string // trimmed, prefix removed, lower case
	decoded             *bolt11.Invoice
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
//   - invoice: a valid BOLT11 invoice (surrounding space and a
//     "lightning:" prefix allowed); an expired invoice is valid;
//   - counterpartyAddress and txHash without whitespace.
//
// Validate does not know which environment the request is for, so it
// accepts an invoice valid for any network. A Client checks the invoice's
// network too (WithEnvironment, WithInvoiceNetwork), and its own networks
// table: use (*Client).ValidateWidgetSession to run the client's checks
// without sending. CreateWidgetSession runs them before sending anything.
func (r *WidgetSessionRequest) Validate() error {
	_, err := defaultRules().widgetSession(r)
	return err
}

// ValidateWidgetSession runs the checks CreateWidgetSession runs before
// sending: Validate's rules with the client's networks table, strictness
// and invoice network.
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
		cp.invoice = normaliseInvoice(invoice)
		inv, err := ru.decodeInvoice(cp.invoice)
		if err != nil {
			var be *bolt11.Error
			switch {
			case errors.Is(err, bolt11.ErrWrongNetwork):
				ps.addErr(fieldInvoice, RuleInvoiceNetwork, "is for another network than "+ru.invoiceNet.String()+", the network of this client's environment", err)
			case errors.As(err, &be):
				ps.addErr(fieldInvoice, RuleInvoice, "is not a valid BOLT11 invoice: "+be.Err.Error(), err)
			default:
				ps.addErr(fieldInvoice, RuleInvoice, "is not a valid BOLT11 invoice", err)
			}
		} else {
			cp.decoded = inv
		}
	}
	return cp
}

func (ru rules) decodeInvoice(s string) (*bolt11.Invoice, error) {
	if ru.anyNetwork {
		return bolt11.DecodeAny(s)
	}
	return bolt11.Decode(s, ru.invoiceNet)
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

// normaliseInvoice trims surrounding whitespace, removes a "lightning:"
// prefix in any case and lower-cases the rest (bech32 is case-insensitive).
func normaliseInvoice(s string) string {
	s = strings.TrimSpace(s)
	const prefix = "lightning:"
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		s = s[len(prefix):]
	}
	return strings.ToLower(s)
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

// invoiceExpired reports whether a decoded invoice has expired at now.
func invoiceExpired(inv *bolt11.Invoice, now time.Time) bool {
	return inv != nil && inv.Expired(now)
}
