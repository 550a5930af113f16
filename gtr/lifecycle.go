package gtr

import (
	"context"
	"errors"
	"net/http"
	"sync"

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
// safe: GTR's "tx id already notified" (100029) then counts as success.
func (c *Client) NotifyTxID(ctx context.Context, requestID, txID string) error {
	var p problems
	if !ValidRequestID(requestID) {
		p.add("requestID", "must be 4–64 characters of [A-Za-z0-9_=-]")
	}
	checkText(&p, "txID", txID, true, maxTxIDLen)
	if err := p.err(); err != nil {
		return err
	}
	_, err := c.call(ctx, &apiCall{
		method:    http.MethodPost,
		path:      "/api/verify/v2/notify_tx_id",
		body:      notifyBody{RequestID: requestID, TxID: txID},
		class:     rest.Ambiguous,
		requestID: requestID,
	})
	switch {
	case err == nil:
		c.notified.forget(requestID)
		return nil
	case errors.Is(err, ErrTxIDDuplicated) && c.notified.sent(requestID, txID):
		c.notified.forget(requestID)
		return nil // our own earlier attempt got through
	case maybeProcessed(err):
		c.notified.remember(requestID, txID)
		return &OutcomeUnknownError{Op: "notify_tx_id", RequestID: requestID, Err: err}
	}
	return err
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
		p.add("requestID", "must be 4–64 characters of [A-Za-z0-9_=-]")
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
	if err == nil {
		return false
	}
	if rest.MaybeSent(err) || errors.Is(err, ErrUnexpectedResponse) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.Code == 0 && ae.HTTPStatus >= 500
}

// notifyMemo remembers the notify_tx_id calls whose outcome was unknown,
// so that a 100029 on the caller's repeat of the same txId reads as
// success, and a 100029 for another txId stays an error.
type notifyMemo struct {
	mu sync.Mutex
	m  map[string]string // requestId → txId
}

const maxNotifyMemo = 4096

func (n *notifyMemo) remember(requestID, txID string) {
	n.mu.Lock()
	if n.m == nil || len(n.m) >= maxNotifyMemo {
		n.m = make(map[string]string)
	}
	n.m[requestID] = txID
	n.mu.Unlock()
}

func (n *notifyMemo) sent(requestID, txID string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	t, ok := n.m[requestID]
	return ok && t == txID
}

func (n *notifyMemo) forget(requestID string) {
	n.mu.Lock()
	delete(n.m, requestID)
	n.mu.Unlock()
}
