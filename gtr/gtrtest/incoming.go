package gtrtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// TravelRule is a travel rule a simulated VASP initiates towards the
// member (the member is the receiver): pre-transaction the VASP sends to a
// member's deposit address, post-transaction the VASP received a transfer
// from the member and asks about it.
type TravelRule struct {
	// From is the initiating VASP's code (registered with AddVASP).
	From string
	// RequestID defaults to "<From>-<random>".
	RequestID string
	Direction gtr.Direction
	Network   string
	Ticker    string
	// Address is always the beneficiary address: the member's customer's
	// pre-transaction, the VASP's customer's post-transaction.
	Address   string
	Tag       string
	TxID      string // post-transaction
	Amount    string // default "1"
	FiatName  string // default "USD"
	FiatPrice string // default "0"
	// ExpectFields are the fields the VASP asks the member to verify.
	ExpectFields []gtr.FieldID
	// Identity is the VASP's IVMS document, sealed with its key to the
	// member's public key (SetMemberPublicKey).
	Identity *ivms.IdentityPayload
	// PIIFormat is how the VASP sends it: gtr.FullJSONObjectEncrypt (the
	// default), gtr.JSONFieldEncrypt, or gtr.JSONFieldHash (hashed with
	// HashSalt, secretAlgorithm keccak256; the salt travels in
	// piiSecuredInfo.encryptionParams.keccak256.salt and as hashSalt).
	PIIFormat gtr.FormatType
	// HashSalt is the JSON_FIELD_HASH salt; default a random one.
	HashSalt string
}

// Outcome is how the member answered a TravelRule.
type Outcome struct {
	RequestID string
	// Check is the member's reply to callback 6 (pre-transaction) or 9
	// (post-transaction).
	Check *CallbackReply
	// PII is the member's reply to callback 4; nil when stage 1 did not
	// pass.
	PII *CallbackReply
	// Fields are the member's verdicts from the PII reply.
	Fields []gtr.FieldResult
	// Identity is the document the member returned, opened with the VASP's
	// key; nil when it returned none.
	Identity *ivms.IdentityPayload
}

