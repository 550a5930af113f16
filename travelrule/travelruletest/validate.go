package travelruletest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"unicode"

	"github.com/vaspkit/vaspkit/bolt11"
	"github.com/vaspkit/vaspkit/travelrule"
)

// body is a decoded JSON request body with typed accessors that record a
// problem for a field of the wrong type. The fake checks the wire, not the
// Go structs, so what a client sends is judged the way Striga would.
type body struct {
	fields   map[string]json.RawMessage
	problems []errorDetail
}

// parseBody decodes a JSON object, or answers 400 and returns nil.
func parseBody(c *call) *body {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(c.body, &fields); err != nil || fields == nil {
		writeError(c.w, http.StatusBadRequest, travelrule.CodeDefault, "Request body must be a JSON object", nil)
		return nil
	}
	return &body{fields: fields}
}

func (b *body) problem(field, msg string) {
	b.problems = append(b.problems, errorDetail{Field: field, Message: msg})
}

// str returns a string field, "" when absent or null.
func (b *body) str(name string) string {
	raw, ok := b.fields[name]
	if !ok || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		b.problem(name, "must be a string")
		return ""
	}
	return s
}

// boolean returns a boolean field, false when absent or null.
func (b *body) boolean(name string) bool {
	raw, ok := b.fields[name]
	if !ok || string(raw) == "null" {
		return false
	}
	var v bool
	if err := json.Unmarshal(raw, &v); err != nil {
		b.problem(name, "must be a boolean")
	}
	return v
}

// reject answers 400 with the problems found, when there are any.
func (b *body) reject(c *call) bool {
	if len(b.problems) == 0 {
		return false
	}
	writeError(c.w, http.StatusBadRequest, travelrule.CodeDefault, "Validation failed", b.problems)
	return true
}

// identity is a checked owner, currency/network and counterparty
// identifier.
type identity struct {
	userID, businessID string
	currency, network  string
	address            string
	paymentHash        string // lower case; decoded from the invoice when one is given
	invoice            string
}

// owner is the reuse key part for the owner.
func (id identity) owner() string {
	if id.userID != "" {
		return "user:" + strings.ToLower(id.userID)
	}
	return "business:" + strings.ToLower(id.businessID)
}

// counterpartyKey is the reuse key part for the identifier: an invoice
// counts as its payment hash.
func (id identity) counterpartyKey() string {
	if id.address != "" {
		return "address:" + id.address
	}
	return "lightning:" + id.paymentHash
}

// checkIdentity applies Striga's owner, currency/network and identifier
// rules to a request body.
func (s *Server) checkIdentity(b *body) identity {
	id := identity{
		userID:      b.str("userId"),
		businessID:  b.str("businessId"),
		currency:    b.str("currency"),
		network:     b.str("network"),
		address:     b.str("counterpartyAddress"),
		paymentHash: b.str("paymentHash"),
		invoice:     b.str("invoice"),
	}
	switch {
	case id.userID == "" && id.businessID == "":
		b.problem("userId", "Provide exactly one of userId or businessId")
	case id.userID != "" && id.businessID != "":
		b.problem("businessId", "Provide exactly one of userId or businessId")
	}
	if id.userID != "" && !isUUID(id.userID) {
		b.problem("userId", "must be a UUID")
	}
	if id.businessID != "" && !isUUID(id.businessID) {
		b.problem("businessId", "must be a UUID")
	}
	if id.currency == "" {
		b.problem("currency", "is required")
	}
	if id.network == "" {
		b.problem("network", "is required")
	}
	if id.currency != "" {
		want, ok := s.cfg.networks[id.currency]
		switch {
		case !ok:
			b.problem("currency", "Must be a supported LedgerCryptoNetworks key")
		case id.network != "" && id.network != want:
			b.problem("network", "Must equal the network implied by currency")
		}
	}
	n := 0
	for _, v := range []string{id.address, id.paymentHash, id.invoice} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		b.problem("counterpartyAddress", "Provide exactly one of counterpartyAddress, paymentHash, or invoice")
	}
	if id.address != "" && strings.IndexFunc(id.address, unicode.IsSpace) >= 0 {
		b.problem("counterpartyAddress", "must not contain whitespace")
	}
	lightning := id.currency == "BTC" && id.network == "BTC"
	if id.paymentHash != "" {
		if !lightning {
			b.problem("paymentHash", "Lightning identifiers are valid on BTC / BTC only")
		}
		if !isHex64(id.paymentHash) {
			b.problem("paymentHash", "must be a 64-character hex string")
		}
		id.paymentHash = strings.ToLower(id.paymentHash)
	}
	if id.invoice != "" {
		if !lightning {
			b.problem("invoice", "Lightning identifiers are valid on BTC / BTC only")
		}
		inv, err := bolt11.Decode(id.invoice, s.cfg.invoiceNet)
		switch {
		case errors.Is(err, bolt11.ErrWrongNetwork):
			b.problem("invoice", "invoice is for another network")
		case err != nil:
			b.problem("invoice", "invalid bolt11 invoice")
		default:
			id.paymentHash = inv.PaymentHashHex()
		}
	}
	return id
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !isHexRune(c) {
			return false
		}
	}
	return true
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !isHexRune(c) {
			return false
		}
	}
	return true
}

func isHexRune(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
