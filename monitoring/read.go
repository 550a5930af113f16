package monitoring

import (
	"context"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Get returns a transaction by Sumsub's id (Result.ID). A 2xx answer that
// is empty, does not decode or carries no id is a
// *MalformedResponseError.
func (c *Client) Get(ctx context.Context, id string) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	res := new(Result)
	if err := c.read(ctx, c.rest.Getf("/resources/kyt/txns/%s/one", id).Retry(rest.Safe), res); err != nil {
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
	// path segment, and logs and errors show it as "*".
	r := c.rest.Getf("/resources/kyt/txns/-;data.txnId=%s/one", txnID).Retry(rest.Safe)
	res := new(Result)
	if err := c.read(ctx, r, res); err != nil {
		return nil, err
	}
	return res, nil
}