// SendTravelRule runs a travel rule from a simulated VASP to the member
// through the member's callback URL: callback 6 (pre-transaction) or 9
// (post-transaction), then — when the member answers 100000 — callback 4
// with the VASP's PII. It records the travel rule (Recorded) and returns
// the member's answers. A member answering 100002 leaves the travel rule
// pending: it delivers its verdict with the manual APIs, and
// ContinueTravelRule goes on from there.
func (s *Server) SendTravelRule(ctx context.Context, tr TravelRule) (*Outcome, error) {
	from, found := s.vasp(tr.From)
	if !found {
		return nil, fmt.Errorf("gtrtest: SendTravelRule: unknown VASP %q", tr.From)
	}
	if tr.Direction != gtr.PreTransaction && tr.Direction != gtr.PostTransaction {
		return nil, errors.New("gtrtest: SendTravelRule: Direction must be gtr.PreTransaction or gtr.PostTransaction")
	}
	if tr.Identity == nil || tr.Network == "" || tr.Address == "" {
		return nil, errors.New("gtrtest: SendTravelRule: Identity, Network and Address are required")
	}
	if tr.Direction == gtr.PostTransaction && tr.TxID == "" {
		return nil, errors.New("gtrtest: SendTravelRule: TxID is required post-transaction")
	}
	switch tr.PIIFormat {
	case "", formatFull, formatFieldEncrypt:
	case formatFieldHash:
		if tr.HashSalt == "" {
			tr.HashSalt = randomHex(16)
		}
		if n := len([]rune(tr.HashSalt)); n <= saltMinExclusive || n >= saltMaxExclusive {
			return nil, errors.New("gtrtest: SendTravelRule: HashSalt must be 11-249 characters")
		}
	default:
		return nil, fmt.Errorf("gtrtest: SendTravelRule: unknown PIIFormat %q", tr.PIIFormat)
	}
	if tr.RequestID == "" {
		tr.RequestID = tr.From + "-" + randomHex(12)
	}
	if !requestIDPattern.MatchString(tr.RequestID) {
		return nil, errors.New("gtrtest: SendTravelRule: RequestID must be 4-64 characters of [A-Za-z0-9_=-]")
	}
	member := s.cfg.vaspCode
	rec := &record{
		Record: Record{
			RequestID: tr.RequestID, TravelRuleID: "gtr-" + randomHex(12), Direction: tr.Direction, Incoming: true,
			Initiator: from.Code, Receiver: member, Network: tr.Network, Ticker: tr.Ticker, Address: tr.Address,
			Tag: tr.Tag, TxID: tr.TxID, Amount: orDefault(tr.Amount, "1"), FiatName: orDefault(tr.FiatName, "USD"),
			FiatPrice: orDefault(tr.FiatPrice, "0"), ExpectFields: tr.ExpectFields, Identity: tr.Identity,
		},
		from: from, initiatorKey: from.kp.PublicKey(), answered: map[int]callbackIn{},
		format: string(tr.PIIFormat), hashSalt: tr.HashSalt,
	}
	if tr.Direction == gtr.PreTransaction {
		rec.OriginatorVASP, rec.BeneficiaryVASP = from.Code, member
	} else {
		rec.OriginatorVASP, rec.BeneficiaryVASP = member, from.Code
	}
	s.mu.Lock()
	if _, dup := s.records[rec.RequestID]; dup {
		s.mu.Unlock()
		return nil, fmt.Errorf("gtrtest: SendTravelRule: requestId %q already used", rec.RequestID)
	}
	if s.memberKey.IsZero() {
		s.mu.Unlock()
		return nil, errors.New("gtrtest: SendTravelRule: the member's public key is not set (SetMemberPublicKey)")
	}
	rec.StartedAt = s.now()
	s.records[rec.RequestID] = rec
	s.mu.Unlock()

	out := &Outcome{RequestID: rec.RequestID}
	typ, stage := 6, gtr.StageAddressVerification
	data := map[string]any{
		"requestId": rec.RequestID, "originatorVasp": from.Code, "originatorVaspName": from.Name,
		"ticker": rec.Ticker, "address": rec.Address, "tag": rec.Tag, "network": rec.Network, "initiatorVasp": from.Code,
	}
	if tr.Direction == gtr.PostTransaction {
		typ, stage = 9, gtr.StageTransactionVerification
		data = map[string]any{
			"requestId": rec.RequestID, "travelruleId": rec.TravelRuleID, "ticker": rec.Ticker, "address": rec.Address,
			"tag": rec.Tag, "txId": rec.TxID, "network": rec.Network, "initiatorVasp": from.Code,
		}
	}
	reply, err := s.deliver(ctx, rec, s.envelopeFor(rec, typ, data))
	out.Check = reply
	if err != nil {
		s.recordIncoming(rec, typ, codeReceiverFail, "callback failed", stage)
		return out, err
	}
	s.recordIncoming(rec, typ, int(reply.Status), reply.Message, stage)
	if reply.Status != gtr.StatusSuccess {
		return out, nil
	}
	return s.sendPII(ctx, rec, out)
}

// ContinueTravelRule goes on with an incoming travel rule whose stage 1 the
// member answered late, through the manual API, with 100000: it delivers
// callback 4.
func (s *Server) ContinueTravelRule(ctx context.Context, requestID string) (*Outcome, error) {
	s.mu.Lock()
	rec, found := s.records[requestID]
	ok := found && rec.Incoming && (rec.answered[6].status == codeSuccess || rec.answered[9].status == codeSuccess) &&
		rec.answered[4].status == 0
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("gtrtest: ContinueTravelRule: %q is not an incoming travel rule whose stage 1 passed late", requestID)
	}
	return s.sendPII(ctx, rec, &Outcome{RequestID: requestID})
}

