package travelrule

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Paths of the self-hosted counterparty endpoints, relative to the base URL.
const (
	SelfHostedCounterpartyPath = "/counterparty/self-hosted"
	VerifyWalletPath           = "/counterparty/self-hosted/verify-wallet"
	// CounterpartyPathFormat is PATCH /counterparty/{counterpartyId}.
	CounterpartyPathFormat = "/counterparty/%s"
)

// CounterpartySubType says whose self-hosted wallet a counterparty is.
type CounterpartySubType string

const (
	// SubTypeOwned: the customer's own wallet (ownership may need proof).
	SubTypeOwned CounterpartySubType = "OWNED"
	// SubTypeThirdParty: someone else's self-hosted wallet.
	SubTypeThirdParty CounterpartySubType = "THIRD_PARTY"
)

// VerificationMethod is how wallet ownership is proven.
type VerificationMethod string

const (
	// MethodWalletSignature: a signature over the ownership message
	// (EIP-191 personal_sign, Bitcoin Signed Message, Solana Ed25519).
	MethodWalletSignature VerificationMethod = "WALLET_SIGNATURE"
	// MethodSumsubLiveness: a Sumsub liveness check, started with POST
	// /counterparty/wallet-verification/sumsub/initiate; Striga refuses it
	// (422) on the wallet-signature routes, and so does this client.
	MethodSumsubLiveness VerificationMethod = "SUMSUB_LIVENESS"
)

// SelfHostedCounterpartyRequest declares a self-hosted counterparty (POST
// /counterparty/self-hosted): the wallet your customer sends to or
// receives from, not held by a VASP. Owner, currency/network and
// identifier follow the widget-session rules; SubType is OWNED or
// THIRD_PARTY. Wallet ownership is proven separately (VerifyWallet or
// SubmitWalletVerification).
type SelfHostedCounterpartyRequest struct {
	UserID, BusinessID  string
	Currency, Network   string
	CounterpartyAddress string
	PaymentHash         string
	Invoice             string
	SubType             CounterpartySubType
	// Extra holds body fields the SDK does not model (Striga's page hides
	// some). A key must not repeat a modelled field. Values are encoded
	// with encoding/json, every string then written as JSON.stringify
	// writes it; numbers and keys are sent as encoding/json writes them,
	// which JavaScript writes back unchanged for float64 values but -0,
	// integers up to 2^53 and keys that are not array indices ("0").
	Extra map[string]any
}

// Counterparty is Striga's answer to a declare or submit-verification
// call. Striga does not publish the schema: ID ("id", else
// "counterpartyId"), Status ("status") and SubType ("subType") are decoded
// when present; Fields and Raw keep everything.
type Counterparty struct {
	ID      string
	Status  string
	SubType CounterpartySubType
	Fields  map[string]json.RawMessage
	Raw     json.RawMessage
	// Meta describes the call: Striga's request id, the HTTP status and
	// the attempts made.
	Meta Meta
}

// WalletVerificationRequest proves ownership of a self-hosted wallet (POST
// /counterparty/self-hosted/verify-wallet) with a signature over the
// ownership message (see OwnershipMessage with OwnershipVerifyWallet).
//
// Striga shows the owner and method fields and "required strings including
// the signed message and the signature" without their names; the SDK sends
// "method", "signed_address", "message" and "signature" (the names of the
// PATCH route). Use Extra for anything else.
type WalletVerificationRequest struct {
	UserID, BusinessID string
	// Method defaults to MethodWalletSignature, the only method this
	// route takes.
	Method        VerificationMethod
	SignedAddress string
	Message       string
	Signature     string
	Extra         map[string]any
}

// WalletVerification is Striga's answer to VerifyWallet: ID ("id", else
// "walletVerificationId") and Status ("status") when present, and every
// field in Fields and Raw.
type WalletVerification struct {
	ID     string
	Status string
	Fields map[string]json.RawMessage
	Raw    json.RawMessage
	// Meta describes the call: Striga's request id, the HTTP status and
	// the attempts made.
	Meta Meta
}

