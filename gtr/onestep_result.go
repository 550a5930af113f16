package gtr

import "encoding/json"

// oneStepData is the one_step response's data object.
type oneStepData struct {
	RequestID           string
	TravelRuleID        string
	TargetVASPCode      string
	TargetVASPPublicKey string
	InitiatorPublicKey  string
	OriginatorVASP      string
	BeneficiaryVASP     string
	VerifyStage         VerifyStage
	Fields              []FieldResult
	SecuredInfo         *wireSecuredInfo
	EncryptedPayload    string
	AddressRiskLevel    string
	PreflightStatus     string
	PreflightMessage    string
}

// decodeOneStepData reads data leniently, member by member: a member of an
// unexpected type is skipped, never fatal, so a verdict is not lost to one
// odd field. Missing verifyFields then make Decide refuse, the safe side.
func decodeOneStepData(raw json.RawMessage) *oneStepData {
	var w oneStepDataWire
	if json.Unmarshal(raw, &w) == nil {
		// The common case: every member has its documented type.
		return w.data()
	}
	d := &oneStepData{}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return d
	}
	str := func(key string, dst *string) {
		if v, ok := m[key]; ok {
			var s flexString
			if json.Unmarshal(v, &s) == nil {
				*dst = string(s)
			}
		}
	}
	str("requestId", &d.RequestID)
	str("travelruleId", &d.TravelRuleID)
	str("targetVaspCode", &d.TargetVASPCode)
	str("targetVaspPublicKey", &d.TargetVASPPublicKey)
	str("initiatorPublicKey", &d.InitiatorPublicKey)
	str("originatorVasp", &d.OriginatorVASP)
	str("beneficiaryVasp", &d.BeneficiaryVASP)
	str("encryptedPayload", &d.EncryptedPayload)
	str("addressRiskLevel", &d.AddressRiskLevel)
	str("preflightCheckStatus", &d.PreflightStatus)
	str("preflightCheckMessage", &d.PreflightMessage)
	var stage string
	str("verifyStage", &stage)
	d.VerifyStage = VerifyStage(stage)
	for _, key := range []string{"verifyFields", "verifiedFields"} {
		if v, ok := m[key]; ok && d.Fields == nil {
			d.Fields = decodeFieldResults(v)
		}
	}
	if v, ok := m["piiSecuredInfo"]; ok {
		var si wireSecuredInfo
		if json.Unmarshal(v, &si) == nil && si.SecuredPayload != "" {
			d.SecuredInfo = &si
		}
	}
	return d
}

// data converts the wire form.
func (w *oneStepDataWire) data() *oneStepData {
	d := &oneStepData{
		RequestID:           string(w.RequestID),
		TravelRuleID:        string(w.TravelRuleID),
		TargetVASPCode:      string(w.TargetVASPCode),
		TargetVASPPublicKey: string(w.TargetVASPPublicKey),
		InitiatorPublicKey:  string(w.InitiatorPublicKey),
		OriginatorVASP:      string(w.OriginatorVASP),
		BeneficiaryVASP:     string(w.BeneficiaryVASP),
		VerifyStage:         VerifyStage(w.VerifyStage),
		Fields:              keepFields(w.VerifyFields),
		EncryptedPayload:    string(w.EncryptedPayload),
		AddressRiskLevel:    string(w.AddressRiskLevel),
		PreflightStatus:     string(w.PreflightCheckStatus),
		PreflightMessage:    string(w.PreflightCheckMessage),
	}
	if w.VerifyFields == nil {
		d.Fields = keepFields(w.VerifiedFields)
	}
	if w.PIISecuredInfo != nil && w.PIISecuredInfo.SecuredPayload != "" {
		d.SecuredInfo = w.PIISecuredInfo
	}
	return d
}

// oneStepAnswer is a one_step 2xx body: the envelope with data decoded in
// the same pass.
type oneStepAnswer struct {
	Data          oneStepDataWire `json:"data"`
	VerifyStatus  VerifyStatus    `json:"verifyStatus"`
	VerifyMessage string          `json:"verifyMessage"`
	VerifyStage   VerifyStage     `json:"verifyStage"`
	Msg           string          `json:"msg"`
	Success       *bool           `json:"success"`
}

