package monitoring

import (
	"context"
	"net/url"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Get returns a transaction by Sumsub's id (Result.ID).
func (c *Client) Get(ctx context.Context, id string) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	res := new(Result)
	if err := c.do(ctx, c.rest.Get(rest.Pathf("/resources/kyt/txns/%s/one", id)).Retry(rest.Safe), res, nil); err != nil {
		return nil, err
	}
	return res, nil
}

// GetByTxnID returns a transaction by our own id (data.txnId). An unknown
// id is an *APIError matching ErrNotFound.
func (c *Client) GetByTxnID(ctx context.Context, txnID string) (*Result, error) {
	if err := requireID("txnId", txnID); err != nil {
		return nil, err
	}
	// The filter keeps ';' and '=' literal; the value is escaped as one
	// path segment.
	path := "/resources/kyt/txns/-;data.txnId=" + url.PathEscape(txnID) + "/one"
	res := new(Result)
	if err := c.do(ctx, c.rest.Get(path).Retry(rest.Safe), res, nil); err != nil {
		return nil, err
	}
	return res, nil
}
