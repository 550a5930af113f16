package monitoringtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/vaspkit/vaspkit/monitoring"
)

type noteRequest struct {
	TxnID string   `json:"txnId"`
	ID    string   `json:"id"`
	Note  string   `json:"note"`
	Tags  []string `json:"tags"`
}

func (s *Server) readNote(w http.ResponseWriter, r *http.Request) (noteRequest, bool) {
	var req noteRequest
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &req) != nil || req.TxnID == "" {
		s.writeError(w, errMalformed)
		return req, false
	}
	return req, true
}

// withRecord runs fn on the transaction with Sumsub id (or txnId filter)
// key, answering the lookup error itself.
func (s *Server) withRecord(w http.ResponseWriter, key string, fn func(rec *record) any) {
	s.mu.Lock()
	rec, e, ok := s.lookup(key)
	var out any
	if ok {
		out = fn(rec)
	}
	s.mu.Unlock()
	if !ok {
		s.writeError(w, e)
		return
	}
	if out == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	s.writeJSON(w, out)
}

func (s *Server) handleAddNote(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readNote(w, r)
	if !ok {
		return
	}
	s.withRecord(w, req.TxnID, func(rec *record) any {
		n := monitoring.Note{ID: s.nextID("65e0c0de"), TxnID: monitoring.TransactionID(req.TxnID), Note: req.Note, Tags: req.Tags,
			CreatedAt: monitoring.Time(s.now().UTC().Format("2006-01-02 15:04:05-0700"))}
		rec.notes = append(rec.notes, n)
		return n
	})
}

func (s *Server) handleEditNote(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readNote(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	rec, e, ok := s.lookup(req.TxnID)
	var out *monitoring.Note
	if ok {
		for i := range rec.notes {
			if rec.notes[i].ID == req.ID {
				rec.notes[i].Note, rec.notes[i].Tags = req.Note, req.Tags
				n := rec.notes[i]
				out = &n
			}
		}
		if out == nil {
			e, ok = errNotFound("Note"), false
		}
	}
	s.mu.Unlock()
	if !ok {
		s.writeError(w, e)
		return
	}
	s.writeJSON(w, out)
}

func (s *Server) handleRemoveNote(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readNote(w, r)
	if !ok {
		return
	}
	s.withRecord(w, req.TxnID, func(rec *record) any {
		rec.notes = slices.DeleteFunc(rec.notes, func(n monitoring.Note) bool { return n.ID == req.ID })
		return nil
	})
}

// handleNotes answers the shape Sumsub documents for a transaction's
// notes: {"list":{"items":[…],"totalItems":n}}.
func (s *Server) handleNotes(w http.ResponseWriter, r *http.Request) {
	s.withRecord(w, r.PathValue("id"), func(rec *record) any {
		items := append([]monitoring.Note{}, rec.notes...)
		return map[string]any{"list": map[string]any{"items": items, "totalItems": len(items)}}
	})
}

func readTags(r *http.Request) ([]string, bool) {
	var tags []string
	body, _ := io.ReadAll(r.Body)
	return tags, json.Unmarshal(body, &tags) == nil
}

func tagList(tags []string) []monitoring.Tag {
	out := make([]monitoring.Tag, len(tags))
	for i, t := range tags {
		out[i] = monitoring.Tag{Label: t, Type: "userDefined"}
	}
	return out
}

func (s *Server) handleAddTags(w http.ResponseWriter, r *http.Request) {
	tags, ok := readTags(r)
	if !ok {
		s.writeError(w, errMalformed)
		return
	}
	s.withRecord(w, r.PathValue("id"), func(rec *record) any {
		for _, t := range tags {
			if !slices.Contains(rec.tags, t) {
				rec.tags = append(rec.tags, t)
			}
		}
		return tagList(rec.tags)
	})
}

func (s *Server) handleTags(w http.ResponseWriter, r *http.Request) {
	s.withRecord(w, r.PathValue("id"), func(rec *record) any { return tagList(rec.tags) })
}

func (s *Server) handleRemoveTags(w http.ResponseWriter, r *http.Request) {
	tags, ok := readTags(r)
	if !ok {
		s.writeError(w, errMalformed)
		return
	}
	s.withRecord(w, r.PathValue("id"), func(rec *record) any {
		rec.tags = slices.DeleteFunc(rec.tags, func(t string) bool { return slices.Contains(tags, t) })
		return tagList(rec.tags)
	})
}

// handleImport stores NDJSON records, one {"applicantId":…,"data":{…}}
// per line; duplicates (by txnId) are ignored. A record is judged as a
// submit (see checkTxn): with an applicantId, for that known applicant;
// without one, data.applicant must carry externalUserId and fullName.
// With ignoreErrors=false (the default) the first bad record stops the
// import and is the answer; with true every valid record is stored and
// the errors are listed. The per-record error shape is not published:
// the fake lists {"line", "description"}.
func (s *Server) handleImport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ignoreErrors := q.Get("ignoreErrors") == "true"
	score := q.Get("scoreSavedTxns") != "false"
	sc := bufio.NewScanner(r.Body)
	sc.Buffer(nil, maxBody)
	created, line := 0, 0
	var errs []map[string]any
	var stored []*snapshot
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		e, ok := s.importRecord(b, &created, &stored, score)
		if ok {
			continue
		}
		errs = append(errs, map[string]any{"line": line, "description": e.desc})
		if !ignoreErrors {
			s.writeError(w, apiError{status: e.status, typ: e.typ, desc: "line " + strconv.Itoa(line) + ": " + e.desc})
			return
		}
	}
	for _, shot := range stored {
		s.deliver(shot, monitoring.WebhookTxnCreated)
	}
	out := map[string]any{"created": created}
	if len(errs) > 0 {
		out["errors"] = errs
	}
	s.writeJSON(w, out)
}

