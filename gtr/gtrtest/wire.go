package gtrtest

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// The fake speaks GTR's wire format (spec §1.1, §5, §6) with its own
// structs, independent of package gtr's client types, so a client bug
// cannot hide behind a shared struct.

// Verify status codes the fake answers with (spec §10).
const (
	codeSuccess           = 100000
	codeBusinessFail      = 100001
	codePending           = 100002
	codeBadParameters     = 100004
	codeDuplicateRequest  = 100005
	codeServerFail        = 100006
	codeReceiverFail      = 100008
	codeSessionExpired    = 100014
	codeVASPNotFound      = 100015
	codePublicKeyNotFound = 100016
	codeNoAuth            = 100020
	codeNoLoginSession    = 100021
	codeInvalidParameters = 100023
	codeWrongFlow         = 100027
	codeCancelled         = 100028
	codeTxIDDuplicated    = 100029
	codeAddressNotFound   = 200001
	codeDecryptFail       = 200002
	codePIIVerifyFail     = 200003
	codeTxIDNotFound      = 200007
)

// envelope is every response body.
type envelope struct {
	Data          any    `json:"data"`
	VerifyStatus  int    `json:"verifyStatus"`
	VerifyMessage string `json:"verifyMessage"`
	VerifyStage   string `json:"verifyStage,omitempty"`
	Success       bool   `json:"success"`
	Msg           string `json:"msg,omitempty"`
}

type loginRequest struct {
	VASPCode        string `json:"vaspCode"`
	AccessKey       string `json:"accessKey"`
	SignedSecretKey string `json:"signedSecretKey"`
	ExpireInMinutes *int64 `json:"expireInMinutes"`
}

type loginData struct {
	JWT      string `json:"jwt"`
	VASPCode string `json:"vaspCode"`
}

// appToken is the decoded X-Authorization token (spec §3.2). GTR's
// generators disagree on whether timestamp is a string or a number; the
// fake accepts both.
type appToken struct {
	SecretToken string      `json:"secretToken"`
	AccessKey   string      `json:"accessKey"`
	Algorithm   string      `json:"algorithm"`
	Nonce       string      `json:"nonce"`
	Timestamp   json.Number `json:"timestamp"`
	Expires     json.Number `json:"expires"`
	VerifyType  json.Number `json:"verifyType"`
}

type keyInfo struct {
	PublicKey string `json:"publicKey"`
}

type piiSecuredInfo struct {
	InitiatorKeyInfo    *keyInfo        `json:"initiatorKeyInfo,omitempty"`
	ReceiverKeyInfo     *keyInfo        `json:"receiverKeyInfo,omitempty"`
	SecretAlgorithm     string          `json:"secretAlgorithm"`
	PIISecretFormatType string          `json:"piiSecretFormatType"`
	PIISpecVersion      string          `json:"piiSpecVersion"`
	SecuredPayload      string          `json:"securedPayload"`
	EncryptionParams    json.RawMessage `json:"encryptionParams,omitempty"`
}

// fieldID is a verify-field id that arrives as a JSON string or number.
type fieldID string

func (f *fieldID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = fieldID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = fieldID(n.String())
	return nil
}

// flexInt is an int that arrives as a JSON number or a numeric string.
type flexInt int64

func (n *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return err
		}
		*n = flexInt(v)
		return nil
	}
	var v int64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = flexInt(v)
	return nil
}

type oneStepRequest struct {
	RequestID           string          `json:"requestId"`
	VerifyDirection     flexInt         `json:"verifyDirection"`
	Network             string          `json:"network"`
	Ticker              string          `json:"ticker"`
	Address             string          `json:"address"`
	Tag                 string          `json:"tag"`
	TxID                *string         `json:"txId"`
	TargetVASPCode      string          `json:"targetVaspCode"`
	SourceVASPCode      string          `json:"sourceVaspCode"`
	Amount              string          `json:"amount"`
	FiatName            string          `json:"fiatName"`
	FiatPrice           string          `json:"fiatPrice"`
	ExpectVerifyFields  []fieldID       `json:"expectVerifyFields"`
	PIISecuredInfo      *piiSecuredInfo `json:"piiSecuredInfo"`
	InitiatorPublicKey  string          `json:"initiatorPublicKey"`
	TargetVASPPublicKey string          `json:"targetVaspPublicKey"`
	EncryptedPayload    string          `json:"encryptedPayload"`
	HashSalt            string          `json:"hashSalt"`
	SecretType          *flexInt        `json:"secretType"`
}

// verifyField is one entry of verifyFields. The fake writes type as a
// string, or as a number with WithNumericFieldIDs.
type verifyField struct {
	Type    any    `json:"type"`
	Status  int    `json:"status"`
	Message string `json:"message,omitempty"`
}

