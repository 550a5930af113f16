package monitoringtest_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

func ExampleNewServer() {
	srv := monitoringtest.NewServer(nil, // pass t in a test
		monitoringtest.WithRule(monitoringtest.HoldAbove("10000")),
		monitoringtest.WithRule(monitoringtest.RejectWallet("bc1qsanctioned0000000000000000000000000")),
	)
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tc := range []struct{ id, amount, wallet string }{
		{"wd-1", "100", "bc1qfine00000000000000000000000000000000"},
		{"wd-2", "25000", "bc1qfine00000000000000000000000000000000"},
		{"wd-3", "100", "bc1qsanctioned0000000000000000000000000"},
	} {
		txn, _ := monitoring.NewCryptoWithdrawal(monitoring.TxnID(tc.id), tc.amount, "BTC").
			Applicant(monitoring.NewPerson("user-42", "Alice Example")).
			CounterpartyWallet(tc.wallet).
			Build()
		res, err := client.Submit(context.Background(), txn)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(strings.TrimSpace(fmt.Sprint(tc.id, " ", res.Status(), " ", res.Answer())))
	}
	fmt.Println(len(srv.Transactions()), "stored")
	// Output:
	// wd-1 completed GREEN
	// wd-2 onHold
	// wd-3 completed RED
	// 3 stored
}

func ExampleWithFaults() {
	// Every second submit attempt is stored, then the connection drops
	// before the answer: the client's retry meets 409 and returns the
	// stored record. Every third attempt is refused with 429 first. The
	// schedules count attempts, retries included, so runs are repeatable.
	srv := monitoringtest.NewServer(nil, monitoringtest.WithFaults(
		fakefault.Fault{Kind: fakefault.Drop, Every: 2, Match: monitoringtest.IsSubmit},
		fakefault.Fault{Kind: fakefault.TooManyRequests, Every: 3, RetryAfter: time.Second, Match: monitoringtest.IsSubmit},
	))
	defer srv.Close()
	client, _ := srv.NewClient()
	for _, id := range []string{"a", "b", "c"} {
		txn, _ := monitoring.NewKYC(monitoring.TxnID(id), nil).Applicant(monitoring.NewPerson("u-"+id, "Someone")).Build()
		res, err := client.Submit(context.Background(), txn)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(res.TxnID(), "replayed:", res.Replayed)
	}
	st := srv.Stats()
	fmt.Println("stored:", st.Stored, "drops:", st.Faults[fakefault.Drop], "429s:", st.Faults[fakefault.TooManyRequests])
	// Output:
	// a replayed: false
	// b replayed: true
	// c replayed: true
	// stored: 3 drops: 3 429s: 1
}

func ExampleWithWebhookHandler() {
	const secret = "webhook-secret"
	received := 0
	h, err := monitoring.WebhookHandler(secret, func(_ context.Context, ev *monitoring.WebhookEvent) error {
		received++
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := monitoringtest.NewServer(nil, monitoringtest.WithWebhookHandler(h, secret, monitoring.HMACSHA256Hex))
	defer srv.Close()
	client, _ := srv.NewClient()
	txn, _ := monitoring.NewLogin("login-1").Applicant(monitoring.NewPerson("u", "Someone")).Build()
	_, _ = client.Submit(context.Background(), txn)
	for _, d := range srv.Deliveries() {
		fmt.Println(d.Event.Type, d.StatusCode)
	}
	fmt.Println(received)
	// Output:
	// applicantKytTxnCreated 200
	// applicantKytTxnApproved 200
	// 2
}

func ExampleServer_Requests() {
	// An applicant Sumsub knows, by its id, as after KYC.
	srv := monitoringtest.NewServer(nil, monitoringtest.WithApplicant("631f268442d8290001e1eee9", "user-42"))
	defer srv.Close()
	client, _ := srv.NewClient()

	// Sumsub's own example names the applicant by id only.
	txn, _ := monitoring.NewFiatPayment("pay-1", monitoring.Out, "101.42", "GBP").
		Applicant(&monitoring.Participant{}).Build()
	res, err := client.SubmitForApplicant(context.Background(), "631f268442d8290001e1eee9", txn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ExternalUserID)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
		fmt.Println(string(r.Body))
	}
	// Output:
	// user-42
	// POST /resources/applicants/631f268442d8290001e1eee9/kyt/txns/-/data 200
	// {"txnId":"pay-1","type":"finance","info":{"direction":"out","amount":101.42,"currencyCode":"GBP","currencyType":"fiat"},"applicant":{}}
}
