package monitoring

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// TravelRuleSDKRequest is the body of POST /resources/tr/sdk/init: it
// opens Sumsub's Travel Rule SDK for a user, who then enters in Sumsub's
// WebSDK what the exchange needs (the counterparty's VASP or an unhosted
// wallet, the beneficiary's data). Sumsub marks userId and txnInfo
// required.
type TravelRuleSDKRequest struct {
	// UserID is the user's id in our system (their externalUserId).
	UserID  string            `json:"userId"`
	TxnInfo *TravelRuleSDKTxn `json:"txnInfo"`
	// TTLInSecs is how long the token lives, in seconds (Sumsub's default
	// 1800). Sumsub's example sends it as a string:
	// QuotedNumber("1800").
	TTLInSecs Number `json:"ttlInSecs"`
	// LevelName names the verification level holding the Travel Rule
	// step; without one Sumsub creates one.
	LevelName string `json:"levelName"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x TravelRuleSDKRequest) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *TravelRuleSDKRequest) UnmarshalJSON(b []byte) error {
	*x = TravelRuleSDKRequest{}
	return unmarshalWire(b, x)
}

// TravelRuleSDKTxn is "txnInfo": the transfer the user is asked about.
type TravelRuleSDKTxn struct {
	ApplicantWalletAddress    string `json:"applicantWalletAddress"`
	CounterpartyWalletAddress string `json:"counterpartyWalletAddress"`
	Amount                    Number `json:"amount"`
	CurrencyCode              string `json:"currencyCode"`
	// CryptoChain is needed for a token on a chain other than its own.
	CryptoChain string    `json:"cryptoChain"`
	Direction   Direction `json:"direction"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x TravelRuleSDKTxn) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *TravelRuleSDKTxn) UnmarshalJSON(b []byte) error {
	*x = TravelRuleSDKTxn{}
	return unmarshalWire(b, x)
}

// TravelRuleSDKSession is Sumsub's answer to InitTravelRuleSDK: a token
// for the WebSDK and a link to send the user. Both let whoever holds them
// act as the user, so no fmt verb and no slog record shows them; JSON
// encoding does (to hand them to a front end).
type TravelRuleSDKSession struct {
	Token string `json:"token"`
	Link  string `json:"link"`
	// TTLInSecs is how long the token lives, in seconds.
	TTLInSecs Number `json:"ttlInSecs"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`

	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// MarshalJSON encodes the object losslessly, token and link included.
func (x TravelRuleSDKSession) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *TravelRuleSDKSession) UnmarshalJSON(b []byte) error {
	*x = TravelRuleSDKSession{}
	return unmarshalWire(b, x)
}

// Format shows the lifetime only, for every verb.
func (x TravelRuleSDKSession) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "monitoring.TravelRuleSDKSession{Token:[REDACTED] Link:[REDACTED] TTLInSecs:"+x.TTLInSecs.String()+"}")
}

// LogValue logs the lifetime only.
func (x TravelRuleSDKSession) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token", "[REDACTED]"), slog.String("link", "[REDACTED]"),
		slog.String("ttlInSecs", x.TTLInSecs.String()))
}

var errNoToken = errors.New("no token")

// InitTravelRuleSDK opens Sumsub's Travel Rule SDK for a user and a
// transfer (POST /resources/tr/sdk/init) and returns the WebSDK token and
// link. Sumsub answers with an error when the Travel Rule does not apply
// to the transfer, and 403 when the feature is not enabled.
//
// Sumsub does not document what a second init for the same user and
// transfer does, so the call is not resent after a failure that may have
// reached Sumsub (MaybeSent); calling again is the caller's decision. A
// 2xx answer without a token is an *OutcomeUnknownError.
func (c *Client) InitTravelRuleSDK(ctx context.Context, req *TravelRuleSDKRequest) (*TravelRuleSDKSession, error) {
	var p problems
	if req == nil {
		p.required("request", true)
		return nil, &ValidationError{Problems: p}
	}
	p.required("userId", req.UserID == "")
	p.required("txnInfo", req.TxnInfo == nil)
	if req.TxnInfo != nil {
		p.decimal("txnInfo.amount", req.TxnInfo.Amount)
		if c.strictEnums && req.TxnInfo.Direction != "" && req.TxnInfo.Direction != In && req.TxnInfo.Direction != Out {
			p.add("txnInfo.direction", "ENUM", "must be in or out")
		}
	}
	p.decimal("ttlInSecs", req.TTLInSecs)
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	body, err := marshalWire(req)
	if err != nil {
		return nil, err
	}
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	r := c.rest.Post("/resources/tr/sdk/init").Raw(body, "application/json").Retry(rest.Ambiguous)
	err = c.do(ctx, r, &raw, false, &meta)
	if err == nil {
		s := new(TravelRuleSDKSession)
		if err = unmarshalWire(raw, s); err == nil && s.Token == "" {
			err = errNoToken
		}
		if err == nil {
			s.Meta = metaOf(&meta)
			return s, nil
		}
		err = &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return nil, &OutcomeUnknownError{Err: err, call: "InitTravelRuleSDK", hint: "a second init may be sent; Sumsub does not document what it does"}
	}
	return nil, err
}