// SubmitWalletVerificationRequest submits the wallet verification of a
// declared OWNED counterparty that has one pending, for example after it
// crossed a Travel Rule threshold (PATCH /counterparty/{counterpartyId}).
//
// Striga names userId, walletVerificationId, message and signed_address;
// the method, outcome label and proof fields are shown without names, and
// the SDK sends them as "method", "outcome" and "signature". signed_address
// must equal the declared address (EVM addresses compare
// case-insensitively).
type SubmitWalletVerificationRequest struct {
	CounterpartyID string // the path parameter
	UserID         string // required, a UUID
	// Method defaults to MethodWalletSignature; MethodSumsubLiveness is
	// refused (Striga answers 422 on this route).
	Method VerificationMethod
	// WalletVerificationID, optional (a UUID), defaults to the pending
	// verification.
	WalletVerificationID string
	Outcome              string // required outcome label
	Signature            string // required cryptographic proof
	Message              string // the signed ownership message (OwnershipCustomer)
	SignedAddress        string
	Extra                map[string]any
}

// Validate checks the declare request: the widget-session owner,
// currency/network and identifier rules (with DefaultNetworks and any
// invoice network) and a documented SubType.
func (r *SelfHostedCounterpartyRequest) Validate() error {
	_, err := defaultRules().selfHosted(r)
	return err
}

func (ru rules) selfHosted(r *SelfHostedCounterpartyRequest) ([]byte, error) {
	var ps problems
	if r == nil {
		ps.add("", RuleRequired, "request is nil")
		return nil, ps.err()
	}
	cp := ru.counterparty(&ps, r.UserID, r.BusinessID, r.Currency, r.Network, r.CounterpartyAddress, r.PaymentHash, r.Invoice)
	switch r.SubType {
	case SubTypeOwned, SubTypeThirdParty:
	case "":
		ps.add(fieldSubType, RuleRequired, "is required (OWNED or THIRD_PARTY)")
	default:
		ps.add(fieldSubType, RuleEnum, "must be OWNED or THIRD_PARTY")
	}
	checkExtra(&ps, r.Extra, fieldUserID, fieldBusinessID, fieldCurrency, fieldNetwork,
		fieldCounterpartyAddress, fieldPaymentHash, fieldInvoice, fieldSubType)
	if err := ps.err(); err != nil {
		return nil, err
	}
	type body struct {
		counterpartyBody
		SubType CounterpartySubType `json:"subType,omitempty"`
	}
	return extraBody(body{cp.body(), r.SubType}, r.Extra)
}

// Validate checks the verify-wallet request: one owner (UUID), a method
// this route takes, and non-empty signed_address (no whitespace), message
// and signature. It does not check the message's wording: see
// CheckOwnershipMessage.
func (r *WalletVerificationRequest) Validate() error {
	_, err := r.body()
	return err
}

func (r *WalletVerificationRequest) body() ([]byte, error) {
	var ps problems
	if r == nil {
		ps.add("", RuleRequired, "request is nil")
		return nil, ps.err()
	}
	checkOwner(&ps, r.UserID, r.BusinessID)
	method := checkMethod(&ps, r.Method, "on verify-wallet; start a Sumsub liveness check with POST /counterparty/wallet-verification/sumsub/initiate")
	checkProof(&ps, r.SignedAddress, r.Message, r.Signature, true)
	checkExtra(&ps, r.Extra, fieldUserID, fieldBusinessID, fieldMethod, fieldSignedAddress, fieldMessage, fieldSignature)
	if err := ps.err(); err != nil {
		return nil, err
	}
	type body struct {
		UserID        string             `json:"userId,omitempty"`
		BusinessID    string             `json:"businessId,omitempty"`
		Method        VerificationMethod `json:"method,omitempty"`
		SignedAddress string             `json:"signed_address,omitempty"`
		Message       string             `json:"message,omitempty"`
		Signature     string             `json:"signature,omitempty"`
	}
	return extraBody(body{r.UserID, r.BusinessID, method, r.SignedAddress, r.Message, r.Signature}, r.Extra)
}

// JSON names of the PATCH body the SDK chose.
const (
	fieldWalletVerificationID = "walletVerificationId"
	fieldOutcome              = "outcome"
	fieldCounterpartyID       = "counterpartyId"
)

// Validate checks the PATCH request: a counterparty id, userId a UUID, a
// method this route takes (not SUMSUB_LIVENESS), walletVerificationId a
// UUID when set, and non-empty outcome and signature.
func (r *SubmitWalletVerificationRequest) Validate() error {
	_, err := r.body()
	return err
}

