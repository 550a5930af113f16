package gtrtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/vaspkit/vaspkit/gtr"
)

// ErrNoCallbackURL is returned when a callback is due but no callback URL
// is set (SetCallbackURL, NewCallbackServer).
var ErrNoCallbackURL = errors.New("gtrtest: no callback URL set")

// CallbackReply is the member's answer to a callback.
type CallbackReply struct {
	HTTPStatus int
	Status     gtr.VerifyStatus
	Message    string
	Data       json.RawMessage
}

// Deliver POSTs one callback to the member's callback URL, as GTR does:
// the envelope {requestId, invokeVaspCode, originatorVasp, beneficiaryVasp,
// callbackType, callbackData} over TLS with the platform's client
// certificate. data is marshalled as callbackData. It returns the member's
// reply; an error means no reply could be read.
func (s *Server) Deliver(ctx context.Context, callbackType int, requestID string, data any) (*CallbackReply, error) {
	s.mu.Lock()
	rec := s.records[requestID]
	var ov, bv string
	if rec != nil {
		ov, bv = rec.OriginatorVASP, rec.BeneficiaryVASP
	}
	s.mu.Unlock()
	return s.deliver(ctx, rec, callbackEnvelope{
		RequestID: requestID, InvokeVASPCode: s.cfg.vaspCode, OriginatorVASP: ov, BeneficiaryVASP: bv,
		CallbackType: callbackType, CallbackData: data,
	})
}

// HealthCheck delivers callback 0 (network check).
func (s *Server) HealthCheck(ctx context.Context) (*CallbackReply, error) {
	return s.deliver(ctx, nil, callbackEnvelope{InvokeVASPCode: s.cfg.vaspCode, CallbackType: 0, CallbackData: map[string]any{}})
}

func (s *Server) deliver(ctx context.Context, rec *record, env callbackEnvelope) (*CallbackReply, error) {
	s.mu.Lock()
	url := s.callbackURL
	s.mu.Unlock()
	reply, err := s.post(ctx, url, env)
	if rec != nil {
		d := Delivery{Type: env.CallbackType, Err: err}
		if reply != nil {
			d.Status = reply.Status
		}
		s.mu.Lock()
		rec.Callbacks = append(rec.Callbacks, d)
		s.mu.Unlock()
	}
	s.logf("callback %d for %q: %v", env.CallbackType, env.RequestID, err)
	return reply, err
}

