package gtr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

const queryPath = "/api/verify/query"

// QueryResult is what GTR recorded for a travel rule (GET
// /api/verify/query).
type QueryResult struct {
	RequestID       string
	RequestType     int // GTR's requestType; its values are not published
	Ticker, Network string
	TxID            string
	OriginatorVASP  string
	BeneficiaryVASP string
	// Status is the travel rule's verifyStatus and Message its
	// verifyMessage.
	Status  VerifyStatus
	Message string
	// Stage, StageStatus and StageMessage describe the current stage.
	Stage        VerifyStage
	StageStatus  int
	StageMessage string
	// StartedAt and UpdatedAt are zero when not sent. GTR does not publish
	// their unit; values above 10^12 are read as milliseconds.
	StartedAt, UpdatedAt time.Time
	PreflightStatus      string
	PreflightMessage     string
	// APIUsage is the subscription quota, when sent.
	APIUsage *APIUsage
	// Meta describes the call.
	Meta Meta
}

// APIUsage is GTR's apiUsageInfo: the subscription's quotas. Exceeding one
// makes calls fail with 100003 (ErrRateLimited).
type APIUsage struct {
	VersionType      string `json:"versionType"`
	SubscriptionName string `json:"subscriptionName"`
	HourlyLimit      int64  `json:"hourlyLimit"`
	HourlyRemaining  int64  `json:"hourlyRemaining"`
	DailyLimit       int64  `json:"dailyLimit"`
	DailyRemaining   int64  `json:"dailyRemaining"`
	MonthlyLimit     int64  `json:"monthlyLimit"`
	MonthlyRemaining int64  `json:"monthlyRemaining"`
	YearlyLimit      int64  `json:"yearlyLimit"`
	YearlyRemaining  int64  `json:"yearlyRemaining"`
	TotalLimit       int64  `json:"totalLimit"`
	TotalRemaining   int64  `json:"totalRemaining"`
}

type queryData struct {
	RequestID             flexString   `json:"requestId"`
	RequestType           flexInt64    `json:"requestType"`
	Ticker                flexString   `json:"ticker"`
	Network               flexString   `json:"network"`
	TxID                  flexString   `json:"txId"`
	OriginatorVASP        flexString   `json:"originatorVasp"`
	BeneficiaryVASP       flexString   `json:"beneficiaryVasp"`
	VerifyStatus          VerifyStatus `json:"verifyStatus"`
	VerifyMessage         flexString   `json:"verifyMessage"`
	VerifyStage           flexString   `json:"verifyStage"`
	VerifyStageStatus     flexInt64    `json:"verifyStageStatus"`
	VerifyStageMessage    flexString   `json:"verifyStageMessage"`
	VerifyStartedAt       flexInt64    `json:"verifyStartedAt"`
	VerifyUpdatedAt       flexInt64    `json:"verifyUpdatedAt"`
	PreflightCheckStatus  flexString   `json:"preflightCheckStatus"`
	PreflightCheckMessage flexString   `json:"preflightCheckMessage"`
	APIUsageInfo          *APIUsage    `json:"apiUsageInfo"`
}

// flexInt64 is an integer that may arrive as a JSON number (possibly with a
// fraction or exponent, which is truncated) or a numeric string; anything
// else reads as zero rather than failing the whole response.
type flexInt64 int64

func (n *flexInt64) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' {
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = flexInt64(v)
	} else if f, err := strconv.ParseFloat(s, 64); err == nil && f > -9e18 && f < 9e18 {
		*n = flexInt64(f)
	}
	return nil
}

// unixTime reads a Unix timestamp in seconds or, above 10^12, milliseconds.
func unixTime(v int64) time.Time {
	switch {
	case v <= 0:
		return time.Time{}
	case v > 1e12:
		return time.UnixMilli(v).UTC()
	}
	return time.Unix(v, 0).UTC()
}

