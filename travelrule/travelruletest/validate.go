package travelruletest

import (
	"encoding/json"
	"net/http"
	"strings"

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

// checkIdentity applies Striga's documented owner, currency/network and
// identifier rules to a request body (striga.go holds the wording). What
// Striga does not document — whitespace in an address, the address's
// format per chain — is left alone.
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
		b.problem("userId", msgOneOwner)
	case id.userID != "" && id.businessID != "":
		b.problem("businessId", msgOneOwner)
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
			b.problem("currency", msgCurrency)
		case id.network != "" && id.network != want:
			b.problem("network", msgNetwork)
		}
	}
	n := 0
	for _, v := range []string{id.address, id.paymentHash, id.invoice} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		b.problem("counterpartyAddress", msgOneIdentifier)
	}
	lightning := id.currency == "BTC" && id.network == "BTC"
	if id.paymentHash != "" {
		if !lightning {
			b.problem("paymentHash", msgLightningOnly)
		}
		if !isHex64(id.paymentHash) {
			b.problem("paymentHash", msgPaymentHash)
		}
		id.paymentHash = strings.ToLower(id.paymentHash)
	}
	if id.invoice != "" {
		if !lightning {
			b.problem("invoice", msgLightningOnly)
		}
		hash, problem, wrongNet := readInvoice(id.invoice, s.cfg.invoiceNet)
		switch {
		case wrongNet:
			b.problem("invoice", "invoice is for another network than "+string(s.cfg.invoiceNet))
		case problem != "":
			b.problem("invoice", msgInvoice+" Not decodable: "+problem+".")
		default:
			id.paymentHash = hash
		}
	}
	return id
}
