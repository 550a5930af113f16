package monitoringtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/vaspkit/vaspkit/monitoring"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /resources/applicants/{applicantId}/kyt/txns/-/data", s.handleSubmit)
	m.HandleFunc("GET /resources/kyt/txns/{id}/one", s.handleGet)
	m.HandleFunc("POST /resources/kyt/txns/{id}/review/status/completed", s.handleReview)
	m.HandleFunc("POST /resources/kyt/txns/{id}/-/score", s.handleRescore)
	m.HandleFunc("PATCH /resources/kyt/txns/{id}/props", s.handleProps)
	m.HandleFunc("DELETE /resources/kyt/txns/{id}", s.handleDelete)
	m.HandleFunc("POST /resources/kyt/txns/notes", s.handleAddNote)
	m.HandleFunc("PATCH /resources/kyt/txns/notes", s.handleEditNote)
	m.HandleFunc("DELETE /resources/kyt/txns/notes", s.handleRemoveNote)
	m.HandleFunc("GET /resources/kyt/txns/{id}/notes", s.handleNotes)
	m.HandleFunc("POST /resources/kyt/txns/{id}/tags", s.handleAddTags)
	m.HandleFunc("GET /resources/kyt/txns/{id}/tags", s.handleTags)
	m.HandleFunc("DELETE /resources/kyt/txns/{id}/tags", s.handleRemoveTags)
	m.HandleFunc("POST /resources/kyt/misc/txns/import", s.handleImport)
	m.HandleFunc("PATCH /resources/kyt/txns/{id}/data/info", s.handleChainTxID)
	m.HandleFunc("POST /resources/kyt/txns/{id}/ownership/{state}", s.handleOwnership)
	m.HandleFunc("POST /resources/kyt/txns/{id}/travelRuleOwnership", s.handleBeneficiary)
	m.HandleFunc("PATCH /resources/kyt/txns/{id}/applicantWalletAddress", s.handleWallet)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, errNotFound("Resource"))
	})
	s.mux = m
}

