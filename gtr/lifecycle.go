package gtr

import (
	"context"
	"errors"
	"net/http"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// EndReason is the reasonType of End (an open set: GTR's docs also show
// ADDRESS_BOOK_VERIFY_PURPOSE).
type EndReason string

// End reasons GTR documents.
const (
	EndUnknown            EndReason = "UNKNOWN"
	EndInterrupted        EndReason = "INTERRUPTED"
	EndAddressBookVerify  EndReason = "ADDRESS_BOOK_VERIFY" // the travel rule only verified an address-book entry
	EndWithdrawProcessDNC EndReason = "WITHDRAW_PROCESS_DNC"
	EndUnableToProcess    EndReason = "UNABLE_PROCESS"
	EndSystemIssue        EndReason = "SYSTEM_ISSUE"
	EndRejected           EndReason = "REJECTED"
	EndCancelled          EndReason = "CANCELLED"
	EndTransferRejected   EndReason = "TRANSFER_REJECTED"
)

// maxReasonLen bounds End's free-text reason (GTR publishes no limit).
const maxReasonLen = 1024

type notifyBody struct {
	RequestID string `json:"requestId"`
	TxID      string `json:"txId"`
}

// NotifyTxID tells GTR (and through callback 7 the beneficiary VASP) the
// transaction id of a pre-transaction travel rule once the transfer is
// broadcast (POST /api/verify/v2/notify_tx_id).
//
// It is not resent automatically. When its outcome is unknown (an
// *OutcomeUnknownError), calling NotifyTxID again with the same txId is
// safe, from this Client or any other process: when GTR answers "tx id
// already notified" (100029), NotifyTxID reads back the txId GTR stored
// for the requestId (GET /api/verify/query) and returns nil when it is
// txID. When GTR holds another txId, or the read-back fails or shows none,
// the 100029 *APIError (ErrTxIDDuplicated) is returned.
func (c *Client) NotifyTxID(ctx context.Context, requestID, txID string) error {
	var p problems
	if !ValidRequestID(requestID) {
		p.add("requestID", ruleFormat, "must be 4–64 characters of [A-Za-z0-9_=-]")
	}
	checkText(&p, "txID", txID, true, maxTxIDLen)
	if err := p.err(); err != nil {
		return err
	}
	_, err := c.call(ctx, &apiCall{
		method:    http.MethodPost,
		path:      notifyTxIDPath,
		body:      notifyBody{RequestID: requestID, TxID: txID},
		class:     rest.Ambiguous,
		requestID: requestID,
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrTxIDDuplicated):
		if c.storedTxID(ctx, requestID) == txID {
			return nil // this txId was notified before, by us or another process
		}
		return err
	case maybeProcessed(err):
		return &OutcomeUnknownError{Op: "notify_tx_id", RequestID: requestID, Err: err}
	}
	return err
}

const notifyTxIDPath = "/api/verify/v2/notify_tx_id"

// storedTxID returns the txId GTR holds for requestID, read back with
// Query, or "" when the query fails or shows none.
func (c *Client) storedTxID(ctx context.Context, requestID string) string {
	q, err := c.Query(ctx, requestID)
	if err != nil {
		return ""
	}
	return q.TxID
}

type endBody struct {
	RequestID  string    `json:"requestId"`
	ReasonType EndReason `json:"reasonType"`
	Reason     string    `json:"reason"`
}

// End closes a travel rule that will have no transfer, typically after a
// successful pre-transaction OneStep the user did not go through with
// (POST /api/verify/v2/end); the counterparty receives callback 17. reason
// is free text for the audit trail: keep PII out of it.
//
// It is not resent automatically; an unknown outcome is an
// *OutcomeUnknownError (Query tells whether it was ended).
func (c *Client) End(ctx context.Context, requestID string, reasonType EndReason, reason string) error {
	var p problems
	if !ValidRequestID(requestID) {
		p.add("requestID", ruleFormat, "must be 4–64 characters of [A-Za-z0-9_=-]")
	}
	checkText(&p, "reasonType", string(reasonType), true, maxSymbolLen)
	checkText(&p, "reason", reason, false, maxReasonLen)
	if err := p.err(); err != nil {
		return err
	}
	_, err := c.call(ctx, &apiCall{
		method:    http.MethodPost,
		path:      "/api/verify/v2/end",
		body:      endBody{RequestID: requestID, ReasonType: reasonType, Reason: reason},
		class:     rest.Ambiguous,
		requestID: requestID,
	})
	if maybeProcessed(err) {
		return &OutcomeUnknownError{Op: "end", RequestID: requestID, Err: err}
	}
	return err
}

// maybeProcessed reports failures of a non-resendable call after which it
// may still have been processed.
func maybeProcessed(err error) bool {
	if err == nil || beforeSend(err) {
		return false
	}
	if MaybeSent(err) || errors.Is(err, ErrMalformedResponse) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.Code == 0 && ae.HTTPStatus >= 500
}
