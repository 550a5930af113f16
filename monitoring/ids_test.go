package monitoring_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

var (
	typeTransactionID = reflect.TypeFor[monitoring.TransactionID]()
	typeTxnID         = reflect.TypeFor[monitoring.TxnID]()
)

// Every Client method that names a transaction or an applicant takes the
// id type of what it names, so Get(ctx, txn.TxnID) does not compile.
func TestClientMethodIDTypes(t *testing.T) {
	t.Parallel()
	client := reflect.TypeFor[*monitoring.Client]()
	tests := []struct {
		method string
		want   reflect.Type // type of the argument after ctx
	}{
		{"Get", typeTransactionID},
		{"GetByTxnID", typeTxnID},
		{"Approve", typeTransactionID},
		{"Reject", typeTransactionID},
		{"Rescore", typeTransactionID},
		{"Delete", typeTransactionID},
		{"Notes", typeTransactionID},
		{"Tags", typeTransactionID},
		{"AddTags", typeTransactionID},
		{"RemoveTags", typeTransactionID},
		{"PatchChainTxID", typeTransactionID},
		{"ConfirmOwnership", typeTransactionID},
		{"RejectOwnership", typeTransactionID},
		{"AttachBeneficiary", typeTransactionID},
		{"SetApplicantWalletAddress", typeTransactionID},
	}
	for _, tt := range tests {
		m, ok := client.MethodByName(tt.method)
		if !ok {
			t.Errorf("no method %s", tt.method)
			continue
		}
		// In(0) is the receiver, In(1) the context.
		if got := m.Type.In(2); got != tt.want {
			t.Errorf("%s takes %v, want %v", tt.method, got, tt.want)
		}
	}
}

// The fields that hold these ids have the same types, so an id read from
// one is passed to the call that takes it without a conversion.
func TestFieldIDTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ   reflect.Type
		field string
		want  reflect.Type
	}{
		{reflect.TypeFor[monitoring.Result](), "ID", typeTransactionID},
		{reflect.TypeFor[monitoring.Transaction](), "TxnID", typeTxnID},
		{reflect.TypeFor[monitoring.WebhookEvent](), "KytTxnID", typeTransactionID},
		{reflect.TypeFor[monitoring.WebhookEvent](), "KytDataTxnID", typeTxnID},
		{reflect.TypeFor[monitoring.Note](), "TxnID", typeTransactionID},
		{reflect.TypeFor[monitoring.NoteRequest](), "ID", typeTransactionID},
		{reflect.TypeFor[monitoring.PropsRequest](), "ID", typeTransactionID},
		{reflect.TypeFor[monitoring.OutcomeUnknownError](), "TxnID", typeTxnID},
	}
	for _, tt := range tests {
		f, ok := tt.typ.FieldByName(tt.field)
		if !ok {
			t.Errorf("%v has no field %s", tt.typ, tt.field)
			continue
		}
		if f.Type != tt.want {
			t.Errorf("%v.%s is %v, want %v", tt.typ, tt.field, f.Type, tt.want)
		}
	}
	if m, _ := reflect.TypeFor[*monitoring.Result]().MethodByName("TxnID"); m.Type.Out(0) != typeTxnID {
		t.Errorf("Result.TxnID returns %v, want %v", m.Type.Out(0), typeTxnID)
	}
}

// No id type is assignable to another, nor a string variable to any.
func TestIDTypesDistinct(t *testing.T) {
	t.Parallel()
	types := []reflect.Type{typeTransactionID, typeTxnID, reflect.TypeFor[string]()}
	for _, from := range types {
		for _, to := range types {
			if from != to && from.AssignableTo(to) {
				t.Errorf("%v is assignable to %v", from, to)
			}
		}
	}
}

// The ids flow from one call's answer into the next call without a
// conversion: Result.ID into Get, Result.TxnID() and Transaction.TxnID into
// GetByTxnID, Result.ApplicantID into SubmitForApplicant.
func TestIDsFlowBetweenCalls(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	client, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	build := func(id monitoring.TxnID) *monitoring.Transaction {
		txn, err := monitoring.NewCryptoWithdrawal(id, "1", "BTC").
			Applicant(monitoring.NewPerson("user-42", "Alice Example")).
			CounterpartyWallet("bc1q080rkmk3kj86pxvf5nkxecdrw6nrx3zzy9xl7q").Build()
		if err != nil {
			t.Fatal(err)
		}
		return txn
	}
	txn := build("ids-1")
	res, err := client.Submit(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	byID, err := client.Get(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	byTxnID, err := client.GetByTxnID(ctx, txn.TxnID)
	if err != nil {
		t.Fatal(err)
	}
	again, err := client.GetByTxnID(ctx, res.TxnID())
	if err != nil {
		t.Fatal(err)
	}
	second, err := client.SubmitForApplicant(ctx, res.ApplicantID, build("ids-2"))
	if err != nil {
		t.Fatal(err)
	}
	type ids struct {
		ID          monitoring.TransactionID
		TxnID       monitoring.TxnID
		ApplicantID string
	}
	of := func(r *monitoring.Result) ids { return ids{r.ID, r.TxnID(), r.ApplicantID} }
	want := []ids{of(res), of(res), of(res), {second.ID, "ids-2", res.ApplicantID}}
	got := []ids{of(byID), of(byTxnID), of(again), of(second)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if res.ID == "" || string(res.ID) == string(txn.TxnID) || second.ID == res.ID {
		t.Errorf("ids not distinct: %q %q %q", res.ID, txn.TxnID, second.ID)
	}
}
