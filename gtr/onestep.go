package gtr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/ivms"
)

const oneStepPath = "/api/verify/v2/one_step"

// OneStepRequest is one travel rule, verified in one synchronous call
// (POST /api/verify/v2/one_step). See the package documentation for the
// two directions.
type OneStepRequest struct {
	// RequestID identifies the travel rule in every later call and
	// callback: 4–64 characters of [A-Za-z0-9_=-], never reused (see
	// NewRequestID).
	RequestID string
	// Direction is PreTransaction (a withdrawal, before broadcasting) or
	// PostTransaction (a deposit already on chain).
	Direction Direction
	// Network is GTR's network symbol ("ETH", "TRX" …), Ticker the coin
	// symbol; both at most 64 characters.
	Network, Ticker string
	// Address is always the beneficiary's address, in both directions; Tag
	// its memo / destination tag where the chain uses one (XRP, XLM, TRX,
	// TON).
	Address, Tag string
	// TxID is the on-chain transaction id: required post-transaction,
	// empty pre-transaction (send it later with NotifyTxID).
	TxID string
	// TargetVASPCode is the counterparty VASP.
	TargetVASPCode string
	// TargetPublicKey is the counterparty's PII key. Zero: OneStep takes
	// it from VASPDetail. OneStep fetches VASP detail whenever
	// TargetPublicKey, PIIFormat or PIISpecVersion is unset, and makes no
	// detail call only when all three are set; a key set here is used even
	// when detail is fetched for the other two.
	TargetPublicKey PublicKey
	// Amount is the crypto amount and FiatPrice the fiat value of the
	// transfer, both exact non-negative decimals as strings ("0.5",
	// "1500"); FiatName is the fiat code, "USD" when empty.
	Amount, FiatName, FiatPrice string
	// ExpectFields are the verify fields we ask the counterparty to check;
	// Decide judges the result on them.
	ExpectFields []FieldID
	// Identity is the IVMS101 payload. Pre-transaction it must hold our
	// customer as Originator, our company as OriginatingVASP and the
	// beneficiary as known; post-transaction our customer as Beneficiary
	// and our company as BeneficiaryVASP. The client writes GTR's envelope
	// and seals it with WithKeyPair's key to TargetPublicKey; the caller's
	// payload is not modified.
	Identity *ivms.IdentityPayload

	// TravelRuleMetadata marks broker accounts (optional).
	TravelRuleMetadata *TravelRuleMetadata
	// PIIFormat is the piiSecretFormatType: FullJSONObjectEncrypt,
	// JSONFieldEncrypt or JSONFieldHash (every leaf hashed with
	// secretAlgorithm keccak256; the counterparty compares hashes). Empty:
	// what the target advertises in VASP detail (fetched for it, even when
	// TargetPublicKey is set), FullJSONObjectEncrypt when it advertises
	// none. An advertised format the SDK cannot produce fails with
	// ErrUnsupportedFormat, nothing sent. Set it together with
	// TargetPublicKey and PIISpecVersion to skip the VASP detail call.
	PIIFormat FormatType
	// PIISpecVersion is the piiSpecVersion. The SDK writes IVMS101 2020
	// only: empty or "ivms101-2020" (the constant PIISpecVersion). Empty
	// takes the target's advertised version like PIIFormat (VASP detail is
	// fetched for it, even when TargetPublicKey is set), PIISpecVersion when
	// it advertises none; an advertised version the SDK cannot write fails
	// with ErrUnsupportedSpecVersion, nothing sent.
	PIISpecVersion string
	// HashSalt is the JSON_FIELD_HASH salt, 11–249 characters, fresh for
	// every travel rule; empty: OneStep generates a fresh random one. It is
	// sent as hashSalt and piiSecuredInfo.encryptionParams.keccak256.salt,
	// and ignored for the other formats.
	HashSalt string
	// SourceVASPCode is only for travel-rule service providers acting for
	// a member VASP.
	SourceVASPCode string
}

// TravelRuleMetadata is GTR's travelRuleMetadata, sent beside ivms101 for
// broker and intermediary accounts (spec §8.4).
type TravelRuleMetadata struct {
	IsOriginatingVASPBroker              bool `json:"isOriginatingVaspBroker"`
	IsBeneficiaryVASPBroker              bool `json:"isBeneficiaryVaspBroker"`
	OriginatingVASPIntermediaryVASPCount int  `json:"originatingVaspIntermediaryVaspCount"`
	BeneficiaryVASPIntermediaryVASPCount int  `json:"beneficiaryVaspIntermediaryVaspCount"`
}

