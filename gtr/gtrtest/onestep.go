package gtrtest

import (
	"encoding/json"
	"net/http"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// validateOneStep applies the request rules GTR documents (spec §4,
// §5.1, §7.1) and returns the first problem, naming the field only.
func validateOneStep(req *oneStepRequest) string {
	switch {
	case !requestIDPattern.MatchString(req.RequestID):
		return "requestId must be 4-64 characters of [A-Za-z0-9_=-]"
	case req.VerifyDirection != 1 && req.VerifyDirection != 2:
		return "verifyDirection must be 1 or 2"
	case req.Network == "" || len([]rune(req.Network)) > 64:
		return "network is required (at most 64 characters)"
	case req.Ticker == "" || len([]rune(req.Ticker)) > 64:
		return "ticker is required (at most 64 characters)"
	case req.Address == "" || len([]rune(req.Address)) > 256:
		return "address is required (at most 256 characters)"
	case len([]rune(req.Tag)) > 64:
		return "tag is longer than 64 characters"
	case req.VerifyDirection == 1 && (req.TxID == nil || *req.TxID == ""):
		return "txId is required for post-transaction (verifyDirection 1)"
	case req.VerifyDirection == 2 && req.TxID != nil && *req.TxID != "":
		return "txId must be null for pre-transaction (verifyDirection 2)"
	case req.TxID != nil && len([]rune(*req.TxID)) > 256:
		return "txId is longer than 256 characters"
	case req.TargetVASPCode == "":
		return "targetVaspCode is required"
	case len([]rune(req.SourceVASPCode)) > 32:
		return "sourceVaspCode is longer than 32 characters"
	case !validAmount(req.Amount):
		return "amount must be a decimal string such as \"0.5\" within decimal(28,18)"
	case !decimalPattern.MatchString(req.FiatPrice) || len(req.FiatPrice) > 64:
		return "fiatPrice must be a decimal string such as \"0\""
	case req.FiatName == "" || len([]rune(req.FiatName)) > 32:
		return "fiatName is required (e.g. USD)"
	case req.PIISecuredInfo == nil:
		return "piiSecuredInfo is required"
	case req.PIISecuredInfo.SecuredPayload == "":
		return "piiSecuredInfo.securedPayload is required"
	case len(req.PIISecuredInfo.SecuredPayload) > maxSecuredPayload:
		return "piiSecuredInfo.securedPayload is longer than 80000 characters"
	case len([]rune(req.PIISecuredInfo.SecretAlgorithm)) > 64:
		return "piiSecuredInfo.secretAlgorithm is longer than 64 characters"
	case len([]rune(req.PIISecuredInfo.PIISecretFormatType)) > 32:
		return "piiSecuredInfo.piiSecretFormatType is longer than 32 characters"
	case req.PIISecuredInfo.PIISpecVersion != "" && req.PIISecuredInfo.PIISpecVersion != specIVMS2020:
		return "piiSecuredInfo.piiSpecVersion must be ivms101-2020"
	case len(req.EncryptedPayload) > 60000:
		return "encryptedPayload is longer than 60000 characters"
	}
	for _, id := range req.ExpectVerifyFields {
		if id == "" {
			return "expectVerifyFields holds an empty id"
		}
	}
	return ""
}

// handleOneStep implements POST /api/verify/v2/one_step (spec §5.1): the
// platform forwards the travel rule to the simulated counterparty, which
// checks stage 1, opens the PII with its key, matches it against its
// customer and answers with its own PII re-encrypted to the initiator.
func (s *Server) handleOneStep(_ *http.Request, body []byte) answer {
	var req oneStepRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	if msg := validateOneStep(&req); msg != "" {
		return fail(codeBadParameters, msg)
	}
	target, found := s.vasp(req.TargetVASPCode)
	if !found {
		return fail(codeVASPNotFound, "target VASP not found")
	}
	initiatorKey := req.InitiatorPublicKey
	if ki := req.PIISecuredInfo.InitiatorKeyInfo; ki != nil && ki.PublicKey != "" {
		initiatorKey = ki.PublicKey
	}
	ik, err := pii.ParsePublicKey(initiatorKey)
	if err != nil {
		return fail(codeBadParameters, "piiSecuredInfo.initiatorKeyInfo.publicKey is not an Ed25519 public key")
	}
	salt := keccakSalt(req.PIISecuredInfo.EncryptionParams)
	if salt == "" {
		salt = req.HashSalt
	}
	txID := ""
	if req.TxID != nil {
		txID = *req.TxID
	}
	expect := make([]gtr.FieldID, 0, len(req.ExpectVerifyFields))
	for _, id := range req.ExpectVerifyFields {
		expect = append(expect, gtr.FieldID(id))
	}
	member := s.cfg.vaspCode
	rec := &record{
		Record: Record{
			RequestID: req.RequestID, TravelRuleID: "gtr-" + randomHex(12), Direction: gtr.Direction(req.VerifyDirection),
			Initiator: member, Receiver: target.Code, Network: req.Network, Ticker: req.Ticker,
			Address: req.Address, Tag: req.Tag, TxID: txID, Amount: req.Amount, FiatName: req.FiatName,
			FiatPrice: req.FiatPrice, ExpectFields: expect,
		},
		pending: target.Pending, initiatorKey: gtr.PublicKey(ik), securedIn: req.PIISecuredInfo, hashSalt: salt, target: target,
	}
	if rec.Direction == gtr.PreTransaction {
		rec.OriginatorVASP, rec.BeneficiaryVASP = member, target.Code
	} else {
		rec.OriginatorVASP, rec.BeneficiaryVASP = target.Code, member
	}

	s.mu.Lock()
	if _, dup := s.records[req.RequestID]; dup {
		s.mu.Unlock()
		return fail(codeDuplicateRequest, "Request ID duplicated")
	}
	rec.StartedAt = s.now()
	s.records[req.RequestID] = rec
	s.mu.Unlock()

	return s.runOutgoing(rec, false)
}

// runOutgoing runs the receiver's side of an outgoing travel rule: stage 1,
// then the PII verification, honouring the receiver's pending stage unless
// completing.
func (s *Server) runOutgoing(rec *record, completing bool) answer {
	stage1 := gtr.StageAddressVerification
	if rec.Direction == gtr.PostTransaction {
		stage1 = gtr.StageTransactionVerification
	}
	if !completing && rec.pending == PendingCheck {
		return s.outgoingVerdict(rec, codePending, "pending", stage1, nil)
	}
	if code, msg, customer := s.checkStage1(rec); code != codeSuccess {
		return s.outgoingVerdict(rec, code, msg, stage1, nil)
	} else {
		s.mu.Lock()
		rec.customer = customer
		s.mu.Unlock()
	}
	if !completing && rec.pending == PendingPII {
		return s.outgoingVerdict(rec, codePending, "pending", gtr.StagePIIVerification, nil)
	}
	code, msg := s.verifyPII(rec)
	return s.outgoingVerdict(rec, code, msg, gtr.StagePIIVerification, rec)
}

// outgoingVerdict records the outcome and builds the one_step answer.
func (s *Server) outgoingVerdict(rec *record, code int, msg string, stage gtr.VerifyStage, withPII *record) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setOutcome(rec, code, msg, stage)
	data := oneStepData{
		RequestID: rec.RequestID, TravelRuleID: rec.TravelRuleID, TargetVASPCode: rec.target.Code,
		TargetVASPPublicKey: rec.target.kp.PublicKey().String(), InitiatorPublicKey: rec.initiatorKey.String(),
		OriginatorVASP: rec.OriginatorVASP, BeneficiaryVASP: rec.BeneficiaryVASP, AddressRiskLevel: "low",
	}
	if rec.Direction == gtr.PreTransaction {
		data.PreflightCheckStatus = "ACCEPTED"
		rec.PreflightCheckStatus = "ACCEPTED"
	}
	if withPII != nil {
		data.VerifyFields = s.wireFields(rec.Fields)
		if rec.securedBack != nil {
			data.PIISecuredInfo = rec.securedBack
			if len(rec.securedBack.SecuredPayload) <= 60000 { // the legacy field's limit
				data.EncryptedPayload = rec.securedBack.SecuredPayload
			}
		}
	}
	return verdict(code, msg, string(stage), data)
}

