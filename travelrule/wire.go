package travelrule

import (
	"encoding/json"

	"github.com/vaspkit/vaspkit/internal/jsonx"
)

// Striga signs the MD5 of the request body and documents it as
// JSON.stringify's output; whether its server hashes the bytes received
// or JSON.stringify of the parsed body is not published. So every body is
// sent as JSON.stringify would write it back: encoding/json, then
// jsonx.Stringify for the string escapes the two write differently
// (U+2028, U+2029, invalid UTF-8), in Extra values too.

// counterpartyBody holds the owner, currency/network and identifier of
// widget-session and self-hosted-counterparty bodies, in the documented
// order; unset fields are left out.
type counterpartyBody struct {
	UserID              string `json:"userId,omitempty"`
	BusinessID          string `json:"businessId,omitempty"`
	Currency            string `json:"currency,omitempty"`
	Network             string `json:"network,omitempty"`
	CounterpartyAddress string `json:"counterpartyAddress,omitempty"`
	PaymentHash         string `json:"paymentHash,omitempty"`
	Invoice             string `json:"invoice,omitempty"`
}

func (cp *counterparty) body() counterpartyBody {
	return counterpartyBody{cp.userID, cp.businessID, cp.currency, cp.network,
		cp.counterpartyAddress, cp.paymentHash, cp.invoice}
}

// requestBody is fields (a struct) followed by the members of tail in
// key order, as JSON.stringify writes them. An error comes from tail.
func requestBody(fields any, tail map[string]any) ([]byte, error) {
	b, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	if len(tail) > 0 {
		t, err := json.Marshal(tail)
		if err != nil {
			return nil, err
		}
		// Splice the two objects: encoding/json cannot write a struct's
		// fields and a map's members as one object.
		if len(b) > len("{}") {
			b = append(b[:len(b)-1], ',')
		} else {
			b = b[:1]
		}
		b = append(b, t[1:]...)
	}
	return jsonx.Stringify(make([]byte, 0, len(b)), b), nil
}

// topLevelFields returns the members of a JSON object (the last of a
// repeated key wins); ok is false when data is not one, null included.
func topLevelFields(data []byte) (fields map[string]json.RawMessage, ok bool) {
	if json.Unmarshal(data, &fields) != nil || fields == nil {
		return nil, false
	}
	return fields, true
}