func (s *Server) writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.writeError(w, apiError{status: http.StatusInternalServerError, desc: "encode: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// checkSubmit validates a submit the way Sumsub documents its 400s.
func checkSubmit(t *monitoring.Transaction, newApplicant bool) (apiError, bool) {
	if strings.TrimSpace(t.TxnID) == "" {
		return errMalformed, false
	}
	if !t.Type.Submittable() {
		return errInvalidType(t.Type), false
	}
	if newApplicant && (t.Applicant == nil || t.Applicant.ExternalUserID == "" || t.Applicant.FullName == "") {
		return errNoApplicant, false
	}
	if t.Applicant == nil {
		return errNull("applicant"), false
	}
	switch t.Type {
	case monitoring.TypeFinance, monitoring.TypeTravelRule:
		switch {
		case t.Info == nil:
			return errNull("info"), false
		case t.Info.Direction == "":
			return errNull("info.direction"), false
		case t.Info.Amount.IsZero():
			return errNull("info.amount"), false
		case t.Info.CurrencyCode == "":
			return errNull("info.currencyCode"), false
		}
		if _, err := t.Info.Amount.Rat(); err != nil || t.Info.Amount.Quoted() {
			return errMalformed, false
		}
		if t.Type == monitoring.TypeTravelRule && t.Counterparty == nil {
			return errNull("counterparty"), false
		}
	case monitoring.TypeUserPlatformEvent:
		ev := t.UserPlatformEventInfo
		switch {
		case ev == nil || ev.Type == "":
			return errNull("userPlatformEventInfo.type"), false
		case !ev.Type.Submittable():
			return errInvalidEvent(ev.Type), false
		}
	case monitoring.TypeGamblingBet:
		b := t.GamblingBetInfo
		switch {
		case b == nil:
			return errNull("gamblingBetInfo"), false
		case b.Amount.IsZero():
			return errNull("gamblingBetInfo.amount"), false
		case b.CurrencyCode == "":
			return errNull("gamblingBetInfo.currencyCode"), false
		}
	case monitoring.TypeGamblingBonusChange:
		if b := t.GamblingBonusChangeInfo; b == nil || b.Status == "" {
			return errNull("gamblingBonusChangeInfo.status"), false
		}
	}
	return apiError{}, true
}

func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	txn := new(monitoring.Transaction)
	if err := json.Unmarshal(body, txn); err != nil {
		s.writeError(w, errMalformed)
		return
	}
	applicantID := r.PathValue("applicantId")
	newApplicant := applicantID == "-"
	if e, ok := checkSubmit(txn, newApplicant); !ok {
		s.writeError(w, e)
		return
	}
	out, snap, e, ok := s.store(txn, applicantID)
	if !ok {
		s.writeError(w, e)
		return
	}
	s.deliver(snap, monitoring.WebhookTxnCreated)
	s.deliver(snap, snap.outcome())
	writeBody(w, out)
}

// store creates a transaction, or refuses a duplicate txnId or an unknown
// applicant. It returns the JSON answer and a webhook snapshot.
func (s *Server) store(txn *monitoring.Transaction, applicantID string) ([]byte, *snapshot, apiError, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.byTxnID[txn.TxnID]; dup {
		s.stats.Duplicates++
		return nil, nil, errDuplicate, false
	}
	ext := ""
	if txn.Applicant != nil {
		ext = txn.Applicant.ExternalUserID
	}
	switch {
	case applicantID == "-":
		applicantID = s.applicant(ext)
	case !s.applicantOK[applicantID]:
		return nil, nil, errNotFound("Applicant"), false
	}
	id := s.nextID("65f0c0de")
	now := s.now().UTC()
	res := monitoring.Result{
		ID:             id,
		ApplicantID:    applicantID,
		ExternalUserID: ext,
		ClientID:       DefaultClientID,
		Data:           txn,
		CreatedAt:      now.Format("2006-01-02 15:04:05"),
		Review: &monitoring.Review{
			ReviewID:   id[len(id)-5:],
			AttemptID:  "a" + id[len(id)-4:],
			AttemptCnt: monitoring.NumberFromInt(0),
			CreateDate: now.Format("2006-01-02 15:04:05"),
		},
	}
	if txn.TxnDate.IsZero() {
		txn.TxnDate = monitoring.NewTime(now)
	}
	s.score(&res)
	if txn.Type == monitoring.TypeTravelRule {
		s.travelRuleState(&res)
	}
	out, err := res.MarshalJSON()
	if err != nil {
		return nil, nil, apiError{status: http.StatusInternalServerError, desc: "encode"}, false
	}
	rec := &record{res: res}
	s.txns[id] = rec
	s.byTxnID[txn.TxnID] = id
	s.order = append(s.order, id)
	s.stats.Stored++
	return out, snap(&rec.res), apiError{}, true
}

// travelRuleState sets the Travel Rule state of a new transaction:
// inbound transfers wait for ownership confirmation, outbound ones are
// completed until the chain hash is linked.
func (s *Server) travelRuleState(res *monitoring.Result) {
	if res.Data.Info != nil && res.Data.Info.Direction == monitoring.In {
		res.NeedMasking = true
		res.TravelRuleInfo = &monitoring.TravelRuleInfo{Status: monitoring.TROnHold, NeedApplicantOwnershipConfirmation: true}
		return
	}
	st := monitoring.TRCompleted
	if res.Data.Info != nil && res.Data.Info.PaymentTxnID != "" {
		st = monitoring.TRFinished
	}
	res.TravelRuleInfo = &monitoring.TravelRuleInfo{Status: st}
}

// lookup finds a stored transaction by Sumsub id or "-;data.txnId=…".
// Call with s.mu held.
func (s *Server) lookup(key string) (*record, apiError, bool) {
	if txnID, ok := strings.CutPrefix(key, "-;data.txnId="); ok {
		if id, ok := s.byTxnID[txnID]; ok {
			return s.txns[id], apiError{}, true
		}
		return nil, errNotFound("Transaction"), false
	}
	if len(key) != 24 || strings.Trim(key, "0123456789abcdef") != "" {
		return nil, errInvalidID(key), false
	}
	rec, ok := s.txns[key]
	if !ok {
		return nil, errNotFound("Transaction"), false
	}
	return rec, apiError{}, true
}

// update runs fn on the stored transaction of the request's {id} and
// answers with it. It returns a webhook snapshot, or nil after an error.
func (s *Server) update(w http.ResponseWriter, r *http.Request, fn func(rec *record) (apiError, bool)) *snapshot {
	s.mu.Lock()
	rec, e, ok := s.lookup(r.PathValue("id"))
	if ok && fn != nil {
		e, ok = fn(rec)
	}
	var (
		out  []byte
		shot *snapshot
	)
	if ok {
		var err error
		if out, err = rec.res.MarshalJSON(); err != nil {
			e, ok = apiError{status: http.StatusInternalServerError, desc: "encode"}, false
		}
		shot = snap(&rec.res)
	}
	s.mu.Unlock()
	if !ok {
		s.writeError(w, e)
		return nil
	}
	writeBody(w, out)
	return shot
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) { s.update(w, r, nil) }

func (s *Server) handleReview(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ReviewAnswer  monitoring.ReviewAnswer `json:"reviewAnswer"`
		RejectLabels  []string                `json:"rejectLabels"`
		ClientComment string                  `json:"clientComment"`
	}
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &req) != nil || (req.ReviewAnswer != monitoring.Green && req.ReviewAnswer != monitoring.Red) {
		s.writeError(w, errMalformed)
		return
	}
	res := s.update(w, r, func(rec *record) (apiError, bool) {
		rv := rec.res.Review
		rv.ReviewStatus = monitoring.StatusCompleted
		rv.ReviewResult = &monitoring.ReviewResult{ReviewAnswer: req.ReviewAnswer, RejectLabels: req.RejectLabels, ClientComment: req.ClientComment}
		if req.ReviewAnswer == monitoring.Red {
			rv.ReviewResult.ReviewRejectType = monitoring.RejectFinal
		}
		return apiError{}, true
	})
	if res != nil {
		s.deliver(res, res.outcome())
	}
}

