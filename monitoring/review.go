package monitoring

import (
	"context"
	"encoding/json"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// reviewRequest is the body of POST …/review/status/completed.
type reviewRequest struct {
	ReviewAnswer  ReviewAnswer `json:"reviewAnswer"`
	RejectLabels  []string     `json:"rejectLabels,omitempty"`
	ClientComment string       `json:"clientComment,omitempty"`
}

// Approve completes the review of a transaction (e.g. one on hold) with
// GREEN. It needs the "Manage TM transactions - Decisions" permission.
//
// Sumsub cannot deduplicate a decision, so it is never blindly resent:
// after a failure that may have reached Sumsub (MaybeSent), read the
// transaction back with Get instead of calling Approve again. A 2xx answer
// that is empty or does not decode is such a failure: an
// *OutcomeUnknownError, never a Result without a review.
func (c *Client) Approve(ctx context.Context, id TransactionID) (*Result, error) {
	return c.review(ctx, id, reviewRequest{ReviewAnswer: Green})
}

// Reject completes the review with RED, with optional reject labels and a
// comment for the record. See Approve for permissions and retries.
func (c *Client) Reject(ctx context.Context, id TransactionID, labels []string, comment string) (*Result, error) {
	return c.review(ctx, id, reviewRequest{ReviewAnswer: Red, RejectLabels: labels, ClientComment: comment})
}

func (c *Client) review(ctx context.Context, id TransactionID, body reviewRequest) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	res := new(Result)
	r := c.rest.Postf("/resources/kyt/txns/%s/review/status/completed", string(id)).JSON(body).Retry(rest.Ambiguous)
	call := "Approve"
	if body.ReviewAnswer != Green {
		call = "Reject"
	}
	if err := c.write(ctx, call, r, res, false); err != nil {
		return nil, err
	}
	return res, nil
}

// Rescore runs the rules on a transaction again (at most 200 times per
// transaction). Like Approve it is not resent after an ambiguous failure.
func (c *Client) Rescore(ctx context.Context, id TransactionID) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	res := new(Result)
	r := c.rest.Postf("/resources/kyt/txns/%s/-/score", string(id)).Retry(rest.Ambiguous)
	if err := c.write(ctx, "Rescore", r, res, false); err != nil {
		return nil, err
	}
	return res, nil
}

// PropsRequest changes the custom properties of a transaction.
type PropsRequest struct {
	// ID is Sumsub's id of the transaction (Result.ID). Required.
	ID TransactionID
	// Set are the properties to set, by key.
	Set map[string]string
	// Unset are the keys to remove.
	Unset []string
}

// SetProps sets the custom properties req.Set of the transaction req.ID
// and removes the keys req.Unset. It is idempotent and retried freely. A
// nil request, or one without ID, is a *ValidationError and nothing is
// sent. As with every call that changes state, a 2xx answer that is empty
// or does not decode is an *OutcomeUnknownError.
func (c *Client) SetProps(ctx context.Context, req *PropsRequest) (*Result, error) {
	if req == nil {
		return nil, &ValidationError{Problems: []FieldError{{Path: "request", Rule: "REQUIRED", Message: "required"}}}
	}
	if err := requireID("id", req.ID); err != nil {
		return nil, err
	}
	set := req.Set
	if set == nil {
		set = map[string]string{}
	}
	r := c.rest.Patchf("/resources/kyt/txns/%s/props", string(req.ID)).JSON(set).Retry(rest.Safe)
	for _, k := range req.Unset {
		r = r.Query("unsetKey", k)
	}
	res := new(Result)
	if err := c.write(ctx, "SetProps", r, res, false); err != nil {
		return nil, err
	}
	return res, nil
}

// Delete deletes a transaction and everything attached to it. Sumsub
// answers {"deleted":1}; an empty or undecodable 2xx is an
// *OutcomeUnknownError.
func (c *Client) Delete(ctx context.Context, id TransactionID) error {
	if err := requireID("id", id); err != nil {
		return err
	}
	var out struct {
		Deleted json.Number `json:"deleted"`
	}
	return c.write(ctx, "Delete", c.rest.Deletef("/resources/kyt/txns/%s", string(id)).Retry(rest.Safe), &out, false)
}
