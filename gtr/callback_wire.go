package gtr

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// cbEnvelope is a callback body (spec §6.1).
type cbEnvelope struct {
	RequestID       string          `json:"requestId"`
	InvokeVASPCode  string          `json:"invokeVaspCode"`
	OriginatorVASP  string          `json:"originatorVasp"`
	BeneficiaryVASP string          `json:"beneficiaryVasp"`
	CallbackType    *cbInt          `json:"callbackType"`
	CallbackData    json.RawMessage `json:"callbackData"`
}

// cbText is a string field that some senders write as a number (amounts,
// tags, block ids): the number is kept as its JSON literal; null is "".
type cbText string

func (t *cbText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return errors.New("invalid JSON string")
		}
		*t = cbText(s)
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*t = cbText(b)
	case string(b) == "true" || string(b) == "false":
		*t = cbText(b)
	default:
		return errors.New("expected a string or a number")
	}
	return nil
}

// cbInt is an integer sent as a JSON number or numeric string.
type cbInt int

func (n *cbInt) UnmarshalJSON(b []byte) error {
	v, ok, err := flexInt(bytes.TrimSpace(b))
	if err != nil {
		return errors.New("expected an integer")
	}
	if ok {
		*n = cbInt(v)
	}
	return nil
}

// cbFieldList is a list of field ids: a JSON array of strings or numbers,
// or one comma-separated string.
type cbFieldList []FieldID

func (l *cbFieldList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return errors.New("invalid JSON string")
		}
		for part := range strings.SplitSeq(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				*l = append(*l, FieldID(part))
			}
		}
		return nil
	}
	var ids []FieldID
	if err := json.Unmarshal(b, &ids); err != nil {
		return errors.New("expected a list of field ids")
	}
	*l = ids
	return nil
}

type cbKeyInfo struct {
	PublicKey string `json:"publicKey"`
}

// wireSecuredInfo is piiSecuredInfo (spec §7.1).
type wireSecuredInfo struct {
	InitiatorKeyInfo    *cbKeyInfo      `json:"initiatorKeyInfo,omitempty"`
	ReceiverKeyInfo     *cbKeyInfo      `json:"receiverKeyInfo,omitempty"`
	SecretAlgorithm     string          `json:"secretAlgorithm"`
	PIISecretFormatType string          `json:"piiSecretFormatType"`
	PIISpecVersion      string          `json:"piiSpecVersion"`
	SecuredPayload      string          `json:"securedPayload"`
	EncryptionParams    json.RawMessage `json:"encryptionParams,omitempty"`
}

func (w *wireSecuredInfo) initiatorKey() string {
	if w == nil || w.InitiatorKeyInfo == nil {
		return ""
	}
	return w.InitiatorKeyInfo.PublicKey
}

// keccakSalt returns encryptionParams.keccak256.salt, the JSON_FIELD_HASH
// salt as GTR's Java bean carries it; "" when absent.
func (w *wireSecuredInfo) keccakSalt() string {
	if w == nil || len(w.EncryptionParams) == 0 {
		return ""
	}
	var p struct {
		Keccak256 *struct {
			Salt string `json:"salt"`
		} `json:"keccak256"`
	}
	if json.Unmarshal(w.EncryptionParams, &p) != nil || p.Keccak256 == nil {
		return ""
	}
	return p.Keccak256.Salt
}

// keccakParams returns encryptionParams carrying a JSON_FIELD_HASH salt.
func keccakParams(salt string) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"keccak256": map[string]string{"salt": salt}})
	return b
}

func (w *wireSecuredInfo) receiverKey() string {
	if w == nil || w.ReceiverKeyInfo == nil {
		return ""
	}
	return w.ReceiverKeyInfo.PublicKey
}

type cbPIIVerificationData struct {
	RequestID                   string           `json:"requestId"`
	TxID                        cbText           `json:"txId"`
	Amount                      cbText           `json:"amount"`
	FiatPrice                   cbText           `json:"fiatPrice"`
	FiatName                    string           `json:"fiatName"`
	Network                     string           `json:"network"`
	Ticker                      string           `json:"ticker"`
	Tag                         cbText           `json:"tag"`
	Address                     string           `json:"address"`
	OriginatorVASP              string           `json:"originatorVasp"`
	BeneficiaryVASP             string           `json:"beneficiaryVasp"`
	InitiatorVASP               string           `json:"initiatorVasp"`
	ReceiverVASP                string           `json:"receiverVasp"`
	VerificationDirection       *cbInt           `json:"verificationDirection"`
	PIISecuredInfo              *wireSecuredInfo `json:"piiSecuredInfo"`
	BeneficiaryVASPName         string           `json:"beneficiaryVaspName"`
	InitiatorExpectVerifyFields cbFieldList      `json:"initiatorExpectVerifyFields"`
	HashSalt                    string           `json:"hashSalt"`
}

