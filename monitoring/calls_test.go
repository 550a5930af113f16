package monitoring_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// storeFindable stores four transactions for Find.
func storeFindable(t *testing.T, c *monitoring.Client) {
	t.Helper()
	day := time.Date(2025, 10, 7, 12, 0, 0, 0, time.UTC)
	for i, b := range []*monitoring.Builder{
		monitoring.NewCryptoDeposit("f-1", "0.5", "BTC").ChainTxID("hash;with/odd chars").Date(day),
		monitoring.NewCryptoWithdrawal("f-2", "1.5", "USDT").Chain("TRX").Date(day.Add(24 * time.Hour)),
		monitoring.NewTravelRule("f-3", monitoring.Out, "2", "ETH").Counterparty(monitoring.NewPerson("cp", "B")).Date(day.Add(48 * time.Hour)),
		monitoring.NewLogin("f-4").Date(day.Add(72 * time.Hour)),
	} {
		txn, err := b.Applicant(monitoring.NewPerson(fmt.Sprint("u-", i), "A")).Build()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Submit(context.Background(), txn); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	var logs logBuffer
	c, err := srv.NewClient(monitoring.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	storeFindable(t, c)
	day := time.Date(2025, 10, 7, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		q     monitoring.Query
		want  []string
		total int
	}{
		{"all", monitoring.Query{}, []string{"f-1", "f-2", "f-3", "f-4"}, 4},
		{"by type", monitoring.Query{Filters: []monitoring.Filter{monitoring.ByType(monitoring.TypeFinance)}}, []string{"f-1", "f-2"}, 2},
		{"by hash with reserved characters", monitoring.Query{Filters: []monitoring.Filter{monitoring.ByPaymentTxnID("hash;with/odd chars")}}, []string{"f-1"}, 1},
		{"by direction and currency", monitoring.Query{Filters: []monitoring.Filter{monitoring.ByDirection(monitoring.Out), monitoring.ByCurrency("USDT"), monitoring.ByCryptoChain("TRX")}}, []string{"f-2"}, 1},
		{"date range", monitoring.Query{Filters: []monitoring.Filter{monitoring.TxnDateFrom(day.Add(time.Hour)), monitoring.TxnDateTo(day.Add(49 * time.Hour))}}, []string{"f-2", "f-3"}, 2},
		{"amount at least", monitoring.Query{Filters: []monitoring.Filter{{Path: "data.info.amount__gte", Value: "1.5"}}}, []string{"f-2", "f-3"}, 2},
		{"newest first, limited", monitoring.Query{Order: "-createdAt", Limit: 2}, []string{"f-4", "f-3"}, 4},
		{"none", monitoring.Query{Filters: []monitoring.Filter{monitoring.ByApplicantAccount("nobody")}}, []string{}, 0},
	}
	for _, tt := range tests {
		res, err := c.Find(context.Background(), tt.q)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := []string{}
		for _, r := range res.Items {
			got = append(got, string(r.TxnID()))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" || res.TotalItems != tt.total {
			t.Errorf("%s: total %d (want %d); txnIds (-want +got):\n%s", tt.name, res.TotalItems, tt.total, diff)
		}
	}
	// The filters travel as matrix parameters, each value escaped as one
	// path segment (the date as Sumsub documents it), and the query
	// carries order and limit.
	var uris []string
	for _, r := range srv.Requests() {
		if strings.HasPrefix(r.Path, "/resources/kyt/txns/query/") {
			uris = append(uris, uriOf(r))
		}
	}
	for _, want := range []string{
		"/resources/kyt/txns/query/-",
		"/resources/kyt/txns/query/-;data.type=finance",
		"/resources/kyt/txns/query/-;data.info.paymentTxnId=hash%3Bwith%2Fodd%20chars",
		"/resources/kyt/txns/query/-;data.txnDate__gte=2025-10-07%2013:00:00;data.txnDate__lte=2025-10-09%2013:00:00",
		"/resources/kyt/txns/query/-?limit=2&order=-createdAt",
	} {
		if !slices.Contains(uris, want) {
			t.Errorf("no request to %s among %q", want, uris)
		}
	}
	// Logs show the filter values as "*".
	if l := logs.String(); strings.Contains(l, "hash") || !strings.Contains(l, `path="/resources/kyt/txns/query/-;data.info.paymentTxnId=*"`) {
		t.Errorf("logs show a filter value, or not the masked path:\n%s", l)
	}
}

// Find reads each list shape Sumsub uses.
func TestFindAnswerShapes(t *testing.T) {
	t.Parallel()
	item := `{"id":"` + sumsubID + `","data":{"txnId":"x-1"}}`
	for _, body := range []string{
		`[` + item + `]`,
		`{"items":[` + item + `],"totalItems":7}`,
		`{"list":{"items":[` + item + `],"totalItems":7}}`,
	} {
		c, _ := cannedClient(t, http.StatusOK, body)
		res, err := c.Find(context.Background(), monitoring.Query{})
		if err != nil || len(res.Items) != 1 || res.Items[0].TxnID() != "x-1" {
			t.Errorf("%s: %+v, %v", body, res, err)
		}
	}
	for _, body := range []string{`{"items":[{"data":{}}]}`, `{"items":{}}`, `{"list":{"list":{"items":[]}}}`, `{"items":[],"totalItems":-1}`, `"x"`} {
		c, _ := cannedClient(t, http.StatusOK, body)
		if _, err := c.Find(context.Background(), monitoring.Query{}); !errors.Is(err, monitoring.ErrMalformedResponse) {
			t.Errorf("%s: err = %v, want ErrMalformedResponse", body, err)
		}
	}
}

func TestVASPDirectory(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t,
		monitoringtest.WithVASP("65c0c0de0000000000000001", "Binance"),
		monitoringtest.WithVASP("65c0c0de0000000000000002", "Binance TR"),
		monitoringtest.WithVASP("65c0c0de0000000000000003", "Kraken"))
	c, _ := srv.NewClient()
	ctx := context.Background()
	tests := []struct {
		q     monitoring.VASPQuery
		want  []string
		total int
	}{
		{monitoring.VASPQuery{}, []string{"Sumsub Sandbox Test VASP", "Binance", "Binance TR", "Kraken"}, 4},
		{monitoring.VASPQuery{Search: "binance"}, []string{"Binance", "Binance TR"}, 2},
		{monitoring.VASPQuery{Search: "binance", Limit: 1, Offset: 1}, []string{"Binance TR"}, 2},
	}
	for _, tt := range tests {
		list, err := c.VASPs(ctx, tt.q)
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		var got []string
		for _, v := range list.Items {
			got = append(got, v.Name)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" || list.TotalItems != tt.total {
			t.Errorf("%+v: total %d; names (-want +got):\n%s", tt.q, list.TotalItems, diff)
		}
	}
	v, err := c.VASP(ctx, monitoringtest.SandboxTestVASP)
	if err != nil || v.ID != monitoringtest.SandboxTestVASP {
		t.Errorf("VASP = %+v, %v", v, err)
	}
	if _, err := c.VASP(ctx, "65c0c0de00000000000000ff"); !errors.Is(err, monitoring.ErrNotFound) {
		t.Errorf("unknown VASP: err = %v, want ErrNotFound", err)
	}
	want := []string{"/resources/vasps/-", "/resources/vasps/-?q=binance", "/resources/vasps/-?limit=1&offset=1&q=binance",
		"/resources/api/vasps/" + monitoringtest.SandboxTestVASP + "/one"}
	var got []string
	for _, r := range srv.Requests() {
		got = append(got, uriOf(r))
	}
	if diff := cmp.Diff(want, got[:4]); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestCurrencies(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithCurrency(monitoring.Crypto, "USDC", "SOL"))
	c, _ := srv.NewClient()
	crypto, err := c.Currencies(context.Background(), monitoring.Crypto)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, cur := range crypto {
		got = append(got, cur.CurrencyCode+"/"+cur.CryptoChain)
	}
	if diff := cmp.Diff([]string{"ETH/", "USDT/ETH", "USDT/TRX", "BTC/", "USDC/SOL"}, got); diff != "" {
		t.Errorf("crypto (-want +got):\n%s", diff)
	}
	all, err := c.Currencies(context.Background(), "")
	if err != nil || len(all) != len(crypto)+4 {
		t.Errorf("all currencies: %d, %v", len(all), err)
	}
	if _, err := c.Currencies(context.Background(), "metal"); !errors.Is(err, monitoring.ErrInvalidRequest) {
		t.Errorf("unknown type: err = %v, want the server's 400", err)
	}
	c2, _ := cannedClient(t, http.StatusOK, `[{"currencyCode":"BTC","cryptoChain":"","decimals":8}]`)
	cur, err := c2.Currencies(context.Background(), monitoring.Crypto)
	if err != nil || string(cur[0].Extra["decimals"]) != "8" {
		t.Errorf("unknown fields not kept: %+v, %v", cur, err)
	}
}

// The request body of Sumsub's "Initiate SDK for Travel Rule transaction"
// example, its // comment stripped.
const sdkInitExample = `{
  "userId": "n7v2lu8civ2j2vkau",
  "txnInfo": {
    "applicantWalletAddress" : "0x611Fb08528080848Dd3439242fdfg993d18ADd95dsd",
    "counterpartyWalletAddress" : "0x611Fb08528080848Dd3439242fdfg993d18ADd95dsd",
    "amount": 10,
    "currencyCode": "ETH",
    "cryptoChain" : "",
    "direction": "out"
  },
  "ttlInSecs": "1800",
  "levelName": "level-name"
}`

func TestInitTravelRuleSDK(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c, _ := srv.NewClient()
	var req monitoring.TravelRuleSDKRequest
	if err := json.Unmarshal([]byte(sdkInitExample), &req); err != nil {
		t.Fatal(err)
	}
	s, err := c.InitTravelRuleSDK(context.Background(), &req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Token, "_act-") || !strings.HasPrefix(s.Link, srv.URL) || s.TTLInSecs.String() != "1800" {
		t.Errorf("session %s / %s / %s", s.Token, s.Link, s.TTLInSecs)
	}
	body := sent(srv, "/resources/tr/sdk/init")
	if len(body) != 1 {
		t.Fatalf("%d inits sent", len(body))
	}
	if diff := cmp.Diff(canonical(t, []byte(sdkInitExample)), canonical(t, body[0])); diff != "" {
		t.Errorf("sent body differs from Sumsub's example (-want +got):\n%s", diff)
	}
	// The token and link never print.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, s); strings.Contains(out, s.Token) || strings.Contains(out, "websdk") {
			t.Errorf("Sprintf(%q) shows the token or link: %s", verb, out)
		}
	}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("session", "s", *s)
	if strings.Contains(logged.String(), s.Token) {
		t.Errorf("slog shows the token: %s", logged.String())
	}
	// Sumsub's documented 403 when the feature is off.
	off := monitoringtest.NewServer(t, monitoringtest.WithTravelRuleSDKDisabled())
	c2, _ := off.NewClient()
	_, err = c2.InitTravelRuleSDK(context.Background(), &req)
	var ae *monitoring.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 403 || ae.Message != "You don't have this feature enabled, please contact us" || !errors.Is(err, monitoring.ErrForbidden) {
		t.Errorf("feature off: err = %v", err)
	}
}

