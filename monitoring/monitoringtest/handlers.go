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
	m.HandleFunc("POST /resources/kyt/misc/txns/importHistory", s.handleImport)
	m.HandleFunc("GET /resources/vasps/-", s.handleVASPs)
	m.HandleFunc("GET /resources/api/vasps/{id}/one", s.handleVASP)
	m.HandleFunc("GET /resources/kyt/currency", s.handleCurrencies)
	m.HandleFunc("POST /resources/tr/sdk/init", s.handleSDKInit)
	m.HandleFunc("POST /resources/kyt/walletAddress/import", s.handleWalletImport)
	m.HandleFunc("POST /resources/applicants/{applicantId}/payments", s.handlePayment)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, errNotFound("Resource"))
	})
	// Find's path would collide with GET /resources/kyt/txns/{id}/… in
	// the mux's patterns, so it is routed by prefix first.
	s.mux = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.HasPrefix(r.URL.EscapedPath(), findPrefix) {
			s.handleFind(w, r)
			return
		}
		m.ServeHTTP(w, r)
	})
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

func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	applicantID := r.PathValue("applicantId")
	raw, _ := decodeObject(body)
	if e, ok := checkTxn(raw, applicantID == "-"); !ok {
		s.writeError(w, e)
		return
	}
	txn, e, ok := storedTxn(body)
	if !ok {
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

// storedTxn turns an accepted body into the transaction the fake stores
// and serves. checkTxn has decided that the body is acceptable; this only
// changes its representation, through the wire types of package
// monitoring (Rule and Transactions hand those out).
func storedTxn(body []byte) (*monitoring.Transaction, apiError, bool) {
	txn := new(monitoring.Transaction)
	if err := json.Unmarshal(body, txn); err != nil {
		return nil, errMalformed, false
	}
	return txn, apiError{}, true
}

// store creates a transaction, or refuses a duplicate txnId or an unknown
// applicant. It returns the JSON answer and a webhook snapshot. A
// transaction without a txnId is not checked for duplicates (Sumsub
// publishes nothing on it).
func (s *Server) store(txn *monitoring.Transaction, applicantID string) ([]byte, *snapshot, apiError, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.byTxnID[string(txn.TxnID)]; dup && txn.TxnID != "" {
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
	default:
		ext = s.applicantExt[applicantID]
	}
	id := s.nextID("65f0c0de")
	now := s.now().UTC()
	res := monitoring.Result{
		ID:             monitoring.TransactionID(id),
		ApplicantID:    applicantID,
		ExternalUserID: ext,
		ClientID:       DefaultClientID,
		Data:           txn,
		CreatedAt:      monitoring.Time(now.Format("2006-01-02 15:04:05")),
		Review: &monitoring.Review{
			ReviewID:   id[len(id)-5:],
			AttemptID:  "a" + id[len(id)-4:],
			AttemptCnt: monitoring.NumberFromInt(0),
			CreateDate: monitoring.Time(now.Format("2006-01-02 15:04:05")),
		},
	}
	if txn.TxnDate == "" {
		// Sumsub uses the time of receipt when txnDate is absent.
		txn.TxnDate = monitoring.Time(now.Format("2006-01-02 15:04:05-0700"))
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
	if txn.TxnID != "" {
		s.byTxnID[string(txn.TxnID)] = id
	}
	s.order = append(s.order, id)
	s.stats.Stored++
	return out, snap(&rec.res), apiError{}, true
}

// travelRuleState sets the Travel Rule state of a new transaction:
// inbound transfers wait for ownership confirmation, outbound ones are
// completed until the chain hash is linked.
func (s *Server) travelRuleState(res *monitoring.Result) {
	if res.Data.Info != nil && res.Data.Info.Direction == monitoring.In {
		wallet := ""
		if a := res.Data.Applicant; a != nil && a.PaymentMethod != nil {
			wallet = a.PaymentMethod.AccountID
		}
		owner, registered := s.paymentWallets[wallet]
		switch {
		case wallet != "" && registered:
			// An applicant payment method answers both questions.
			res.ApplicantID = owner
			res.ExternalUserID = s.applicantExt[owner]
			res.TravelRuleInfo = &monitoring.TravelRuleInfo{Status: monitoring.TRCompleted}
		case wallet != "" && s.walletBook[wallet]:
			// The Wallet Address Book answers the first.
			res.TravelRuleInfo = &monitoring.TravelRuleInfo{Status: monitoring.TROnHold, NeedApplicantOwnershipConfirmation: true}
		default:
			res.NeedMasking = true
			res.TravelRuleInfo = &monitoring.TravelRuleInfo{Status: monitoring.TROnHold, NeedApplicantOwnershipConfirmation: true}
		}
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

// handleProps serves PATCH …/props: a JSON object of property values,
// documented as strings (one of Sumsub's examples sends a number, which
// the fake accepts too); anything else is 400 Malformed data.
func (s *Server) handleProps(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	raw, ok := decodeObject(body)
	for _, v := range raw {
		switch v.(type) {
		case string, json.Number:
		default:
			ok = false
		}
	}
	var set map[string]json.RawMessage
	if !ok || json.Unmarshal(body, &set) != nil {
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
		delete(s.txns, string(rec.res.ID))
		if rec.res.Data != nil {
			delete(s.byTxnID, string(rec.res.Data.TxnID))
		}
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
