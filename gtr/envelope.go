package gtr

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// marshalIdentity returns the exact plaintext OneStep seals for a travel
// rule in direction dir: GTR's envelope {"ivms101": {"Originator": …,
// "Beneficiary": …, "OriginatingVASP": …, "BeneficiaryVASP": …}} (root keys
// capitalised, VASPs doubly nested, 2020 edition), plus
// "travelRuleMetadata" when meta is not nil.
//
// The layout follows GTR's table of who fills what (spec §8.2): pre-
// transaction our customer is the Originator and our company the
// OriginatingVASP, post-transaction our customer is the Beneficiary and our
// company the BeneficiaryVASP; the counterparty's customer is filled as far
// as it is known. The beneficiary address (one_step's address, the
// beneficiary's in both directions) becomes the Beneficiary's accountNumber
// when p gives none. p itself is not modified.
//
// The output is full of PII: store it only encrypted, never log it.
func marshalIdentity(p *ivms.IdentityPayload, dir Direction, beneficiaryAddress string, meta *TravelRuleMetadata) ([]byte, error) {
	if p == nil {
		return nil, fmt.Errorf("gtr: marshal identity: %w", ivms.ErrNilPayload)
	}
	if !dir.valid() {
		return nil, fmt.Errorf("gtr: marshal identity: %w: direction %d", ErrInvalidRequest, int(dir))
	}
	q := p
	if b := p.Beneficiary; b != nil && beneficiaryAddress != "" && !hasAccountNumber(b) {
		// A shallow copy is enough: Marshal only reads.
		pc, bc := *p, *b
		bc.AccountNumbers = []string{beneficiaryAddress}
		pc.Beneficiary = &bc
		q = &pc
	}
	doc, err := ivms.Marshal(q, ivms.GTR)
	if err != nil {
		return nil, fmt.Errorf("gtr: marshal identity: %w", err)
	}
	if meta != nil {
		m, err := json.Marshal(meta)
		if err != nil {
			return nil, fmt.Errorf("gtr: marshal travelRuleMetadata: %w", err)
		}
		// doc is the compact object {"ivms101":{…}}: add a sibling member.
		out := make([]byte, 0, len(doc)+len(m)+24)
		out = append(out, doc[:len(doc)-1]...)
		out = append(out, `,"travelRuleMetadata":`...)
		out = append(out, m...)
		out = append(out, '}')
		clear(doc)
		doc = out
	}
	return doc, nil
}

func hasAccountNumber(b *ivms.Beneficiary) bool {
	if len(b.AccountNumbers) > 0 {
		return true
	}
	for _, p := range b.BeneficiaryPersons {
		if len(p.AccountNumbers) > 0 {
			return true
		}
	}
	return false
}

// gtrEnvelope is marshalIdentity for a one_step request.
func gtrEnvelope(req *OneStepRequest) ([]byte, error) {
	return marshalIdentity(req.Identity, req.Direction, req.Address, req.TravelRuleMetadata)
}

// openIdentity opens a piiSecuredInfo GTR returned to us and decodes the
// IVMS document in it. Errors name no content.
func (c *Client) openIdentity(si *wireSecuredInfo, sealer *piiSealer) (*ivms.IdentityPayload, *TravelRuleMetadata, error) {
	if si.SecretAlgorithm != "" {
		if alg, err := parseAlgorithm(si.SecretAlgorithm); err != nil || alg != algEd25519Curve25519 {
			return nil, nil, fmt.Errorf("gtr: open counterparty PII: %w %q", ErrUnsupportedAlgorithm, truncate(si.SecretAlgorithm, 64))
		}
	}
	format, err := parseFormatType(si.PIISecretFormatType)
	if err != nil {
		return nil, nil, fmt.Errorf("gtr: open counterparty PII: %w", err)
	}
	s, err := c.peerSealer(si, sealer)
	if err != nil {
		return nil, nil, fmt.Errorf("gtr: open counterparty PII: %w", err)
	}
	doc, err := s.OpenDocument(si.SecuredPayload, format)
	if err != nil {
		return nil, nil, err
	}
	defer clear(doc)
	p, err := unmarshalIdentity(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("gtr: decode counterparty PII: %w", err)
	}
	var side struct {
		Meta *TravelRuleMetadata `json:"travelRuleMetadata"`
	}
	_ = json.Unmarshal(doc, &side) // optional; a malformed member is ignored
	return p, side.Meta, nil
}

// unmarshalIdentity reads an opened IVMS101 document that a counterparty
// (or GTR) sent: the one_step answer's PII and every callback's. Every such
// read in the package goes through it, so one rule holds everywhere, and
// that rule is forward compatible: a key that is no IVMS101 element (a
// newer edition's, a counterparty's own, GTR's misspelt
// "countryOfIssuse") is skipped, never an error, as are the members beside
// "ivms101" (travelRuleMetadata and whatever may join it). A document with
// none of the four parties is not an IVMS101 document.
func unmarshalIdentity(doc []byte) (*ivms.IdentityPayload, error) {
	p, err := ivms.UnmarshalWith(doc, ivms.IgnoreUnknownKeys())
	if err != nil {
		return nil, err
	}
	if p.Originator == nil && p.Beneficiary == nil && p.OriginatingVASP == nil && p.BeneficiaryVASP == nil {
		return nil, errors.New("no Originator, Beneficiary, OriginatingVASP or BeneficiaryVASP")
	}
	return p, nil
}

// peerSealer picks the key pair a returned piiSecuredInfo was sealed
// between: ours and whichever of its two keys is not ours, falling back to
// the sealer of the request. Keys are compared as bytes; only a key other
// than the request's peer is parsed and checked (an Ed25519 point check
// costs more than the whole rest of the answer's decoding).
func (c *Client) peerSealer(si *wireSecuredInfo, sealer *piiSealer) (*piiSealer, error) {
	mine := sealer.PublicKey()
	var other string
	switch {
	case keyIs(si.initiatorKey(), mine):
		other = si.receiverKey()
	case keyIs(si.receiverKey(), mine):
		other = si.initiatorKey()
	}
	if other == "" || keyIs(other, sealer.PeerKey()) {
		return sealer, nil
	}
	peer, err := ParsePublicKey(other)
	if err != nil {
		return nil, err
	}
	return c.sealers.get(c.keyPair, peer)
}

// keyIs reports whether the Base64 key s holds the bytes of k.
func keyIs(s string, k PublicKey) bool {
	if s == "" {
		return false
	}
	var enc [44]byte
	base64.StdEncoding.Encode(enc[:], k[:])
	if s == string(enc[:]) {
		return true
	}
	b, err := pii.DecodeBase64(s)
	return err == nil && len(b) == len(k) && PublicKey(b) == k
}
