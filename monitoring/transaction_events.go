package monitoring

import (
	"encoding/json"
	"slices"
)

// EventType is the sub-type of a userPlatformEvent. Unknown values are kept.
type EventType string

// Platform event types. The first five are those Sumsub's documented 400
// message lists; failedLogin appears in its current OpenAPI and
// passwordChange in older lists. Sumsub may accept others: they are sent
// as given.
const (
	EventLogin          EventType = "login"
	EventSignup         EventType = "signup"
	EventPasswordReset  EventType = "passwordReset"
	EventTwoFAReset     EventType = "twoFaReset"
	EventGeneral        EventType = "general"
	EventFailedLogin    EventType = "failedLogin"
	EventPasswordChange EventType = "passwordChange"
)

// submittableEventTypes is every EventType constant, in the order above.
var submittableEventTypes = []EventType{
	EventLogin, EventSignup, EventPasswordReset, EventTwoFAReset, EventGeneral,
	EventFailedLogin, EventPasswordChange,
}

// submittable reports whether e is one of submittableEventTypes.
func (e EventType) submittable() bool { return slices.Contains(submittableEventTypes, e) }

// PlatformEventInfo is "userPlatformEventInfo": a login, a signup, a
// password or 2FA reset.
type PlatformEventInfo struct {
	Type EventType `json:"type"`
	// Failure is sent as given. Sumsub's documentation contradicts itself
	// on its meaning (one page: "true stands for completed"; another: "can
	// be omitted if the event was successful"); this package never
	// reinterprets it. An explicit false received is kept (in Extra).
	Failure   bool `json:"failure"`
	TwoFAUsed bool `json:"twoFaUsed"`
	// PasswordHash is a hash of the password (never the password), used to
	// spot reuse across accounts.
	PasswordHash string `json:"passwordHash"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x PlatformEventInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *PlatformEventInfo) UnmarshalJSON(b []byte) error {
	*x = PlatformEventInfo{}
	return unmarshalWire(b, x)
}

// GamblingBetInfo is "gamblingBetInfo".
type GamblingBetInfo struct {
	Amount       Number       `json:"amount"`
	CurrencyType CurrencyType `json:"currencyType"`
	// CurrencyCode is ISO 4217.
	CurrencyCode string `json:"currencyCode"`
	ResultAmount Number `json:"resultAmount"`
	BetType      string `json:"betType"`
	GameType     string `json:"gameType"`
	// BonusID names the bonus the bet was made with; an explicit "" (kept
	// in Extra, set with GamblingBetBuilder.DepositFunds) means deposit
	// funds.
	BonusID string `json:"bonusId"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x GamblingBetInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *GamblingBetInfo) UnmarshalJSON(b []byte) error {
	*x = GamblingBetInfo{}
	return unmarshalWire(b, x)
}

// BonusStatus is the status of a gambling bonus. Unknown values are kept.
type BonusStatus string

// Bonus statuses.
const (
	BonusActivated BonusStatus = "activated"
	BonusCanceled  BonusStatus = "canceled"
	BonusLost      BonusStatus = "lost"
	BonusFinished  BonusStatus = "finished"
	BonusExpired   BonusStatus = "expired"
)

// GamblingBonusChangeInfo is "gamblingBonusChangeInfo".
type GamblingBonusChangeInfo struct {
	BonusID string `json:"bonusId"`
	Amount  Number `json:"amount"`
	// MaxBonusAmount is the most bonus a player can receive.
	MaxBonusAmount Number `json:"maxBonusAmount"`
	// MaxBetAmount is the largest bet allowed.
	MaxBetAmount Number `json:"maxBetAmount"`
	// WagerRequirement is the total a player must bet to turn bonus funds
	// into real balance.
	WagerRequirement Number        `json:"wagerRequirement"`
	Status           BonusStatus   `json:"status"`
	CurrencyType     CurrencyType  `json:"currencyType"`
	CurrencyCode     string        `json:"currencyCode"`
	CryptoParams     *CryptoParams `json:"cryptoParams"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x GamblingBonusChangeInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *GamblingBonusChangeInfo) UnmarshalJSON(b []byte) error {
	*x = GamblingBonusChangeInfo{}
	return unmarshalWire(b, x)
}
