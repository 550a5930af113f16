package monitoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// maxWalletAddresses is the most addresses ImportWalletAddresses sends in
// one call (Sumsub's limit).
const maxWalletAddresses = 10000

// WalletAddress is an entry of Sumsub's Wallet Address Book: an address
// our organisation controls, given as the address or as its hash (one of
// the two is required; with both, Sumsub checks they agree).
type WalletAddress struct {
	WalletAddress     string `json:"walletAddress"`
	WalletAddressHash string `json:"walletAddressHash"`
	// Asset is a currency code (BTC, USDT); optional.
	Asset string `json:"asset"`
	// Chain is the network (BTC, ETH, TRX); optional.
	Chain string `json:"chain"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x WalletAddress) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *WalletAddress) UnmarshalJSON(b []byte) error {
	*x = WalletAddress{}
	return unmarshalWire(b, x)
}

// WalletImportResult is Sumsub's answer to a wallet address import, which
// succeeds in part by design: ErrorCount entries were refused, with the
// reasons in Errors (shape not published: raw JSON).
type WalletImportResult struct {
	SuccessCount int
	ErrorCount   int
	Errors       []json.RawMessage
	// Raw is the whole answer.
	Raw []byte
	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

var errWalletImportAnswer = errors.New(`not a JSON object with "successCount" and "errorCount" counts`)

// ImportWalletAddresses registers up to 10,000 addresses our
// organisation controls in Sumsub's Wallet Address Book
// (POST /resources/kyt/walletAddress/import), so that Sumsub confirms by
// itself that an inbound Travel Rule transfer's wallet is ours. Register
// the addresses users withdraw from as well as those they deposit to.
//
// Each entry needs walletAddress or walletAddressHash; nothing is sent
// otherwise. Sumsub answers with counts and takes the valid entries even
// when others are refused: check ErrorCount. It does not document whether
// importing an address twice is harmless, so the call is not resent after
// a failure that may have reached Sumsub (MaybeSent). A 2xx answer
// without the two counts is an *OutcomeUnknownError. Sumsub needs the
// organisation linked to a VASP and the Travel Rule enabled.
func (c *Client) ImportWalletAddresses(ctx context.Context, addrs []WalletAddress) (*WalletImportResult, error) {
	var p problems
	switch {
	case len(addrs) == 0:
		p.required("addresses", true)
	case len(addrs) > maxWalletAddresses:
		p.add("addresses", "FORMAT", fmt.Sprintf("at most %d addresses per call", maxWalletAddresses))
	}
	var body bytes.Buffer
	body.WriteByte('[')
	for i := range addrs {
		a := &addrs[i]
		if a.WalletAddress == "" && a.WalletAddressHash == "" {
			p.add("addresses["+strconv.Itoa(i)+"]", "REQUIRED", "walletAddress or walletAddressHash is required")
		}
		b, err := marshalWire(a)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			body.WriteByte(',')
		}
		body.Write(b)
	}
	body.WriteByte(']')
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	r := c.rest.Post("/resources/kyt/walletAddress/import").Raw(body.Bytes(), "application/json").Retry(rest.Ambiguous)
	err := c.do(ctx, r, &raw, false, &meta)
	if err == nil {
		var res *WalletImportResult
		if res, err = decodeWalletImport(raw); err == nil {
			res.Meta = metaOf(&meta)
			return res, nil
		}
		err = &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return nil, &OutcomeUnknownError{Err: err, call: "ImportWalletAddresses", hint: "the addresses may be registered; the Wallet Address Book in the dashboard shows them"}
	}
	return nil, err
}

// decodeWalletImport reads {"successCount":n,"errorCount":m,"errors":[…]}.
func decodeWalletImport(raw []byte) (*WalletImportResult, error) {
	var out struct {
		SuccessCount *json.Number      `json:"successCount"`
		ErrorCount   *json.Number      `json:"errorCount"`
		Errors       []json.RawMessage `json:"errors"`
	}
	if b := trimJSONSpace(raw); len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &out) != nil {
		return nil, errWalletImportAnswer
	}
	if out.SuccessCount == nil || out.ErrorCount == nil {
		return nil, errWalletImportAnswer
	}
	ok, err1 := wholeCount(*out.SuccessCount)
	bad, err2 := wholeCount(*out.ErrorCount)
	if err1 != nil || err2 != nil {
		return nil, errWalletImportAnswer
	}
	return &WalletImportResult{SuccessCount: ok, ErrorCount: bad, Errors: out.Errors, Raw: raw}, nil
}

// ApplicantPaymentMethod is a payment method registered for an applicant:
// for the Travel Rule, a crypto wallet the applicant owns (data.type
// cryptoWallet), which lets Sumsub answer both questions of an inbound
// transfer to it (is the wallet ours, and whose) by itself.
type ApplicantPaymentMethod struct {
	// ID is Sumsub's id of the payment method, set in its answer.
	ID string `json:"id"`
	// ExternalID is our own id of it; optional.
	ExternalID      string             `json:"externalId"`
	Data            *PaymentMethodData `json:"data"`
	InstitutionInfo *InstitutionInfo   `json:"institutionInfo"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`

	// Meta describes the call that returned this (AddPaymentMethod's answer), as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x ApplicantPaymentMethod) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *ApplicantPaymentMethod) UnmarshalJSON(b []byte) error {
	*x = ApplicantPaymentMethod{}
	return unmarshalWire(b, x)
}

// PaymentMethodData is an applicant payment method's "data".
type PaymentMethodData struct {
	// Type is required: cryptoWallet, bankCard, bankAccount, eWallet or
	// other (PaymentCryptoWallet, …).
	Type PaymentMethodType `json:"type"`
	// AccountIdentifier is the wallet address, IBAN or card number; or
	// send AccountIdentifierHash instead.
	AccountIdentifier     string `json:"accountIdentifier"`
	AccountIdentifierHash string `json:"accountIdentifierHash"`
	// FullName is the holder's name.
	FullName     string `json:"fullName"`
	CurrencyCode string `json:"currencyCode"`
	CryptoChain  string `json:"cryptoChain"`
	// Memo is the destination tag of chains that use one (XRP, XLM).
	Memo string `json:"memo"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x PaymentMethodData) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *PaymentMethodData) UnmarshalJSON(b []byte) error {
	*x = PaymentMethodData{}
	return unmarshalWire(b, x)
}

