package travelruletest

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
)

// Counterparty statuses the fake uses (Striga documents DECLARED).
const (
	StatusDeclared            = "DECLARED"
	StatusPendingVerification = "PENDING_VERIFICATION"
	StatusVerified            = "VERIFIED"
)

// Counterparty is a self-hosted counterparty the fake stores.
type Counterparty struct {
	ID                  string
	UserID, BusinessID  string
	Currency, Network   string
	CounterpartyAddress string
	PaymentHash         string
	SubType             string
	Status              string
	// PendingVerificationID is the pending wallet verification, "" when
	// none (see RequireVerification).
	PendingVerificationID string
	OwnershipVerified     bool

	app string
	key string
}

// Verification is a wallet-ownership proof the fake accepted.
type Verification struct {
	ID                 string
	Route              string // "verify-wallet" or "patch"
	CounterpartyID     string // for "patch"
	UserID, BusinessID string
	Method             string
	SignedAddress      string
	Message            string
	Signature          string
	Outcome            string
	Status             string
	At                 time.Time
}

// Counterparties returns copies of the stored counterparties.
func (s *Server) Counterparties() []Counterparty {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Counterparty, len(s.counterparties))
	for i, c := range s.counterparties {
		out[i] = *c
	}
	return out
}

// Verifications returns copies of the accepted verifications.
func (s *Server) Verifications() []Verification {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Verification, len(s.verifications))
	for i, v := range s.verifications {
		out[i] = *v
	}
	return out
}

// ErrUnknownCounterparty: RequireVerification was given an id the fake
// does not hold, or a counterparty that is not OWNED.
var ErrUnknownCounterparty = errors.New("travelruletest: no OWNED counterparty with this id")

// RequireVerification opens a pending wallet verification on an OWNED
// counterparty, as Striga does when it crosses a Travel Rule threshold,
// and returns the verification's id. PATCH /counterparty/{id} then
// accepts a proof.
func (s *Server) RequireVerification(counterpartyID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cp := range s.counterparties {
		if cp.ID == counterpartyID && cp.SubType == string(travelrule.SubTypeOwned) {
			cp.PendingVerificationID = s.nextID("wallet-verification")
			cp.Status = StatusPendingVerification
			return cp.PendingVerificationID, nil
		}
	}
	return "", ErrUnknownCounterparty
}

type counterpartyResponse struct {
	ID                    string `json:"id"`
	Status                string `json:"status"`
	SubType               string `json:"subType"`
	Currency              string `json:"currency"`
	Network               string `json:"network"`
	OwnershipVerified     bool   `json:"ownershipVerified"`
	PendingVerificationID string `json:"walletVerificationId,omitempty"`
}

func (cp *Counterparty) response() counterpartyResponse {
	return counterpartyResponse{
		ID: cp.ID, Status: cp.Status, SubType: cp.SubType, Currency: cp.Currency, Network: cp.Network,
		OwnershipVerified: cp.OwnershipVerified, PendingVerificationID: cp.PendingVerificationID,
	}
}

func (s *Server) declareCounterparty(c *call) {
	b := parseBody(c)
	if b == nil {
		return
	}
	id := s.checkIdentity(b)
	sub := b.str("subType")
	if sub != string(travelrule.SubTypeOwned) && sub != string(travelrule.SubTypeThirdParty) {
		b.problem("subType", "must be OWNED or THIRD_PARTY")
	}
	if b.reject(c) {
		return
	}
	key := strings.Join([]string{id.owner(), id.currency, id.network, id.counterpartyKey()}, "\x00")

	s.mu.Lock()
	for _, cp := range s.counterparties {
		if cp.app == c.app.key && cp.key == key {
			s.mu.Unlock()
			writeError(c.w, http.StatusConflict, travelrule.CodeDefault, "Counterparty already declared", nil)
			return
		}
	}
	cp := &Counterparty{
		ID:                  s.nextID("counterparty"),
		UserID:              id.userID,
		BusinessID:          id.businessID,
		Currency:            id.currency,
		Network:             id.network,
		CounterpartyAddress: id.address,
		PaymentHash:         id.paymentHash,
		SubType:             sub,
		Status:              StatusDeclared,
		app:                 c.app.key,
		key:                 key,
	}
	s.counterparties = append(s.counterparties, cp)
	resp := cp.response()
	s.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, resp)
}

type verificationResponse struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	Method        string `json:"method"`
	SignedAddress string `json:"signed_address"`
}