// importRecord judges and stores one import line.
func (s *Server) importRecord(b []byte, created *int, stored *[]*snapshot, score bool) (apiError, bool) {
	rec, ok := decodeObject(b)
	if !ok {
		return errMalformed, false
	}
	applicantID := "-"
	switch v := rec["applicantId"].(type) {
	case nil:
	case string:
		if v != "" {
			applicantID = v
		}
	default:
		return errMalformed, false
	}
	data, ok := rec["data"].(object)
	if !ok {
		return errMalformed, false
	}
	if e, ok := checkTxn(data, applicantID == "-"); !ok {
		return e, false
	}
	var parts map[string]json.RawMessage
	if json.Unmarshal(b, &parts) != nil {
		return errMalformed, false
	}
	txn, e, ok := storedTxn(parts["data"])
	if !ok {
		return e, false
	}
	s.mu.Lock()
	_, dup := s.byTxnID[string(txn.TxnID)]
	s.mu.Unlock()
	if dup && txn.TxnID != "" {
		return apiError{}, true // duplicates are ignored
	}
	_, shot, e, ok := s.store(txn, applicantID)
	if !ok {
		return e, false
	}
	*created++
	if score {
		*stored = append(*stored, shot)
	}
	return apiError{}, true
}

func (s *Server) handleChainTxID(w http.ResponseWriter, r *http.Request) {
	var req struct {
		PaymentTxnID string `json:"paymentTxnId"`
	}
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &req) != nil || req.PaymentTxnID == "" {
		s.writeError(w, errMalformed)
		return
	}
	res := s.update(w, r, func(rec *record) (apiError, bool) {
		d := rec.res.Data
		if d.Info == nil {
			d.Info = &monitoring.Info{}
		}
		d.Info.PaymentTxnID = req.PaymentTxnID
		if tr := rec.res.TravelRuleInfo; tr != nil && tr.Status == monitoring.TRCompleted {
			tr.Status = monitoring.TRFinished
		}
		return apiError{}, true
	})
	if res != nil {
		s.deliver(res, monitoring.WebhookTxnDataChanged)
	}
}

func (s *Server) handleOwnership(w http.ResponseWriter, r *http.Request) {
	state := r.PathValue("state")
	if state != "confirmed" && state != "unconfirmed" {
		s.writeError(w, errNotFound("Resource"))
		return
	}
	res := s.update(w, r, func(rec *record) (apiError, bool) {
		rec.res.NeedMasking = false
		if state == "unconfirmed" && rec.res.TravelRuleInfo != nil {
			rec.res.TravelRuleInfo.Status = monitoring.TRUnconfirmedOwnership
		}
		return apiError{}, true
	})
	if res != nil {
		s.deliver(res, monitoring.WebhookTxnDataChanged)
	}
}

func (s *Server) handleBeneficiary(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ApplicantID          string                  `json:"applicantId"`
		ApplicantParticipant *monitoring.Participant `json:"applicantParticipant"`
	}
	body, _ := io.ReadAll(r.Body)
	raw, ok := decodeObject(body)
	_, byID := str(raw, "applicantId")
	_, byParticipant := obj(raw, "applicantParticipant")
	if !ok || byID == byParticipant || json.Unmarshal(body, &req) != nil {
		s.writeError(w, errMalformed)
		return
	}
	res := s.update(w, r, func(rec *record) (apiError, bool) {
		if req.ApplicantID != "" {
			if !s.applicantOK[req.ApplicantID] {
				return errNotFound("Applicant"), false
			}
			rec.res.ApplicantID = req.ApplicantID
		} else {
			rec.res.ApplicantID = s.applicant(req.ApplicantParticipant.ExternalUserID)
			rec.res.ExternalUserID = req.ApplicantParticipant.ExternalUserID
			rec.res.Data.Applicant = req.ApplicantParticipant
		}
		if tr := rec.res.TravelRuleInfo; tr != nil {
			tr.NeedApplicantOwnershipConfirmation = false
			if !rec.res.NeedMasking {
				tr.Status = monitoring.TRCompleted
			}
		}
		return apiError{}, true
	})
	if res != nil {
		s.deliver(res, monitoring.WebhookTxnDataChanged)
	}
}

func (s *Server) handleWallet(w http.ResponseWriter, r *http.Request) {
	var req struct {
		WalletAddress string `json:"walletAddress"`
	}
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &req) != nil || req.WalletAddress == "" {
		s.writeError(w, errMalformed)
		return
	}
	s.update(w, r, func(rec *record) (apiError, bool) {
		d := rec.res.Data
		if d.Applicant == nil {
			d.Applicant = &monitoring.Participant{}
		}
		d.Applicant.WithWallet(req.WalletAddress)
		return apiError{}, true
	})
}
