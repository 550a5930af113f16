package monitoring

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/internal/sign"
	"github.com/vaspkit/vaspkit/internal/webhook"
)

// Webhook header names.
const (
	digestHeader    = sign.SumsubDigestHeader    // X-Payload-Digest
	digestAlgHeader = sign.SumsubDigestAlgHeader // X-Payload-Digest-Alg
)

// DigestAlgorithm is an X-Payload-Digest-Alg value, chosen per webhook in
// Sumsub's Webhook manager.
type DigestAlgorithm string

// Digest algorithms. When the header is absent Sumsub means HMACSHA256Hex.
const (
	HMACSHA1Hex   DigestAlgorithm = "HMAC_SHA1_HEX"
	HMACSHA256Hex DigestAlgorithm = "HMAC_SHA256_HEX"
	HMACSHA512Hex DigestAlgorithm = "HMAC_SHA512_HEX"
)

// Webhook verification errors.
var (
	// ErrWebhookUnsigned: no X-Payload-Digest header.
	ErrWebhookUnsigned = errors.New("monitoring: webhook carries no X-Payload-Digest")
	// ErrWebhookSignature: the digest does not match the body and secret
	// (or no secret was given).
	ErrWebhookSignature = errors.New("monitoring: webhook digest mismatch")
	// ErrUnknownDigestAlgorithm: X-Payload-Digest-Alg names an algorithm
	// Sumsub does not document.
	ErrUnknownDigestAlgorithm = errors.New("monitoring: unknown webhook digest algorithm")
	// ErrWebhookPayload: the body is not a Sumsub webhook object.
	ErrWebhookPayload = errors.New("monitoring: malformed webhook payload")
)

// VerifyWebhook checks a Sumsub webhook: X-Payload-Digest must be the hex
// HMAC, keyed with the webhook's secret (not the app-token secret), of body
// exactly as received, with the hash X-Payload-Digest-Alg names
// (HMAC_SHA256_HEX when absent). The comparison is constant-time. Call it
// before parsing the body. Webhooks carry no timestamp: de-duplicate with
// WebhookEvent.DedupKey.
func VerifyWebhook(body []byte, header http.Header, secret string) error {
	if secret == "" {
		return fmt.Errorf("%w: no webhook secret given", ErrWebhookSignature)
	}
	if header == nil || header.Get(digestHeader) == "" {
		return ErrWebhookUnsigned
	}
	err := sign.VerifySumsubWebhook(body, header, []byte(secret))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sign.ErrUnknownAlgorithm):
		return fmt.Errorf("%w: %w", ErrUnknownDigestAlgorithm, err)
	case errors.Is(err, sign.ErrMissingSignature):
		return fmt.Errorf("%w: %w", ErrWebhookUnsigned, err)
	}
	return fmt.Errorf("%w: %w", ErrWebhookSignature, err)
}

// signWebhook returns the headers Sumsub would send with body for a
// webhook with this secret and algorithm ("" means HMACSHA256Hex): for
// tests and fakes.
func signWebhook(body []byte, secret string, alg DigestAlgorithm) (http.Header, error) {
	if alg == "" {
		alg = HMACSHA256Hex
	}
	a, err := sign.ParseAlgorithm(string(alg))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnknownDigestAlgorithm, err)
	}
	if secret == "" {
		return nil, optErr("signWebhook", "no webhook secret given")
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(digestHeader, sign.Digest(a, []byte(secret), body))
	h.Set(digestAlgHeader, a.String())
	return h, nil
}

// WebhookType is a webhook's "type". Unknown values are kept.
type WebhookType string

// Transaction monitoring webhook types.
const (
	WebhookTxnCreated      WebhookType = "applicantKytTxnCreated"
	WebhookTxnApproved     WebhookType = "applicantKytTxnApproved"
	WebhookTxnRejected     WebhookType = "applicantKytTxnRejected"
	WebhookTxnReviewed     WebhookType = "applicantKytTxnReviewed"
	WebhookTxnDeleted      WebhookType = "applicantKytTxnDeleted"
	WebhookTxnOnHold       WebhookType = "applicantKytOnHold"
	WebhookTxnAwaitingUser WebhookType = "applicantKytTxnAwaitingUser"
	WebhookTxnDataChanged  WebhookType = "applicantKytTxnDataChanged"
	WebhookCaseCreated     WebhookType = "kytCaseCreated"
	WebhookCaseStatus      WebhookType = "kytCaseStatusChanged"
	WebhookCaseReviewed    WebhookType = "kytCaseReviewed"
	WebhookAMLCaseApproved WebhookType = "amlCaseApproved"
	WebhookAMLCaseRejected WebhookType = "amlCaseRejected"
	WebhookAMLCaseOnHold   WebhookType = "amlCaseOnHold"
	WebhookTravelRule      WebhookType = "travelRuleAction"
)