// The body of the "Import wallet addresses" request of Sumsub's Postman
// collection.
const walletImportExample = `[
    {
        "walletAddress": "1njrRcKQtfjjLuQ",
        "asset": "USDT",
        "chain": "ETH"
    },
    {
        "walletAddressHash": "04c4926a21184665ef890493cd3c67a919f868724fc44adb933b911234567890",
        "asset": "USDT",
        "chain": "ETH"
    }
]`

// The body of the "Add payment method" request of Sumsub's Postman
// collection.
const paymentMethodExample = `{
  "data": {
    "type": "bankAccount",
    "accountIdentifier": "XX00123456789012345678"
  },
  "institutionInfo": {
    "code": "BIC",
    "name": "Wells Fargo"
  },
  "externalId": "pmExtId"
}`

func TestWalletAddressBookAndPaymentMethods(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c, _ := srv.NewClient()
	ctx := context.Background()
	var addrs []monitoring.WalletAddress
	if err := json.Unmarshal([]byte(walletImportExample), &addrs); err != nil {
		t.Fatal(err)
	}
	res, err := c.ImportWalletAddresses(ctx, addrs)
	if err != nil || res.SuccessCount != 2 || res.ErrorCount != 0 {
		t.Fatalf("ImportWalletAddresses = %+v, %v", res, err)
	}
	body := sent(srv, "/resources/kyt/walletAddress/import")
	if diff := cmp.Diff(canonical(t, []byte(walletImportExample)), canonical(t, body[0])); diff != "" {
		t.Errorf("sent body differs from Sumsub's example (-want +got):\n%s", diff)
	}
	if got := srv.WalletAddresses(); len(got) != 2 {
		t.Errorf("wallet book %q", got)
	}

	applicant := srv.AddApplicant("user-42")
	var pm monitoring.ApplicantPaymentMethod
	if err := json.Unmarshal([]byte(paymentMethodExample), &pm); err != nil {
		t.Fatal(err)
	}
	stored, err := c.AddPaymentMethod(ctx, applicant, &pm)
	if err != nil || stored.ID == "" || stored.ExternalID != "pmExtId" || stored.Data.AccountIdentifier != "XX00123456789012345678" {
		t.Fatalf("AddPaymentMethod = %+v, %v", stored, err)
	}
	body = sent(srv, "/resources/applicants/")
	if diff := cmp.Diff(canonical(t, []byte(paymentMethodExample)), canonical(t, body[0])); diff != "" {
		t.Errorf("sent body differs from Sumsub's example (-want +got):\n%s", diff)
	}
	if got := srv.PaymentMethods(applicant); len(got) != 1 || got[0].ID != stored.ID {
		t.Errorf("PaymentMethods = %+v", got)
	}
	if _, err := c.AddPaymentMethod(ctx, "65a0c0de00000000000000ff", &pm); !errors.Is(err, monitoring.ErrNotFound) {
		t.Errorf("unknown applicant: err = %v, want ErrNotFound", err)
	}
	// Refused entries are counted, the others taken.
	res, err = c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{WalletAddress: "bc1qa"}, {Asset: "BTC", Extra: map[string]json.RawMessage{"walletAddress": json.RawMessage(`""`)}}})
	if err == nil {
		t.Errorf("an entry without an address was sent: %+v", res)
	}
}

