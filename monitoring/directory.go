package monitoring

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// VASP is an entry of Sumsub's VASP directory. Its ID is what a Travel
// Rule transaction names the counterparty's VASP by
// (counterparty.institutionInfo.internalId; see Builder.CounterpartyVASP).
// Sumsub does not publish the entry's other fields; they are kept in
// Extra.
type VASP struct {
	ID   string `json:"id"`
	Name string `json:"name"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`

	// Meta describes the call that returned this entry (VASP only; zero in a VASPList), as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x VASP) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *VASP) UnmarshalJSON(b []byte) error { *x = VASP{}; return unmarshalWire(b, x) }

// VASPQuery selects a page of the VASP directory.
type VASPQuery struct {
	// Search matches names as a user types them (q=): brand names work.
	Search string
	// Limit is the page size (0: Sumsub's default). Sumsub recommends at
	// most 100.
	Limit int
	// Offset skips that many entries.
	Offset int
}

// VASPList is a page of the VASP directory.
type VASPList struct {
	Items []VASP
	// TotalItems is how many entries match, when Sumsub says; otherwise
	// len(Items).
	TotalItems int
	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

var errNoVASPID = errors.New("a VASP without its id")

// VASPs lists Sumsub's VASP directory (GET /resources/vasps/-?q=&limit=&offset=),
// where a withdrawal screen finds the id of the VASP a user sends to.
// Sumsub excludes hidden VASPs; test VASPs exist in the sandbox only.
//
// Sumsub does not publish the answer's shape; VASPs reads a JSON array,
// {"items":[…],"totalItems":n} and {"list":{"items":[…],"totalItems":n}}.
// Another shape, or an entry without an id, is a *MalformedResponseError.
func (c *Client) VASPs(ctx context.Context, q VASPQuery) (*VASPList, error) {
	var p problems
	if q.Limit < 0 {
		p.add("limit", "FORMAT", "must not be negative")
	}
	if q.Offset < 0 {
		p.add("offset", "FORMAT", "must not be negative")
	}
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	r := c.rest.Get("/resources/vasps/-").Retry(rest.Safe)
	if q.Search != "" {
		r = r.Query("q", q.Search)
	}
	if q.Limit > 0 {
		r = r.Query("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset > 0 {
		r = r.Query("offset", strconv.Itoa(q.Offset))
	}
	var meta rest.Meta
	raw, err := c.readList(ctx, r, &meta)
	if err != nil {
		return nil, err
	}
	out := &VASPList{Items: make([]VASP, len(raw.items)), TotalItems: raw.total, Meta: metaOf(&meta)}
	for i, it := range raw.items {
		if err := decodeVASP(it, &out.Items[i]); err != nil {
			return nil, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
		}
	}
	return out, nil
}

// VASP returns one entry of the VASP directory by its id
// (GET /resources/api/vasps/{id}/one). An answer without the entry's id is
// a *MalformedResponseError.
func (c *Client) VASP(ctx context.Context, id string) (*VASP, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	if err := c.do(ctx, c.rest.Getf("/resources/api/vasps/%s/one", id).Retry(rest.Safe), &raw, false, &meta); err != nil {
		return nil, err
	}
	v := new(VASP)
	if err := decodeVASP(raw, v); err != nil {
		return nil, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	v.Meta = metaOf(&meta)
	return v, nil
}

func decodeVASP(raw []byte, v *VASP) error {
	if err := unmarshalWire(raw, v); err != nil {
		return err
	}
	if v.ID == "" {
		return errNoVASPID
	}
	return nil
}

// Currency is an asset Sumsub knows: a currency code and, for a token
// on a chain other than its own, the chain (cryptoParams.cryptoChain:
// USDT on ETH or TRX); cryptoChain is empty for native coins and fiat.
type Currency struct {
	CurrencyCode string `json:"currencyCode"`
	CryptoChain  string `json:"cryptoChain"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Currency) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Currency) UnmarshalJSON(b []byte) error { *x = Currency{}; return unmarshalWire(b, x) }

var (
	errCurrencyList = errors.New("not a JSON array of currencies")
	errNoCurrency   = errors.New("a currency without its code")
)

// Currencies lists the currencies Sumsub supports of type ct, Crypto or
// Fiat (GET /resources/kyt/currency?type=…; "" asks without a type). Use
// it to tell which cryptoChain a token needs: a currencyCode that exists
// on several chains and is sent without its chain matches nothing.
// Sumsub answers a JSON array of {currencyCode, cryptoChain}; anything
// else, or an entry without a currencyCode, is a *MalformedResponseError.
func (c *Client) Currencies(ctx context.Context, ct CurrencyType) ([]Currency, error) {
	r := c.rest.Get("/resources/kyt/currency").Retry(rest.Safe)
	if ct != "" {
		r = r.Query("type", string(ct))
	}
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	if err := c.do(ctx, r, &raw, false, &meta); err != nil {
		return nil, err
	}
	out, err := decodeCurrencies(raw)
	if err != nil {
		return nil, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	return out, nil
}

func decodeCurrencies(raw []byte) ([]Currency, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return nil, errCurrencyList
	}
	out := make([]Currency, len(items))
	for i, it := range items {
		if err := unmarshalWire(it, &out[i]); err != nil {
			return nil, err
		}
		if out[i].CurrencyCode == "" {
			return nil, errNoCurrency
		}
	}
	return out, nil
}