// OneStepResult is GTR's verdict on a travel rule: Status is one of
// StatusSuccess, StatusPending, StatusAddressNotFound, StatusTxIDNotFound
// and StatusPIIVerifyFail (every other status is an *APIError). Use Decide
// to turn it into "transfer or not".
type OneStepResult struct {
	RequestID    string
	TravelRuleID string // GTR's id ("gtr-…"), when sent
	Direction    Direction
	Status       VerifyStatus
	Message      string      // verifyMessage
	Stage        VerifyStage // how far the travel rule got
	// Fields are the counterparty's verdicts per field (verifyFields, or
	// verifiedFields): the asked ones it could check, plus those it requires
	// (status 4 and 5).
	Fields []FieldResult
	// Expected are the request's ExpectFields, Decide's default.
	Expected []FieldID
	// Identity is the counterparty's IVMS document (usually ours with its
	// side filled in), opened with our key. Nil when none was returned or
	// it could not be opened (then IdentityErr says why). Keys that are no
	// IVMS101 element are skipped, as in callbacks: a counterparty on a
	// newer edition is no error. Full of PII: never log it.
	Identity           *ivms.IdentityPayload
	IdentityErr        error
	TravelRuleMetadata *TravelRuleMetadata

	// PreflightStatus ("ACCEPTED", "REJECTED") and PreflightMessage are the
	// counterparty's informational pre-checks (pre-transaction).
	PreflightStatus  string
	PreflightMessage string
	// AddressRiskLevel is "low", "medium" or "high"; informational.
	AddressRiskLevel string
	// OriginatorVASP and BeneficiaryVASP are VASP codes in asset direction.
	OriginatorVASP, BeneficiaryVASP string
	TargetVASPCode                  string
	// PIIFormat, PIISpecVersion and HashSalt are the PII settings sent (the
	// request's, or the target's advertised ones); HashSalt only for
	// JSONFieldHash.
	PIIFormat      FormatType
	PIISpecVersion string
	HashSalt       string
	// Recovered is true when the one_step answer was lost (timeout,
	// connection reset) and the verdict comes from GET /api/verify/query:
	// it then has no Fields and no Identity.
	Recovered bool
	// Meta describes the one_step call; for a Recovered result, the query
	// that recovered it.
	Meta Meta
}

// oneStepBody is the wire request.
type oneStepBody struct {
	RequestID           string           `json:"requestId"`
	VerifyDirection     Direction        `json:"verifyDirection"`
	Network             string           `json:"network"`
	Ticker              string           `json:"ticker"`
	Address             string           `json:"address"`
	Tag                 string           `json:"tag"`
	TxID                *string          `json:"txId"`
	TargetVASPCode      string           `json:"targetVaspCode"`
	SourceVASPCode      string           `json:"sourceVaspCode,omitempty"`
	Amount              string           `json:"amount"`
	FiatName            string           `json:"fiatName"`
	FiatPrice           string           `json:"fiatPrice"`
	ExpectVerifyFields  []FieldID        `json:"expectVerifyFields,omitempty"`
	PIISecuredInfo      *wireSecuredInfo `json:"piiSecuredInfo"`
	InitiatorPublicKey  string           `json:"initiatorPublicKey"`
	TargetVASPPublicKey string           `json:"targetVaspPublicKey"`
	EncryptedPayload    string           `json:"encryptedPayload,omitempty"`
	HashSalt            string           `json:"hashSalt,omitempty"`
}

// OneStep runs a one-step travel rule: it validates req (a
// *ValidationError, nothing sent), fetches the counterparty's VASP detail
// when req leaves TargetPublicKey, PIIFormat or PIISpecVersion unset (its key,
// format and spec version fill what is unset; an advertised format or
// version the SDK cannot produce is refused, nothing sent), writes and
// seals the IVMS envelope, sends one_step once, and opens the
// counterparty's PII in the answer.
//
// A verdict — success, pending, address not found, tx id not found, PII
// verify failed — is (result, nil); any other status is an *APIError.
//
// one_step is never sent twice. When the answer is lost after the request
// may have reached GTR (a timeout, a connection reset, a 5xx without a
// verdict), OneStep asks GET /api/verify/query for what GTR recorded and
// returns that (result.Recovered), or an *OutcomeUnknownError
// (ErrOutcomeUnknown) carrying the requestId. While GTR does not know the
// requestId yet it asks up to four more times, the pauses doubling from
// WithRetry's waitMin up to its waitMax (0.5 s to 4 s without WithRetry
// or with WithRetry(0, …)). If ctx is already done by
// then, the query runs on a fresh context bounded by WithRecoveryTimeout,
// so the caller's deadline does not also lose the outcome.
func (c *Client) OneStep(ctx context.Context, req *OneStepRequest) (*OneStepResult, error) {
	if err := c.validateOneStep(req); err != nil {
		return nil, err
	}
	pii, err := c.oneStepPII(ctx, req)
	if err != nil {
		return nil, err
	}
	sealer, err := c.sealers.get(c.keyPair, pii.peer)
	if err != nil {
		return nil, fmt.Errorf("gtr: one_step: target public key: %w", err)
	}
	body, err := oneStepWireBody(req, sealer, pii)
	if err != nil {
		return nil, err
	}
	a := answer{requestID: req.RequestID, verdicts: true, oneStep: true}
	err = c.do(ctx, &a, func() *rest.Request {
		r := c.rest.Post(oneStepPath).JSON(body).Retry(rest.Ambiguous)
		if c.oneStepTimeout > 0 { // zero with WithHTTPClient, whose Timeout applies
			r.AttemptTimeout(c.oneStepTimeout)
		}
		return r
	})
	if err == nil && !a.VerifyStatus.IsVerdict() {
		// A 2xx without a verifyStatus: processed, verdict unknown.
		err = &MalformedResponseError{Path: oneStepPath, Reason: "no verifyStatus in the answer"}
	}
	if err == nil {
		r := c.oneStepResult(&a.envelope, req, sealer)
		r.PIIFormat, r.PIISpecVersion, r.HashSalt = pii.format, pii.spec, pii.salt
		r.Meta = a.meta
		return r, nil
	}
	if ambiguousOneStep(err) {
		r, err := c.recoverOneStep(ctx, req, err)
		if r != nil {
			r.PIIFormat, r.PIISpecVersion, r.HashSalt = pii.format, pii.spec, pii.salt
		}
		return r, err
	}
	return nil, err
}

