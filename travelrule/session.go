package travelrule

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/vaspkit/vaspkit/internal/jsonx"
	"github.com/vaspkit/vaspkit/internal/rest"
)

// WidgetSessionRequest asks Striga for a travel-rule widget session: the
// page on which your customer tells Striga who the counterparty of a
// transfer is (a VASP and its user, or a self-hosted wallet, possibly with
// proof of ownership). Set exactly one owner (UserID or BusinessID),
// Currency and Network, and exactly one counterparty identifier
// (CounterpartyAddress on-chain; PaymentHash or Invoice for Lightning, on
// BTC/BTC only). See Validate for every rule.
type WidgetSessionRequest struct {
	// UserID or BusinessID: the Striga user or business the session is
	// for (a UUID). Exactly one.
	UserID, BusinessID string
	// Currency is the ledger currency ticker (BTC, ETH, SOL, POL…);
	// Network the blockchain network it requires (BTC, ETH, SOL,
	// POLYGON…). See Networks.
	Currency, Network string
	// CounterpartyAddress is the counterparty's on-chain address.
	CounterpartyAddress string
	// PaymentHash is a Lightning payment hash, 64 hex characters; sent
	// lower-cased.
	PaymentHash string
	// Invoice is a BOLT11 Lightning invoice for the client's network;
	// Striga decodes it to its payment hash. An expired invoice is
	// accepted (the session may resolve a deposit paid long ago). Sent
	// trimmed, without a "lightning:" prefix, in lower case.
	Invoice string
	// ForceVerifyOwnership requires wallet-ownership proof for a
	// self-hosted OWNED counterparty whatever the Travel Rule thresholds.
	// It persists on the session: reusing a session can raise it from
	// false to true, never lower it.
	ForceVerifyOwnership bool
	// TxHash, optional, is the on-chain hash of the held deposit the
	// session resolves (the txHash of Striga's deposit webhooks); the
	// session is then scoped to that transaction. Its JSON name is the
	// SDK's assumption (see WithTxHashField).
	TxHash string
}

// WidgetSession is Striga's answer to CreateWidgetSession.
//
// Striga does not publish the response schema. ID, URL, Token, ExpiresAt,
// Status, ForceVerifyOwnership and Reused are decoded, when present, from
// the fields "id", "url", "token", "expiresAt", "status",
// "forceVerifyOwnership" and "reused" — the SDK's assumed names, which
// travelruletest returns. Every field of the response, known or not, is in
// Fields, and the body itself in Raw, so Striga's real names can be read
// without an SDK upgrade. A JSON object without any of the assumed fields
// is not an error.
//
// Printing a WidgetSession (fmt, slog) shows only its id, status, expiry
// and reuse facts: the URL and token open the widget.
type WidgetSession struct {
	ID        string
	URL       string
	Token     string
	ExpiresAt time.Time // zero when absent or unreadable
	Status    string    // as Striga sends it; the values are not published

	// ForceVerifyOwnership is the flag the session holds, as reported
	// when ForceVerifyOwnershipReported is true.
	ForceVerifyOwnership         bool
	ForceVerifyOwnershipReported bool

	// Reused reports that Striga returned a session that existed before
	// this call instead of creating one. Striga publishes no reuse
	// indicator, so ReuseEvidence says how the SDK knows: the response's
	// "reused" field (the SDK's assumed name, which travelruletest
	// sends), else the forceVerifyOwnership inference (asked false, holds
	// true: only an earlier request can have raised it). With
	// ReuseUnknown, Reused is false but means "not known".
	Reused        bool
	ReuseEvidence ReuseEvidence

	// ForceVerifyOwnershipKept is true when the request asked for
	// ForceVerifyOwnership false and the session holds true: an earlier
	// request raised it and Striga never lowers it. A Warning says so too.
	ForceVerifyOwnershipKept bool

	// Replayed is true when the call was retried after an attempt that may
	// have reached Striga: a reused session may then be the one this very
	// call created on its first attempt.
	Replayed bool

	// PaymentHash is the Lightning payment hash the session is for: the
	// request's PaymentHash (lower case) or, with WithInvoiceCheck, the
	// hash the check decoded from its Invoice; "" for an on-chain session
	// and for an invoice when no check is plugged in (Striga decodes it
	// and does not publish what it returns).
	PaymentHash string
	// InvoiceExpired reports that the request's invoice had expired when
	// it was sent (accepted: a session may resolve an old deposit). Known
	// only with WithInvoiceCheck.
	InvoiceExpired bool

	// Warnings lists what the caller should know but is not an error.
	Warnings []Warning

	// Meta describes the call: Striga's request id, the HTTP status and
	// the attempts made. It is not part of the JSON (see MarshalJSON).
	Meta Meta

	// Fields holds every top-level field of the response (the last of a
	// repeated key).
	Fields map[string]json.RawMessage
	// Raw is the response body as received.
	Raw json.RawMessage
}