// Query returns what GTR recorded for the travel rule requestID (GET
// /api/verify/query; retried as a read). An unknown requestId is an
// *APIError that errors.Is(err, ErrNotFound); a success without the travel
// rule's data is a *MalformedResponseError (ErrMalformedResponse).
func (c *Client) Query(ctx context.Context, requestID string) (*QueryResult, error) {
	var p problems
	if p.requestID("requestID", requestID); len(p) > 0 {
		return nil, &ValidationError{Problems: p}
	}
	a := answer{requestID: requestID}
	if err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Get(queryPath).Query("requestId", requestID).Retry(rest.Safe)
	}); err != nil {
		markNotFound(err)
		return nil, err
	}
	if d := bytes.TrimSpace(a.Data); len(d) == 0 || d[0] != '{' || !a.hasData() {
		return nil, &MalformedResponseError{Path: queryPath, Reason: "no travel rule object in data"}
	}
	q := decodeQuery(a.Data, requestID)
	q.Meta = a.meta
	return q, nil
}

// markNotFound applies the SDK's reading of GTR's unpublished answer for an
// unknown requestId: a failure status with no data means "not found" —
// unless the status says why otherwise (session, quota, server failure).
func markNotFound(err error) {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code == 0 || ae.HTTPStatus >= 500 || (ae.HTTPStatus >= 300 && ae.HTTPStatus < 400) || ae.authExpired() {
		return
	}
	switch ae.Code {
	case statusLimitExceeded, statusServerFail, statusInitiatorServerFail, statusReceiverServerFail:
		return
	}
	var env envelope
	if json.Unmarshal(ae.Body, &env) == nil && !env.hasData() {
		ae.notFound = true
	}
}

// decodeQuery reads a query's data leniently.
func decodeQuery(raw json.RawMessage, requestID string) *QueryResult {
	var d queryData
	if json.Unmarshal(raw, &d) != nil {
		// One member of a wrong type: keep what decodes member by member.
		var m map[string]json.RawMessage
		_ = json.Unmarshal(raw, &m)
		for k, v := range m {
			one, _ := json.Marshal(map[string]json.RawMessage{k: v})
			_ = json.Unmarshal(one, &d)
		}
	}
	q := &QueryResult{
		RequestID:        string(d.RequestID),
		RequestType:      int(d.RequestType),
		Ticker:           string(d.Ticker),
		Network:          string(d.Network),
		TxID:             string(d.TxID),
		OriginatorVASP:   string(d.OriginatorVASP),
		BeneficiaryVASP:  string(d.BeneficiaryVASP),
		Status:           d.VerifyStatus,
		Message:          string(d.VerifyMessage),
		Stage:            VerifyStage(d.VerifyStage),
		StageStatus:      int(d.VerifyStageStatus),
		StageMessage:     string(d.VerifyStageMessage),
		StartedAt:        unixTime(int64(d.VerifyStartedAt)),
		UpdatedAt:        unixTime(int64(d.VerifyUpdatedAt)),
		PreflightStatus:  string(d.PreflightCheckStatus),
		PreflightMessage: string(d.PreflightCheckMessage),
		APIUsage:         d.APIUsageInfo,
	}
	if q.RequestID == "" {
		q.RequestID = requestID
	}
	return q
}

// queryOutcome asks GTR for the outcome of a one_step whose answer was
// lost. It runs within WithRecoveryTimeout on a context that survives the
// caller's ctx being done, and asks again up to four times while GTR does
// not know the requestId yet (or fails), since the one_step may still be in
// flight, pausing c.recoveryWaits between (see recoveryWaits: WithRetry's
// waits, 0.5–4 s by default).
func (c *Client) queryOutcome(ctx context.Context, requestID string) (*QueryResult, error) {
	if ctx.Err() != nil {
		ctx = context.WithoutCancel(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, c.recoveryTimeout)
	defer cancel()
	for i := 0; ; i++ {
		q, err := c.Query(ctx, requestID)
		if err == nil && q.Status != 0 {
			return q, nil
		}
		if err == nil {
			err = &MalformedResponseError{Path: queryPath, Reason: "no verifyStatus for the requestId yet"}
		}
		if !retryRecovery(err) || i >= len(c.recoveryWaits) {
			return nil, err
		}
		t := time.NewTimer(c.recoveryWaits[i])
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
	}
}

// retryRecovery reports query failures worth asking again during recovery.
func retryRecovery(err error) bool {
	var te *TransportError
	return errors.Is(err, ErrNotFound) || errors.Is(err, ErrServer) ||
		errors.Is(err, ErrMalformedResponse) || errors.As(err, &te)
}
