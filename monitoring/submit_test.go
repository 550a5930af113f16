package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// withdrawal builds a valid crypto withdrawal for a new applicant.
func withdrawal(t testing.TB, txnID, amount string) *monitoring.Transaction {
	t.Helper()
	txn, err := monitoring.NewCryptoWithdrawal(monitoring.TxnID(txnID), amount, "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-"+txnID, "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		Build()
	if err != nil {
		t.Fatal(err)
	}
	return txn
}

func newClient(t testing.TB, srv *monitoringtest.Server, opts ...monitoring.Option) *monitoring.Client {
	t.Helper()
	c, err := srv.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSubmitStoresAndScores(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t,
		monitoringtest.WithRule(monitoringtest.HoldAbove("1000")),
		monitoringtest.WithRule(monitoringtest.RejectAbove("100000")),
	)
	c := newClient(t, srv)
	ctx := context.Background()
	tests := []struct {
		amount     string
		wantStatus monitoring.ReviewStatus
		wantAnswer monitoring.ReviewAnswer
	}{
		{"250.5", monitoring.StatusCompleted, monitoring.Green},
		{"5000", monitoring.StatusOnHold, ""},
		{"250000.000001", monitoring.StatusCompleted, monitoring.Red},
	}
	for i, tt := range tests {
		res, err := c.Submit(ctx, withdrawal(t, fmt.Sprintf("wd-%d", i), tt.amount), monitoring.WithLevelName("basic kyc+level"))
		if err != nil {
			t.Fatalf("Submit(%s): %v", tt.amount, err)
		}
		got := []any{res.Status(), res.Answer(), res.Replayed, res.Data.Info.Amount.String()}
		want := []any{tt.wantStatus, tt.wantAnswer, false, tt.amount}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Submit(%s) (-want +got):\n%s", tt.amount, diff)
		}
	}
	if got := srv.Stats().Stored; got != len(tests) {
		t.Errorf("stored %d, want %d", got, len(tests))
	}
}

func TestSubmitDuplicateIsAnError(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.Submit(ctx, withdrawal(t, "dup-1", "1")); err != nil {
		t.Fatal(err)
	}
	_, err := c.Submit(ctx, withdrawal(t, "dup-1", "1"))
	var apiErr *monitoring.APIError
	if !errors.Is(err, monitoring.ErrDuplicate) || !errors.As(err, &apiErr) {
		t.Fatalf("second Submit: err = %v, want an *APIError matching ErrDuplicate", err)
	}
	if apiErr.HTTPStatus != 409 || apiErr.Message != "Entity already exists" || apiErr.RequestID == "" {
		t.Errorf("APIError = %+v", apiErr)
	}
}

func TestSubmitReplayAfterDrop(t *testing.T) {
	t.Parallel()
	// Every submit is stored and then the connection drops: the retry
	// meets 409 and the client returns the stored transaction.
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{
		Kind:  fakefault.Drop,
		Every: 2,
		Match: monitoringtest.IsSubmit,
	}))
	c := newClient(t, srv)
	ctx := context.Background()
	// Request 1 goes through; request 2 (the next submit) is dropped.
	if _, err := c.Submit(ctx, withdrawal(t, "r-0", "1")); err != nil {
		t.Fatal(err)
	}
	res, err := c.Submit(ctx, withdrawal(t, "r-1", "2"))
	if err != nil {
		t.Fatalf("Submit after drop: %v", err)
	}
	if !res.Replayed || res.TxnID() != "r-1" || res.ID == "" {
		t.Errorf("result = replayed %v txnId %q id %q, want a replayed r-1", res.Replayed, res.TxnID(), res.ID)
	}
	st := srv.Stats()
	if st.Stored != 2 || st.Duplicates != 1 || st.Faults[fakefault.Drop] != 1 {
		t.Errorf("stats = %+v, want 2 stored, 1 duplicate, 1 drop", st)
	}
}

