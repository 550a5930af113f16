package monitoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// errListAnswer: a list answer of none of the shapes decodeList reads.
var errListAnswer = errors.New(`not a JSON array, {"items":[…]} or {"list":{"items":[…]}}`)

// listAnswer is the shape of Sumsub's list answers: {"items":[…],
// "totalItems":n}, which its notes endpoint documents wrapped in "list".
type listAnswer struct {
	List       *listAnswer       `json:"list"`
	Items      []json.RawMessage `json:"items"`
	TotalItems *json.Number      `json:"totalItems"`
}

// decodeList reads an answer that lists items: a JSON array, an object
// {"items":[…],"totalItems":n}, or the same wrapped as {"list":{…}} (the
// shape Sumsub documents for a transaction's notes). Sumsub publishes the
// shape of few of its list answers, so all three are read. It returns the
// raw items and totalItems (the number of items when absent); anything
// else — an empty body, null, another object, items that are not an
// array, a totalItems that is not a whole number — is an error.
func decodeList(raw []byte) ([]json.RawMessage, int, error) {
	b := trimJSONSpace(raw)
	if len(b) == 0 {
		return nil, 0, errListAnswer
	}
	if b[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(b, &items); err != nil {
			return nil, 0, err
		}
		return items, len(items), nil
	}
	if b[0] != '{' {
		return nil, 0, errListAnswer
	}
	var a listAnswer
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, 0, err
	}
	if a.List != nil {
		if a.Items != nil || a.List.List != nil {
			return nil, 0, errListAnswer
		}
		a = *a.List
	}
	if a.Items == nil {
		return nil, 0, errListAnswer
	}
	total := len(a.Items)
	if a.TotalItems != nil {
		n, err := wholeCount(*a.TotalItems)
		if err != nil {
			return nil, 0, errListAnswer
		}
		total = n
	}
	return a.Items, total, nil
}

// wholeCount reads a count from a server: a non-negative whole number of
// at most maxCountDigits digits.
func wholeCount(n json.Number) (int, error) {
	s := n.String()
	if len(s) == 0 || len(s) > maxCountDigits {
		return 0, errListAnswer
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errListAnswer
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, nil
}

// rawList is a decoded list answer.
type rawList struct {
	items []json.RawMessage
	total int
}

// readList sends r, a read, and decodes a list answer (see decodeList). An
// answer of another shape is a *MalformedResponseError.
func (c *Client) readList(ctx context.Context, r *rest.Request, meta *rest.Meta) (rawList, error) {
	var raw json.RawMessage
	if err := c.do(ctx, r, &raw, false, meta); err != nil {
		return rawList{}, err
	}
	items, total, err := decodeList(raw)
	if err != nil {
		return rawList{}, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	return rawList{items: items, total: total}, nil
}

// trimJSONSpace trims JSON's whitespace (RFC 8259: space, tab, CR, LF) and
// nothing else: bytes.TrimSpace would also drop \f and \v, which JSON does
// not allow.
func trimJSONSpace(b []byte) []byte { return bytes.Trim(b, " \t\r\n") }
