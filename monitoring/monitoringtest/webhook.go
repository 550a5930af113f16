package monitoringtest

import (
	"bytes"
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
		id: res.ID, applicantID: res.ApplicantID, externalUserID: res.ExternalUserID,
		clientID: res.ClientID, txnID: res.TxnID(), applicantType: monitoring.Individual,
		status: res.Status(), answer: res.Answer(),
	}
	if res.Data != nil {
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
		KytTxnID:       sn.id,
		KytDataTxnID:   sn.txnID,
		KytTxnType:     sn.txnType,
		ReviewStatus:   sn.status,
		CreatedAt:      now.Format(monitoring.WebhookCreatedAtLayout),
		CreatedAtMs:    now.Format(monitoring.WebhookCreatedAtMsLayout),
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
		d.Header, d.Err = monitoring.SignWebhook(body, s.hook.secret, s.hook.alg)
	}
	if d.Err == nil {
		d.StatusCode, d.Err = s.hook.send(body, d.Header)
	}
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}

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