// verifyWallet checks a wallet-ownership proof. The verify-wallet page
// words the message without "customer", the other pages with it; which
// form Striga's server takes is not verified, so the fake takes both.
func (s *Server) verifyWallet(c *call) {
	b := parseBody(c)
	if b == nil {
		return
	}
	userID, businessID := b.str("userId"), b.str("businessId")
	switch {
	case (userID == "") == (businessID == ""):
		b.problem("userId", msgOneOwner)
	case userID != "" && !isUUID(userID), businessID != "" && !isUUID(businessID):
		b.problem("userId", "must be a UUID")
	}
	method := b.str("method")
	addr, msg, sig := b.str("signed_address"), b.str("message"), b.str("signature")
	for _, f := range [...]struct{ name, v string }{{"method", method}, {"signed_address", addr}, {"message", msg}, {"signature", sig}} {
		if f.v == "" {
			b.problem(f.name, "is required")
		}
	}
	if method == string(travelrule.MethodSumsubLiveness) {
		writeError(c.w, http.StatusUnprocessableEntity, travelrule.CodeDefault, msgLivenessRoute, nil)
		return
	}
	if method != "" && method != string(travelrule.MethodWalletSignature) {
		b.problem("method", "unsupported method")
	}
	if b.reject(c) {
		return
	}
	owner := userID + businessID
	now := s.Now()
	if !ownershipMessageOK(msg, addr, owner, false, now) && !ownershipMessageOK(msg, addr, owner, true, now) {
		writeError(c.w, http.StatusBadRequest, travelrule.CodeDefault, "Signed message does not match the expected ownership message",
			[]errorDetail{{Field: "message", Message: "does not match the ownership template, or its date is not yesterday, today or tomorrow (UTC)"}})
		return
	}
	if !s.cfg.verifier(SignatureCheck{Address: addr, Message: msg, Signature: sig}) {
		writeError(c.w, http.StatusUnprocessableEntity, travelrule.CodeDefault, "Wallet signature verification failed", nil)
		return
	}

	s.mu.Lock()
	v := &Verification{
		ID: s.nextID("verification"), Route: "verify-wallet", UserID: userID, BusinessID: businessID,
		Method: method, SignedAddress: addr, Message: msg, Signature: sig, Status: StatusVerified, At: now,
	}
	s.verifications = append(s.verifications, v)
	for _, cp := range s.counterparties {
		if cp.app == c.app.key && cp.SubType == string(travelrule.SubTypeOwned) &&
			strings.EqualFold(cp.UserID+cp.BusinessID, owner) && sameAddress(cp.CounterpartyAddress, addr) {
			cp.OwnershipVerified = true
		}
	}
	resp := verificationResponse{ID: v.ID, Status: v.Status, Method: v.Method, SignedAddress: v.SignedAddress}
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, resp)
}

// submitVerification handles PATCH /counterparty/{counterpartyId}.
func (s *Server) submitVerification(c *call, counterpartyID string) {
	b := parseBody(c)
	if b == nil {
		return
	}
	userID := b.str("userId")
	method := b.str("method")
	wvID := b.str("walletVerificationId")
	outcome, sig := b.str("outcome"), b.str("signature")
	msg, addr := b.str("message"), b.str("signed_address")
	switch {
	case userID == "":
		b.problem("userId", "is required")
	case !isUUID(userID):
		b.problem("userId", "must be a UUID")
	}
	if wvID != "" && !isUUID(wvID) {
		b.problem("walletVerificationId", "must be a UUID")
	}
	if method == string(travelrule.MethodSumsubLiveness) {
		writeError(c.w, http.StatusUnprocessableEntity, travelrule.CodeDefault, "SUMSUB_LIVENESS is not supported on this route", nil)
		return
	}
	if method != string(travelrule.MethodWalletSignature) {
		b.problem("method", "must be WALLET_SIGNATURE")
	}
	if outcome == "" {
		b.problem("outcome", "is required")
	}
	if sig == "" {
		b.problem("signature", "is required")
	}
	if b.reject(c) {
		return
	}

	s.mu.Lock()
	var cp *Counterparty
	for _, cand := range s.counterparties {
		if cand.app == c.app.key && cand.ID == counterpartyID && strings.EqualFold(cand.UserID, userID) {
			cp = cand
		}
	}
	now := s.now
	var problem string
	var status int
	switch {
	case cp == nil:
		status, problem = http.StatusNotFound, "Counterparty not found"
	case cp.PendingVerificationID == "":
		status, problem = http.StatusBadRequest, "No pending wallet verification for this counterparty"
	case wvID != "" && !strings.EqualFold(wvID, cp.PendingVerificationID):
		status, problem = http.StatusNotFound, "Wallet verification not found"
	case addr != "" && !sameAddress(cp.CounterpartyAddress, addr):
		status, problem = http.StatusBadRequest, "signed_address does not match the declared address"
	case msg != "" && !ownershipMessageOK(msg, cp.CounterpartyAddress, userID, true, now):
		status, problem = http.StatusBadRequest, "Signed message does not match the expected ownership message"
	case !s.cfg.verifier(SignatureCheck{Address: cp.CounterpartyAddress, Message: msg, Signature: sig}):
		status, problem = http.StatusUnprocessableEntity, "Wallet signature verification failed"
	}
	if problem != "" {
		s.mu.Unlock()
		writeError(c.w, status, travelrule.CodeDefault, problem, nil)
		return
	}
	s.verifications = append(s.verifications, &Verification{
		ID: cp.PendingVerificationID, Route: "patch", CounterpartyID: cp.ID, UserID: userID, Method: method,
		SignedAddress: addr, Message: msg, Signature: sig, Outcome: outcome, Status: StatusVerified, At: now,
	})
	cp.PendingVerificationID = ""
	cp.OwnershipVerified = true
	cp.Status = StatusVerified
	resp := cp.response()
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, resp)
}

// sameAddress compares a declared and a signed address: EVM (0x…)
// addresses case-insensitively, others exactly.
func sameAddress(declared, signed string) bool {
	if strings.HasPrefix(declared, "0x") || strings.HasPrefix(declared, "0X") {
		return strings.EqualFold(declared, signed)
	}
	return declared == signed
}
