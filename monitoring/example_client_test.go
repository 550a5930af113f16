package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// fixture starts a fake, a client for it and one stored withdrawal.
func fixture(opts ...monitoringtest.Option) (*monitoringtest.Server, *monitoring.Client, *monitoring.Result) {
	srv := monitoringtest.NewServer(nil, opts...)
	client, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "5000", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		Build()
	if err != nil {
		panic(err)
	}
	res, err := client.Submit(context.Background(), txn)
	if err != nil {
		panic(err)
	}
	return srv, client, res
}

func ExampleNew() {
	client, err := monitoring.New(
		monitoring.WithAppToken("sbx:your-app-token", "your-secret-key"),
		monitoring.WithRateLimit(25, 5*time.Second), // two replicas share the token's 50 per 5 s
	)
	fmt.Println(client, err)

	_, err = monitoring.New()
	fmt.Println(errors.Is(err, monitoring.ErrConfig))
	// Output:
	// monitoring.Client(https://api.sumsub.com) <nil>
	// true
}

func ExampleClient_Submit() {
	srv := monitoringtest.NewServer(nil, monitoringtest.WithRule(monitoringtest.HoldAbove("1000")))
	defer srv.Close()
	client, _ := srv.NewClient()

	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "5000", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := client.Submit(context.Background(), txn, monitoring.WithLevelName("basic-kyc-level"))
	if err != nil {
		fmt.Println(err)
		return
	}
	// On hold: a compliance officer decides; the withdrawal waits.
	fmt.Println(res.Status(), res.Score, res.ScoringResult.MatchedRules[0].Name)

	// The same txnId again is a caller error.
	_, err = client.Submit(context.Background(), txn)
	fmt.Println(errors.Is(err, monitoring.ErrDuplicate))
	// Output:
	// onHold 50 hold-above-1000
	// true
}

func ExampleClient_Submit_validation() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	txn := &monitoring.Transaction{
		TxnID:     "wd-1",
		Type:      monitoring.TypeFinance,
		Applicant: &monitoring.Participant{ExternalUserID: "user-42"},
		Info:      &monitoring.Info{Direction: monitoring.Out, Amount: monitoring.QuotedNumber("ten")},
	}
	_, err := client.Submit(context.Background(), txn)
	var ve *monitoring.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p)
		}
	}
	fmt.Println("requests sent:", srv.Stats().Requests)
	// Output:
	// applicant.fullName: required
	// info.amount: must be a JSON decimal number
	// info.currencyCode: required
	// requests sent: 0
}

func ExampleClient_SubmitForApplicant() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()
	applicantID := srv.AddApplicant("user-42") // known to Sumsub after KYC

	txn, _ := monitoring.NewCryptoDeposit("dep-7", "0.015", "BTC").
		Applicant(&monitoring.Participant{ExternalUserID: "user-42"}).
		Build()
	res, err := client.SubmitForApplicant(context.Background(), applicantID, txn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ApplicantID == applicantID, res.Answer())
	// Output:
	// true GREEN
}

func ExampleClient_Get() {
	srv, client, stored := fixture()
	defer srv.Close()
	res, err := client.Get(context.Background(), stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.TxnID(), res.Data.Info.Amount, res.Data.Info.CurrencyCode)

	_, err = client.Get(context.Background(), "65f0c0de00000000000000ff")
	fmt.Println(errors.Is(err, monitoring.ErrNotFound))
	// Output:
	// wd-1001 5000 USDT
	// true
}

func ExampleClient_GetByTxnID() {
	srv, client, stored := fixture()
	defer srv.Close()
	res, err := client.GetByTxnID(context.Background(), "wd-1001")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ID == stored.ID)
	// Output:
	// true
}

func ExampleClient_Approve() {
	srv, client, stored := fixture(monitoringtest.WithRule(monitoringtest.HoldAbove("1000")))
	defer srv.Close()
	fmt.Println(stored.Status())
	res, err := client.Approve(context.Background(), stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Status(), res.Answer())
	// Output:
	// onHold
	// completed GREEN
}

func ExampleClient_Reject() {
	srv, client, stored := fixture(monitoringtest.WithRule(monitoringtest.HoldAbove("1000")))
	defer srv.Close()
	res, err := client.Reject(context.Background(), stored.ID, []string{"INCONSISTENT_PROFILE"}, "Source of funds unclear.")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Answer(), res.Review.ReviewResult.ReviewRejectType, res.Review.ReviewResult.RejectLabels)
	// Output:
	// RED FINAL [INCONSISTENT_PROFILE]
}

func ExampleClient_Rescore() {
	srv, client, stored := fixture()
	defer srv.Close()
	res, err := client.Rescore(context.Background(), stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ScoringResult.Action, res.Score)
	// Output:
	// score 0
}