// Registered wallets pre-answer inbound Travel Rule transfers, as Sumsub
// documents: the Wallet Address Book answers "is this wallet ours", an
// applicant payment method also "whose".
func TestRegisteredWalletsPreAnswerTravelRule(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c, _ := srv.NewClient()
	ctx := context.Background()
	if _, err := c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{WalletAddress: "bc1qbook"}}); err != nil {
		t.Fatal(err)
	}
	owner := srv.AddApplicant("user-7")
	if _, err := c.AddPaymentMethod(ctx, owner, &monitoring.ApplicantPaymentMethod{
		Data: &monitoring.PaymentMethodData{Type: monitoring.PaymentCryptoWallet, AccountIdentifier: "bc1qmine"}}); err != nil {
		t.Fatal(err)
	}
	inbound := func(id, wallet string) *monitoring.Result {
		txn, err := monitoring.NewTravelRule(monitoring.TxnID(id), monitoring.In, "1", "BTC").
			Applicant(monitoring.NewPerson("", "").WithWallet(wallet)).
			Counterparty(monitoring.NewPerson("sender", "S")).Build()
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.SubmitForApplicant(ctx, srv.AddApplicant("receiver"), txn)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	tests := []struct {
		wallet        string
		masking, need bool
		owner         string
	}{
		{"bc1qunknown", true, true, ""},
		{"bc1qbook", false, true, ""},
		{"bc1qmine", false, false, owner},
	}
	for i, tt := range tests {
		res := inbound(fmt.Sprint("in-", i), tt.wallet)
		if res.NeedMasking != tt.masking || res.TravelRuleInfo.NeedApplicantOwnershipConfirmation != tt.need ||
			(tt.owner != "" && res.ApplicantID != tt.owner) {
			t.Errorf("%s: needMasking %v, needOwnership %v, applicant %s", tt.wallet, res.NeedMasking,
				res.TravelRuleInfo.NeedApplicantOwnershipConfirmation, res.ApplicantID)
		}
	}
}

