package monitoring

import (
	"context"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Travel Rule calls. A travelRule transaction is submitted like any other
// (Submit, SubmitForApplicant); these calls move it along afterwards:
//
//   - outbound, after broadcasting on chain: PatchChainTxID links the chain
//     hash (Travel Rule status completed → finished);
//   - inbound, while Result.NeedMasking is true: ConfirmOwnership or
//     RejectOwnership first; then, if
//     TravelRuleInfo.NeedApplicantOwnershipConfirmation, AttachBeneficiary.
//     Doing only the second step leaves the exchange on hold.
//
// Gate the withdrawal or the credit on Result.Answer(), not on the Travel
// Rule status. All of these calls are idempotent and retried freely. Each
// returns the transaction; a 2xx answer that is empty, does not decode or
// carries no transaction id is an *OutcomeUnknownError (MaybeSent): Sumsub
// does not publish these answers, but a Result without a review is never
// handed out as success.

// PatchChainTxID sets info.paymentTxnId, the chain transaction hash, of a
// transaction submitted before broadcast.
func (c *Client) PatchChainTxID(ctx context.Context, id TransactionID, paymentTxnID string) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	if err := requireID("paymentTxnId", paymentTxnID); err != nil {
		return nil, err
	}
	body := map[string]string{"paymentTxnId": paymentTxnID}
	return c.result(ctx, "PatchChainTxID", c.rest.Patchf("/resources/kyt/txns/%s/data/info", string(id)).JSON(body).Retry(rest.Safe))
}

// ConfirmOwnership confirms that our customer owns the wallet of an inbound
// Travel Rule transfer.
func (c *Client) ConfirmOwnership(ctx context.Context, id TransactionID) (*Result, error) {
	return c.ownership(ctx, "ConfirmOwnership", "/resources/kyt/txns/%s/ownership/confirmed", id)
}

// RejectOwnership states that our customer does not own the wallet of an
// inbound Travel Rule transfer.
func (c *Client) RejectOwnership(ctx context.Context, id TransactionID) (*Result, error) {
	return c.ownership(ctx, "RejectOwnership", "/resources/kyt/txns/%s/ownership/unconfirmed", id)
}

func (c *Client) ownership(ctx context.Context, call, format string, id TransactionID) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	return c.result(ctx, call, c.rest.Postf(format, string(id)).Retry(rest.Safe))
}

// Beneficiary names the beneficiary of an inbound Travel Rule transfer:
// either Sumsub's id of a known applicant, or a participant (fullName,
// externalUserId, type) for one Sumsub does not know.
type Beneficiary struct {
	ApplicantID string
	Participant *Participant
}

// AttachBeneficiary attaches the beneficiary of an inbound Travel Rule
// transfer (POST …/travelRuleOwnership).
func (c *Client) AttachBeneficiary(ctx context.Context, id TransactionID, b Beneficiary) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	var p problems
	switch {
	case b.ApplicantID == "" && b.Participant == nil:
		p.required("beneficiary", true)
	case b.ApplicantID != "" && b.Participant != nil:
		p.add("beneficiary", "FORBIDDEN", "give an applicant id or a participant, not both")
	case b.Participant != nil:
		p.required("applicantParticipant.externalUserId", b.Participant.ExternalUserID == "")
		p.required("applicantParticipant.fullName", b.Participant.FullName == "")
	}
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	var body any
	if b.ApplicantID != "" {
		body = map[string]string{"applicantId": b.ApplicantID}
	} else {
		body = map[string]*Participant{"applicantParticipant": b.Participant}
	}
	return c.result(ctx, "AttachBeneficiary", c.rest.Postf("/resources/kyt/txns/%s/travelRuleOwnership", string(id)).JSON(body).Retry(rest.Safe))
}

// SetApplicantWalletAddress sets our customer's wallet address on a
// transaction.
func (c *Client) SetApplicantWalletAddress(ctx context.Context, id TransactionID, address string) (*Result, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	if err := requireID("walletAddress", address); err != nil {
		return nil, err
	}
	body := map[string]string{"walletAddress": address}
	return c.result(ctx, "SetApplicantWalletAddress", c.rest.Patchf("/resources/kyt/txns/%s/applicantWalletAddress", string(id)).JSON(body).Retry(rest.Safe))
}

// result sends r, a call that changes state, and decodes a transaction.
func (c *Client) result(ctx context.Context, call string, r *rest.Request) (*Result, error) {
	res := new(Result)
	if err := c.write(ctx, call, r, res, false); err != nil {
		return nil, err
	}
	return res, nil
}