// ReuseEvidence says how the SDK knows whether a session was reused.
type ReuseEvidence string

const (
	// ReuseUnknown: nothing in the response tells.
	ReuseUnknown ReuseEvidence = ""
	// ReuseReported: the response carries "reused".
	ReuseReported ReuseEvidence = "reported"
	// ReuseInferred: the request asked for forceVerifyOwnership false and
	// the session holds true. A session created by this request would
	// hold false, so the session existed before (Reused is true).
	ReuseInferred ReuseEvidence = "inferred"
)

// WarningCode names a Warning.
type WarningCode string

const (
	// WarnForceVerifyOwnershipKept: asked for false, the reused session
	// holds true (Striga never lowers the flag).
	WarnForceVerifyOwnershipKept WarningCode = "force_verify_ownership_kept"
	// WarnForceVerifyOwnershipNotApplied: asked for true, the response
	// reports false — contrary to Striga's documented upgrade rule.
	WarnForceVerifyOwnershipNotApplied WarningCode = "force_verify_ownership_not_applied"
	// WarnInvoiceExpired: the invoice had expired; the session was
	// requested anyway.
	WarnInvoiceExpired WarningCode = "invoice_expired"
)

// Warning is a fact about a successful call the caller should know.
type Warning struct {
	Code    WarningCode
	Message string
}

func (w Warning) String() string { return string(w.Code) + ": " + w.Message }

// String shows the session's id, status, expiry and reuse facts, never its
// URL or token.
func (s WidgetSession) String() string {
	b := []byte("WidgetSession{id=")
	b = strconv.AppendQuote(b, s.ID)
	b = append(b, " status="...)
	b = strconv.AppendQuote(b, s.Status)
	if !s.ExpiresAt.IsZero() {
		b = append(b, " expiresAt="...)
		b = s.ExpiresAt.UTC().AppendFormat(b, time.RFC3339)
	}
	b = append(b, " forceVerifyOwnership="...)
	b = strconv.AppendBool(b, s.ForceVerifyOwnership)
	b = append(b, " reused="...)
	b = strconv.AppendBool(b, s.Reused)
	if s.ReuseEvidence != "" {
		b = append(b, " ("...)
		b = append(b, s.ReuseEvidence...)
		b = append(b, ')')
	}
	b = append(b, '}')
	return string(b)
}

// GoString is String, so %#v does not print the URL or token either.
func (s WidgetSession) GoString() string { return s.String() }

// Format prints String for every verb.
func (s WidgetSession) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// LogValue logs the same facts as String.
func (s WidgetSession) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", s.ID),
		slog.String("status", s.Status),
		slog.Bool("forceVerifyOwnership", s.ForceVerifyOwnership),
		slog.Bool("reused", s.Reused),
	}
	if !s.ExpiresAt.IsZero() {
		attrs = append(attrs, slog.Time("expiresAt", s.ExpiresAt))
	}
	return slog.GroupValue(attrs...)
}

// UnmarshalJSON decodes a widget-session response body. Any JSON object
// decodes; an assumed field of an unexpected type is left zero (it stays
// in Fields). The session keeps a copy of data.
func (s *WidgetSession) UnmarshalJSON(data []byte) error {
	return s.decode(append(json.RawMessage(nil), data...))
}

var errNotSessionObject = fmt.Errorf("%w: widget session is not a JSON object", ErrMalformedResponse)