var errNoPaymentMethodID = errors.New("the payment method has no id")

// AddPaymentMethod registers a payment method for the applicant with
// Sumsub's id applicantID (POST /resources/applicants/{applicantId}/payments)
// and returns it as Sumsub stored it, with its id. data.type is required;
// nothing is sent without it.
//
// Sumsub does not document that it deduplicates payment methods, so the
// call is not resent after a failure that may have reached Sumsub
// (MaybeSent). A 2xx answer without the payment method's id is an
// *OutcomeUnknownError.
func (c *Client) AddPaymentMethod(ctx context.Context, applicantID string, pm *ApplicantPaymentMethod) (*ApplicantPaymentMethod, error) {
	if err := requireID("applicantId", applicantID); err != nil {
		return nil, err
	}
	var p problems
	switch {
	case pm == nil:
		p.required("paymentMethod", true)
	case pm.Data == nil:
		p.required("data", true)
	default:
		p.required("data.type", pm.Data.Type == "")
	}
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	body, err := marshalWire(pm)
	if err != nil {
		return nil, err
	}
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	r := c.rest.Postf("/resources/applicants/%s/payments", string(applicantID)).Raw(body, "application/json").Retry(rest.Ambiguous)
	err = c.do(ctx, r, &raw, false, &meta)
	if err == nil {
		out := new(ApplicantPaymentMethod)
		if err = unmarshalWire(raw, out); err == nil && out.ID == "" {
			err = errNoPaymentMethodID
		}
		if err == nil {
			out.Meta = metaOf(&meta)
			return out, nil
		}
		err = &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return nil, &OutcomeUnknownError{Err: err, call: "AddPaymentMethod", hint: "the payment method may be registered; Sumsub publishes no call that lists them"}
	}
	return nil, err
}