// WebhookEvent is a transaction monitoring webhook. It carries no personal
// data: fetch the transaction with Client.Get(ctx, ev.KytTxnID).
type WebhookEvent struct {
	Type           WebhookType     `json:"type"`
	ApplicantID    string          `json:"applicantId"`
	ApplicantType  ParticipantType `json:"applicantType"`
	CorrelationID  string          `json:"correlationId"`
	SandboxMode    bool            `json:"sandboxMode"`
	ExternalUserID string          `json:"externalUserId"`
	ClientID       string          `json:"clientId"`
	ReviewStatus   ReviewStatus    `json:"reviewStatus"`
	ReviewResult   *ReviewResult   `json:"reviewResult"`
	// KytTxnID is Sumsub's transaction id (Result.ID).
	KytTxnID TransactionID `json:"kytTxnId"`
	// KytDataTxnID is our txnId.
	KytDataTxnID TxnID   `json:"kytDataTxnId"`
	KytTxnType   TxnType `json:"kytTxnType"`
	KytCaseID    string  `json:"kytCaseId"`
	// CreatedAt is "yyyy-MM-dd HH:mm:ss+0000"; CreatedAtMs is
	// "yyyy-MM-dd HH:mm:ss.SSS" in UTC. Deliveries are not ordered: order
	// by CreatedAtMs (Created parses it).
	CreatedAt   Time `json:"createdAt"`
	CreatedAtMs Time `json:"createdAtMs"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x WebhookEvent) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *WebhookEvent) UnmarshalJSON(b []byte) error {
	*x = WebhookEvent{}
	return unmarshalWire(b, x)
}

// ParseWebhook decodes a webhook body (verify it first with VerifyWebhook).
// Unknown types and fields are kept; a body that is not a JSON object with
// a "type" is ErrWebhookPayload.
func ParseWebhook(body []byte) (*WebhookEvent, error) {
	ev := new(WebhookEvent)
	if err := unmarshalWire(body, ev); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrWebhookPayload, err)
	}
	if ev.Type == "" {
		return nil, fmt.Errorf("%w: no type", ErrWebhookPayload)
	}
	return ev, nil
}

// Answer returns reviewResult.reviewAnswer ("" when absent).
func (x *WebhookEvent) Answer() ReviewAnswer {
	if x == nil || x.ReviewResult == nil {
		return ""
	}
	return x.ReviewResult.ReviewAnswer
}

// Created returns when Sumsub created the event, to the millisecond when
// createdAtMs is present.
func (x *WebhookEvent) Created() (time.Time, error) {
	if !x.CreatedAtMs.IsZero() {
		return x.CreatedAtMs.Time()
	}
	return x.CreatedAt.Time()
}

// DedupKey identifies a delivery across Sumsub's retries: the
// correlationId, or kytTxnId, type and createdAtMs.
func (x *WebhookEvent) DedupKey() string {
	if x.CorrelationID != "" {
		return x.CorrelationID
	}
	return string(x.KytTxnID) + "|" + string(x.Type) + "|" + string(x.CreatedAtMs)
}

// maxWebhookBytes is the largest webhook body WebhookHandler reads.
const maxWebhookBytes = 1 << 20

// WebhookHandler returns an http.Handler for Sumsub webhooks: it reads the
// body (up to 1 MiB), verifies it with secret, parses it and
// calls fn. It answers 200 when fn returns nil, 500 when fn fails (Sumsub
// retries after 5 min, 1 h, 5 h and 18 h), 401 for a bad signature and 400
// for a bad payload. fn must be idempotent: deliveries repeat.
//
// An empty secret or a nil fn is a *ConfigError (matching ErrConfig), and no
// handler: a handler without a callback would answer 200 to every event
// and drop it.
func WebhookHandler(secret string, fn func(ctx context.Context, ev *WebhookEvent) error) (http.Handler, error) {
	switch {
	case secret == "":
		return nil, optErr("WebhookHandler", "needs the webhook's secret")
	case fn == nil:
		return nil, optErr("WebhookHandler", "needs a callback")
	}
	verify := func(body []byte, h http.Header) error { return VerifyWebhook(body, h, secret) }
	return webhook.Handler(maxWebhookBytes, verify, ParseWebhook, fn), nil
}
