package throughput

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// Sumsub transaction monitoring: Submit of a crypto withdrawal of an
// applicant Sumsub does not know yet, each call with a fresh txnId (the
// fake refuses a reused one with 409), against monitoringtest, which checks
// the HMAC signature and clock window, validates, stores and scores every
// transaction. The client's own rate limiter (Sumsub's documented limit,
// 50 POSTs per 5 s) is off (monitoring.WithoutRateLimit): it
// exists to keep a real account under Sumsub's quota and would otherwise
// be what this measures.

const submitPath = "/resources/applicants/-/kyt/txns/-/data"

// sumsubTxn is the withdrawal both sides submit, as the SDK builds it.
func sumsubTxn() (*monitoring.Transaction, error) {
	return monitoring.NewCryptoWithdrawal("template", "250.00", "USDT").
		Chain("TRX").
		Applicant(monitoring.NewPerson("user-42", "Alice Example").WithCountry("FRA").WithDevice("203.0.113.7", "fp-alice")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
		CounterpartyVASP("683584cd36898664230ee173", "Example VASP").
		AmountInDefaultCurrency("231.87", "EUR").
		Date(time.Date(2025, 4, 29, 2, 30, 12, 0, time.UTC)).
		Build()
}

// newMonitoringOp returns one Submit through the SDK.
func newMonitoringOp(srv *monitoringtest.Server, hc *http.Client) (op, error) {
	token, secret := srv.AppToken()
	c, err := monitoring.New(
		monitoring.WithBaseURL(srv.URL),
		monitoring.WithAppToken(token, secret),
		monitoring.WithHTTPClient(hc),
		monitoring.WithoutRateLimit(),
	)
	if err != nil {
		return nil, err
	}
	tmpl, err := sumsubTxn()
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		txn := *tmpl // the nested objects are shared and only read
		txn.TxnID = monitoring.TxnID(nextID("wd"))
		res, err := c.Submit(ctx, &txn)
		if err != nil {
			return err
		}
		if res.Answer() != monitoring.Green || res.Data == nil || res.Data.TxnID != txn.TxnID {
			return errors.New("submit: not the GREEN answer for our transaction")
		}
		return nil
	}, nil
}

// Hand-written wire types of the baseline: what an engineer would write for
// this one call without the SDK.
type (
	hwTxn struct {
		TxnID        string   `json:"txnId"`
		TxnDate      string   `json:"txnDate"`
		Type         string   `json:"type"`
		Info         hwInfo   `json:"info"`
		Applicant    hwPerson `json:"applicant"`
		Counterparty hwCpty   `json:"counterparty"`
	}
	hwInfo struct {
		Direction               string      `json:"direction"`
		Amount                  json.Number `json:"amount"`
		CurrencyCode            string      `json:"currencyCode"`
		CurrencyType            string      `json:"currencyType"`
		AmountInDefaultCurrency json.Number `json:"amountInDefaultCurrency"`
		DefaultCurrencyCode     string      `json:"defaultCurrencyCode"`
		CryptoParams            struct {
			CryptoChain string `json:"cryptoChain"`
		} `json:"cryptoParams"`
	}
	hwPerson struct {
		Type           string `json:"type"`
		ExternalUserID string `json:"externalUserId"`
		FullName       string `json:"fullName"`
		Address        struct {
			Country string `json:"country"`
		} `json:"address"`
		Device struct {
			Fingerprint string `json:"fingerprint"`
			IPInfo      struct {
				IP string `json:"ip"`
			} `json:"ipInfo"`
		} `json:"device"`
	}
	hwCpty struct {
		PaymentMethod struct {
			Type      string `json:"type"`
			AccountID string `json:"accountId"`
		} `json:"paymentMethod"`
		InstitutionInfo struct {
			Name       string `json:"name"`
			InternalID string `json:"internalId"`
		} `json:"institutionInfo"`
	}
	hwResult struct {
		ID          string      `json:"id"`
		ApplicantID string      `json:"applicantId"`
		Data        hwTxn       `json:"data"`
		Score       json.Number `json:"score"`
		Review      struct {
			ReviewStatus string `json:"reviewStatus"`
			ReviewResult struct {
				ReviewAnswer string `json:"reviewAnswer"`
			} `json:"reviewResult"`
		} `json:"review"`
		CreatedAt string `json:"createdAt"`
	}
)

func handTxn() hwTxn {
	var t hwTxn
	t.TxnDate = "2025-04-29 02:30:12+0000"
	t.Type = "finance"
	t.Info.Direction = "out"
	t.Info.Amount = "250.00"
	t.Info.CurrencyCode = "USDT"
	t.Info.CurrencyType = "crypto"
	t.Info.AmountInDefaultCurrency = "231.87"
	t.Info.DefaultCurrencyCode = "EUR"
	t.Info.CryptoParams.CryptoChain = "TRX"
	t.Applicant.Type = "individual"
	t.Applicant.ExternalUserID = "user-42"
	t.Applicant.FullName = "Alice Example"
	t.Applicant.Address.Country = "FRA"
	t.Applicant.Device.Fingerprint = "fp-alice"
	t.Applicant.Device.IPInfo.IP = "203.0.113.7"
	t.Counterparty.PaymentMethod.Type = "crypto"
	t.Counterparty.PaymentMethod.AccountID = "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"
	t.Counterparty.InstitutionInfo.Name = "Example VASP"
	t.Counterparty.InstitutionInfo.InternalID = "683584cd36898664230ee173"
	return t
}

// newMonitoringBaselineOp returns the same Submit by hand: encoding/json,
// Sumsub's X-App-Access-Sig (HMAC-SHA256 over ts + method + URI + body)
// with crypto/hmac, net/http.
func newMonitoringBaselineOp(srv *monitoringtest.Server, hc *http.Client) op {
	token, secret := srv.AppToken()
	key := []byte(secret)
	url := srv.URL + submitPath
	tmpl := handTxn()
	return func(ctx context.Context) error {
		txn := tmpl
		txn.TxnID = nextID("wd")
		body, err := json.Marshal(&txn)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(ts + http.MethodPost + submitPath))
		mac.Write(body)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-App-Token", token)
		req.Header.Set("X-App-Access-Ts", ts)
		req.Header.Set("X-App-Access-Sig", hex.EncodeToString(mac.Sum(nil)))
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		raw, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
		resp.Body.Close()
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("submit: HTTP %d", resp.StatusCode)
		}
		var res hwResult
		if err := json.Unmarshal(raw, &res); err != nil {
			return err
		}
		if res.Review.ReviewResult.ReviewAnswer != "GREEN" || res.Data.TxnID != txn.TxnID {
			return errors.New("submit: not the GREEN answer for our transaction")
		}
		return nil
	}
}

// BenchmarkThroughputMonitoring is monitoring.Client.Submit from 1, 16 and
// 64 goroutines sharing one client.
func BenchmarkThroughputMonitoring(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		srv := monitoringtest.NewServer(b)
		hc, dials := newHTTPClient(nil)
		defer hc.CloseIdleConnections()
		do, err := newMonitoringOp(srv, hc)
		if err != nil {
			b.Fatal(err)
		}
		measure(b, g, dials, do)
	})
}

// BenchmarkThroughputMonitoringBaseline is the same submit by hand.
func BenchmarkThroughputMonitoringBaseline(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		srv := monitoringtest.NewServer(b)
		hc, dials := newHTTPClient(nil)
		defer hc.CloseIdleConnections()
		measure(b, g, dials, newMonitoringBaselineOp(srv, hc))
	})
}