// oneStepSettings are the PII settings of one one_step: the target's key,
// the format, the spec version and, for JSON_FIELD_HASH, the salt.
type oneStepSettings struct {
	peer   PublicKey
	format FormatType
	spec   string
	salt   string
}

// oneStepPII settles the PII settings before anything is sent: the
// request's, else what the target advertises in VASP detail, else the
// defaults; it refuses what the SDK cannot produce. VASP detail is fetched
// whenever TargetPublicKey, PIIFormat or PIISpecVersion is unset, and not at
// all when the request sets all three. The request's key wins over the
// detail's; the advertised secretAlgorithm is checked only when the
// detail's key is used.
func (c *Client) oneStepPII(ctx context.Context, req *OneStepRequest) (*oneStepSettings, error) {
	s := &oneStepSettings{peer: req.TargetPublicKey, format: req.PIIFormat, spec: req.PIISpecVersion}
	if s.peer.IsZero() || s.format == "" || s.spec == "" {
		d, err := c.VASPDetail(ctx, req.TargetVASPCode)
		if err != nil {
			return nil, fmt.Errorf("gtr: one_step: fetch the target's VASP detail: %w", err)
		}
		if s.format == "" {
			s.format = d.PIIFormat
		}
		if s.spec == "" {
			s.spec = d.PIISpecVersion
		}
		if s.peer.IsZero() {
			if err := s.detailKey(d); err != nil {
				return nil, err
			}
		}
	}
	if s.format == "" {
		s.format = FullJSONObjectEncrypt
	}
	if s.spec == "" || strings.EqualFold(s.spec, PIISpecVersion) {
		s.spec = PIISpecVersion
	}
	switch s.format {
	case FullJSONObjectEncrypt, JSONFieldEncrypt, JSONFieldHash:
	default:
		return nil, fmt.Errorf("gtr: one_step: target VASP %s advertises piiSecretFormatType %q, which the SDK cannot produce: %w",
			truncate(req.TargetVASPCode, 64), truncate(string(s.format), 32), ErrUnsupportedFormat)
	}
	if s.spec != PIISpecVersion {
		return nil, fmt.Errorf("gtr: one_step: target VASP %s advertises piiSpecVersion %q; the SDK writes %s only: %w",
			truncate(req.TargetVASPCode, 64), truncate(s.spec, 32), PIISpecVersion, ErrUnsupportedSpecVersion)
	}
	if s.format == JSONFieldHash {
		s.salt = req.HashSalt
		if s.salt == "" {
			salt, err := generateSalt(nil)
			if err != nil {
				return nil, fmt.Errorf("gtr: one_step: %w", err)
			}
			s.salt = salt
		}
	}
	return s, nil
}

// detailKey takes the target's key from its VASP detail, refusing a
// secretAlgorithm the SDK cannot seal with.
func (s *oneStepSettings) detailKey(d *VASPDetail) error {
	switch {
	case d.Algorithm == "", d.Algorithm == string(algEd25519Curve25519):
	case d.Algorithm == string(algKeccak256) && s.format == JSONFieldHash:
	default:
		return fmt.Errorf("gtr: one_step: target VASP uses %w %q", ErrUnsupportedAlgorithm, truncate(string(d.Algorithm), 64))
	}
	s.peer = d.PublicKey
	if s.peer.IsZero() && d.Algorithm == string(algKeccak256) {
		s.peer, _ = ParsePublicKey(d.PublicKeyText)
	}
	if s.peer.IsZero() {
		return fmt.Errorf("gtr: one_step: %w", ErrPublicKeyNotFound)
	}
	return nil
}

