package monitoring_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/sign"
	"github.com/vaspkit/vaspkit/monitoring"
)

// The benchmarks compare Client.Submit with the same signed POST written by
// hand with net/http, encoding/json and crypto/hmac, against one loopback
// server that checks the signature and answers a realistic transaction.

// runCPU runs f in the benchmark loop and also reports cpu-ns/op: the
// process's CPU time per operation, client and in-process server together.
// On a shared machine wall-clock ns/op swings with the neighbours' load;
// CPU time much less, so read the SDK/baseline ratio on cpu-ns/op.
func runCPU(b *testing.B, f func()) {
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		f()
	}
	if cpu := processCPU() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

const (
	benchToken  = "sbx:bench-token"
	benchSecret = "bench-secret"
)

var benchResponse = []byte(`{"id":"66335d9a243caf315d8c36ef","applicantId":"662edfdb7a26397a65d3bdc6","externalUserId":"user-42","clientId":"bench","data":{"txnId":"wd-1001","txnDate":"2025-04-29 02:30:12+0000","type":"finance","info":{"direction":"out","amount":250.00,"currencyCode":"USDT","currencyType":"crypto","amountInDefaultCurrency":231.87,"defaultCurrencyCode":"EUR","cryptoParams":{"cryptoChain":"TRX"}},"applicant":{"type":"individual","externalUserId":"user-42","fullName":"Alice Example","address":{"country":"FRA"},"device":{"fingerprint":"fp-alice","ipInfo":{"ip":"203.0.113.7","countryCode2":"FR","countryCode3":"FRA","city":"Paris","lat":48.8566,"lon":2.3522,"asn":3215,"asnOrg":"Orange","riskyAsn":false}}},"counterparty":{"paymentMethod":{"type":"crypto","accountId":"TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"},"institutionInfo":{"name":"Example VASP","internalId":"683584cd36898664230ee173"}},"props":{"dailyOutLimit":"10000"}},"score":0,"review":{"reviewId":"XvSHf","attemptId":"dKdlT","attemptCnt":0,"reviewStatus":"completed","reviewResult":{"reviewAnswer":"GREEN"}},"createdAt":"2025-04-29 02:30:13","scoringResult":{"action":"score","matchedRules":[]},"txnInactive":false}`)

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := sign.VerifySumsub(r, body, []byte(benchSecret), time.Now(), sign.SumsubMaxSkew); err != nil {
			http.Error(w, `{"code":401,"errorCode":4003}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(benchResponse)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// benchHTTPClient is the same kind of client for both benchmarks.
func benchHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 128
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

func benchTxn(b *testing.B) *monitoring.Transaction {
	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example").WithCountry("FRA").WithDevice("203.0.113.7", "fp-alice")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
		AmountInDefaultCurrency("231.87", "EUR").
		Prop("dailyOutLimit", "10000").
		Date(time.Date(2025, 4, 29, 2, 30, 12, 0, time.UTC)).
		Build()
	if err != nil {
		b.Fatal(err)
	}
	return txn
}

func BenchmarkSubmit(b *testing.B) {
	srv := benchServer(b)
	c, err := monitoring.New(
		monitoring.WithBaseURL(srv.URL),
		monitoring.WithAppToken(benchToken, benchSecret),
		monitoring.WithHTTPClient(benchHTTPClient()),
		monitoring.WithoutRateLimit(),
	)
	if err != nil {
		b.Fatal(err)
	}
	txn := benchTxn(b)
	ctx, cancel := benchContext()
	defer cancel()
	runCPU(b, func() {
		res, err := c.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
		if err != nil {
			b.Fatal(err)
		}
		if res.Answer() != monitoring.Green {
			b.Fatal("unexpected answer")
		}
	})
}

// Hand-written request and response types: what a careful engineer would
// write without the SDK, covering the same fields.
type (
	hwTxn struct {
		TxnID        string      `json:"txnId"`
		TxnDate      string      `json:"txnDate,omitempty"`
		Type         string      `json:"type"`
		Info         *hwInfo     `json:"info,omitempty"`
		Applicant    *hwParty    `json:"applicant,omitempty"`
		Counterparty *hwParty    `json:"counterparty,omitempty"`
		Props        interface{} `json:"props,omitempty"`
	}
	hwInfo struct {
		Direction               string      `json:"direction"`
		Amount                  json.Number `json:"amount"`
		CurrencyCode            string      `json:"currencyCode"`
		CurrencyType            string      `json:"currencyType,omitempty"`
		AmountInDefaultCurrency json.Number `json:"amountInDefaultCurrency,omitempty"`
		DefaultCurrencyCode     string      `json:"defaultCurrencyCode,omitempty"`
		CryptoParams            *struct {
			CryptoChain string `json:"cryptoChain,omitempty"`
		} `json:"cryptoParams,omitempty"`
	}
	hwParty struct {
		Type           string `json:"type,omitempty"`
		ExternalUserID string `json:"externalUserId,omitempty"`
		FullName       string `json:"fullName,omitempty"`
		Address        *struct {
			Country string `json:"country,omitempty"`
		} `json:"address,omitempty"`
		Device *struct {
			Fingerprint string `json:"fingerprint,omitempty"`
			IPInfo      *struct {
				IP           string      `json:"ip,omitempty"`
				CountryCode2 string      `json:"countryCode2,omitempty"`
				CountryCode3 string      `json:"countryCode3,omitempty"`
				City         string      `json:"city,omitempty"`
				Lat          json.Number `json:"lat,omitempty"`
				Lon          json.Number `json:"lon,omitempty"`
				ASN          json.Number `json:"asn,omitempty"`
				ASNOrg       string      `json:"asnOrg,omitempty"`
				RiskyASN     bool        `json:"riskyAsn,omitempty"`
			} `json:"ipInfo,omitempty"`
		} `json:"device,omitempty"`
		PaymentMethod *struct {
			Type      string `json:"type,omitempty"`
			AccountID string `json:"accountId,omitempty"`
		} `json:"paymentMethod,omitempty"`
		InstitutionInfo *struct {
			Name       string `json:"name,omitempty"`
			InternalID string `json:"internalId,omitempty"`
		} `json:"institutionInfo,omitempty"`
	}
	hwResult struct {
		ID             string      `json:"id"`
		ApplicantID    string      `json:"applicantId"`
		ExternalUserID string      `json:"externalUserId"`
		ClientID       string      `json:"clientId"`
		Data           *hwTxn      `json:"data"`
		Score          json.Number `json:"score"`
		Review         *struct {
			ReviewID     string      `json:"reviewId"`
			AttemptID    string      `json:"attemptId"`
			AttemptCnt   json.Number `json:"attemptCnt"`
			ReviewStatus string      `json:"reviewStatus"`
			ReviewResult *struct {
				ReviewAnswer string `json:"reviewAnswer"`
			} `json:"reviewResult"`
		} `json:"review"`
		CreatedAt     string `json:"createdAt"`
		ScoringResult *struct {
			Action       string            `json:"action"`
			MatchedRules []json.RawMessage `json:"matchedRules"`
		} `json:"scoringResult"`
		TxnInactive bool `json:"txnInactive"`
	}
)

func BenchmarkSubmitBaseline(b *testing.B) {
	srv := benchServer(b)
	hc := benchHTTPClient()
	// The same transaction as the SDK benchmark, as hand-written structs.
	var txn hwTxn
	if err := json.Unmarshal(mustJSON(b, benchTxn(b)), &txn); err != nil {
		b.Fatal(err)
	}
	url := srv.URL + "/resources/applicants/-/kyt/txns/-/data?levelName=basic-kyc-level"
	secret := []byte(benchSecret)
	ctx, cancel := benchContext()
	defer cancel()
	runCPU(b, func() {
		body, err := json.Marshal(&txn)
		if err != nil {
			b.Fatal(err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(ts + http.MethodPost + req.URL.RequestURI()))
		m.Write(body)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-App-Token", benchToken)
		req.Header.Set("X-App-Access-Ts", ts)
		req.Header.Set("X-App-Access-Sig", hex.EncodeToString(m.Sum(nil)))
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		rb, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode/100 != 2 {
			b.Fatal(fmt.Errorf("status %d", resp.StatusCode))
		}
		var out hwResult
		if err := json.Unmarshal(rb, &out); err != nil {
			b.Fatal(err)
		}
		if out.Review == nil || out.Review.ReviewResult == nil || out.Review.ReviewResult.ReviewAnswer != "GREEN" {
			b.Fatal("unexpected answer")
		}
	})
}

// benchContext is the kind of context callers pass: one that can end (a
// request context, a deadline). Both benchmarks use it.
func benchContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Hour)
}

func mustJSON(b *testing.B, v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkMarshalTransaction and its baseline isolate the wire codec.
func BenchmarkMarshalTransaction(b *testing.B) {
	txn := benchTxn(b)
	runCPU(b, func() {
		if _, err := txn.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkMarshalTransactionBaseline(b *testing.B) {
	var txn hwTxn
	if err := json.Unmarshal(mustJSON(b, benchTxn(b)), &txn); err != nil {
		b.Fatal(err)
	}
	runCPU(b, func() {
		if _, err := json.Marshal(&txn); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkUnmarshalResult(b *testing.B) {
	runCPU(b, func() {
		var r monitoring.Result
		if err := r.UnmarshalJSON(benchResponse); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkUnmarshalResultBaseline(b *testing.B) {
	runCPU(b, func() {
		var r hwResult
		if err := json.Unmarshal(benchResponse, &r); err != nil {
			b.Fatal(err)
		}
	})
}
