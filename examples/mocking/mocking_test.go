package mocking_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/travelrule"
)

// These tests use httpmock's global default transport through
// ActivateNonDefault: none of them may call t.Parallel.

// TestGTROneStep mocks GTR's one_step: a verdict with field results, then a
// reused requestId (100005), which is an error, not a verdict.
func TestGTROneStep(t *testing.T) {
	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()

	theirs, err := gtr.GenerateKeyPair(nil) // the counterparty's PII key, as VASP detail would give it
	if err != nil {
		t.Fatal(err)
	}
	var sent map[string]any
	httpmock.RegisterResponder(http.MethodPost, gtr.UATURL+"/api/verify/v2/one_step",
		func(req *http.Request) (*http.Response, error) {
			if req.Header.Get("X-Authorization") == "" {
				return httpmock.NewStringResponse(http.StatusUnauthorized, `{"verifyStatus":100020,"verifyMessage":"no auth"}`), nil
			}
			body, _ := io.ReadAll(req.Body)
			sent = nil
			if err := json.Unmarshal(body, &sent); err != nil {
				return nil, err
			}
			if sent["requestId"] == "example-dup-0001" {
				return httpmock.NewStringResponse(http.StatusOK,
					`{"verifyStatus":100005,"verifyMessage":"requestId is duplicated","data":{}}`), nil
			}
			// GTR's answer: the verdict, the stage, and the counterparty's
			// verdict per asked field (110026 = beneficiary name).
			return httpmock.NewStringResponse(http.StatusOK, `{
				"verifyStatus": 100000, "verifyMessage": "Success", "verifyStage": "PII_VERIFICATION",
				"data": {"requestId": "example-ok-0001", "travelruleId": "gtr-1234",
					"originatorVasp": "EXAMPLE", "beneficiaryVasp": "BENE",
					"verifyFields": [{"type": "110026", "status": 1}]}}`), nil
		})

	ours, _ := gtr.GenerateKeyPair(nil)
	client, err := gtr.New(
		gtr.WithBaseURL(gtr.UATURL),
		gtr.WithHTTPClient(hc), // the mocked transport: no client certificate, no mTLS
		gtr.WithAppToken("EXAMPLE", "access-key", "secret-key"),
		gtr.WithKeyPair(ours),
	)
	if err != nil {
		t.Fatal(err)
	}
	identity, err := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Originator", "Alice").CustomerID("user-1").Person(), "0xA11CE").
		Beneficiary(ivms.NewNaturalPerson("Beneficiary", "Bob").Person(), "0xB0B").
		OriginatingVASP(ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	req := &gtr.OneStepRequest{
		RequestID: "example-ok-0001", Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
		Address: "0xB0B", TargetVASPCode: "BENE",
		// Key, format type and IVMS version all set: no VASP detail call
		// (leave any of them unset and OneStep fetches detail first).
		TargetPublicKey: theirs.PublicKey(), PIIFormat: gtr.FullJSONObjectEncrypt, PIISpecVersion: gtr.PIISpecVersion,
		Amount: "0.5", FiatPrice: "1500", ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity,
	}
	res, err := client.OneStep(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{res.Status, res.Stage, res.TravelRuleID, res.Fields, res.Decide().Action}
	want := []any{gtr.StatusSuccess, gtr.StagePIIVerification, "gtr-1234",
		[]gtr.FieldResult{{ID: gtr.BeneficiaryNatural.Name(), Status: gtr.FieldMatch}}, gtr.Proceed}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one_step result (-want +got):\n%s", diff)
	}
	// What the client sent: the direction, the asked field, and the PII
	// sealed with ed25519_curve25519 — never in clear.
	pii, _ := sent["piiSecuredInfo"].(map[string]any)
	if sent["verifyDirection"] != float64(2) || pii["secretAlgorithm"] != "ed25519_curve25519" || pii["securedPayload"] == "" {
		t.Errorf("one_step body = %v, want direction 2 and a sealed payload", sent)
	}
	if diff := cmp.Diff([]any{"110026"}, sent["expectVerifyFields"]); diff != "" {
		t.Errorf("expectVerifyFields (-want +got):\n%s", diff)
	}

	req.RequestID = "example-dup-0001"
	_, err = client.OneStep(context.Background(), req)
	var apiErr *gtr.APIError
	if !errors.Is(err, gtr.ErrDuplicate) || !errors.As(err, &apiErr) || apiErr.Code != 100005 { // REQUEST_ID_DUPLICATED
		t.Errorf("OneStep(reused requestId) = %v, want an *APIError matching gtr.ErrDuplicate", err)
	}
	if n := httpmock.GetCallCountInfo()["POST "+gtr.UATURL+"/api/verify/v2/one_step"]; n != 2 {
		t.Errorf("one_step was called %d times, want 2 (never resent)", n)
	}
	if n := httpmock.GetTotalCallCount(); n != 2 {
		t.Errorf("%d calls in all, want only the 2 one_step calls (no VASP detail)", n)
	}
}

// TestMonitoringSubmit mocks Sumsub's submit for an applicant it does not
// know yet: the documented transaction object, then a signature mismatch.
func TestMonitoringSubmit(t *testing.T) {
	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()

	const url = "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data"
	var query, token string
	calls := 0
	httpmock.RegisterResponder(http.MethodPost, url, func(req *http.Request) (*http.Response, error) {
		calls++
		query, token = req.URL.RawQuery, req.Header.Get("X-App-Token")
		if req.Header.Get("X-App-Access-Sig") == "" || req.Header.Get("X-App-Access-Ts") == "" {
			return nil, errors.New("unsigned request")
		}
		if calls > 1 {
			return httpmock.NewStringResponse(http.StatusUnauthorized, `{"description":"Request signature mismatch",
				"code":401,"correlationId":"req-5c1e","errorCode":4003,"errorName":"app-token-signature mismatch"}`), nil
		}
		// Sumsub's transaction object (docs: "Response — the transaction object").
		return httpmock.NewStringResponse(http.StatusOK, `{
			"id": "66335d9a243caf315d8c36ef", "applicantId": "662edfdb7a26397a65d3bdc6",
			"externalUserId": "user-42", "clientId": "example.inc",
			"data": {"txnId": "wd-1001", "type": "finance", "applicant": {"externalUserId": "user-42", "fullName": "Alice Example"},
				"info": {"direction": "out", "amount": 250.00, "currencyCode": "USDT", "currencyType": "crypto"}},
			"score": 40,
			"review": {"reviewId": "XvSHf", "attemptId": "dKdlT", "attemptCnt": 0, "reviewStatus": "onHold"},
			"createdAt": "2024-05-02 09:31:06",
			"scoringResult": {"action": "onHold", "matchedRules": [{"id": "r1", "name": "large-withdrawal", "score": 40, "action": "onHold"}]},
			"txnInactive": false}`), nil
	})

	client, err := monitoring.New(
		monitoring.WithAppToken("sbx:example-token", "example-secret"),
		monitoring.WithHTTPClient(hc),
		monitoring.WithRetry(0, time.Millisecond, time.Millisecond), // one attempt
	)
	if err != nil {
		t.Fatal(err)
	}
	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		Date(time.Date(2024, 5, 2, 9, 31, 0, 0, time.UTC)).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.Submit(context.Background(), txn, monitoring.WithLevelName("basic-kyc-level"))
	if err != nil {
		t.Fatal(err)
	}
	got := []any{res.ID, res.TxnID(), res.Status(), res.Answer(), res.Score.String(), res.ScoringResult.MatchedRules[0].Name, query, token}
	want := []any{monitoring.TransactionID("66335d9a243caf315d8c36ef"), monitoring.TxnID("wd-1001"), monitoring.StatusOnHold, monitoring.ReviewAnswer(""), "40",
		"large-withdrawal", "levelName=basic-kyc-level", "sbx:example-token"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("submit (-want +got):\n%s", diff)
	}

	txn.TxnID = "wd-1002"
	_, err = client.Submit(context.Background(), txn)
	var apiErr *monitoring.APIError
	if !errors.Is(err, monitoring.ErrSignatureMismatch) || !errors.Is(err, monitoring.ErrUnauthorized) ||
		!errors.As(err, &apiErr) || apiErr.RequestID != "req-5c1e" {
		t.Errorf("Submit() = %v, want an *APIError with correlationId matching ErrSignatureMismatch and ErrUnauthorized", err)
	}
	if strings.Contains(err.Error(), "example-secret") {
		t.Error("the error quotes the secret")
	}
}

// TestTravelRuleWidgetSession mocks Striga's widget-session endpoint: a
// session, then an unknown user (Striga code 30005).
func TestTravelRuleWidgetSession(t *testing.T) {
	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()

	var sent map[string]any
	httpmock.RegisterResponder(http.MethodPost, travelrule.SandboxURL+travelrule.DefaultWidgetSessionPath,
		func(req *http.Request) (*http.Response, error) {
			if req.Header.Get("api-key") != "example-key" || !strings.HasPrefix(req.Header.Get("Authorization"), "HMAC ") {
				return httpmock.NewStringResponse(http.StatusUnauthorized, `{"message":"Invalid API Key","errorCode":"30000"}`), nil
			}
			body, _ := io.ReadAll(req.Body)
			sent = nil
			if err := json.Unmarshal(body, &sent); err != nil {
				return nil, err
			}
			if sent["userId"] == "00000000-0000-4000-8000-000000000000" {
				return httpmock.NewStringResponse(http.StatusNotFound, `{"message":"User does not exist","errorCode":"30005"}`), nil
			}
			return httpmock.NewStringResponse(http.StatusOK, `{"id":"ws_01HZX","url":"https://widget.example/ws_01HZX",
				"token":"wt_secret","expiresAt":"2030-01-01T00:30:00Z","status":"ACTIVE","forceVerifyOwnership":false,"reused":false}`), nil
		})

	client, err := travelrule.New(
		travelrule.WithCredentials("example-key", "example-secret"),
		travelrule.WithHTTPClient(hc),
		travelrule.WithRetry(0, time.Millisecond, time.Millisecond), // one attempt
	)
	if err != nil {
		t.Fatal(err)
	}
	req := &travelrule.WidgetSessionRequest{
		UserID: "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC",
	}
	s, err := client.CreateWidgetSession(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{s.ID, s.URL, s.Status, s.ExpiresAt, s.Reused, sent["currency"], sent["counterpartyAddress"]}
	want := []any{"ws_01HZX", "https://widget.example/ws_01HZX", "ACTIVE", time.Date(2030, 1, 1, 0, 30, 0, 0, time.UTC), false,
		"ETH", "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("widget session (-want +got):\n%s", diff)
	}

	req.UserID = "00000000-0000-4000-8000-000000000000"
	_, err = client.CreateWidgetSession(context.Background(), req)
	var apiErr *travelrule.APIError
	if !errors.Is(err, travelrule.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.Code != "30005" {
		t.Errorf("CreateWidgetSession(unknown user) = %v, want an *APIError with code 30005 matching ErrNotFound", err)
	}

	// Bad input never reaches the mock.
	before := httpmock.GetTotalCallCount()
	_, err = client.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{UserID: "not-a-uuid", Currency: "ETH", Network: "ETH"})
	if !errors.Is(err, travelrule.ErrInvalidRequest) || httpmock.GetTotalCallCount() != before {
		t.Errorf("CreateWidgetSession(invalid) = %v after %d calls, want a validation error and no call", err, httpmock.GetTotalCallCount()-before)
	}
}
