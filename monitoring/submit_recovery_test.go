package monitoring_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// frontAnswer is what a faultFront does with one request.
type frontAnswer int

const (
	pass           frontAnswer = iota // hand it to the fake
	cutAfterStore                     // the fake stores it; the 200's JSON is cut in half
	htmlAfterStore                    // the fake stores it; the 200 carries an HTML page
	dropAfterStore                    // the fake stores it; the connection closes unanswered
	status500After                    // the fake stores it; the answer is a 500
	status503                         // a 503 before the fake sees it
	status429                         // a 429 before the fake sees it
)

// faultFront serves a monitoringtest.Server behind a handler that mangles
// the answers a test picks: submit decides the n-th submit attempt's
// (1-based), read every other request's.
type faultFront struct {
	srv     *monitoringtest.Server
	submit  func(n int) frontAnswer
	read    frontAnswer
	submits atomic.Int32
}

func (f *faultFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := f.read
	if monitoringtest.IsSubmit(r) {
		a = pass
		if n := int(f.submits.Add(1)); f.submit != nil {
			a = f.submit(n)
		}
	}
	switch a {
	case pass:
		f.srv.ServeHTTP(w, r)
	case status503, status429:
		status := http.StatusServiceUnavailable
		if a == status429 {
			status = http.StatusTooManyRequests
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"description":"injected","code":` + strconv.Itoa(status) + `}`))
	default:
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		switch a {
		case cutAfterStore:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body[:len(body)/2])
		case htmlAfterStore:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("<html><body>OK</body></html>"))
		case status500After:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"description":"injected","code":500}`))
		case dropAfterStore:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(http.ErrAbortHandler)
			}
			_ = conn.Close()
		}
	}
}

// firstThen answers the first submit attempt with first and every later
// one with rest.
func firstThen(first, rest frontAnswer) func(int) frontAnswer {
	return func(n int) frontAnswer {
		if n == 1 {
			return first
		}
		return rest
	}
}

// submitOutcome is what a recovery test checks of a Submit.
type submitOutcome struct {
	Replayed     bool
	SameID       bool // the result names the transaction the fake holds
	Unknown      bool // errors.Is(err, ErrOutcomeUnknown)
	MaybeSent    bool
	TxnID        string // of the *OutcomeUnknownError
	Matches      bool   // err is what the case's match wants (true when none)
	Stored       int
	SubmitsSent  int
	TxnIDPrinted bool // Error() shows the txnId
}

// TestSubmitRecoversStoredTransaction: when Sumsub stored the transaction
// but the client could not read its answer, Submit reads it back by txnId
// and returns it marked Replayed; when the read-back does not tell either,
// it returns an *OutcomeUnknownError carrying the txnId, never a bare
// failure the caller would take for "not stored".
func TestSubmitRecoversStoredTransaction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		submit  func(int) frontAnswer
		read    frontAnswer
		retries int
		match   func(error) bool // what the error must also be; nil: anything
		want    submitOutcome
	}{
		{name: "200 with its JSON cut in half", submit: firstThen(cutAfterStore, pass), retries: 3,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 1}},
		{name: "200 with an HTML page", submit: firstThen(htmlAfterStore, pass), retries: 3,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 1}},
		{name: "200 with cut JSON, read-back refused", submit: firstThen(cutAfterStore, pass), read: status503, retries: 3,
			match: isSyntaxError,
			want:  submitOutcome{Unknown: true, MaybeSent: true, TxnID: "rec-1", Matches: true, Stored: 1, SubmitsSent: 1}},
		{name: "dropped after store, no retries", submit: firstThen(dropAfterStore, pass), retries: 0,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 1}},
		{name: "dropped after store, no retries, read-back refused", submit: firstThen(dropAfterStore, pass), read: status503, retries: 0,
			want: submitOutcome{Unknown: true, MaybeSent: true, TxnID: "rec-1", Matches: true, Stored: 1, SubmitsSent: 1}},
		// The attempt that stored it lost its answer; every retry then
		// met a 5xx or a 429.
		{name: "stored, then 503 until the retries run out", submit: firstThen(dropAfterStore, status503), retries: 3,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 4}},
		{name: "stored, then 429 until the retries run out", submit: firstThen(dropAfterStore, status429), retries: 3,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 4}},
		{name: "stored, then 503 until the retries run out, read-back refused", submit: firstThen(dropAfterStore, status503),
			read: status503, retries: 3, match: isServerError,
			want: submitOutcome{Unknown: true, MaybeSent: true, TxnID: "rec-1", Matches: true, Stored: 1, SubmitsSent: 4}},
		{name: "stored, then 409, read-back refused", submit: firstThen(dropAfterStore, pass), read: status503, retries: 3,
			match: isDuplicate,
			want:  submitOutcome{Unknown: true, MaybeSent: true, TxnID: "rec-1", Matches: true, Stored: 1, SubmitsSent: 2}},
		{name: "500 after store, no retries", submit: firstThen(status500After, pass), retries: 0,
			want: submitOutcome{Replayed: true, SameID: true, Matches: true, Stored: 1, SubmitsSent: 1}},
		// Nothing was stored.
		{name: "503 until the retries run out", submit: firstThen(status503, status503), retries: 2, match: isServerError,
			want: submitOutcome{Unknown: true, MaybeSent: true, TxnID: "rec-1", Matches: true, SubmitsSent: 3}},
		{name: "429 until the retries run out", submit: firstThen(status429, status429), retries: 2, match: isRateLimited,
			want: submitOutcome{Matches: true, SubmitsSent: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := monitoringtest.NewServer(t)
			front := &faultFront{srv: srv, submit: tt.submit, read: tt.read}
			hs := httptest.NewServer(front)
			t.Cleanup(hs.Close)
			token, secret := srv.AppToken()
			c, err := monitoring.New(monitoring.WithBaseURL(hs.URL), monitoring.WithAppToken(token, secret),
				monitoring.WithRetry(tt.retries, time.Millisecond, 2*time.Millisecond), monitoring.WithoutRateLimit())
			if err != nil {
				t.Fatal(err)
			}

			res, err := c.Submit(t.Context(), withdrawal(t, "rec-1", "7.5"))

			stored, _ := srv.Transaction("rec-1")
			got := submitOutcome{
				Unknown:     errors.Is(err, monitoring.ErrOutcomeUnknown),
				MaybeSent:   monitoring.MaybeSent(err),
				Matches:     tt.match == nil || tt.match(err),
				Stored:      len(srv.Transactions()),
				SubmitsSent: int(front.submits.Load()),
			}
			if res != nil {
				got.Replayed = res.Replayed
				got.SameID = stored != nil && res.ID == stored.ID
			}
			var ue *monitoring.OutcomeUnknownError
			if errors.As(err, &ue) {
				got.TxnID = string(ue.TxnID)
				got.TxnIDPrinted = strings.Contains(ue.Error(), "rec-1")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Submit = %v, %v (-want +got):\n%s", res, err, diff)
			}
		})
	}
}

func isSyntaxError(err error) bool {
	var se *monitoring.SyntaxError
	return errors.As(err, &se)
}

func isServerError(err error) bool { return errors.Is(err, monitoring.ErrServer) }
func isDuplicate(err error) bool   { return errors.Is(err, monitoring.ErrDuplicate) }
func isRateLimited(err error) bool { return errors.Is(err, monitoring.ErrRateLimited) }