// decode is UnmarshalJSON over a body the session may keep as Raw.
func (s *WidgetSession) decode(body []byte) error {
	fields, ok := topLevelFields(body)
	if !ok {
		return errNotSessionObject
	}
	s.fill(body, fields)
	return nil
}

// fill sets the session from a body and its top-level fields.
func (s *WidgetSession) fill(body []byte, fields map[string]json.RawMessage) {
	*s = WidgetSession{Fields: fields, Raw: body}
	s.ID = looseString(fields["id"])
	s.URL = looseString(fields["url"])
	s.Token = looseString(fields["token"])
	s.Status = looseString(fields["status"])
	s.ExpiresAt = looseTime(fields["expiresAt"])
	s.ForceVerifyOwnership, s.ForceVerifyOwnershipReported = looseBool(fields["forceVerifyOwnership"])
	if reused, ok := looseBool(fields["reused"]); ok {
		s.Reused, s.ReuseEvidence = reused, ReuseReported
	}
}

// MarshalJSON returns Raw, the response as Striga sent it, so a stored
// session decodes again to the same fields. The SDK's own findings
// (Warnings, inferred reuse, Replayed) and Meta are not part of it.
func (s WidgetSession) MarshalJSON() ([]byte, error) {
	if len(s.Raw) > 0 {
		return s.Raw, nil
	}
	type wire struct {
		ID                   string `json:"id,omitempty"`
		URL                  string `json:"url,omitempty"`
		Token                string `json:"token,omitempty"`
		ExpiresAt            string `json:"expiresAt,omitempty"`
		Status               string `json:"status,omitempty"`
		ForceVerifyOwnership *bool  `json:"forceVerifyOwnership,omitempty"`
		Reused               *bool  `json:"reused,omitempty"`
	}
	w := wire{ID: s.ID, URL: s.URL, Token: s.Token, Status: s.Status}
	if !s.ExpiresAt.IsZero() {
		w.ExpiresAt = s.ExpiresAt.UTC().Format(time.RFC3339Nano)
	}
	if s.ForceVerifyOwnershipReported {
		w.ForceVerifyOwnership = &s.ForceVerifyOwnership
	}
	if s.ReuseEvidence == ReuseReported {
		w.Reused = &s.Reused
	}
	return jsonx.Marshal(w)
}

// CreateWidgetSession validates req (see Validate and
// ValidateWidgetSession) and, when it is valid, asks Striga for a widget
// session; on a validation failure it returns a *ValidationError and sends
// nothing.
//
// Striga creates a session, or returns the unexpired session it holds for
// the same owner, currency, network and counterparty identifier in your
// application. The call is therefore retried like a keyed request:
// transport errors, 429 and 5xx are retried with backoff (a fresh
// signature each time), and a retry that reaches Striga after an earlier
// attempt was stored gets that same session back (Replayed tells).
//
// After an error for which MaybeSent reports true (the retries ran out
// after an attempt that may have stored the session — a *TransportError
// with Sent, or an *APIError with Replayed — or Striga answered
// 2xx with an empty body — 200, 202 or 204 alike — or one that is not a
// JSON object: a *MalformedResponseError), the session may exist: call
// CreateWidgetSession again with the same request, and Striga returns it
// (Reused) rather than a second one. A 3xx is an *APIError with that
// status: the client never follows a redirect.
//
// Reuse is reported on the result: Reused and ReuseEvidence, and — since a
// reused session keeps forceVerifyOwnership true once raised — asking for
// false on a session that holds true sets ForceVerifyOwnershipKept and
// adds a Warning (also logged at Warn level when a logger is set).
func (c *Client) CreateWidgetSession(ctx context.Context, req *WidgetSessionRequest) (*WidgetSession, error) {
	cp, err := c.rules().widgetSession(req)
	if err != nil {
		return nil, err
	}
	body := c.widgetSessionBody(cp, req)
	var raw []byte
	var meta rest.Meta
	err = c.rest.Post(c.widgetPath).
		Raw(body, "application/json").
		Retry(rest.Keyed).
		Into(&raw).
		Meta(&meta).
		Do(ctx)
	if err != nil {
		return nil, fromRest(err)
	}
	fields, err := answer(raw, http.MethodPost, c.widgetPath, &meta)
	if err != nil {
		return nil, err
	}
	s := new(WidgetSession)
	s.fill(raw, fields) // raw is ours to keep
	s.Meta, s.Replayed = metaOf(&meta), meta.Replayed
	c.annotate(s, req, cp)
	return s, nil
}

