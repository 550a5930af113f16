package travelrule

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/vaspkit/vaspkit/internal/jsonx"
	"github.com/vaspkit/vaspkit/internal/sign"
	"github.com/vaspkit/vaspkit/internal/webhook"
)

// WebhookSignatureHeader is the header Striga puts a webhook's signature
// in: the lower-case hex HMAC-SHA256 of the raw body keyed with the API key
// (the key, not the secret).
const WebhookSignatureHeader = "signature"

// VerifyWebhook checks a Striga webhook: header "signature" must be the hex
// HMAC-SHA256, keyed with apiKey, of body exactly as received (either hex
// case; compared in constant time). Verify before parsing, and never over a
// re-serialised payload. It returns nil, ErrMissingSignature,
// ErrInvalidSignature or ErrMissingCredentials (empty apiKey); errors never
// contain the key, the body or a signature.
//
// Striga's webhooks carry no timestamp, so a verified webhook may be a
// replay or a retry (Striga retries up to 5 times until you answer 2xx):
// de-duplicate on the event's id.
func VerifyWebhook(body []byte, header http.Header, apiKey string) error {
	if apiKey == "" {
		return ErrMissingCredentials
	}
	err := sign.VerifyStrigaWebhook(body, header, []byte(apiKey))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sign.ErrMissingSignature):
		return ErrMissingSignature
	default:
		return ErrInvalidSignature
	}
}

// SignWebhook returns the signature Striga would put in the "signature"
// header of a webhook with this body: for tests and fakes.
func SignWebhook(body []byte, apiKey string) string {
	return sign.Digest(sign.SHA256, []byte(apiKey), body)
}

// NewWebhookRequest builds the POST Striga would send to url with body,
// signed with apiKey: for testing a webhook receiver.
func NewWebhookRequest(ctx context.Context, url string, body []byte, apiKey string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(WebhookSignatureHeader, SignWebhook(body, apiKey))
	return req, nil
}

// EventType is a webhook's "type". Unknown types are kept as sent.
type EventType string

// Webhook types relevant to travel-rule flows. Striga publishes no
// travel-rule-specific types (held deposit, session completed); any other
// type still parses into a WebhookEvent.
const (
	EventOnChainDepositPending   EventType = "ON_CHAIN_DEPOSIT_PENDING"
	EventOnChainDepositConfirmed EventType = "ON_CHAIN_DEPOSIT_CONFIRMED"
	EventAccountEnriched         EventType = "ACCOUNT_ENRICHED"
)

// WebhookEvent is any Striga webhook: its type and id (de-duplicate on
// it), every top-level field and the raw body. Deposit and
// AccountEnriched decode the documented types.
type WebhookEvent struct {
	Type   EventType
	ID     string
	Fields map[string]json.RawMessage
	Raw    json.RawMessage
}

// ParseWebhook decodes a webhook body (after VerifyWebhook). Any JSON
// object parses; anything else is ErrMalformedWebhook.
func ParseWebhook(body []byte) (*WebhookEvent, error) {
	raw := append(json.RawMessage(nil), body...)
	fields, ok := topLevelFields(raw)
	if !ok {
		return nil, ErrMalformedWebhook
	}
	return &WebhookEvent{
		Type:   EventType(looseString(fields["type"])),
		ID:     looseString(fields["id"]),
		Fields: fields,
		Raw:    raw,
	}, nil
}

// IsDeposit reports an on-chain deposit event (pending or confirmed).
func (e *WebhookEvent) IsDeposit() bool {
	return e.Type == EventOnChainDepositPending || e.Type == EventOnChainDepositConfirmed
}

// Deposit decodes an ON_CHAIN_DEPOSIT_PENDING or _CONFIRMED event. Its
// TxHash is what a widget session's TxHash takes to resolve a held
// deposit.
func (e *WebhookEvent) Deposit() (*DepositEvent, error) {
	if !e.IsDeposit() {
		return nil, fmt.Errorf("%w: type %q is not a deposit", ErrMalformedWebhook, printable(string(e.Type), 64))
	}
	d := new(DepositEvent)
	if err := json.Unmarshal(e.Raw, d); err != nil {
		return nil, fmt.Errorf("%w: deposit event: %v", ErrMalformedWebhook, jsonErrorKind(err))
	}
	return d, nil
}

// AccountEnriched decodes an ACCOUNT_ENRICHED event.
func (e *WebhookEvent) AccountEnriched() (*AccountEnrichedEvent, error) {
	if e.Type != EventAccountEnriched {
		return nil, fmt.Errorf("%w: type %q is not %s", ErrMalformedWebhook, printable(string(e.Type), 64), EventAccountEnriched)
	}
	a := new(AccountEnrichedEvent)
	if err := json.Unmarshal(e.Raw, a); err != nil {
		return nil, fmt.Errorf("%w: account enriched event: %v", ErrMalformedWebhook, jsonErrorKind(err))
	}
	return a, nil
}

// jsonErrorKind describes a decoding error without quoting input.
func jsonErrorKind(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return "field " + te.Field + " has the wrong type"
	case errors.As(err, &se):
		return "invalid JSON"
	case errors.Is(err, errBadAmount):
		return errBadAmount.Error()
	}
	return "undecodable"
}