// TestSubmitManyWithFaults submits 1,000 transactions (250 under the race
// detector, which makes each round trip ten times slower) through drops
// after storing, 5xx and 429s, and checks the fake stored each txnId
// exactly once while the client reported every one as submitted.
func TestSubmitManyWithFaults(t *testing.T) {
	t.Parallel()
	n := 1000
	if raceEnabled {
		n = 250
	}
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(
		fakefault.Fault{Kind: fakefault.Drop, Every: 7, Match: monitoringtest.IsSubmit},
		fakefault.Fault{Kind: fakefault.ServerError, Every: 11, Match: monitoringtest.IsSubmit},
		fakefault.Fault{Kind: fakefault.TooManyRequests, Every: 13, RetryAfter: time.Second, Match: monitoringtest.IsSubmit},
	))
	c := newClient(t, srv,
		monitoring.WithRetry(8, 100*time.Microsecond, time.Millisecond),
		monitoring.WithRetryAfterCap(time.Millisecond),
		monitoring.WithRetryBudget(n),
	)
	ctx := context.Background()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failed   []string
		replayed int
	)
	txns := make([]*monitoring.Transaction, n)
	for i := range txns {
		txns[i] = withdrawal(t, fmt.Sprintf("bulk-%04d", i), "1")
	}
	sem := make(chan struct{}, 8)
	for i := 0; i < n; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			id := txns[i].TxnID
			res, err := c.Submit(ctx, txns[i])
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				failed = append(failed, fmt.Sprintf("%s: %v", id, err))
			case res.TxnID() != id:
				failed = append(failed, fmt.Sprintf("%s: got %s", id, res.TxnID()))
			case res.Replayed:
				replayed++
			}
		}(i)
	}
	wg.Wait()
	if len(failed) > 0 {
		t.Fatalf("%d submits not reported as submitted, e.g. %s", len(failed), failed[0])
	}
	seen := map[string]int{}
	for _, r := range srv.Transactions() {
		seen[string(r.TxnID())]++
	}
	for i := 0; i < n; i++ {
		if id := fmt.Sprintf("bulk-%04d", i); seen[id] != 1 {
			t.Errorf("%s stored %d times, want 1", id, seen[id])
		}
	}
	st := srv.Stats()
	if len(seen) != n || st.Stored != n {
		t.Errorf("stored %d distinct / %d total, want %d", len(seen), st.Stored, n)
	}
	if st.Faults[fakefault.Drop] == 0 || st.Faults[fakefault.ServerError] == 0 || st.Faults[fakefault.TooManyRequests] == 0 {
		t.Errorf("faults injected = %v, want all three kinds", st.Faults)
	}
	// A dropped first attempt is replayed; a retry can itself be dropped,
	// so there are at most as many replays as drops.
	if replayed == 0 || replayed > st.Faults[fakefault.Drop] {
		t.Errorf("replayed %d, want between 1 and the %d drops", replayed, st.Faults[fakefault.Drop])
	}
	t.Logf("stats %+v, replayed %d", st, replayed)
}

func TestRetriedSubmitDoesNotClaimAnotherTransaction(t *testing.T) {
	t.Parallel()
	var armed atomic.Bool
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{
		Kind: fakefault.ServerError, Every: 1,
		Match: func(r *http.Request) bool { return monitoringtest.IsSubmit(r) && armed.CompareAndSwap(true, false) },
	}))
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.Submit(ctx, withdrawal(t, "taken", "1")); err != nil {
		t.Fatal(err)
	}
	// The next submit's first attempt gets a 503, so its 409 could be our
	// own earlier attempt; but the stored amount differs: a real duplicate.
	armed.Store(true)
	_, err := c.Submit(ctx, withdrawal(t, "taken", "2"))
	if !errors.Is(err, monitoring.ErrDuplicate) {
		t.Errorf("err = %v, want ErrDuplicate", err)
	}
	// The same transaction under the same conditions is a replay (250.0 vs 250.00 compare equal).
	armed.Store(true)
	res, err := c.Submit(ctx, withdrawal(t, "taken", "1.00"))
	if err != nil || !res.Replayed {
		t.Errorf("Submit = %v, %v; want a replayed result", res, err)
	}
}