func (s *Server) handleRescore(w http.ResponseWriter, r *http.Request) {
	s.update(w, r, func(rec *record) (apiError, bool) {
		if rec.rescores >= 200 {
			return errRescore, false
		}
		rec.rescores++
		s.score(&rec.res)
		return apiError{}, true
	})
}

func (s *Server) handleProps(w http.ResponseWriter, r *http.Request) {
	var set map[string]json.RawMessage
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &set) != nil {
		s.writeError(w, errMalformed)
		return
	}
	unset := r.URL.Query()["unsetKey"]
	s.update(w, r, func(rec *record) (apiError, bool) {
		d := rec.res.Data
		if d.Props == nil {
			d.Props = monitoring.Props{}
		}
		for k, v := range set {
			var pv monitoring.PropValue
			if pv.UnmarshalJSON(v) != nil {
				return errMalformed, false
			}
			d.Props[k] = pv
		}
		for _, k := range unset {
			delete(d.Props, k)
		}
		return apiError{}, true
	})
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rec, e, ok := s.lookup(r.PathValue("id"))
	var shot *snapshot
	if ok {
		shot = snap(&rec.res)
		delete(s.txns, rec.res.ID)
		delete(s.byTxnID, rec.res.TxnID())
	}
	s.mu.Unlock()
	if !ok {
		s.writeError(w, e)
		return
	}
	s.deliver(shot, monitoring.WebhookTxnDeleted)
	s.writeJSON(w, map[string]int{"deleted": 1})
}

func writeBody(w http.ResponseWriter, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