func ExampleClient_SetProps() {
	srv, client, stored := fixture()
	defer srv.Close()
	res, err := client.SetProps(context.Background(), &monitoring.PropsRequest{
		ID:  stored.ID,
		Set: map[string]string{"dailyOutLimit": "30000"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := res.Data.Props.Get("dailyOutLimit")
	fmt.Println(v)
	// Output:
	// 30000
}

func ExampleClient_Delete() {
	srv, client, stored := fixture()
	defer srv.Close()
	fmt.Println(client.Delete(context.Background(), stored.ID))
	_, err := client.Get(context.Background(), stored.ID)
	fmt.Println(errors.Is(err, monitoring.ErrNotFound))
	// Output:
	// <nil>
	// true
}

func ExampleClient_AddNote() {
	srv, client, stored := fixture()
	defer srv.Close()
	note, err := client.AddNote(context.Background(), &monitoring.NoteRequest{
		ID:   stored.ID,
		Note: "Customer called to confirm.",
		Tags: []string{"verified"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(note.Note, note.Tags)
	// Output:
	// Customer called to confirm. [verified]
}

func ExampleClient_Notes() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()
	_, _ = client.AddNote(ctx, &monitoring.NoteRequest{ID: stored.ID, Note: "first"})
	_, _ = client.AddNote(ctx, &monitoring.NoteRequest{ID: stored.ID, Note: "second"})
	notes, err := client.Notes(ctx, stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range notes {
		fmt.Println(n.Note)
	}
	// Output:
	// first
	// second
}

func ExampleClient_EditNote() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()
	note, _ := client.AddNote(ctx, &monitoring.NoteRequest{ID: stored.ID, Note: "draft"})
	edited, err := client.EditNote(ctx, &monitoring.NoteRequest{
		ID:     stored.ID,
		NoteID: note.ID,
		Note:   "final",
		Tags:   []string{"reviewed"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(edited.Note, edited.Tags)
	// Output:
	// final [reviewed]
}

func ExampleClient_RemoveNote() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()
	note, _ := client.AddNote(ctx, &monitoring.NoteRequest{ID: stored.ID, Note: "temporary"})
	fmt.Println(client.RemoveNote(ctx, &monitoring.NoteRequest{ID: stored.ID, NoteID: note.ID}))
	notes, _ := client.Notes(ctx, stored.ID)
	fmt.Println(len(notes))
	// Output:
	// <nil>
	// 0
}

func ExampleClient_AddTags() {
	srv, client, stored := fixture()
	defer srv.Close()
	fmt.Println(client.AddTags(context.Background(), stored.ID, "Structuring", "Anomaly med"))
	// Output:
	// <nil>
}

func ExampleClient_Tags() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()
	_ = client.AddTags(ctx, stored.ID, "Structuring", "Bonus abuse")
	tags, err := client.Tags(ctx, stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tags {
		fmt.Println(t.Label, t.Type)
	}
	// Output:
	// Structuring userDefined
	// Bonus abuse userDefined
}

func ExampleClient_RemoveTags() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()
	_ = client.AddTags(ctx, stored.ID, "Structuring", "Anomaly med")
	left, err := client.RemoveTags(ctx, stored.ID, "Structuring", "unknown tag")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(left[0].Label, len(left))
	// Output:
	// Anomaly med 1
}

func ExampleClient_Import() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, _ := srv.NewClient()

	var records []monitoring.ImportRecord
	for _, id := range []string{"hist-1", "hist-2"} {
		txn, _ := monitoring.NewFiatPayment(monitoring.TxnID(id), monitoring.In, "100", "EUR").
			Applicant(monitoring.NewPerson("user-42", "Alice Example")).
			Build()
		records = append(records, monitoring.ImportRecord{Data: txn})
	}
	res, err := client.Import(context.Background(), records, monitoring.ImportOptions{IgnoreErrors: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	// A second import of the same records creates nothing: duplicates are ignored.
	again, _ := client.Import(context.Background(), records, monitoring.ImportOptions{})
	fmt.Println(res.Created, again.Created)
	// Output:
	// 2 0
}

func ExampleMeta() {
	srv, client, stored := fixture()
	defer srv.Close()
	res, err := client.Get(context.Background(), stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Quote Meta.RequestID to Sumsub support when it is set (the fake
	// sends none).
	fmt.Println(res.Meta.HTTPStatus, res.Meta.Attempts)
	// Output:
	// 200 1
}

func ExampleTxnID() {
	srv, client, stored := fixture()
	defer srv.Close()
	ctx := context.Background()

	// Sumsub's id comes back in Result.ID and goes to Get, Approve, …
	res, err := client.Get(ctx, stored.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Our own id, kept as a plain string in our database, is converted:
	// client.Get(ctx, monitoring.TxnID(ours)) would not compile.
	ours := "wd-1001"
	byOurs, err := client.GetByTxnID(ctx, monitoring.TxnID(ours))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.ID == byOurs.ID, byOurs.TxnID())
	// Output:
	// true wd-1001
}
