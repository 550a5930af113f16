package gtr

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/ivms"
)

// The manual (pending-mode) answers: a receiving VASP that answered a stage
// callback with 100002 (pending) delivers its verdict later with these
// calls, within 72 hours; GTR passes it to the initiator as callback 13
// (address, tx id) or 15 (PII). The travel rule must exist and its current
// stage be pending, else GTR answers 100027 (ErrWrongFlow).
//
// GTR's guides say POST, its API reference PUT; the client uses PUT unless
// WithManualMethod says otherwise. None of these calls is resent once it
// may have reached GTR: an unknown outcome is an *OutcomeUnknownError.

type manualResult struct {
	VerifyStatus  VerifyStatus `json:"verifyStatus"`
	VerifyMessage string       `json:"verifyMessage"`
	Data          any          `json:"data,omitempty"`
}

type manualBody struct {
	RequestID string       `json:"requestId"`
	Result    manualResult `json:"result"`
}

// ManualVerifyRequest is the answer of ManualVerifyAddress and
// ManualVerifyTxID.
type ManualVerifyRequest struct {
	// RequestID is the pending travel rule's requestId.
	RequestID string
	// Found is the verdict: the address (or transaction) is ours.
	Found bool
	// Message is an optional verifyMessage, without PII (at most 1024
	// bytes); empty sends a default text.
	Message string
}

// Format and LogValue show Found only: the requestId and the message stay
// out of logs.
func (r ManualVerifyRequest) Format(f fmt.State, _ rune) { writePIIView(f, r.piiView().String()) }

// LogValue: see Format.
func (r ManualVerifyRequest) LogValue() slog.Value { return r.piiView().Value() }

func (r ManualVerifyRequest) piiView() *piiView {
	return newPIIView("ManualVerifyRequest").Flag("found", r.Found)
}

// check reports what r gets wrong, as a *ValidationError.
func (r *ManualVerifyRequest) check() error {
	if r == nil {
		return invalid("ManualVerifyRequest", ruleRequired, "is nil")
	}
	var p problems
	p.requestID("ManualVerifyRequest.RequestID", r.RequestID)
	if len(r.Message) > maxReasonLen {
		p.add("ManualVerifyRequest.Message", ruleLength, "is longer than %d bytes", maxReasonLen)
	}
	return p.err()
}

// ManualVerifyAddress delivers a pending address verification (PUT
// /api/verify/v2/manual/verify_address): Found is 100000, not found (or
// several matches) 200001. A nil or invalid req is a *ValidationError
// (ErrInvalidRequest), nothing sent.
func (c *Client) ManualVerifyAddress(ctx context.Context, req *ManualVerifyRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	status := StatusAddressNotFound
	if req.Found {
		status = StatusSuccess
	}
	return c.manual(ctx, "verify_address", req.RequestID, manualResult{VerifyStatus: status, VerifyMessage: orDefault(req.Message, req.Found, "address found", "address not found")})
}

// ManualVerifyTxID delivers a pending transaction verification (PUT
// /api/verify/v2/manual/verify_tx_id): Found is 100000, not found 200007.
// A nil or invalid req is a *ValidationError (ErrInvalidRequest), nothing
// sent.
func (c *Client) ManualVerifyTxID(ctx context.Context, req *ManualVerifyRequest) error {
	if err := req.check(); err != nil {
		return err
	}
	status := StatusTxIDNotFound
	if req.Found {
		status = StatusSuccess
	}
	return c.manual(ctx, "verify_tx_id", req.RequestID, manualResult{VerifyStatus: status, VerifyMessage: orDefault(req.Message, req.Found, "transaction found", "transaction not found")})
}

