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

// maxImportRecords is the most records Import sends in one call.
const maxImportRecords = 1000

// ImportRecord is one line of a bulk import.
type ImportRecord struct {
	// ApplicantID is Sumsub's applicant id; optional, then
	// Data.Applicant.ExternalUserID identifies the person.
	ApplicantID string       `json:"applicantId"`
	Data        *Transaction `json:"data"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x ImportRecord) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *ImportRecord) UnmarshalJSON(b []byte) error {
	*x = ImportRecord{}
	return unmarshalWire(b, x)
}

// ImportOptions are the query parameters of a bulk import.
type ImportOptions struct {
	// IgnoreErrors creates every valid record and lists the errors;
	// without it Sumsub stops at the first error and returns only it.
	IgnoreErrors bool
	// SkipScoring stores the records without running the rules
	// (scoreSavedTxns=false).
	SkipScoring bool
}

// ImportResult is Sumsub's answer to a bulk import. Only "created" is
// published; Raw keeps the whole body.
type ImportResult struct {
	Created int
	Raw     []byte
	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// Import sends up to 1,000 transactions as NDJSON
// (POST /resources/kyt/misc/txns/import). Sumsub ignores duplicates, so the
// call is retried freely; it is also the documented way to update a
// transaction that already exists (a second Submit returns 409).
//
// Each record's transaction is validated first (see
// Transaction.Validate), with paths prefixed "records[i].data."; a record
// without an ApplicantID names the person by data.applicant, which then
// needs externalUserId and fullName, as for Submit. A record with one
// needs neither. Each record is sent as given, one JSON object per line.
//
// Sumsub answers {"created": n}. A 2xx answer that is empty, not a JSON
// object, or whose "created" is not a whole number is an
// *OutcomeUnknownError (MaybeSent): the records may be stored, and sending
// the same records again is safe. A record without a txnId cannot be
// told from a new one: a call with such a record is sent once, retried
// only after a failure that provably never reached Sumsub.
func (c *Client) Import(ctx context.Context, records []ImportRecord, opts ImportOptions) (*ImportResult, error) {
	r := c.rest.Post("/resources/kyt/misc/txns/import").
		Query("ignoreErrors", strconv.FormatBool(opts.IgnoreErrors)).
		Query("scoreSavedTxns", strconv.FormatBool(!opts.SkipScoring))
	return c.bulk(ctx, "Import", r, records)
}

// ImportHistory sends historical transactions, as NDJSON records like
// Import's (POST /resources/kyt/misc/txns/importHistory). Sumsub enables
// it on request, for a one-time import of the history before going live;
// elsewhere it answers with an error. Validation, duplicates, retries and
// answers are as for Import.
func (c *Client) ImportHistory(ctx context.Context, records []ImportRecord) (*ImportResult, error) {
	return c.bulk(ctx, "ImportHistory", c.rest.Post("/resources/kyt/misc/txns/importHistory"), records)
}

// bulk validates records, sends them as NDJSON with r and reads the
// answer.
func (c *Client) bulk(ctx context.Context, call string, r *rest.Request, records []ImportRecord) (*ImportResult, error) {
	var p problems
	switch {
	case len(records) == 0:
		p.required("records", true)
	case len(records) > maxImportRecords:
		p.add("records", "FORMAT", fmt.Sprintf("at most %d records per call", maxImportRecords))
	}
	var body bytes.Buffer
	keyed := true
	for i := range records {
		rec := &records[i]
		prefix := "records[" + strconv.Itoa(i) + "]."
		if rec.Data == nil {
			p.required(prefix+"data", true)
			continue
		}
		if err := validate(rec.Data, checks{newApplicant: rec.ApplicantID == "", strict: c.strictEnums}); err != nil {
			for _, fe := range err.(*ValidationError).Problems {
				p.add(prefix+"data."+fe.Path, fe.Rule, fe.Message)
			}
		}
		keyed = keyed && rec.Data.TxnID != ""
		b, err := marshalWire(rec)
		if err != nil {
			return nil, err
		}
		body.Write(b)
		body.WriteByte('\n')
	}
	if len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	class, hint := rest.Keyed, ""
	if !keyed {
		class, hint = rest.Ambiguous, "records without txnId cannot be told from new ones: Find tells what was stored"
	}
	r = r.Raw(body.Bytes(), "application/x-ndjson").Retry(class)
	var (
		raw  json.RawMessage
		meta rest.Meta
	)
	err := c.do(ctx, r, &raw, false, &meta)
	if err == nil {
		var res *ImportResult
		if res, err = decodeImport(raw); err == nil {
			res.Meta = metaOf(&meta)
			return res, nil
		}
		err = &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		if hint == "" && call != "Import" {
			hint = "Sumsub ignores duplicates: " + call + " may be sent again"
		}
		return nil, &OutcomeUnknownError{Err: err, call: call, hint: hint}
	}
	return nil, err
}

// maxCountDigits bounds the digits of a count Import reads: maxImportRecords
// needs four.
const maxCountDigits = 18

var errImportAnswer = errors.New(`not a JSON object with a "created" count`)

// decodeImport reads Sumsub's answer to an import: a JSON object whose
// "created", when present, is a whole number of records.
func decodeImport(raw json.RawMessage) (*ImportResult, error) {
	var out struct {
		Created *json.Number `json:"created"`
	}
	if b := trimJSONSpace(raw); len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &out) != nil {
		return nil, errImportAnswer
	}
	res := &ImportResult{Raw: raw}
	if out.Created != nil {
		s := out.Created.String()
		if len(s) > maxCountDigits {
			return nil, errImportAnswer
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, errImportAnswer
		}
		res.Created = n
	}
	return res, nil
}
