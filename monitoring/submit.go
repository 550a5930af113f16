package monitoring

import (
	"context"
	"errors"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// SubmitOption configures one Submit call.
type SubmitOption func(*submitConfig)

type submitConfig struct {
	levelName   string
	accessToken string
}

// WithLevelName names the verification level of the applicant Sumsub
// creates (?levelName=…). Case-sensitive; it must exist in the token's
// environment.
func WithLevelName(name string) SubmitOption {
	return func(c *submitConfig) { c.levelName = name }
}

// WithAccessToken passes the Device Intelligence access token
// (?accessToken=…) when the transaction confirms a captured device.
func WithAccessToken(token string) SubmitOption {
	return func(c *submitConfig) { c.accessToken = token }
}

// Submit sends a transaction of an applicant Sumsub does not know yet
// (POST /resources/applicants/-/kyt/txns/-/data); Sumsub creates the
// applicant from txn.Applicant, which needs externalUserId and fullName
// (Sumsub's documented 400: "When no applicant id provided,
// applicant.externalUserId and applicant.fullName must be set").
//
// The transaction is validated first (see Transaction.Validate); when it is
// invalid a *ValidationError is returned and nothing is sent. The body is
// the transaction as given: nothing is added, and no value is changed.
//
// Submit is safe to call again after any failure: Sumsub keys
// transactions by txnId, so a retry after an ambiguous failure (the
// connection dropped after the request went out) that meets "409 Entity
// already exists" returns the stored transaction with Result.Replayed set
// — never a second record. A 409 that no earlier attempt of this call can
// explain is an *APIError matching ErrDuplicate.
//
// When retries run out after an attempt that may have been stored, or a
// 2xx answer is unusable (a 200, 202 or 204 with an empty body, a body
// that does not decode, or a transaction without its id), Submit reads
// the transaction back by txnId and returns it with Result.Replayed set;
// if that read does not tell, it returns an *OutcomeUnknownError
// (ErrOutcomeUnknown, MaybeSent) carrying the txnId. An unusable 2xx is
// never success: a Result always carries Sumsub's id.
//
// A transaction without a txnId (Sumsub's captured-device example has
// none) cannot be deduplicated or read back: it is sent once, retried
// only after a failure that provably never reached Sumsub, and a failure
// that may have reached it is an error for which MaybeSent is true. Give
// every transaction a txnId.
//
// A 3xx is an *APIError with that status: the client does not follow
// redirects, and a redirect is an answer that the request was not taken
// here, so it is not read back (unless an earlier attempt of the same
// call may have been stored).
//
// A RED answer, an onHold status or a high score is in the Result, not an
// error.
func (c *Client) Submit(ctx context.Context, txn *Transaction, opts ...SubmitOption) (*Result, error) {
	var sc submitConfig
	for _, o := range opts {
		if o != nil {
			o(&sc)
		}
	}
	if err := validate(txn, checks{newApplicant: true, strict: c.strictEnums}); err != nil {
		return nil, err
	}
	r := c.rest.Post("/resources/applicants/-/kyt/txns/-/data")
	if sc.levelName != "" {
		r = r.Query("levelName", sc.levelName)
	}
	if sc.accessToken != "" {
		r = r.Query("accessToken", sc.accessToken)
	}
	return c.submit(ctx, "Submit", r, txn)
}

// SubmitForApplicant sends a transaction of an applicant Sumsub knows,
// by Sumsub's applicant id (POST /resources/applicants/{id}/kyt/txns/-/data).
// The applicant id names the person, so txn.Applicant needs neither
// externalUserId nor fullName. Validation, duplicate safety and results
// are as for Submit.
func (c *Client) SubmitForApplicant(ctx context.Context, applicantID string, txn *Transaction) (*Result, error) {
	if err := requireID("applicantId", applicantID); err != nil {
		return nil, err
	}
	if err := validate(txn, checks{strict: c.strictEnums}); err != nil {
		return nil, err
	}
	return c.submit(ctx, "SubmitForApplicant", c.rest.Postf("/resources/applicants/%s/kyt/txns/-/data", string(applicantID)), txn)
}

// submit sends a validated transaction with retry class Keyed (the key is
// txnId) and turns our own stored earlier attempt into a replayed result.
// Without a txnId there is no key: the call is Ambiguous.
func (c *Client) submit(ctx context.Context, call string, r *rest.Request, txn *Transaction) (*Result, error) {
	body, err := marshalWire(txn)
	if err != nil {
		return nil, err
	}
	r = r.Raw(body, "application/json")
	if txn.TxnID == "" {
		res := new(Result)
		err := c.do(ctx, r.Retry(rest.Ambiguous), res, false, nil)
		var malformed *MalformedResponseError
		if errors.As(err, &malformed) {
			return nil, &OutcomeUnknownError{Err: err, call: call, hint: "no txnId to read it back by: Find tells whether it was stored"}
		}
		if err != nil {
			return nil, err
		}
		return res, nil
	}
	var (
		meta rest.Meta
		res  = new(Result)
	)
	err = c.do(ctx, r.Retry(rest.Keyed), res, false, &meta)
	var malformed *MalformedResponseError
	switch {
	case err == nil:
		return res, nil
	case errors.Is(err, ErrDuplicate) && meta.Replayed:
		// An earlier attempt of this call may have reached Sumsub, so the
		// existing transaction is that attempt's.
		return c.recover(ctx, txn, err)
	case MaybeSent(err), meta.Replayed, errors.Is(err, ErrServer), errors.As(err, &malformed):
		// An attempt may have been stored: its connection was lost after
		// the request went out, or it met a 5xx (a 500 after storing, a
		// gateway's 502/504 while Sumsub goes on), and the retries did not
		// settle it (they ran out, or met a 429 or another 5xx); or Sumsub
		// stored it and its answer was empty or did not decode. Look
		// before reporting it lost. A 3xx on the only attempt is not here:
		// it is an answer, and nothing was stored.
		return c.readBack(ctx, txn, err)
	}
	return nil, err
}

// readBack fetches the transaction a submit that failed with cause may
// have stored, and returns it marked Replayed. When the read fails, or
// finds another transaction under the txnId, the outcome stays unknown.
func (c *Client) readBack(ctx context.Context, txn *Transaction, cause error) (*Result, error) {
	res, err := c.GetByTxnID(ctx, txn.TxnID)
	switch {
	case err != nil:
	case res.TxnID() != txn.TxnID:
		err = errNotOurs
	case !sameTransaction(txn, res.Data):
		err = errOtherTransaction
	}
	if err != nil {
		return nil, &OutcomeUnknownError{TxnID: txn.TxnID, Err: cause, ReadErr: err}
	}
	res.Replayed = true
	return res, nil
}

var (
	// errOtherTransaction: the txnId holds a transaction that differs
	// from the one submitted.
	errOtherTransaction = errors.New("monitoring: the stored transaction differs from the one submitted")
	// errNotOurs: the transaction read back does not carry the submitted
	// txnId, so it cannot confirm the submit.
	errNotOurs = errors.New("monitoring: the transaction read back does not carry the submitted txnId")
)

// recover fetches the transaction an earlier attempt stored. When what is
// stored under the txnId is plainly another transaction (another type,
// amount, currency, direction or applicant), the 409 was a real duplicate
// and dup is returned; when it cannot be read, the outcome is unknown.
func (c *Client) recover(ctx context.Context, txn *Transaction, dup error) (*Result, error) {
	res, err := c.GetByTxnID(ctx, txn.TxnID)
	if err == nil && res.TxnID() != txn.TxnID {
		err = errNotOurs
	}
	if err != nil {
		// Most likely ours, but it cannot be told from a real duplicate.
		return nil, &OutcomeUnknownError{TxnID: txn.TxnID, Err: dup, ReadErr: err}
	}
	if !sameTransaction(txn, res.Data) {
		return nil, dup
	}
	res.Replayed = true
	return res, nil
}

// sameTransaction reports whether stored can be what we sent as ours:
// Sumsub enriches a stored transaction but keeps these fields.
func sameTransaction(ours, stored *Transaction) bool {
	if stored == nil {
		return true
	}
	if stored.Type != "" && ours.Type.effective() != stored.Type.effective() {
		return false
	}
	if a, b := ours.Applicant, stored.Applicant; a != nil && b != nil && a.ExternalUserID != "" && b.ExternalUserID != "" &&
		a.ExternalUserID != b.ExternalUserID {
		return false
	}
	if a, b := ours.Info, stored.Info; a != nil && b != nil {
		if a.Direction != b.Direction || a.CurrencyCode != b.CurrencyCode || !sameNumber(a.Amount, b.Amount) {
			return false
		}
	}
	return true
}

// sameNumber compares two amounts by value (250.00 equals 250.0).
func sameNumber(a, b Number) bool {
	ra, errA := a.Rat()
	rb, errB := b.Rat()
	if errA != nil || errB != nil {
		return a.String() == b.String()
	}
	return ra.Cmp(rb) == 0
}