func (r *SubmitWalletVerificationRequest) body() ([]byte, error) {
	var ps problems
	if r == nil {
		ps.add("", RuleRequired, "request is nil")
		return nil, ps.err()
	}
	switch {
	case r.CounterpartyID == "":
		ps.add(fieldCounterpartyID, RuleRequired, "is required")
	case hasSpace(r.CounterpartyID):
		ps.add(fieldCounterpartyID, RuleWhitespace, "must not contain whitespace")
	}
	switch {
	case r.UserID == "":
		ps.add(fieldUserID, RuleRequired, "is required")
	case !IsUUID(r.UserID):
		ps.add(fieldUserID, RuleUUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
	method := checkMethod(&ps, r.Method, "on PATCH /counterparty/{counterpartyId} (Striga answers 422)")
	if r.WalletVerificationID != "" && !IsUUID(r.WalletVerificationID) {
		ps.add(fieldWalletVerificationID, RuleUUID, "must be a UUID (8-4-4-4-12 hexadecimal digits)")
	}
	if r.Outcome == "" {
		ps.add(fieldOutcome, RuleRequired, "is required")
	}
	checkProof(&ps, r.SignedAddress, r.Message, r.Signature, false)
	checkExtra(&ps, r.Extra, fieldUserID, fieldMethod, fieldWalletVerificationID, fieldOutcome,
		fieldSignature, fieldMessage, fieldSignedAddress)
	if err := ps.err(); err != nil {
		return nil, err
	}
	type body struct {
		UserID               string             `json:"userId,omitempty"`
		Method               VerificationMethod `json:"method,omitempty"`
		WalletVerificationID string             `json:"walletVerificationId,omitempty"`
		Outcome              string             `json:"outcome,omitempty"`
		Signature            string             `json:"signature,omitempty"`
		Message              string             `json:"message,omitempty"`
		SignedAddress        string             `json:"signed_address,omitempty"`
	}
	return extraBody(body{r.UserID, method, r.WalletVerificationID, r.Outcome, r.Signature, r.Message, r.SignedAddress}, r.Extra)
}

func checkMethod(ps *problems, m VerificationMethod, liveness string) VerificationMethod {
	switch m {
	case "":
		return MethodWalletSignature
	case MethodWalletSignature:
	case MethodSumsubLiveness:
		ps.add(fieldMethod, RuleUnsupportedMethod, "SUMSUB_LIVENESS is not accepted "+liveness)
	default:
		ps.add(fieldMethod, RuleEnum, "must be WALLET_SIGNATURE")
	}
	return m
}

// checkProof checks the signature fields; the address and message are
// required on verify-wallet, optional on PATCH.
func checkProof(ps *problems, addr, msg, sig string, required bool) {
	switch {
	case addr == "" && required:
		ps.add(fieldSignedAddress, RuleRequired, "is required")
	case hasSpace(addr):
		ps.add(fieldSignedAddress, RuleWhitespace, "must not contain whitespace")
	}
	if msg == "" && required {
		ps.add(fieldMessage, RuleRequired, "is required")
	}
	if sig == "" {
		ps.add(fieldSignature, RuleRequired, "is required")
	}
}

func checkExtra(ps *problems, extra map[string]any, modelled ...string) {
	for k := range extra {
		if k == "" {
			ps.add("extra", RuleExtraField, "has an empty field name")
			continue
		}
		for _, m := range modelled {
			if k == m {
				ps.add(k, RuleExtraField, "is a modelled field; set it on the request, not in Extra")
			}
		}
	}
}

// extraBody is the body of fields (a struct) and extra; an Extra value
// that does not encode is a *ValidationError.
func extraBody(fields any, extra map[string]any) ([]byte, error) {
	b, err := requestBody(fields, extra)
	if err != nil {
		return nil, &ValidationError{Problems: []FieldError{{Path: "extra", Rule: RuleExtraField, Message: "does not encode as JSON", Err: err}}}
	}
	return b, nil
}

// DeclareSelfHostedCounterparty declares a self-hosted counterparty for an
// owner (POST /counterparty/self-hosted); Striga records it as DECLARED.
//
// The call is not retried once it may have reached Striga (retry class
// Ambiguous): Striga publishes no idempotency key for it and no way to list
// counterparties. A transport failure after sending, or a 2xx answer that
// is empty or not a JSON object (a *MalformedResponseError), is an
// *OutcomeUnknownError (ErrOutcomeUnknown, MaybeSent): the declaration may
// have been stored: check before declaring again.
func (c *Client) DeclareSelfHostedCounterparty(ctx context.Context, req *SelfHostedCounterpartyRequest) (*Counterparty, error) {
	body, err := c.rules().selfHosted(req)
	if err != nil {
		return nil, err
	}
	var (
		raw  []byte
		meta rest.Meta
	)
	if err := c.rest.Post(SelfHostedCounterpartyPath).Raw(body, "application/json").
		Retry(rest.Ambiguous).Into(&raw).Meta(&meta).Do(ctx); err != nil {
		return nil, ambiguous(err, http.MethodPost, SelfHostedCounterpartyPath)
	}
	cp, err := decodeCounterparty(raw, http.MethodPost, SelfHostedCounterpartyPath, &meta)
	if err != nil {
		return nil, ambiguous(err, http.MethodPost, SelfHostedCounterpartyPath)
	}
	return cp, nil
}

// VerifyWallet submits a wallet-ownership proof (POST
// /counterparty/self-hosted/verify-wallet). Retry class Ambiguous; a
// transport failure after sending, or a 2xx answer that is empty or not a
// JSON object (a *MalformedResponseError), is an *OutcomeUnknownError
// (ErrOutcomeUnknown, MaybeSent).
func (c *Client) VerifyWallet(ctx context.Context, req *WalletVerificationRequest) (*WalletVerification, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	var (
		raw  []byte
		meta rest.Meta
	)
	if err := c.rest.Post(VerifyWalletPath).Raw(body, "application/json").
		Retry(rest.Ambiguous).Into(&raw).Meta(&meta).Do(ctx); err != nil {
		return nil, ambiguous(err, http.MethodPost, VerifyWalletPath)
	}
	fields, err := answer(raw, http.MethodPost, VerifyWalletPath, &meta)
	if err != nil {
		return nil, ambiguous(err, http.MethodPost, VerifyWalletPath)
	}
	v := &WalletVerification{Fields: fields, Raw: raw, ID: looseString(fields["id"]), Status: looseString(fields["status"]), Meta: metaOf(&meta)}
	if v.ID == "" {
		v.ID = looseString(fields[fieldWalletVerificationID])
	}
	return v, nil
}

// SubmitWalletVerification submits the pending wallet verification of a
// declared counterparty (PATCH /counterparty/{counterpartyId}). Retry
// class Ambiguous; a transport failure after sending, or a 2xx answer that
// is empty or not a JSON object (a *MalformedResponseError), is an
// *OutcomeUnknownError (ErrOutcomeUnknown, MaybeSent). Logs and errors show the path as
// /counterparty/*, never the id.
func (c *Client) SubmitWalletVerification(ctx context.Context, req *SubmitWalletVerificationRequest) (*Counterparty, error) {
	body, err := req.body()
	if err != nil {
		return nil, err
	}
	var (
		raw  []byte
		meta rest.Meta
	)
	// Patchf: logs and errors show the counterparty id as "*".
	path := strings.ReplaceAll(CounterpartyPathFormat, "%s", "*")
	if err := c.rest.Patchf(CounterpartyPathFormat, req.CounterpartyID).Raw(body, "application/json").
		Retry(rest.Ambiguous).Into(&raw).Meta(&meta).Do(ctx); err != nil {
		return nil, ambiguous(err, http.MethodPatch, path)
	}
	cp, err := decodeCounterparty(raw, http.MethodPatch, path, &meta)
	if err != nil {
		return nil, ambiguous(err, http.MethodPatch, path)
	}
	return cp, nil
}

func decodeCounterparty(raw []byte, method, path string, meta *rest.Meta) (*Counterparty, error) {
	fields, err := answer(raw, method, path, meta)
	if err != nil {
		return nil, err
	}
	cp := &Counterparty{
		Fields:  fields,
		Raw:     raw,
		ID:      looseString(fields["id"]),
		Status:  looseString(fields["status"]),
		SubType: CounterpartySubType(looseString(fields[fieldSubType])),
		Meta:    metaOf(meta),
	}
	if cp.ID == "" {
		cp.ID = looseString(fields[fieldCounterpartyID])
	}
	return cp, nil
}