// oneStepWireBody lays out, seals (or hashes) and mirrors the request.
func oneStepWireBody(req *OneStepRequest, sealer *piiSealer, s *oneStepSettings) (*oneStepBody, error) {
	doc, err := gtrEnvelope(req)
	if err != nil {
		return nil, err
	}
	var payload string
	if s.format == JSONFieldHash {
		payload, err = hashFields(doc, s.salt)
	} else {
		payload, err = sealer.SealDocument(doc, s.format)
	}
	clear(doc)
	if err != nil {
		return nil, fmt.Errorf("gtr: one_step: %w", err)
	}
	mine, theirs := sealer.keyStrings()
	info := &wireSecuredInfo{
		InitiatorKeyInfo:    &cbKeyInfo{PublicKey: mine},
		ReceiverKeyInfo:     &cbKeyInfo{PublicKey: theirs},
		SecretAlgorithm:     string(algEd25519Curve25519),
		PIISecretFormatType: string(s.format),
		PIISpecVersion:      s.spec,
		SecuredPayload:      payload,
	}
	b := &oneStepBody{
		RequestID:           req.RequestID,
		VerifyDirection:     req.Direction,
		Network:             req.Network,
		Ticker:              req.Ticker,
		Address:             req.Address,
		Tag:                 req.Tag,
		TargetVASPCode:      req.TargetVASPCode,
		SourceVASPCode:      req.SourceVASPCode,
		Amount:              req.Amount,
		FiatName:            req.FiatName,
		FiatPrice:           req.FiatPrice,
		ExpectVerifyFields:  req.ExpectFields,
		PIISecuredInfo:      info,
		InitiatorPublicKey:  mine,
		TargetVASPPublicKey: theirs,
	}
	if s.format == JSONFieldHash {
		// Hashes are made with keccak256; the keys stay, for the
		// counterparty's PII sealed back to us. Where GTR reads the salt is
		// not published: both places (spec §7.3).
		info.SecretAlgorithm = string(algKeccak256)
		info.EncryptionParams = keccakParams(s.salt)
		b.HashSalt = s.salt
	}
	if b.FiatName == "" {
		b.FiatName = "USD"
	}
	if req.Direction == PostTransaction {
		txID := req.TxID
		b.TxID = &txID
	}
	if s.format == FullJSONObjectEncrypt && len(payload) <= maxSecuredPayloadLen {
		b.EncryptedPayload = payload // legacy mirror for counterparties on the old schema
	}
	return b, nil
}

// ambiguousOneStep reports failures after which one_step may have been
// processed: the request may have been sent and no verdict came back.
func ambiguousOneStep(err error) bool {
	if beforeSend(err) {
		return false
	}
	if MaybeSent(err) || errors.Is(err, ErrMalformedResponse) {
		return true
	}
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	if ae.Code == 0 {
		return ae.HTTPStatus >= 500
	}
	return ae.Code == statusServerFail || ae.Code == statusInitiatorServerFail
}

// recoverOneStep learns the outcome of a one_step whose answer was lost.
// It never resends one_step.
func (c *Client) recoverOneStep(ctx context.Context, req *OneStepRequest, cause error) (*OneStepResult, error) {
	c.warn(ctx, "gtr: one_step answer lost, querying its outcome")
	q, qerr := c.queryOutcome(ctx, req.RequestID)
	if qerr == nil {
		if !q.Status.IsVerdict() {
			return nil, &APIError{HTTPStatus: http.StatusOK, Code: q.Status, Message: q.Message, RequestID: req.RequestID,
				Method: http.MethodPost, Path: oneStepPath}
		}
		return &OneStepResult{
			RequestID:        req.RequestID,
			Direction:        req.Direction,
			Status:           q.Status,
			Message:          q.Message,
			Stage:            q.Stage,
			Expected:         append([]FieldID(nil), req.ExpectFields...),
			PreflightStatus:  q.PreflightStatus,
			PreflightMessage: q.PreflightMessage,
			OriginatorVASP:   q.OriginatorVASP,
			BeneficiaryVASP:  q.BeneficiaryVASP,
			TargetVASPCode:   req.TargetVASPCode,
			Recovered:        true,
			Meta:             q.Meta,
		}, nil
	}
	var ae *APIError
	if errors.As(cause, &ae) && ae.Code != 0 && errors.Is(qerr, ErrNotFound) {
		// GTR answered with a failure status and recorded nothing.
		return nil, cause
	}
	return nil, &OutcomeUnknownError{Op: "one_step", RequestID: req.RequestID, Err: cause, QueryErr: qerr}
}