// decodeOneStepAnswer decodes a one_step 2xx body, its data included
// (envelope.oneStep). The usual answer, every member of its documented
// type, takes one pass of encoding/json; any other is read as before: the
// envelope, then data leniently (decodeOneStepData).
func decodeOneStepAnswer(raw []byte) (*envelope, error) {
	var a oneStepAnswer
	if json.Unmarshal(raw, &a) == nil {
		return &envelope{
			VerifyStatus:  a.VerifyStatus,
			VerifyMessage: a.VerifyMessage,
			VerifyStage:   a.VerifyStage,
			Msg:           a.Msg,
			Success:       a.Success,
			oneStep:       a.Data.data(),
		}, nil
	}
	env, err := decodeEnvelope(raw, oneStepPath)
	if err != nil {
		return nil, err
	}
	env.oneStep = decodeOneStepData(env.Data)
	return env, nil
}

// oneStepDataWire is data with the documented member types.
type oneStepDataWire struct {
	RequestID             flexString       `json:"requestId"`
	TravelRuleID          flexString       `json:"travelruleId"`
	TargetVASPCode        flexString       `json:"targetVaspCode"`
	TargetVASPPublicKey   flexString       `json:"targetVaspPublicKey"`
	InitiatorPublicKey    flexString       `json:"initiatorPublicKey"`
	OriginatorVASP        flexString       `json:"originatorVasp"`
	BeneficiaryVASP       flexString       `json:"beneficiaryVasp"`
	VerifyStage           flexString       `json:"verifyStage"`
	VerifyFields          []FieldResult    `json:"verifyFields"`
	VerifiedFields        []FieldResult    `json:"verifiedFields"`
	PIISecuredInfo        *wireSecuredInfo `json:"piiSecuredInfo"`
	EncryptedPayload      flexString       `json:"encryptedPayload"`
	AddressRiskLevel      flexString       `json:"addressRiskLevel"`
	PreflightCheckStatus  flexString       `json:"preflightCheckStatus"`
	PreflightCheckMessage flexString       `json:"preflightCheckMessage"`
}

// keepFields drops entries without an id.
func keepFields(in []FieldResult) []FieldResult {
	if in == nil {
		return nil
	}
	out := in[:0]
	for _, f := range in {
		if f.ID != "" {
			out = append(out, f)
		}
	}
	return out
}

// decodeFieldResults reads a verifyFields array, skipping entries that do
// not decode.
func decodeFieldResults(raw json.RawMessage) []FieldResult {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	out := make([]FieldResult, 0, len(items))
	for _, it := range items {
		var f FieldResult
		if json.Unmarshal(it, &f) == nil && f.ID != "" {
			out = append(out, f)
		}
	}
	return out
}

// flexString is a string that may arrive as a JSON number.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if v, ok := plainJSONString(b); ok {
		*s = flexString(v)
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*s = flexString(n.String())
	return nil
}

// oneStepResult builds the result of a verdict.
func (c *Client) oneStepResult(env *envelope, req *OneStepRequest, sealer *piiSealer) *OneStepResult {
	d := env.oneStep
	if d == nil {
		d = decodeOneStepData(env.Data)
	}
	r := &OneStepResult{
		RequestID:        d.RequestID,
		TravelRuleID:     d.TravelRuleID,
		Direction:        req.Direction,
		Status:           env.VerifyStatus,
		Message:          env.message(),
		Stage:            env.VerifyStage,
		Fields:           d.Fields,
		Expected:         append([]FieldID(nil), req.ExpectFields...),
		PreflightStatus:  d.PreflightStatus,
		PreflightMessage: d.PreflightMessage,
		AddressRiskLevel: d.AddressRiskLevel,
		OriginatorVASP:   d.OriginatorVASP,
		BeneficiaryVASP:  d.BeneficiaryVASP,
		TargetVASPCode:   d.TargetVASPCode,
	}
	if r.RequestID == "" {
		r.RequestID = req.RequestID
	}
	if r.Stage == "" {
		r.Stage = d.VerifyStage
	}
	si := d.SecuredInfo
	if si == nil && d.EncryptedPayload != "" {
		si = &wireSecuredInfo{SecuredPayload: d.EncryptedPayload}
	}
	if si != nil {
		r.Identity, r.TravelRuleMetadata, r.IdentityErr = c.openIdentity(si, sealer)
	}
	return r
}

// plainJSONString returns the content of a JSON string literal without
// escapes (the common case) without a second decoder pass. The literal was
// already validated by encoding/json.
func plainJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	for _, c := range b[1 : len(b)-1] {
		if c == '\\' || c == '"' || c < 0x20 || c >= 0x80 {
			return "", false
		}
	}
	return string(b[1 : len(b)-1]), true
}