// widgetSessionBody is the request body: compact JSON, fields in the
// documented order, unset fields left out, forceVerifyOwnership only when
// true.
func (c *Client) widgetSessionBody(cp *counterparty, req *WidgetSessionRequest) []byte {
	type body struct {
		counterpartyBody
		ForceVerifyOwnership bool `json:"forceVerifyOwnership,omitempty"`
	}
	var tail map[string]any
	if req.TxHash != "" {
		tail = map[string]any{c.txHashField: req.TxHash}
	}
	b, _ := requestBody(body{cp.body(), req.ForceVerifyOwnership}, tail) // strings only: cannot fail
	return b
}

// annotate adds what the SDK knows beyond the response: the payment hash,
// invoice expiry, reuse and the forceVerifyOwnership outcome.
func (c *Client) annotate(s *WidgetSession, req *WidgetSessionRequest, cp *counterparty) {
	switch {
	case cp.checked:
		s.PaymentHash = cp.invoiceHash
		if !cp.invoiceExpiresAt.IsZero() && !c.now().Before(cp.invoiceExpiresAt) {
			s.InvoiceExpired = true
			s.Warnings = append(s.Warnings, Warning{WarnInvoiceExpired,
				"the invoice had expired; the session was requested for it anyway"})
		}
	case cp.paymentHash != "":
		s.PaymentHash = cp.paymentHash
	}
	if s.ForceVerifyOwnershipReported {
		switch {
		case !req.ForceVerifyOwnership && s.ForceVerifyOwnership:
			s.ForceVerifyOwnershipKept = true
			s.Warnings = append(s.Warnings, Warning{WarnForceVerifyOwnershipKept,
				"asked for forceVerifyOwnership false; the reused session holds true and Striga never lowers it"})
			if s.ReuseEvidence == ReuseUnknown {
				s.Reused, s.ReuseEvidence = true, ReuseInferred
			}
		case req.ForceVerifyOwnership && !s.ForceVerifyOwnership:
			s.Warnings = append(s.Warnings, Warning{WarnForceVerifyOwnershipNotApplied,
				"asked for forceVerifyOwnership true; the session reports false"})
		}
	}
	for _, w := range s.Warnings {
		c.warn("travelrule: widget session warning",
			slog.String("code", string(w.Code)), slog.String("session_id", s.ID))
	}
}

// looseString reads a JSON string, or the text of a JSON number.
func looseString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	if s, ok := plainString(raw); ok {
		return s
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&n) == nil {
		return n.String()
	}
	return ""
}

// plainString reads a JSON string literal without escapes, the common
// case, without a decoder.
func plainString(raw []byte) (string, bool) {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' && bytes.IndexByte(raw[1:n-1], '\\') < 0 &&
		bytes.IndexByte(raw[1:n-1], '"') < 0 && utf8.Valid(raw[1:n-1]) {
		return string(raw[1 : n-1]), true
	}
	return "", false
}

// looseBool reads a JSON boolean or the strings "true"/"false".
func looseBool(raw json.RawMessage) (v, ok bool) {
	switch string(raw) {
	case "":
		return false, false
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if json.Unmarshal(raw, &v) == nil {
		return v, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if b, err := strconv.ParseBool(s); err == nil {
			return b, true
		}
	}
	return false, false
}

// looseTime reads an RFC 3339 string, or a Unix time in seconds or (from
// 10^12 on) milliseconds.
func looseTime(raw json.RawMessage) time.Time {
	if len(raw) == 0 {
		return time.Time{}
	}
	s, ok := plainString(raw)
	if ok || json.Unmarshal(raw, &s) == nil {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}
		}
		return t
	}
	var n int64
	if json.Unmarshal(raw, &n) == nil && n > 0 {
		if n >= 1e12 {
			return time.UnixMilli(n).UTC()
		}
		return time.Unix(n, 0).UTC()
	}
	return time.Time{}
}
