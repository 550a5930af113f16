package monitoringtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"hash"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
)

// webhookTarget is where and how webhooks are sent.
type webhookTarget struct {
	url     string
	handler http.Handler
	secret  string
	alg     monitoring.DigestAlgorithm
}

// Delivery is one webhook the server sent.
type Delivery struct {
	Event  monitoring.WebhookEvent
	Body   []byte
	Header http.Header
	// StatusCode is the receiver's answer; 0 when delivery failed (Err).
	StatusCode int
	Err        error
}

// Deliveries returns the webhooks sent so far, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}

// snapshot is what a webhook tells of a transaction, taken under s.mu.
type snapshot struct {
	id, applicantID, externalUserID, clientID, txnID string
	txnType                                          monitoring.TxnType
	applicantType                                    monitoring.ParticipantType
	status                                           monitoring.ReviewStatus
	answer                                           monitoring.ReviewAnswer
	rejectType                                       monitoring.RejectType
}

func snap(res *monitoring.Result) *snapshot {
	sn := &snapshot{
		id: string(res.ID), applicantID: res.ApplicantID, externalUserID: res.ExternalUserID,
		clientID: res.ClientID, applicantType: monitoring.Individual,
	}
	if rv := res.Review; rv != nil {
		sn.status = rv.ReviewStatus
		if rv.ReviewResult != nil {
			sn.answer = rv.ReviewResult.ReviewAnswer
		}
	}
	if res.Data != nil {
		sn.txnID = string(res.Data.TxnID)
		sn.txnType = res.Data.Type
		if a := res.Data.Applicant; a != nil && a.Type == monitoring.Company {
			sn.applicantType = monitoring.Company
		}
	}
	if res.Review != nil && res.Review.ReviewResult != nil {
		sn.rejectType = res.Review.ReviewResult.ReviewRejectType
	}
	return sn
}

// outcome is the webhook a review state announces.
func (sn *snapshot) outcome() monitoring.WebhookType {
	switch {
	case sn.answer == monitoring.Green:
		return monitoring.WebhookTxnApproved
	case sn.answer == monitoring.Red:
		return monitoring.WebhookTxnRejected
	case sn.status == monitoring.StatusOnHold:
		return monitoring.WebhookTxnOnHold
	case sn.status == monitoring.StatusAwaitingUser:
		return monitoring.WebhookTxnAwaitingUser
	}
	return ""
}

// deliver sends a webhook of type typ, when a target is set. Call without
// s.mu held.
func (s *Server) deliver(sn *snapshot, typ monitoring.WebhookType) {
	if s.hook == nil || typ == "" || sn == nil {
		return
	}
	now := s.now().UTC()
	ev := monitoring.WebhookEvent{
		Type:           typ,
		ApplicantID:    sn.applicantID,
		ApplicantType:  sn.applicantType,
		CorrelationID:  s.correlationID(),
		SandboxMode:    true,
		ExternalUserID: sn.externalUserID,
		ClientID:       sn.clientID,
		KytTxnID:       monitoring.TransactionID(sn.id),
		KytDataTxnID:   monitoring.TxnID(sn.txnID),
		KytTxnType:     sn.txnType,
		ReviewStatus:   sn.status,
		CreatedAt:      monitoring.Time(now.Format(webhookCreatedAtLayout)),
		CreatedAtMs:    monitoring.Time(now.Format(webhookCreatedAtMsLayout)),
	}
	switch {
	case typ == monitoring.WebhookTxnCreated:
		ev.ReviewStatus = monitoring.StatusInit
	case sn.answer != "":
		ev.ReviewResult = &monitoring.ReviewResult{ReviewAnswer: sn.answer, ReviewRejectType: sn.rejectType}
	}
	body, err := ev.MarshalJSON()
	d := Delivery{Event: ev, Body: body, Err: err}
	if err == nil {
		d.Header, d.Err = signWebhook(body, s.hook.secret, s.hook.alg)
	}
	if d.Err == nil {
		d.StatusCode, d.Err = s.hook.send(body, d.Header)
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}

// signWebhook signs a webhook as Sumsub documents: X-Payload-Digest is
// the lower-case hex HMAC of the raw body, keyed with the webhook's
// secret, with the hash X-Payload-Digest-Alg names (HMAC_SHA1_HEX,
// HMAC_SHA256_HEX, HMAC_SHA512_HEX).
func signWebhook(body []byte, secret string, alg monitoring.DigestAlgorithm) (http.Header, error) {
	if alg == "" {
		alg = monitoring.HMACSHA256Hex // Sumsub's default
	}
	if secret == "" {
		return nil, errors.New("monitoringtest: no webhook secret")
	}
	var h func() hash.Hash
	switch alg {
	case monitoring.HMACSHA1Hex:
		h = sha1.New
	case monitoring.HMACSHA256Hex:
		h = sha256.New
	case monitoring.HMACSHA512Hex:
		h = sha512.New
	default:
		return nil, errors.New("monitoringtest: unknown webhook digest algorithm " + string(alg))
	}
	mac := hmac.New(h, []byte(secret))
	mac.Write(body)
	hdr := http.Header{}
	hdr.Set("Content-Type", "application/json")
	hdr.Set("X-Payload-Digest", hex.EncodeToString(mac.Sum(nil)))
	hdr.Set("X-Payload-Digest-Alg", string(alg))
	return hdr, nil
}

// Layouts of a webhook's createdAt and createdAtMs, as Sumsub sends them.
const (
	webhookCreatedAtLayout   = "2006-01-02 15:04:05-0700"
	webhookCreatedAtMsLayout = "2006-01-02 15:04:05.000"
)

var webhookClient = &http.Client{Timeout: 5 * time.Second}

// send posts one webhook; Sumsub gives receivers 5 s.
func (t *webhookTarget) send(body []byte, h http.Header) (int, error) {
	if t.handler != nil {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		req.Header = h.Clone()
		rec := httptest.NewRecorder()
		t.handler.ServeHTTP(rec, req)
		return rec.Code, nil
	}
	req, err := http.NewRequest(http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header = h.Clone()
	resp, err := webhookClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
