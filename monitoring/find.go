package monitoring

import (
	"context"
	"strconv"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Filter is one condition of Find: a field path of the stored transaction
// and the value it must have. Sumsub documents data.type,
// data.info.direction, data.info.paymentTxnId, data.info.currencyCode,
// data.info.cryptoParams.cryptoChain,
// data.applicant.paymentMethod.accountId, data.info.amount and
// data.txnDate (the last two also with __gte and __lte), and adds more
// over time; the constructors below cover these. Path is sent literally
// and must be letters, digits, '.' and '_'; Value is escaped.
type Filter struct {
	Path  string
	Value string
}

// ByType matches transactions of type t (data.type).
func ByType(t TxnType) Filter { return Filter{Path: "data.type", Value: string(t)} }

// ByDirection matches transactions moving in direction d
// (data.info.direction).
func ByDirection(d Direction) Filter { return Filter{Path: "data.info.direction", Value: string(d)} }

// ByPaymentTxnID matches transactions with the chain transaction hash
// hash (data.info.paymentTxnId): the way to find out, before creating a
// Travel Rule exchange for a deposit, whether one exists already.
func ByPaymentTxnID(hash string) Filter {
	return Filter{Path: "data.info.paymentTxnId", Value: hash}
}

// ByApplicantAccount matches transactions whose applicant paid or was paid
// with account (data.applicant.paymentMethod.accountId: a wallet address
// or a card number).
func ByApplicantAccount(account string) Filter {
	return Filter{Path: "data.applicant.paymentMethod.accountId", Value: account}
}

// ByCurrency matches transactions in currency code (data.info.currencyCode).
func ByCurrency(code string) Filter { return Filter{Path: "data.info.currencyCode", Value: code} }

// ByCryptoChain matches transactions on chain (data.info.cryptoParams.cryptoChain).
func ByCryptoChain(chain string) Filter {
	return Filter{Path: "data.info.cryptoParams.cryptoChain", Value: chain}
}

// findDateLayout is Sumsub's date format for filters (YYYY-MM-DD hh:mm:ss).
const findDateLayout = "2006-01-02 15:04:05"

// TxnDateFrom matches transactions that happened at t or later
// (data.txnDate__gte). Sumsub's filter format carries no zone; t is sent
// in UTC, Sumsub's own zone for dates.
func TxnDateFrom(t time.Time) Filter {
	return Filter{Path: "data.txnDate__gte", Value: t.UTC().Format(findDateLayout)}
}

// TxnDateTo matches transactions that happened at t or earlier
// (data.txnDate__lte), t sent in UTC.
func TxnDateTo(t time.Time) Filter {
	return Filter{Path: "data.txnDate__lte", Value: t.UTC().Format(findDateLayout)}
}

// Query selects the transactions Find returns.
type Query struct {
	// Filters all have to match. None: every transaction.
	Filters []Filter
	// Order sorts the results by a field, descending with a leading "-"
	// ("-createdAt", Sumsub's example, is newest first). Empty: Sumsub's
	// default order.
	Order string
	// Limit caps how many are returned; 0 leaves it to Sumsub. Sumsub
	// publishes no offset for this call.
	Limit int
}

// FindResult is what Find returns.
type FindResult struct {
	// Items are the matching transactions, in the requested order.
	Items []*Result
	// TotalItems is how many match, when Sumsub says; otherwise
	// len(Items).
	TotalItems int
	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// Find returns the transactions matching q
// (GET /resources/kyt/txns/query/-;{filters}?order=&limit=). The filters
// travel in the path as Sumsub's matrix parameters, with every value
// escaped and shown as "*" in logs and errors. Use it to look a Travel
// Rule transfer up by chain hash before creating a second exchange for
// it, or to find a transaction submitted without a txnId.
//
// Sumsub publishes the answer's shape only for similar lists; Find reads
// a JSON array of transactions, {"items":[…],"totalItems":n} and
// {"list":{"items":[…],"totalItems":n}}. A 2xx answer of another shape,
// or listing a transaction without its id, is a *MalformedResponseError.
func (c *Client) Find(ctx context.Context, q Query) (*FindResult, error) {
	if q.Limit < 0 {
		return nil, &ValidationError{Problems: []FieldError{{Path: "limit", Rule: "FORMAT", Message: "must not be negative"}}}
	}
	format, values, err := matrixPath("/resources/kyt/txns/query/", q.Filters, "")
	if err != nil {
		return nil, err
	}
	r := c.rest.Getf(format, values...).Retry(rest.Safe)
	if q.Order != "" {
		r = r.Query("order", q.Order)
	}
	if q.Limit > 0 {
		r = r.Query("limit", strconv.Itoa(q.Limit))
	}
	var meta rest.Meta
	raw, err := c.readList(ctx, r, &meta)
	if err != nil {
		return nil, err
	}
	out := &FindResult{Items: make([]*Result, 0, len(raw.items)), TotalItems: raw.total, Meta: metaOf(&meta)}
	for _, it := range raw.items {
		res := new(Result)
		if err := unmarshalInto(it, res); err != nil {
			return nil, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
		}
		out.Items = append(out.Items, res)
	}
	return out, nil
}