func (s *Server) sendPII(ctx context.Context, rec *record, out *Outcome) (*Outcome, error) {
	from := rec.from
	s.mu.Lock()
	memberKey := s.memberKey
	s.mu.Unlock()
	doc, err := ivms.Marshal(rec.Identity, ivms.GTR)
	if err != nil {
		return out, fmt.Errorf("gtrtest: encode PII: %w", err)
	}
	mk := [32]byte(memberKey)
	shared, err := pii.Precompute(&from.seed, &mk)
	if err != nil {
		return out, fmt.Errorf("gtrtest: member key: %w", err)
	}
	info := piiSecuredInfo{
		InitiatorKeyInfo: &keyInfo{PublicKey: from.kp.PublicKey().String()},
		ReceiverKeyInfo:  &keyInfo{PublicKey: memberKey.String()},
		SecretAlgorithm:  algEd25519Curve25519, PIISecretFormatType: orDefault(rec.format, formatFull),
		PIISpecVersion: specIVMS2020,
	}
	switch info.PIISecretFormatType {
	case formatFieldHash:
		var hashed []byte
		hashed, err = pii.HashFields(doc, rec.hashSalt)
		info.SecuredPayload, info.SecretAlgorithm = string(hashed), algKeccak256
		info.EncryptionParams, _ = json.Marshal(map[string]any{"keccak256": map[string]string{"salt": rec.hashSalt}})
	case formatFieldEncrypt:
		var enc []byte
		enc, err = shared.EncryptFields(nil, doc)
		info.SecuredPayload = string(enc)
	default:
		info.SecuredPayload, err = shared.Seal(nil, doc)
	}
	clear(doc)
	if err != nil {
		return out, fmt.Errorf("gtrtest: seal PII: %w", err)
	}
	expect := make([]string, 0, len(rec.ExpectFields))
	for _, id := range rec.ExpectFields {
		expect = append(expect, string(id))
	}
	data := map[string]any{
		"requestId": rec.RequestID, "txId": nilIfEmpty(rec.TxID), "amount": rec.Amount, "fiatPrice": rec.FiatPrice,
		"fiatName": rec.FiatName, "network": rec.Network, "ticker": rec.Ticker, "tag": rec.Tag, "address": rec.Address,
		"secretType": 1, "originatorVasp": rec.OriginatorVASP, "beneficiaryVasp": rec.BeneficiaryVASP,
		"initiatorVasp": from.Code, "receiverVasp": s.cfg.vaspCode, "verificationDirection": int(rec.Direction),
		"beneficiaryVaspName": rec.BeneficiaryVASP, "initiatorExpectVerifyFields": expect,
		"piiSecuredInfo": info,
	}
	if rec.hashSalt != "" {
		data["hashSalt"] = rec.hashSalt
	}
	reply, err := s.deliver(ctx, rec, s.envelopeFor(rec, 4, data))
	out.PII = reply
	if err != nil {
		s.recordIncoming(rec, 4, codeReceiverFail, "callback failed", gtr.StagePIIVerification)
		return out, err
	}
	var rd struct {
		VerifyFields   []wireFieldIn   `json:"verifyFields"`
		PIISecuredInfo *piiSecuredInfo `json:"piiSecuredInfo"`
	}
	if len(reply.Data) > 0 {
		if err := json.Unmarshal(reply.Data, &rd); err != nil {
			return out, fmt.Errorf("gtrtest: callback 4 reply data is not the documented object")
		}
	}
	for _, f := range rd.VerifyFields {
		out.Fields = append(out.Fields, gtr.FieldResult{ID: gtr.FieldID(f.Type), Status: gtr.FieldStatus(f.Status), Message: f.Message})
	}
	if rd.PIISecuredInfo != nil && rd.PIISecuredInfo.SecuredPayload != "" {
		back, err := shared.Open(rd.PIISecuredInfo.SecuredPayload)
		if err != nil {
			return out, fmt.Errorf("gtrtest: the member's PII reply cannot be opened: %w", err)
		}
		if _, err := decodeTree(back); err != nil {
			return out, errors.New("gtrtest: the member's PII reply is not JSON")
		}
		out.Identity = recordedIdentity(back)
		clear(back)
		if out.Identity == nil {
			return out, errors.New("gtrtest: the member's PII reply is not an IVMS101 document")
		}
	}
	s.mu.Lock()
	rec.Fields = slices.Clone(out.Fields)
	rec.securedBack = rd.PIISecuredInfo
	s.mu.Unlock()
	s.recordIncoming(rec, 4, int(reply.Status), reply.Message, gtr.StagePIIVerification)
	return out, nil
}

func (s *Server) recordIncoming(rec *record, typ, status int, msg string, stage gtr.VerifyStage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.answered[typ] = callbackIn{status: status, message: msg}
	s.setOutcome(rec, status, msg, stage)
}

// NotifyTxID delivers callback 7 for an incoming pre-transaction travel
// rule: the initiating VASP broadcast the transfer n.TxID. It takes the
// request the client's NotifyTxID takes.
func (s *Server) NotifyTxID(ctx context.Context, n *gtr.TxIDNotification) (*CallbackReply, error) {
	if n == nil {
		return nil, errors.New("gtrtest: NotifyTxID: nil notification")
	}
	requestID, txID := n.RequestID, n.TxID
	s.mu.Lock()
	rec, found := s.records[requestID]
	if !found || !rec.Incoming {
		s.mu.Unlock()
		return nil, fmt.Errorf("gtrtest: NotifyTxID: %q is not an incoming travel rule", requestID)
	}
	rec.TxID, rec.NotifiedTxID = txID, txID
	env := s.envelopeFor(rec, 7, map[string]any{"txId": txID, "requestId": requestID})
	s.mu.Unlock()
	return s.deliver(ctx, rec, env)
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
