package gtr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

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

// maxReasonLen bounds End's free-text message (GTR publishes no limit).
const maxReasonLen = 1024

// TxIDNotification is NotifyTxID's request.
type TxIDNotification struct {
	// RequestID is the pre-transaction travel rule's requestId.
	RequestID string
	// TxID is the transaction id of the broadcast transfer.
	TxID string
}

// Format and LogValue show no field: the requestId and the txId stay out
// of logs.
func (n TxIDNotification) Format(f fmt.State, _ rune) { writePIIView(f, n.piiView().String()) }

// LogValue: see Format.
func (n TxIDNotification) LogValue() slog.Value { return n.piiView().Value() }

func (n TxIDNotification) piiView() *piiView { return newPIIView("TxIDNotification") }

type notifyBody struct {
	RequestID string `json:"requestId"`
	TxID      string `json:"txId"`
}

// NotifyTxID tells GTR (and through callback 7 the beneficiary VASP) the
// transaction id of a pre-transaction travel rule once the transfer is
// broadcast (POST /api/verify/v2/notify_tx_id). A nil or invalid n is a
// *ValidationError (ErrInvalidRequest), nothing sent.
//
// It is not resent automatically. When its outcome is unknown (an
// *OutcomeUnknownError), calling NotifyTxID again with the same txId is
// safe, from this Client or any other process: when GTR answers "tx id
// already notified" (100029), NotifyTxID reads back the txId GTR stored
// for the requestId (GET /api/verify/query) and returns nil when it is
// n.TxID. When GTR holds another txId, or the read-back fails or shows
// none, the 100029 *APIError (ErrTxIDDuplicated) is returned.
func (c *Client) NotifyTxID(ctx context.Context, n *TxIDNotification) error {
	if n == nil {
		return invalid("TxIDNotification", ruleRequired, "is nil")
	}
	var p problems
	p.requestID("TxIDNotification.RequestID", n.RequestID)
	checkText(&p, "TxIDNotification.TxID", n.TxID, true, maxTxIDLen)
	if err := p.err(); err != nil {
		return err
	}
	body := notifyBody{RequestID: n.RequestID, TxID: n.TxID}
	a := answer{requestID: n.RequestID}
	err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Post(notifyTxIDPath).JSON(body).Retry(rest.Ambiguous)
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrTxIDDuplicated):
		if c.storedTxID(ctx, n.RequestID) == n.TxID {
			return nil // this txId was notified before, by us or another process
		}
		return err
	case maybeProcessed(err):
		return &OutcomeUnknownError{Op: "notify_tx_id", RequestID: n.RequestID, Err: err}
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

// EndRequest is End's request.
type EndRequest struct {
	// RequestID is the travel rule's requestId.
	RequestID string
	// Reason is the reasonType (required).
	Reason EndReason
	// Message is free text for the audit trail (the reason sent to GTR,
	// optional, at most 1024 characters): keep PII out of it.
	Message string
}

// Format and LogValue show the Reason only: the requestId and the message
// stay out of logs.
func (r EndRequest) Format(f fmt.State, _ rune) { writePIIView(f, r.piiView().String()) }

// LogValue: see Format.
func (r EndRequest) LogValue() slog.Value { return r.piiView().Value() }

func (r EndRequest) piiView() *piiView {
	return newPIIView("EndRequest").Str("reason", string(r.Reason))
}

type endBody struct {
	RequestID  string    `json:"requestId"`
	ReasonType EndReason `json:"reasonType"`
	Reason     string    `json:"reason"`
}

const endPath = "/api/verify/v2/end"

// End closes a travel rule that will have no transfer, typically after a
// successful pre-transaction OneStep the user did not go through with
// (POST /api/verify/v2/end); the counterparty receives callback 17. A nil
// or invalid req is a *ValidationError (ErrInvalidRequest), nothing sent.
//
// It is not resent automatically; an unknown outcome is an
// *OutcomeUnknownError (Query tells whether it was ended).
func (c *Client) End(ctx context.Context, req *EndRequest) error {
	if req == nil {
		return invalid("EndRequest", ruleRequired, "is nil")
	}
	var p problems
	p.requestID("EndRequest.RequestID", req.RequestID)
	checkText(&p, "EndRequest.Reason", string(req.Reason), true, maxSymbolLen)
	checkText(&p, "EndRequest.Message", req.Message, false, maxReasonLen)
	if err := p.err(); err != nil {
		return err
	}
	body := endBody{RequestID: req.RequestID, ReasonType: req.Reason, Reason: req.Message}
	a := answer{requestID: req.RequestID}
	err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Post(endPath).JSON(body).Retry(rest.Ambiguous)
	})
	if maybeProcessed(err) {
		return &OutcomeUnknownError{Op: "end", RequestID: req.RequestID, Err: err}
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
