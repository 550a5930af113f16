package monitoring

import (
	"encoding/json"
	"slices"
)

// Transaction is Sumsub's KytTxnData: the body of a submit, and the "data"
// of every transaction Sumsub returns. One struct serves every type; which
// objects are required depends on Type (see Validate).
//
// A Transaction holds personal data (its participants, free text, raw
// objects): fmt (every verb) and log/slog show only its type, direction
// and currency (redact.go); JSON, the wire form, shows all.
//
// json.Unmarshal then json.Marshal loses nothing: numbers keep their exact
// tokens (Number), values received as "", false or null and every key this
// package does not model are kept in Extra and re-sent as received.
type Transaction struct {
	// TxnID is the caller's unique id of the transaction (data.txnId).
	// Sumsub rejects a second transaction with the same id (409).
	TxnID TxnID `json:"txnId"`
	// TxnDate is when the transaction happened; Sumsub uses the time of
	// receipt when it is absent.
	TxnDate Time `json:"txnDate"`
	// ZoneID is a time-zone id such as "UTC+01:00".
	ZoneID string  `json:"zoneId"`
	Type   TxnType `json:"type"`
	// SourceKey segregates access to transactions.
	SourceKey string `json:"sourceKey"`

	// Info describes the money movement (finance, travelRule).
	Info *Info `json:"info"`
	// Applicant is our customer; Counterparty is the other side.
	Applicant    *Participant `json:"applicant"`
	Counterparty *Participant `json:"counterparty"`
	// Props are custom properties usable in rules.
	Props Props `json:"props"`

	UserPlatformEventInfo   *PlatformEventInfo       `json:"userPlatformEventInfo"`
	GamblingBetInfo         *GamblingBetInfo         `json:"gamblingBetInfo"`
	GamblingBonusChangeInfo *GamblingBonusChangeInfo `json:"gamblingBonusChangeInfo"`
	// The shapes of these objects are not published; they pass through
	// as raw JSON.
	GamblingLimitChangeInfo json.RawMessage `json:"gamblingLimitChangeInfo"`
	AuditTrailEventInfo     json.RawMessage `json:"auditTrailEventInfo"`
	KYCInfo                 json.RawMessage `json:"kytTxnKycInfo"`

	// Extra holds keys this package does not model, and modelled keys
	// received as "", false, null or with an unexpected JSON type, exactly
	// as received. They are re-sent; a modelled field set in code wins
	// over an Extra entry of the same name.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the transaction losslessly.
func (t Transaction) MarshalJSON() ([]byte, error) { return marshalWire(&t) }

// UnmarshalJSON decodes any KytTxnData, keeping what it does not model.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	*t = Transaction{}
	return unmarshalWire(b, t)
}

// TxnType is the transaction type. Unknown values are kept.
type TxnType string

// Transaction types. The first eight are those Sumsub's documented 400
// message lists; scheduledEvent and iGamingSession appear in its current
// OpenAPI. Sumsub may accept others: they are sent as given.
const (
	TypeFinance             TxnType = "finance"
	TypeTravelRule          TxnType = "travelRule"
	TypeGamblingBet         TxnType = "gamblingBet"
	TypeGamblingLimitChange TxnType = "gamblingLimitChange"
	TypeGamblingBonusChange TxnType = "gamblingBonusChange"
	TypeKYC                 TxnType = "kyc"
	TypeAuditTrailEvent     TxnType = "auditTrailEvent"
	TypeUserPlatformEvent   TxnType = "userPlatformEvent"
	TypeScheduledEvent      TxnType = "scheduledEvent"
	TypeIGamingSession      TxnType = "iGamingSession"
)

// submittableTypes is every TxnType constant: the eight of Sumsub's 400
// message, in its order, then the two of its current OpenAPI.
var submittableTypes = []TxnType{
	TypeTravelRule, TypeFinance, TypeGamblingBet, TypeGamblingLimitChange,
	TypeGamblingBonusChange, TypeKYC, TypeAuditTrailEvent, TypeUserPlatformEvent,
	TypeScheduledEvent, TypeIGamingSession,
}

// submittable reports whether t is one of submittableTypes.
func (t TxnType) submittable() bool { return slices.Contains(submittableTypes, t) }

// effective is the type Sumsub applies: finance when none is given
// (its documented default).
func (t TxnType) effective() TxnType {
	if t == "" {
		return TypeFinance
	}
	return t
}

// Direction is the direction of a money movement. Unknown values are kept.
type Direction string

// Directions.
const (
	// In: a deposit, counterparty → applicant.
	In Direction = "in"
	// Out: a withdrawal, applicant → counterparty.
	Out Direction = "out"
)

// CurrencyType tells fiat from crypto. Unknown values are kept.
type CurrencyType string

// Currency types.
const (
	Fiat   CurrencyType = "fiat"
	Crypto CurrencyType = "crypto"
)

// Info is the "info" object: what moved, how much, which way.
type Info struct {
	Direction Direction `json:"direction"`
	// Amount is an exact decimal, never a float.
	Amount Number `json:"amount"`
	// CurrencyCode is an ISO 4217 code or a crypto ticker (BTC, ETH, USDT).
	CurrencyCode string       `json:"currencyCode"`
	CurrencyType CurrencyType `json:"currencyType"`
	// AmountInDefaultCurrency is the amount pre-converted by the caller;
	// Travel Rule thresholds use it and are skipped without it.
	AmountInDefaultCurrency Number `json:"amountInDefaultCurrency"`
	DefaultCurrencyCode     string `json:"defaultCurrencyCode"`
	// PaymentDetails is a free-text comment.
	PaymentDetails string `json:"paymentDetails"`
	// PaymentTxnID is the chain transaction hash. Required for a crypto
	// check; omit it on a Travel Rule transaction before broadcast.
	PaymentTxnID string `json:"paymentTxnId"`
	// Type is a free-form category (withdrawal, deposit, …).
	Type string `json:"type"`
	// MCC is a merchant category code.
	MCC         Number `json:"mcc"`
	Fingerprint string `json:"fingerprint"`
	// CryptoParams names the chain of a token on a non-native chain.
	CryptoParams *CryptoParams `json:"cryptoParams"`
	// CryptoChain is the older place of cryptoParams.cryptoChain.
	CryptoChain string `json:"cryptoChain"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Info) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Info) UnmarshalJSON(b []byte) error { *x = Info{}; return unmarshalWire(b, x) }

// CryptoParams is "cryptoParams".
type CryptoParams struct {
	// CryptoChain is the chain of a token on a non-native chain (ETH for
	// USDT-ERC20, TRX for USDT-TRC20); empty for native BTC or ETH.
	CryptoChain     string `json:"cryptoChain"`
	ContractAddress string `json:"contractAddress"`
	AttemptID       string `json:"attemptId"`
	OutputIndex     Number `json:"outputIndex"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x CryptoParams) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *CryptoParams) UnmarshalJSON(b []byte) error {
	*x = CryptoParams{}
	return unmarshalWire(b, x)
}

// setRaw records key as sent verbatim in an object's Extra.
func setRaw(extra *map[string]json.RawMessage, key string, raw string) {
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[key] = json.RawMessage(raw)
}