func (s *Server) post(ctx context.Context, url string, env callbackEnvelope) (*CallbackReply, error) {
	if url == "" {
		return nil, ErrNoCallbackURL
	}
	body, err := json.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("gtrtest: encode callback: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("gtrtest: callback request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.cbClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("gtrtest: deliver callback %d: %w", env.CallbackType, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("gtrtest: read callback reply: %w", err)
	}
	var r callbackReply
	if err := json.Unmarshal(raw, &r); err != nil {
		return &CallbackReply{HTTPStatus: resp.StatusCode}, fmt.Errorf("gtrtest: callback %d reply (HTTP %d) is not JSON", env.CallbackType, resp.StatusCode)
	}
	return &CallbackReply{HTTPStatus: resp.StatusCode, Status: gtr.VerifyStatus(r.VerifyStatus), Message: r.VerifyMessage, Data: r.Data}, nil
}

func (rec *record) travelRuleInfo() map[string]any {
	return map[string]any{
		"initiatorVaspCode": rec.Initiator, "receiverVaspCode": rec.Receiver,
		"requestId": rec.RequestID, "verificationDirection": int(rec.Direction),
	}
}

// CompletePending delivers the late verdict of a counterparty that
// answered an outgoing travel rule with 100002 (VASP.Pending): it runs the
// pending stage now, records the outcome (query shows it) and delivers
// callback 13 (stage-1 result, when stage 1 was pending) and callback 15
// (PII result, when stage 1 passed) to the member. It fails when the travel
// rule is not pending, or a callback cannot be delivered (the outcome is
// recorded anyway).
func (s *Server) CompletePending(ctx context.Context, requestID string) error {
	s.mu.Lock()
	rec, found := s.records[requestID]
	if !found || rec.Incoming || rec.Status != gtr.StatusPending {
		s.mu.Unlock()
		return fmt.Errorf("gtrtest: CompletePending: %q is not a pending outgoing travel rule", requestID)
	}
	stage := rec.pending
	rec.pending = NotPending
	s.mu.Unlock()

	if stage == PendingCheck {
		stage1 := gtr.StageAddressVerification
		if rec.Direction == gtr.PostTransaction {
			stage1 = gtr.StageTransactionVerification
		}
		code, msg, customer := s.checkStage1(rec)
		s.mu.Lock()
		rec.customer = customer
		if code != codeSuccess {
			s.setOutcome(rec, code, msg, stage1)
		}
		s.mu.Unlock()
		data := map[string]any{
			"travelruleInfo": rec.travelRuleInfo(),
			"notifyResult":   map[string]any{"verifyStatus": code, "verifyMessage": msg},
			"blockchainTransaction": map[string]any{
				"network": rec.Network, "ticker": rec.Ticker, "txId": nilIfEmpty(rec.TxID),
			},
			"beneficiaryAddress": map[string]any{"address": rec.Address, "tag": rec.Tag},
		}
		if _, err := s.deliver(ctx, rec, s.envelopeFor(rec, 13, data)); err != nil {
			return err
		}
		if code != codeSuccess {
			return nil
		}
	}
	code, msg := s.verifyPII(rec)
	s.mu.Lock()
	s.setOutcome(rec, code, msg, gtr.StagePIIVerification)
	data := map[string]any{
		"travelruleInfo":       rec.travelRuleInfo(),
		"notifyResult":         map[string]any{"verifyStatus": code, "verifyMessage": msg},
		"piiVerifyResult":      map[string]any{"verifiedFields": s.wireFields(rec.Fields)},
		"preflightCheckResult": map[string]any{"preflightCheckStatus": "ACCEPTED", "preflightCheckMessage": ""},
	}
	if rec.securedBack != nil {
		data["piiSecuredInfo"] = rec.securedBack
	}
	s.mu.Unlock()
	_, err := s.deliver(ctx, rec, s.envelopeFor(rec, 15, data))
	return err
}

// EndTravelRule ends a travel rule on the counterparty's behalf and
// delivers callback 17 (notifyResult 100028) to the member, with e.Reason
// as the reasonType and e.Message as the reason. It takes the request the
// client's End takes.
func (s *Server) EndTravelRule(ctx context.Context, e *gtr.EndRequest) (*CallbackReply, error) {
	if e == nil {
		return nil, errors.New("gtrtest: EndTravelRule: nil request")
	}
	requestID, reasonType, reason := e.RequestID, string(e.Reason), e.Message
	s.mu.Lock()
	rec, found := s.records[requestID]
	if !found {
		s.mu.Unlock()
		return nil, fmt.Errorf("gtrtest: EndTravelRule: unknown requestId %q", requestID)
	}
	rec.Ended, rec.EndReasonType, rec.EndReason = true, reasonType, reason
	s.setOutcome(rec, codeCancelled, "travel rule canceled", rec.Stage)
	counterparty := rec.Receiver
	if rec.Incoming {
		counterparty = rec.Initiator
	}
	data := map[string]any{
		"notifyResult":   map[string]any{"verifyStatus": codeCancelled, "verifyMessage": "travel rule canceled"},
		"finalStateInfo": map[string]any{"reasonType": reasonType, "reason": reason},
		"basicMessage": map[string]any{
			"requestId": rec.RequestID, "originatorVaspCode": rec.OriginatorVASP, "beneficiaryVaspCode": rec.BeneficiaryVASP,
			"initiatorVaspCode": counterparty, "receiverVaspCode": s.cfg.vaspCode, "invokeVaspCode": s.cfg.vaspCode,
			"verificationDirection": int(rec.Direction),
		},
	}
	env := s.envelopeFor(rec, 17, data)
	s.mu.Unlock()
	return s.deliver(ctx, rec, env)
}

// envelopeFor builds a callback about rec. s.mu must be held, or rec's
// envelope fields must not change concurrently.
func (s *Server) envelopeFor(rec *record, typ int, data any) callbackEnvelope {
	return callbackEnvelope{
		RequestID: rec.RequestID, InvokeVASPCode: s.cfg.vaspCode, OriginatorVASP: rec.OriginatorVASP,
		BeneficiaryVASP: rec.BeneficiaryVASP, CallbackType: typ, CallbackData: data,
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
