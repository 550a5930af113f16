package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

func ExampleVerifyWebhook() {
	body := []byte(`{"type":"applicantKytTxnApproved","kytTxnId":"66335d9a243caf315d8c36ef"}`)
	header := http.Header{}
	header.Set("X-Payload-Digest-Alg", "HMAC_SHA512_HEX")
	header.Set("X-Payload-Digest", "not-the-digest")
	fmt.Println(errors.Is(monitoring.VerifyWebhook(body, header, "webhook-secret"), monitoring.ErrWebhookSignature))

	// Sumsub's published vector (SHA-1).
	header.Set("X-Payload-Digest-Alg", "HMAC_SHA1_HEX")
	header.Set("X-Payload-Digest", "f6e92ffe371718694d46e28436f76589312df8db")
	fmt.Println(monitoring.VerifyWebhook([]byte("someText"), header, "SoMe_SeCrEt_KeY"))
	// Output:
	// true
	// <nil>
}

func ExampleParseWebhook() {
	ev, err := monitoring.ParseWebhook([]byte(`{
	  "applicantId": "634829375766b80001a40152",
	  "applicantType": "individual",
	  "correlationId": "f24f66160202450a9d2ad8a2a2b5e7b1",
	  "sandboxMode": true,
	  "externalUserId": "user-42",
	  "type": "applicantKytTxnApproved",
	  "reviewResult": {"reviewAnswer": "GREEN"},
	  "reviewStatus": "completed",
	  "createdAtMs": "2024-05-02 09:31:06.123",
	  "kytTxnId": "66335d9a243caf315d8c36ef",
	  "kytDataTxnId": "wd-1001",
	  "kytTxnType": "finance"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	created, _ := ev.Created()
	fmt.Println(ev.Type, ev.KytDataTxnID, ev.Answer(), created.UnixMilli()%1000)
	// Output:
	// applicantKytTxnApproved wd-1001 GREEN 123
}

func ExampleWebhookHandler() {
	const secret = "webhook-secret"
	var seen []string
	handler, err := monitoring.WebhookHandler(secret, func(ctx context.Context, ev *monitoring.WebhookEvent) error {
		seen = append(seen, fmt.Sprint(ev.Type, " ", ev.KytDataTxnID, " ", ev.ReviewStatus))
		return nil
	})
	if err != nil { // an empty secret or a nil callback
		fmt.Println(err)
		return
	}

	// The fake signs and delivers webhooks to the handler.
	srv := monitoringtest.NewServer(nil, monitoringtest.WithWebhookHandler(handler, secret, monitoring.HMACSHA512Hex))
	defer srv.Close()
	client, _ := srv.NewClient()
	txn, _ := monitoring.NewSignup("signup-1").Applicant(monitoring.NewPerson("user-42", "Alice Example")).Build()
	if _, err := client.Submit(context.Background(), txn); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range seen {
		fmt.Println(s)
	}
	for _, d := range srv.Deliveries() {
		fmt.Println(d.StatusCode)
	}
	// Output:
	// applicantKytTxnCreated signup-1 init
	// applicantKytTxnApproved signup-1 completed
	// 200
	// 200
}
