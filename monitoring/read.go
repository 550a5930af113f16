package monitoring

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Get returns a transaction by Sumsub's id (Result.ID). A 2xx answer that
// is empty, does not decode or carries no id is a
// *MalformedResponseError.
func (c *Client) Get(ctx context.Context, id TransactionID) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	res := new(Result)
	if err := c.read(ctx, c.rest.Getf("/resources/kyt/txns/%s/one", string(id)).Retry(rest.Safe), res); err != nil {
		return nil, err
	}
	return res, nil
}

// GetByTxnID returns a transaction by our own id (data.txnId). An unknown
// id is an *APIError matching ErrNotFound.
func (c *Client) GetByTxnID(ctx context.Context, txnID TxnID) (*Result, error) {
	if err := requireID("txnId", txnID); err != nil {
		return nil, err
	}
	format, values, err := matrixPath("/resources/kyt/txns/", []Filter{{Path: "data.txnId", Value: string(txnID)}}, "/one")
	if err != nil {
		return nil, err
	}
	res := new(Result)
	if err := c.read(ctx, c.rest.Getf(format, values...).Retry(rest.Safe), res); err != nil {
		return nil, err
	}
	return res, nil
}

// errFilterPath explains a refused filter path.
var errFilterPath = errors.New("letters, digits, '.' and '_' only")

// matrixPath builds the path of a Sumsub lookup by filters, which Sumsub
// puts in one path segment as matrix parameters: prefix + "-" +
// ";path=value" for each filter + suffix, e.g.
// /resources/kyt/txns/-;data.txnId=…/one. It returns a format for
// rest's Getf and the values: the filter paths are literal (checked to be
// plain field paths), each value is escaped as one path segment, so ';',
// '/', '?' or '%' in a value cannot change the route, and logs and errors
// show it as "*".
func matrixPath(prefix string, filters []Filter, suffix string) (string, []string, error) {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteByte('-')
	values := make([]string, 0, len(filters))
	var p problems
	for i, f := range filters {
		if !plainPath(f.Path) {
			p.add("filters["+strconv.Itoa(i)+"].path", "FORMAT", errFilterPath.Error())
			continue
		}
		b.WriteByte(';')
		b.WriteString(f.Path)
		b.WriteString("=%s")
		values = append(values, f.Value)
	}
	if len(p) > 0 {
		return "", nil, &ValidationError{Problems: p}
	}
	b.WriteString(suffix)
	return b.String(), values, nil
}

// plainPath reports whether s is a non-empty field path of letters,
// digits, '.' and '_' (data.info.paymentTxnId, data.txnDate__gte).
func plainPath(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}