// Each new call's retry class: reads are retried after a 5xx; the writes
// Sumsub cannot deduplicate are not resent after a failure that may have
// reached it; ImportHistory, keyed by txnId, is.
func TestRetryClassesOfDirectoryAndTravelRuleCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	onPath := func(p string) func(*http.Request) bool {
		return func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, p) }
	}
	tests := []struct {
		name      string
		path      string
		kind      fakefault.Kind
		call      func(c *monitoring.Client, applicant string) error
		wantOK    bool
		wantTries int
	}{
		{"Find", "/resources/kyt/txns/query/", fakefault.ServerError, func(c *monitoring.Client, _ string) error {
			_, err := c.Find(ctx, monitoring.Query{})
			return err
		}, true, 2},
		{"VASPs", "/resources/vasps/", fakefault.ServerError, func(c *monitoring.Client, _ string) error {
			_, err := c.VASPs(ctx, monitoring.VASPQuery{})
			return err
		}, true, 2},
		{"VASP", "/resources/api/vasps/", fakefault.ServerError, func(c *monitoring.Client, _ string) error {
			_, err := c.VASP(ctx, monitoringtest.SandboxTestVASP)
			return err
		}, true, 2},
		{"Currencies", "/resources/kyt/currency", fakefault.ServerError, func(c *monitoring.Client, _ string) error {
			_, err := c.Currencies(ctx, monitoring.Fiat)
			return err
		}, true, 2},
		{"InitTravelRuleSDK", "/resources/tr/sdk/init", fakefault.Drop, func(c *monitoring.Client, _ string) error {
			_, err := c.InitTravelRuleSDK(ctx, &monitoring.TravelRuleSDKRequest{UserID: "u", TxnInfo: &monitoring.TravelRuleSDKTxn{}})
			return err
		}, false, 1},
		{"ImportWalletAddresses", "/resources/kyt/walletAddress/import", fakefault.Drop, func(c *monitoring.Client, _ string) error {
			_, err := c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{WalletAddress: "bc1q"}})
			return err
		}, false, 1},
		{"AddPaymentMethod", "/resources/applicants/", fakefault.Drop, func(c *monitoring.Client, applicant string) error {
			_, err := c.AddPaymentMethod(ctx, applicant, &monitoring.ApplicantPaymentMethod{Data: &monitoring.PaymentMethodData{Type: monitoring.PaymentCryptoWallet}})
			return err
		}, false, 1},
		{"ImportHistory", "/resources/kyt/misc/txns/importHistory", fakefault.Drop, func(c *monitoring.Client, _ string) error {
			_, err := c.ImportHistory(ctx, []monitoring.ImportRecord{{Data: withdrawalNoT("h-1")}})
			return err
		}, true, 2},
		{"Submit without txnId", "/resources/applicants/-/kyt/txns/-/data", fakefault.Drop, func(c *monitoring.Client, _ string) error {
			txn := withdrawalNoT("x")
			txn.TxnID = ""
			_, err := c.Submit(ctx, txn)
			return err
		}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The fault hits the first attempt only.
			srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{Kind: tt.kind, Match: onPath(tt.path)}))
			c, _ := srv.NewClient()
			err := tt.call(c, srv.AddApplicant("u"))
			tries := 0
			for _, r := range srv.Requests() {
				if strings.HasPrefix(r.Path, tt.path) {
					tries++
				}
			}
			if (err == nil) != tt.wantOK || tries != tt.wantTries {
				t.Errorf("err = %v after %d attempts; want success %v after %d", err, tries, tt.wantOK, tt.wantTries)
			}
			if !tt.wantOK && !monitoring.MaybeSent(err) {
				t.Errorf("err = %v, want MaybeSent", err)
			}
		})
	}
}

// uriOf is the request target r had: its path and query.
func uriOf(r fakefault.Request) string {
	if r.Query == "" {
		return r.Path
	}
	return r.Path + "?" + r.Query
}
