package gtrtest

import (
	"net/http"

	"github.com/vaspkit/vaspkit/gtr"
)

// End reasons GTR documents for POST /api/verify/v2/end (an open set).
var endReasons = map[string]bool{
	"UNKNOWN": true, "INTERRUPTED": true, "ADDRESS_BOOK_VERIFY": true, "ADDRESS_BOOK_VERIFY_PURPOSE": true,
	"WITHDRAW_PROCESS_DNC": true, "UNABLE_PROCESS": true, "SYSTEM_ISSUE": true, "REJECTED": true,
	"CANCELLED": true, "TRANSFER_REJECTED": true,
}

// handleNotifyTxID implements POST /api/verify/v2/notify_tx_id (spec
// §5.5): the originator of a pre-transaction travel rule reports the txId
// once stage 1 has passed. A second call answers 100029.
func (s *Server) handleNotifyTxID(_ *http.Request, body []byte) answer {
	var req notifyTxIDRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	if req.RequestID == "" || req.TxID == "" || len(req.TxID) > 256 {
		return fail(codeBadParameters, "requestId and txId are required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.records[req.RequestID]
	switch {
	case !found || rec.Incoming:
		return fail(codeBusinessFail, "travel rule not found")
	case rec.Direction != gtr.PreTransaction:
		return fail(codeWrongFlow, "notify_tx_id is for pre-transaction travel rules")
	case rec.Ended:
		return fail(codeWrongFlow, "travel rule ended")
	case rec.Stage == gtr.StageAddressVerification:
		return fail(codeWrongFlow, "address verification has not passed")
	case rec.NotifiedTxID != "":
		return fail(codeTxIDDuplicated, "TX ID duplicated")
	}
	rec.NotifiedTxID = req.TxID
	rec.TxID = req.TxID
	rec.UpdatedAt = s.now()
	return ok(map[string]any{})
}

// handleEnd implements POST /api/verify/v2/end (spec §5.6).
func (s *Server) handleEnd(_ *http.Request, body []byte) answer {
	var req endRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	if req.RequestID == "" || req.ReasonType == "" {
		return fail(codeBadParameters, "requestId and reasonType are required")
	}
	if !endReasons[req.ReasonType] {
		return fail(codeBadParameters, "unknown reasonType")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.records[req.RequestID]
	switch {
	case !found:
		return fail(codeBusinessFail, "travel rule not found")
	case rec.Ended:
		return fail(codeWrongFlow, "travel rule already ended")
	}
	rec.Ended, rec.EndReasonType, rec.EndReason = true, req.ReasonType, req.Reason
	s.setOutcome(rec, codeCancelled, "travel rule canceled", rec.Stage)
	return ok(map[string]any{})
}

// handleQuery implements GET /api/verify/query (spec §5.7). An unknown
// requestId answers 100001 with empty data.
func (s *Server) handleQuery(r *http.Request, _ []byte) answer {
	id := r.URL.Query().Get("requestId")
	if id == "" {
		return fail(codeBadParameters, "requestId is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.records[id]
	if !found {
		return answer{http.StatusOK, envelope{Data: map[string]any{}, VerifyStatus: codeBusinessFail, VerifyMessage: "travel rule not found"}}
	}
	stageStatus := 1 // the fake's encoding (GTR does not publish it): 1 passed, 2 failed, 3 pending
	switch {
	case rec.Status == gtr.StatusPending:
		stageStatus = 3
	case rec.Status != gtr.StatusSuccess:
		stageStatus = 2
	}
	return ok(queryData{
		RequestID: rec.RequestID, RequestType: int(rec.Direction), Ticker: rec.Ticker, Network: rec.Network,
		TxID: rec.TxID, OriginatorVASP: rec.OriginatorVASP, BeneficiaryVASP: rec.BeneficiaryVASP,
		VerifyStatus: int(rec.Status), VerifyMessage: rec.Message, VerifyStage: string(rec.Stage),
		VerifyStageStatus: stageStatus, VerifyStageMessage: rec.Message,
		VerifyStartedAt: rec.StartedAt.UnixMilli(), VerifyUpdatedAt: rec.UpdatedAt.UnixMilli(),
		PreflightCheckStatus: rec.PreflightCheckStatus, PreflightCheckMessage: rec.PreflightCheckMessage,
		APIUsageInfo: &apiUsageInfo{
			VersionType: "TEST", SubscriptionName: "gtrtest", HourlyLimit: 10000, HourlyRemaining: 10000,
			DailyLimit: 100000, DailyRemaining: 100000, MonthlyLimit: 1000000, MonthlyRemaining: 1000000,
			YearlyLimit: 10000000, YearlyRemaining: 10000000, TotalLimit: 100000000, TotalRemaining: 100000000,
		},
	})
}

// handleManual implements the receiver-side manual APIs (spec §5.8): the
// member answered a callback of an incoming travel rule with 100002 and now
// delivers its verdict.
func (s *Server) handleManual(r *http.Request, body []byte) answer {
	var req manualRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	if req.RequestID == "" || req.Result == nil {
		return fail(codeBadParameters, "requestId and result are required")
	}
	status := int(req.Result.VerifyStatus)
	var typ int
	var allowed []int
	switch r.URL.Path {
	case PathManualAddress:
		typ, allowed = 6, []int{codeSuccess, codeAddressNotFound}
	case PathManualTxID:
		typ, allowed = 9, []int{codeSuccess, codeTxIDNotFound}
	default:
		typ, allowed = 4, []int{codeSuccess, codePIIVerifyFail}
	}
	if status != allowed[0] && status != allowed[1] {
		return fail(codeBadParameters, "result.verifyStatus is not allowed for this API")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.records[req.RequestID]
	if !found || !rec.Incoming {
		return fail(codeBusinessFail, "travel rule not found")
	}
	if rec.Status != gtr.StatusPending || rec.answered[typ].status != codePending {
		return fail(codeWrongFlow, "travel rule is not pending at this stage")
	}
	rec.answered[typ] = callbackIn{status: status, message: req.Result.VerifyMessage}
	stage := gtr.StagePIIVerification
	switch typ {
	case 6:
		stage = gtr.StageAddressVerification
	case 9:
		stage = gtr.StageTransactionVerification
	}
	if d := req.Result.Data; typ == 4 && d != nil {
		fields := d.VerifyFields
		if len(fields) == 0 {
			fields = d.VerifiedFields
		}
		rec.Fields = nil // never reuse: an Outcome may share the old slice
		for _, f := range fields {
			rec.Fields = append(rec.Fields, gtr.FieldResult{ID: gtr.FieldID(f.Type), Status: gtr.FieldStatus(f.Status), Message: f.Message})
		}
		rec.securedBack = d.PIISecuredInfo
		rec.PreflightCheckStatus, rec.PreflightCheckMessage = d.PreflightCheckStatus, d.PreflightCheckMessage
	}
	s.setOutcome(rec, status, req.Result.VerifyMessage, stage)
	return ok(map[string]any{})
}
