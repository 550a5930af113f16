package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// A submit whose answer is lost, while reading it back fails too, ends in
// an *OutcomeUnknownError: the transaction may be stored. GetByTxnID
// tells, once Sumsub answers again.
func ExampleOutcomeUnknownError() {
	var outage atomic.Bool
	outage.Store(true)
	srv := monitoringtest.NewServer(nil, monitoringtest.WithFaults(
		// The submit is stored, then the connection drops unanswered …
		fakefault.Fault{Kind: fakefault.Drop, Every: 1,
			Match: func(r *http.Request) bool { return monitoringtest.IsSubmit(r) && outage.Load() }},
		// … and every read meets a 503 while the outage lasts.
		fakefault.Fault{Kind: fakefault.ServerError, Every: 1,
			Match: func(r *http.Request) bool { return !monitoringtest.IsSubmit(r) && outage.Load() }},
	))
	defer srv.Close()
	client, _ := srv.NewClient(monitoring.WithRetry(0, 0, 0))

	txn, _ := monitoring.NewCryptoWithdrawal("wd-2002", "120", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		Build()
	_, err := client.Submit(context.Background(), txn)
	var unknown *monitoring.OutcomeUnknownError
	if errors.As(err, &unknown) {
		fmt.Println(errors.Is(err, monitoring.ErrOutcomeUnknown), monitoring.MaybeSent(err), unknown.TxnID)
	}

	// Later, Sumsub answers again: the transaction was stored.
	outage.Store(false)
	res, err := client.GetByTxnID(context.Background(), unknown.TxnID)
	fmt.Println(res.TxnID(), err)
	// Output:
	// true true wd-2002
	// wd-2002 <nil>
}