func (s *Server) wireFields(fields []gtr.FieldResult) []verifyField {
	out := make([]verifyField, 0, len(fields))
	for _, f := range fields {
		out = append(out, verifyField{Type: s.fieldID(string(f.ID)), Status: int(f.Status), Message: statusName(int(f.Status))})
	}
	return out
}

// checkStage1 is the receiver's address check (pre-transaction) or txId
// check (post-transaction).
func (s *Server) checkStage1(rec *record) (int, string, *ivms.Person) {
	t := rec.target
	w := Wallet{Network: rec.Network, Address: rec.Address, Tag: rec.Tag}
	if rec.Direction == gtr.PreTransaction {
		switch n, customer := t.lookup(w); {
		case n == 1:
			return codeSuccess, "Address Verification Success", customer
		case n > 1:
			return codeAddressNotFound, "Too many address", nil
		default:
			return codeAddressNotFound, "Address not found", nil
		}
	}
	tr, ok := t.TxIDs[rec.TxID]
	if !ok || tr.To.Network != rec.Network || tr.To.Address != rec.Address || (rec.Tag != "" && tr.To.Tag != "" && tr.To.Tag != rec.Tag) {
		return codeTxIDNotFound, "TX ID not found", nil
	}
	sender := tr.Sender
	return codeSuccess, "TX ID Verification Success", &sender
}