type oneStepData struct {
	RequestID             string          `json:"requestId"`
	TravelRuleID          string          `json:"travelruleId"`
	TargetVASPCode        string          `json:"targetVaspCode"`
	TargetVASPPublicKey   string          `json:"targetVaspPublicKey,omitempty"`
	InitiatorPublicKey    string          `json:"initiatorPublicKey,omitempty"`
	OriginatorVASP        string          `json:"originatorVasp"`
	BeneficiaryVASP       string          `json:"beneficiaryVasp"`
	VerifyFields          []verifyField   `json:"verifyFields,omitempty"`
	PIISecuredInfo        *piiSecuredInfo `json:"piiSecuredInfo,omitempty"`
	EncryptedPayload      string          `json:"encryptedPayload,omitempty"`
	AddressRiskLevel      string          `json:"addressRiskLevel,omitempty"`
	PreflightCheckStatus  string          `json:"preflightCheckStatus,omitempty"`
	PreflightCheckMessage string          `json:"preflightCheckMessage,omitempty"`
}

type detectionRequest struct {
	VASPCode       string  `json:"vaspCode"`
	Address        string  `json:"address"`
	Network        string  `json:"network"`
	Tag            string  `json:"tag"`
	TxID           *string `json:"txId"`
	PublicKey      string  `json:"publicKey"`
	SourceVASPCode string  `json:"sourceVaspCode"`
}

type detectionData struct {
	VASPCode  string `json:"vaspCode"`
	PublicKey string `json:"publicKey"`
	RequestID string `json:"requestId"`
}

type notifyTxIDRequest struct {
	RequestID    string `json:"requestId"`
	TxID         string `json:"txId"`
	TravelRuleID string `json:"travelruleId"`
}

type endRequest struct {
	RequestID  string `json:"requestId"`
	ReasonType string `json:"reasonType"`
	Reason     string `json:"reason"`
}

type queryData struct {
	RequestID             string        `json:"requestId"`
	RequestType           int           `json:"requestType"`
	Ticker                string        `json:"ticker"`
	Network               string        `json:"network"`
	TxID                  string        `json:"txId"`
	OriginatorVASP        string        `json:"originatorVasp"`
	BeneficiaryVASP       string        `json:"beneficiaryVasp"`
	VerifyStatus          int           `json:"verifyStatus"`
	VerifyMessage         string        `json:"verifyMessage"`
	VerifyStage           string        `json:"verifyStage"`
	VerifyStageStatus     int           `json:"verifyStageStatus"`
	VerifyStageMessage    string        `json:"verifyStageMessage"`
	VerifyStartedAt       int64         `json:"verifyStartedAt"`
	VerifyUpdatedAt       int64         `json:"verifyUpdatedAt"`
	PreflightCheckStatus  string        `json:"preflightCheckStatus,omitempty"`
	PreflightCheckMessage string        `json:"preflightCheckMessage,omitempty"`
	APIUsageInfo          *apiUsageInfo `json:"apiUsageInfo,omitempty"`
}

type apiUsageInfo struct {
	VersionType      string `json:"versionType"`
	SubscriptionName string `json:"subscriptionName"`
	HourlyLimit      int    `json:"hourlyLimit"`
	HourlyRemaining  int    `json:"hourlyRemaining"`
	DailyLimit       int    `json:"dailyLimit"`
	DailyRemaining   int    `json:"dailyRemaining"`
	MonthlyLimit     int    `json:"monthlyLimit"`
	MonthlyRemaining int    `json:"monthlyRemaining"`
	YearlyLimit      int    `json:"yearlyLimit"`
	YearlyRemaining  int    `json:"yearlyRemaining"`
	TotalLimit       int    `json:"totalLimit"`
	TotalRemaining   int    `json:"totalRemaining"`
}

// manualRequest is the body of the receiver-side manual APIs (spec §5.8).
type manualRequest struct {
	RequestID string `json:"requestId"`
	Result    *struct {
		VerifyStatus  flexInt `json:"verifyStatus"`
		VerifyMessage string  `json:"verifyMessage"`
		Data          *struct {
			PreflightCheckStatus  string          `json:"preflightCheckStatus"`
			PreflightCheckMessage string          `json:"preflightCheckMessage"`
			VerifyFields          []wireFieldIn   `json:"verifyFields"`
			VerifiedFields        []wireFieldIn   `json:"verifiedFields"`
			PIISecuredInfo        *piiSecuredInfo `json:"piiSecuredInfo"`
		} `json:"data"`
	} `json:"result"`
}

// wireFieldIn is a verifyFields entry as received.
type wireFieldIn struct {
	Type    fieldID `json:"type"`
	Status  flexInt `json:"status"`
	Message string  `json:"message"`
}

// callbackEnvelope is the body the platform POSTs to a member's callback
// URL (spec §6.1).
type callbackEnvelope struct {
	RequestID       string `json:"requestId"`
	InvokeVASPCode  string `json:"invokeVaspCode"`
	OriginatorVASP  string `json:"originatorVasp"`
	BeneficiaryVASP string `json:"beneficiaryVasp"`
	CallbackType    int    `json:"callbackType"`
	CallbackData    any    `json:"callbackData"`
}

// callbackReply is a member's answer to a callback.
type callbackReply struct {
	VerifyStatus  flexInt         `json:"verifyStatus"`
	VerifyMessage string          `json:"verifyMessage"`
	Data          json.RawMessage `json:"data"`
}