// ManualVerifyPII delivers a pending PII verification (PUT
// /api/verify/v2/manual/verify_pii) with the same answer a PII callback
// handler gives: the verdict (StatusSuccess or StatusPIIVerifyFail; zero
// means piiVerdict(a.Fields)), the field results, the preflight check, and
// the IVMS document re-encrypted to the initiator. initiatorKey is the
// initiator's public key from the PII callback
// (PIIVerification.InitiatorPublicKey); the document is sealed with
// WithKeyPair's key.
func (c *Client) ManualVerifyPII(ctx context.Context, requestID string, initiatorKey PublicKey, a *PIIVerifyAnswer) error {
	var p problems
	if a == nil {
		p.add("PIIVerifyAnswer", ruleRequired, "is nil")
		return p.err()
	}
	status := a.Status
	if status == 0 {
		status = piiVerdict(a.Fields)
	}
	if status != StatusSuccess && status != StatusPIIVerifyFail {
		p.add("PIIVerifyAnswer.Status", ruleFormat, "must be StatusSuccess or StatusPIIVerifyFail in a manual answer")
	}
	for i, f := range a.Fields {
		if !validFieldID(f.ID) {
			p.add(fmt.Sprintf("PIIVerifyAnswer.Fields[%d].ID", i), ruleFormat, "is not a verify-field id")
		}
	}
	if a.Identity != nil {
		if c.keyPair == nil {
			return &ConfigError{Option: "WithKeyPair", Reason: "ManualVerifyPII needs our PII key pair to seal the answer"}
		}
		if initiatorKey.IsZero() {
			p.add("initiatorKey", ruleRequired, "is required to seal the answer's Identity")
		}
	}
	if err := p.err(); err != nil {
		return err
	}
	data := cbPIIReplyData{
		RequestID:             requestID,
		VerifyFields:          a.Fields,
		PreflightCheckStatus:  a.PreflightStatus,
		PreflightCheckMessage: a.PreflightMessage,
	}
	if data.VerifyFields == nil {
		data.VerifyFields = []FieldResult{}
	}
	if a.Identity != nil {
		info, err := c.sealTo(initiatorKey, a.Identity)
		if err != nil {
			return err
		}
		data.PIISecuredInfo = info
		data.InitiatorPublicKey = initiatorKey.String()
		data.ReceiverPublicKey = c.keyPair.PublicKey().String()
		if len(info.SecuredPayload) <= maxSecuredPayloadLen {
			data.EncryptedPayload = info.SecuredPayload
		}
	}
	return c.manual(ctx, "verify_pii", requestID, manualResult{
		VerifyStatus:  status,
		VerifyMessage: orDefault(a.Message, status == StatusSuccess, "PII verification success", "PII verification failed"),
		Data:          data,
	})
}

// sealTo seals an answer's IVMS document to the initiator: we are the
// receiver, so initiatorKeyInfo is theirs and receiverKeyInfo ours.
func (c *Client) sealTo(initiator PublicKey, p *ivms.IdentityPayload) (*wireSecuredInfo, error) {
	s, err := c.sealers.get(c.keyPair, initiator)
	if err != nil {
		return nil, fmt.Errorf("gtr: manual answer: initiator key: %w", err)
	}
	doc, err := ivms.Marshal(p, ivms.GTR)
	if err != nil {
		return nil, fmt.Errorf("gtr: manual answer: marshal PII: %w", err)
	}
	defer clear(doc)
	sealed, err := s.Seal(doc)
	if err != nil {
		return nil, fmt.Errorf("gtr: manual answer: %w", err)
	}
	return &wireSecuredInfo{
		InitiatorKeyInfo:    &cbKeyInfo{PublicKey: initiator.String()},
		ReceiverKeyInfo:     &cbKeyInfo{PublicKey: s.PublicKey().String()},
		SecretAlgorithm:     string(algEd25519Curve25519),
		PIISecretFormatType: string(FullJSONObjectEncrypt),
		PIISpecVersion:      PIISpecVersion,
		SecuredPayload:      sealed,
	}, nil
}

func (c *Client) manual(ctx context.Context, op, requestID string, res manualResult) error {
	var p problems
	if p.requestID("requestID", requestID); len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	if len(res.VerifyMessage) > maxReasonLen {
		return invalid("message", ruleLength, fmt.Sprintf("is longer than %d bytes", maxReasonLen))
	}
	body := manualBody{RequestID: requestID, Result: res}
	path := "/api/verify/v2/manual/" + op
	a := answer{requestID: requestID}
	err := c.do(ctx, &a, func() *rest.Request {
		start := c.rest.Put // WithManualMethod: PUT (default) or POST
		if c.manualMethod == http.MethodPost {
			start = c.rest.Post
		}
		return start(path).JSON(body).Retry(rest.Ambiguous)
	})
	if maybeProcessed(err) {
		return &OutcomeUnknownError{Op: "manual/" + op, RequestID: requestID, Err: err}
	}
	return err
}

func orDefault(msg string, ok bool, yes, no string) string {
	switch {
	case msg != "":
		return msg
	case ok:
		return yes
	}
	return no
}