// verifyPII is the receiver's PII verification: open (or, for
// JSON_FIELD_HASH, keep the hashes), match against its customer, fill its
// own VASP in, seal back to the initiator. It records the identity, the
// fields and the sealed answer.
func (s *Server) verifyPII(rec *record) (int, string) {
	t := rec.target
	in := rec.securedIn
	if rk := in.ReceiverKeyInfo; rk != nil && rk.PublicKey != "" && rk.PublicKey != t.kp.PublicKey().String() {
		return codeDecryptFail, "PII decrypt fail: not sealed to the receiver's public key"
	}
	ik := [32]byte(rec.initiatorKey)
	shared, err := pii.Precompute(&t.seed, &ik)
	if err != nil {
		return codeDecryptFail, "PII decrypt fail: bad initiator key"
	}
	sent, doc, problem := openReceived(in, shared, rec.hashSalt)
	if problem != "" {
		return codeDecryptFail, "PII decrypt fail: " + problem
	}
	customerEntity, vaspEntity := "Beneficiary", "BeneficiaryVASP"
	if rec.Direction == gtr.PostTransaction {
		customerEntity, vaspEntity = "Originator", "OriginatingVASP"
	}
	var customer []ivms.Person
	if rec.customer != nil {
		customer = []ivms.Person{*rec.customer}
	}
	expect := make([]string, 0, len(rec.ExpectFields))
	for _, id := range rec.ExpectFields {
		expect = append(expect, string(id))
	}
	required := make([]string, 0, len(t.RequiredFields))
	for _, id := range t.RequiredFields {
		required = append(required, string(id))
	}
	fields := verifyFields(sent, customerEntity, customer, expect, required)
	code := piiVerdict(fields)
	// The answer: the initiator's document with the receiver's VASP filled
	// in; a hashed document cannot be returned, so the receiver sends its
	// customer and itself.
	back := sent.tree
	if sent.hashed {
		back = withVASP(customerTree(customerEntity, customer), vaspEntity, t.company)
	} else {
		back = withVASP(back, vaspEntity, t.company)
	}
	backDoc, err := json.Marshal(back)
	if err != nil {
		return codeReceiverFail, "receiver cannot encode its PII"
	}
	sealed, err := shared.Seal(nil, backDoc)
	clear(backDoc)
	if err != nil {
		return 200006, "PII encrypt fail"
	}
	identity := recordedIdentity(doc)
	clear(doc)
	s.mu.Lock()
	rec.Identity = identity
	rec.Fields = toFieldResults(fields)
	rec.securedBack = &piiSecuredInfo{
		InitiatorKeyInfo:    &keyInfo{PublicKey: rec.initiatorKey.String()},
		ReceiverKeyInfo:     &keyInfo{PublicKey: t.kp.PublicKey().String()},
		SecretAlgorithm:     algEd25519Curve25519,
		PIISecretFormatType: formatFull,
		PIISpecVersion:      specIVMS2020,
		SecuredPayload:      sealed,
	}
	s.mu.Unlock()
	if code == codeSuccess {
		return code, "PII Verification Success"
	}
	return code, "PII Verification Fail"
}