type cbAddressCheckData struct {
	RequestID          string `json:"requestId"`
	OriginatorVASP     string `json:"originatorVasp"`
	OriginatorVASPName string `json:"originatorVaspName"`
	Ticker             string `json:"ticker"`
	Address            string `json:"address"`
	Tag                cbText `json:"tag"`
	Network            string `json:"network"`
	InitiatorVASP      string `json:"initiatorVasp"`
}

type cbTxIDCheckData struct {
	RequestID     string `json:"requestId"`
	TravelRuleID  string `json:"travelruleId"`
	Ticker        string `json:"ticker"`
	Address       string `json:"address"`
	Tag           cbText `json:"tag"`
	TxID          cbText `json:"txId"`
	Network       string `json:"network"`
	InitiatorVASP string `json:"initiatorVasp"`
}

type cbRoutingData struct {
	RequestID        string `json:"requestId"`
	VerifyTargetType *cbInt `json:"verifyTargetType"`
	TransactionInfo  *struct {
		Network string `json:"network"`
		TxID    cbText `json:"txId"`
	} `json:"transactionInfo"`
	BeneficiaryAddress *struct {
		Address string `json:"address"`
		Tag     cbText `json:"tag"`
	} `json:"beneficiaryAddress"`
	InitiatorVASP string `json:"initiatorVasp"`
}

type cbTxIDNoticeData struct {
	RequestID string `json:"requestId"`
	TxID      cbText `json:"txId"`
}

type cbTravelRuleInfo struct {
	InitiatorVASPCode     string `json:"initiatorVaspCode"`
	ReceiverVASPCode      string `json:"receiverVaspCode"`
	RequestID             string `json:"requestId"`
	VerificationDirection *cbInt `json:"verificationDirection"`
}

// decode fills h's travel-rule facts from the info; its requestId must be
// the callback's.
func (t *cbTravelRuleInfo) decode(h *CallbackHeader) error {
	if t == nil {
		return nil
	}
	h.InitiatorVASP, h.ReceiverVASP = t.InitiatorVASPCode, t.ReceiverVASPCode
	if t.VerificationDirection != nil {
		h.Direction = Direction(*t.VerificationDirection)
	}
	return cbSameRequestID(h, t.RequestID)
}

type cbNotifyResult struct {
	VerifyStatus  *cbInt `json:"verifyStatus"`
	VerifyMessage string `json:"verifyMessage"`
}

func (n *cbNotifyResult) decode() NotifyResult {
	if n == nil {
		return NotifyResult{}
	}
	out := NotifyResult{Message: n.VerifyMessage}
	if n.VerifyStatus != nil {
		out.Status = VerifyStatus(*n.VerifyStatus)
	}
	return out
}

type cbPreflight struct {
	PreflightCheckStatus  string `json:"preflightCheckStatus"`
	PreflightCheckMessage string `json:"preflightCheckMessage"`
}

type cbStageResultData struct {
	TravelRuleInfo *cbTravelRuleInfo `json:"travelruleInfo"`
	NotifyResult   *cbNotifyResult   `json:"notifyResult"`
	// blockHash, blockId, txIdType, vin, vout and addressType (types not
	// published) are not read.
	BlockchainTransaction *struct {
		Network string `json:"network"`
		Ticker  string `json:"ticker"`
		TxID    cbText `json:"txId"`
	} `json:"blockchainTransaction"`
	BeneficiaryAddress *struct {
		Address string `json:"address"`
		Tag     cbText `json:"tag"`
	} `json:"beneficiaryAddress"`
}

type cbPIIResultData struct {
	TravelRuleInfo  *cbTravelRuleInfo `json:"travelruleInfo"`
	NotifyResult    *cbNotifyResult   `json:"notifyResult"`
	PIISecuredInfo  *wireSecuredInfo  `json:"piiSecuredInfo"`
	PIIVerifyResult *struct {
		VerifiedFields []FieldResult `json:"verifiedFields"`
		VerifyFields   []FieldResult `json:"verifyFields"`
	} `json:"piiVerifyResult"`
	PreflightCheckResult *cbPreflight `json:"preflightCheckResult"`
}

type cbPreflightData struct {
	TravelRuleInfo       *cbTravelRuleInfo `json:"travelruleInfo"`
	PreflightCheckResult *cbPreflight      `json:"preflightCheckResult"`
}

type cbEndedData struct {
	NotifyResult   *cbNotifyResult `json:"notifyResult"`
	FinalStateInfo *struct {
		ReasonType string `json:"reasonType"`
		Reason     string `json:"reason"`
	} `json:"finalStateInfo"`
	BasicMessage *struct {
		RequestID             string `json:"requestId"`
		OriginatorVASPCode    string `json:"originatorVaspCode"`
		BeneficiaryVASPCode   string `json:"beneficiaryVaspCode"`
		InitiatorVASPCode     string `json:"initiatorVaspCode"`
		ReceiverVASPCode      string `json:"receiverVaspCode"`
		InvokeVASPCode        string `json:"invokeVaspCode"`
		VerificationDirection *cbInt `json:"verificationDirection"`
	} `json:"basicMessage"`
}
