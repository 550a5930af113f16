package gtr

import (
	"context"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// PIISpecVersion is the piiSpecVersion the SDK sends: IVMS101 2020, the
// only value GTR publishes.
const PIISpecVersion = "ivms101-2020"

// cbPIIReplyData is the data of our answer to callback 4 (spec §6.2).
type cbPIIReplyData struct {
	RequestID             string           `json:"requestId"`
	VerifyFields          []FieldResult    `json:"verifyFields"`
	PIISecuredInfo        *wireSecuredInfo `json:"piiSecuredInfo,omitempty"`
	EncryptedPayload      string           `json:"encryptedPayload,omitempty"`
	InitiatorPublicKey    string           `json:"initiatorPublicKey,omitempty"`
	ReceiverPublicKey     string           `json:"receiverPublicKey,omitempty"`
	PreflightCheckStatus  string           `json:"preflightCheckStatus,omitempty"`
	PreflightCheckMessage string           `json:"preflightCheckMessage,omitempty"`
}

func (h *CallbackHandler) answerPII(ctx context.Context, start time.Time, e *PIIVerification) cbReply {
	if h.cfg.onPII == nil {
		return cbUnsupported(e.Type)
	}
	if e.Identity == nil && e.hashed == nil && e.sealed != nil && e.PIIFormat == JSONFieldHash {
		// One-way: nothing to open; OnPIIVerify compares hashes (Verify).
		hp, err := h.readHashed(e)
		if err != nil {
			h.report(ctx, e, err)
			return cbReply{VerifyStatus: StatusDecryptFail, VerifyMessage: "cannot read hashed PII"}
		}
		e.hashed = hp
	}
	if e.Identity == nil && e.hashed == nil {
		if e.sealed == nil {
			return cbReply{VerifyStatus: statusBadParameters, VerifyMessage: "no piiSecuredInfo"}
		}
		doc, err := h.openDocument(e.sealed, e.receiverKey, e.InitiatorPublicKey)
		if err != nil {
			h.report(ctx, e, err)
			return cbReply{VerifyStatus: StatusDecryptFail, VerifyMessage: "cannot decrypt PII"}
		}
		p, err := cbUnmarshalIdentity(doc)
		clear(doc)
		if err != nil {
			h.report(ctx, e, err)
			return cbReply{VerifyStatus: statusBadParameters, VerifyMessage: "PII is not an IVMS101 document"}
		}
		e.Identity = p
	}
	a, err := cbRun(ctx, start.Add(h.cfg.piiDeadline), func(ctx context.Context) (PIIVerifyAnswer, error) {
		return h.cfg.onPII(ctx, e)
	})
	if err != nil {
		return h.cannotAnswer(ctx, e, err)
	}
	status := a.Status
	if status == 0 {
		status = piiVerdict(a.Fields)
	}
	if !status.known() {
		return h.cannotAnswer(ctx, e, fmt.Errorf("gtr: OnPIIVerify answered the unpublished status %d", int(status)))
	}
	if status == StatusPending {
		return cbReply{VerifyStatus: StatusPending, VerifyMessage: cbMessageOr(a.Message, "pending")}
	}
	data := cbPIIReplyData{
		RequestID:             e.RequestID,
		VerifyFields:          a.Fields,
		PreflightCheckStatus:  a.PreflightStatus,
		PreflightCheckMessage: a.PreflightMessage,
	}
	if data.VerifyFields == nil {
		data.VerifyFields = []FieldResult{}
	}
	if !e.InitiatorPublicKey.IsZero() {
		data.InitiatorPublicKey = e.InitiatorPublicKey.String()
	}
	if a.Identity != nil {
		info, err := h.sealAnswer(e, a.Identity)
		if err != nil {
			h.report(ctx, e, err)
			return cbReply{VerifyStatus: statusEncryptFail, VerifyMessage: "cannot encrypt PII"}
		}
		data.PIISecuredInfo = info
		data.ReceiverPublicKey = info.receiverKey()
		if len(info.SecuredPayload) <= maxSecuredPayloadLen {
			data.EncryptedPayload = info.SecuredPayload
		}
	}
	msg := "PII verification success"
	if status != StatusSuccess {
		msg = "PII verification failed"
	}
	return cbReply{VerifyStatus: status, VerifyMessage: cbMessageOr(a.Message, msg), Data: data}
}

// readHashed checks a JSON_FIELD_HASH callback: secretAlgorithm keccak256
// (or none), a salt, and a hashed document that is JSON.
func (h *CallbackHandler) readHashed(e *PIIVerification) (*hashedPII, error) {
	if a := e.sealed.SecretAlgorithm; a != "" {
		alg, err := parseAlgorithm(a)
		if err != nil {
			return nil, err
		}
		if alg != algKeccak256 {
			return nil, fmt.Errorf("gtr: callback PII: %w %s with %s (want %s)", ErrUnsupportedAlgorithm, alg, JSONFieldHash, algKeccak256)
		}
	}
	if e.hashSalt == "" {
		return nil, fmt.Errorf("gtr: callback PII: %w: %s without a salt (encryptionParams.keccak256.salt or hashSalt)", errInvalidSalt, JSONFieldHash)
	}
	return newHashedPII([]byte(e.sealed.SecuredPayload), e.hashSalt)
}

// sealAnswer seals the answer's IVMS document to the initiator with the key
// pair the PII was sent to.
func (h *CallbackHandler) sealAnswer(e *PIIVerification, p *ivms.IdentityPayload) (*wireSecuredInfo, error) {
	kp, err := h.keyPairFor(e.receiverKey)
	if err != nil {
		return nil, err
	}
	if e.InitiatorPublicKey.IsZero() {
		return nil, fmt.Errorf("gtr: callback PII: the initiator's public key is missing: %w", ErrInvalidKey)
	}
	s, err := h.sealer(kp, e.InitiatorPublicKey)
	if err != nil {
		return nil, err
	}
	doc, err := ivms.Marshal(p, ivms.GTR)
	if err != nil {
		return nil, fmt.Errorf("gtr: marshal answer PII: %w", err)
	}
	defer clear(doc)
	sealed, err := s.Seal(doc)
	if err != nil {
		return nil, err
	}
	return &wireSecuredInfo{
		InitiatorKeyInfo:    &cbKeyInfo{PublicKey: e.InitiatorPublicKey.String()},
		ReceiverKeyInfo:     &cbKeyInfo{PublicKey: kp.PublicKey().String()},
		SecretAlgorithm:     string(algEd25519Curve25519),
		PIISecretFormatType: string(FullJSONObjectEncrypt),
		PIISpecVersion:      PIISpecVersion,
		SecuredPayload:      sealed,
	}, nil
}

func cbMessageOr(msg, def string) string {
	if msg != "" {
		return msg
	}
	return def
}

// sealer returns the cached Sealer for our key pair and their key.
func (h *CallbackHandler) sealer(kp *KeyPair, theirs PublicKey) (*piiSealer, error) {
	k := cbSealerKey{kp.PublicKey(), theirs}
	if s, ok := h.sealers.Load(k); ok {
		return s.(*piiSealer), nil
	}
	s, err := kp.newSealer(theirs)
	if err != nil {
		return nil, err
	}
	h.sealMu.Lock()
	if h.nSeal >= cbMaxSealers {
		h.sealers.Clear()
		h.nSeal = 0
	}
	if _, loaded := h.sealers.LoadOrStore(k, s); !loaded {
		h.nSeal++
	}
	h.sealMu.Unlock()
	return s, nil
}

// keyPairFor picks our key pair: the one with public key ours, or our only
// one when ours is zero (the callback did not name it).
func (h *CallbackHandler) keyPairFor(ours PublicKey) (*KeyPair, error) {
	if ours.IsZero() {
		if len(h.cfg.keys) == 1 {
			return h.cfg.keys[0], nil
		}
		return nil, ErrNoKeyPair
	}
	kp, ok := h.byKey[ours]
	if !ok {
		return nil, ErrNoKeyPair
	}
	return kp, nil
}

// cbParseKey reads a piiSecuredInfo public key; "" is the zero key. The
// point is checked when a shared key is computed with it.
func cbParseKey(s string) (PublicKey, error) {
	if s == "" {
		return PublicKey{}, nil
	}
	k, ok := cbDecodeKey(s)
	if !ok {
		return PublicKey{}, fmt.Errorf("gtr: callback PII: public key is not 32 bytes of Base64: %w", ErrInvalidKey)
	}
	return k, nil
}

// openPII opens a piiSecuredInfo into an IVMS document; ours and theirs are
// the two sides' keys (ours may be zero, see keyPairFor).
func (h *CallbackHandler) openPII(info *wireSecuredInfo, ours, theirs PublicKey) (*ivms.IdentityPayload, error) {
	doc, err := h.openDocument(info, ours, theirs)
	if err != nil {
		return nil, err
	}
	defer clear(doc)
	return cbUnmarshalIdentity(doc)
}

// cbUnmarshalIdentity reads an opened callback PII document with
// unmarshalIdentity, the package's one rule for counterparty documents.
func cbUnmarshalIdentity(doc []byte) (*ivms.IdentityPayload, error) {
	p, err := unmarshalIdentity(doc)
	if err != nil {
		return nil, fmt.Errorf("gtr: callback PII is not an IVMS101 document: %w", err)
	}
	return p, nil
}

func (h *CallbackHandler) openDocument(info *wireSecuredInfo, ours, theirs PublicKey) ([]byte, error) {
	if len(h.cfg.keys) == 0 {
		return nil, ErrNoKeyPair
	}
	if info.SecretAlgorithm != "" {
		alg, err := parseAlgorithm(info.SecretAlgorithm)
		if err != nil {
			return nil, err
		}
		if alg != algEd25519Curve25519 {
			return nil, fmt.Errorf("gtr: callback PII: %w %s", ErrUnsupportedAlgorithm, alg)
		}
	}
	format, err := parseFormatType(info.PIISecretFormatType)
	if err != nil {
		return nil, err
	}
	if theirs.IsZero() {
		return nil, fmt.Errorf("gtr: callback PII: the sender's public key is missing: %w", ErrInvalidKey)
	}
	kp, err := h.keyPairFor(ours)
	if err != nil {
		return nil, err
	}
	s, err := h.sealer(kp, theirs)
	if err != nil {
		return nil, err
	}
	return s.OpenDocument(info.SecuredPayload, format)
}