// DepositEvent is an on-chain deposit webhook (ON_CHAIN_DEPOSIT_PENDING,
// then ON_CHAIN_DEPOSIT_CONFIRMED with Credit). Amounts are exact
// decimals in the currency's smallest unit.
type DepositEvent struct {
	Type                        EventType         `json:"type"`
	ID                          string            `json:"id"`
	AccountID                   string            `json:"accountId,omitempty"`
	SyncedOwnerID               string            `json:"syncedOwnerId,omitempty"`
	SourceSyncedOwnerID         string            `json:"sourceSyncedOwnerId,omitempty"`
	Timestamp                   string            `json:"timestamp,omitempty"` // ISO 8601, as sent
	TxType                      string            `json:"txType,omitempty"`
	Memo                        string            `json:"memo,omitempty"`
	Currency                    string            `json:"currency,omitempty"`
	ExchangeRate                Amount            `json:"exchangeRate,omitempty"`
	BalanceBefore               *Balance          `json:"balanceBefore,omitempty"`
	BalanceAfter                *Balance          `json:"balanceAfter,omitempty"`
	BlockchainSourceAddress     string            `json:"blockchainSourceAddress,omitempty"`
	TxHash                      string            `json:"txHash,omitempty"`
	BlockchainDepositAddress    string            `json:"blockchainDepositAddress,omitempty"`
	BlockchainConfirmations     Amount            `json:"blockchainConfirmations,omitempty"`
	BlockchainTransactionAmount Amount            `json:"blockchainTransactionAmount,omitempty"`
	BlockchainNetwork           BlockchainNetwork `json:"blockchainNetwork,omitzero"`
	// Credit is sent on confirmation; its shape is not published.
	Credit json.RawMessage `json:"credit,omitempty"`
}

// Balance is a balance snapshot of a deposit webhook.
type Balance struct {
	Amount   Amount `json:"amount,omitempty"`
	Balance  Amount `json:"balance,omitempty"`
	Currency string `json:"currency,omitempty"`
}

// AccountEnrichedEvent is an ACCOUNT_ENRICHED webhook. Its fields beyond
// type, id and blockchainNetwork are in the WebhookEvent's Fields.
type AccountEnrichedEvent struct {
	Type              EventType         `json:"type"`
	ID                string            `json:"id"`
	BlockchainNetwork BlockchainNetwork `json:"blockchainNetwork,omitzero"`
}

// BlockchainNetwork is a webhook's blockchainNetwork: a plain name in
// deposit webhooks ("Polygon Testnet Amoy"), an object {name, type,
// contractAddress} in ACCOUNT_ENRICHED. Both decode here; a value with only
// a Name encodes as the plain string.
type BlockchainNetwork struct {
	Name            string `json:"name,omitempty"`
	Type            string `json:"type,omitempty"`
	ContractAddress string `json:"contractAddress,omitempty"`
}

// UnmarshalJSON accepts a string or an object.
func (n *BlockchainNetwork) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		*n = BlockchainNetwork{}
		return json.Unmarshal(b, &n.Name)
	}
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	type plain BlockchainNetwork
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*n = BlockchainNetwork(p)
	return nil
}

// MarshalJSON writes the plain name when only Name is set.
func (n BlockchainNetwork) MarshalJSON() ([]byte, error) {
	if n.Type == "" && n.ContractAddress == "" {
		return jsonx.Marshal(n.Name)
	}
	type plain BlockchainNetwork
	return jsonx.Marshal(plain(n))
}

// Amount is an exact decimal as Striga sends it, a JSON string or number
// ("1500000", 0.92): the digits are kept, never converted to float.
// It encodes as a JSON string.
//
// An amount longer than MaxAmountLength characters is refused before it is
// even scanned, so a hostile webhook cannot make decoding costly. The SDK
// never converts an Amount to a number; a caller that does (big.Rat) does
// so over at most MaxAmountLength characters.
type Amount string

// MaxAmountLength is the longest Amount UnmarshalJSON accepts, in
// characters (digits, sign, decimal point and exponent): far above any
// amount Striga documents, or a 256-bit integer in base units (78 digits).
const MaxAmountLength = 256

var (
	amountRE     = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
	errBadAmount = errors.New("amount is not a decimal number of at most 256 characters")
)

// UnmarshalJSON accepts a decimal in a JSON string or a JSON number, of at
// most MaxAmountLength characters.
func (a *Amount) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > MaxAmountLength+2 { // the quotes of a string
		return errBadAmount
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*a = ""
			return nil
		}
	}
	if len(s) > MaxAmountLength || !amountRE.MatchString(s) {
		return errBadAmount
	}
	*a = Amount(s)
	return nil
}

// String returns the decimal text.
func (a Amount) String() string { return string(a) }

// maxWebhookBody bounds what WebhookHandler reads.
const maxWebhookBody = 1 << 20

// WebhookHandler returns an http.Handler that receives Striga webhooks: it
// reads the body (up to 1 MiB), verifies its signature with apiKey, parses
// it and calls fn. It answers 401 to a missing or bad signature, 400 to a
// body that is not a JSON object, 413 to an oversized one, 500 when fn
// fails (so Striga retries) and 200 otherwise. fn runs with the request's
// context and must de-duplicate on the event's ID.
//
// An empty apiKey (ErrMissingCredentials) or a nil fn (a *ConfigError,
// ErrConfig)
// is an error, and no handler.
func WebhookHandler(apiKey string, fn func(ctx context.Context, e *WebhookEvent) error) (http.Handler, error) {
	switch {
	case apiKey == "":
		return nil, ErrMissingCredentials
	case fn == nil:
		return nil, optionError("WebhookHandler", "needs a callback")
	}
	verify := func(body []byte, h http.Header) error { return VerifyWebhook(body, h, apiKey) }
	return webhook.Handler(maxWebhookBody, verify, ParseWebhook, fn), nil
}
