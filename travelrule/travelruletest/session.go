package travelruletest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"
)

// Session is a widget session the fake stores.
type Session struct {
	ID                   string
	Token                string
	URL                  string
	UserID, BusinessID   string
	Currency, Network    string
	CounterpartyAddress  string
	PaymentHash          string // given, or decoded from Invoice
	Invoice              string
	TxHash               string
	ForceVerifyOwnership bool
	CreatedAt, ExpiresAt time.Time
	// Reuses counts the requests answered with this session after the one
	// that created it.
	Reuses int

	app string // API key of the owning application
	key string // reuse key
}

// Expired reports whether the session has expired at now.
func (s Session) Expired(now time.Time) bool { return !now.Before(s.ExpiresAt) }

// Sessions returns copies of every session stored, expired ones included,
// in creation order.
func (s *Server) Sessions() []Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Session, len(s.sessions))
	for i, ss := range s.sessions {
		out[i] = *ss
	}
	return out
}

// Session returns a copy of the session with id.
func (s *Server) Session(id string) (Session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ss := range s.sessions {
		if ss.ID == id {
			return *ss, true
		}
	}
	return Session{}, false
}

// sessionResponse is what the fake answers: the fields package travelrule
// assumes, plus a few it does not model (they land in WidgetSession.Fields).
type sessionResponse struct {
	ID                   string `json:"id"`
	URL                  string `json:"url"`
	Token                string `json:"token"`
	ExpiresAt            string `json:"expiresAt"`
	Status               string `json:"status"`
	ForceVerifyOwnership bool   `json:"forceVerifyOwnership"`
	Reused               bool   `json:"reused"`
	CreatedAt            string `json:"createdAt"`
	Currency             string `json:"currency"`
	Network              string `json:"network"`
	PaymentHash          string `json:"paymentHash,omitempty"`
}

// createWidgetSession creates or reuses a session.
func (s *Server) createWidgetSession(c *call) {
	b := parseBody(c)
	if b == nil {
		return
	}
	id := s.checkIdentity(b)
	force := b.boolean("forceVerifyOwnership")
	txHash := b.str(s.cfg.txHashField)
	if b.reject(c) {
		return
	}
	key := strings.Join([]string{id.owner(), id.currency, id.network, id.counterpartyKey(), "tx:" + txHash}, "\x00")

	s.mu.Lock()
	now := s.now
	var sess *Session
	reused := false
	for _, cand := range s.sessions {
		if cand.app == c.app.key && cand.key == key && !cand.Expired(now) {
			sess, reused = cand, true
			break
		}
	}
	if sess == nil {
		sid := s.nextID("session")
		tok := sha256.Sum256([]byte("travelruletest/token/" + sid))
		sess = &Session{
			ID:                  sid,
			Token:               "wst_" + hex.EncodeToString(tok[:16]),
			UserID:              id.userID,
			BusinessID:          id.businessID,
			Currency:            id.currency,
			Network:             id.network,
			CounterpartyAddress: id.address,
			PaymentHash:         id.paymentHash,
			Invoice:             id.invoice,
			TxHash:              txHash,
			CreatedAt:           now,
			ExpiresAt:           now.Add(s.cfg.ttl),
			app:                 c.app.key,
			key:                 key,
		}
		sess.URL = s.hs.URL + "/widget/travel-rule?session=" + sid
		s.sessions = append(s.sessions, sess)
	} else {
		sess.Reuses++
	}
	if force {
		sess.ForceVerifyOwnership = true // upgrade only: false never lowers it
	}
	resp := sessionResponse{
		ID:                   sess.ID,
		URL:                  sess.URL,
		Token:                sess.Token,
		ExpiresAt:            sess.ExpiresAt.UTC().Format(time.RFC3339),
		Status:               "ACTIVE",
		ForceVerifyOwnership: sess.ForceVerifyOwnership,
		Reused:               reused,
		CreatedAt:            sess.CreatedAt.UTC().Format(time.RFC3339),
		Currency:             sess.Currency,
		Network:              sess.Network,
		PaymentHash:          sess.PaymentHash,
	}
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, resp)
}
