package travelrule_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The benchmarks create (and, after the first, reuse) a widget session
// against the same fake, once through the client and once by hand with
// net/http, encoding/json and the documented signature, so the client's
// overhead (validation, the pipeline, keeping every response field) reads
// as a ratio. The fake's own work is in both.

func benchClient(b *testing.B, srv *travelruletest.Server) *travelrule.Client {
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkCreateWidgetSession(b *testing.B) {
	srv := travelruletest.NewServer(b)
	c := benchClient(b, srv)
	req := onChain()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreateWidgetSession(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateWidgetSessionBaseline(b *testing.B) {
	srv := travelruletest.NewServer(b)
	hc := srv.HTTPClient()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := handCreate(ctx, hc, srv, handRequest{UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress}); err != nil {
			b.Fatal(err)
		}
	}
}

// The client checks the invoice's form and network itself (no check
// plugged in): the baseline sends it as is. Package bolt11's benchmarks
// compare the full check with raw zpay32.
func BenchmarkCreateWidgetSessionInvoice(b *testing.B) {
	fx := loadFixtures(b)
	srv := travelruletest.NewServer(b)
	c := benchClient(b, srv)
	req := lightning(fx.Testnet)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreateWidgetSession(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateWidgetSessionInvoiceBaseline(b *testing.B) {
	fx := loadFixtures(b)
	srv := travelruletest.NewServer(b)
	hc := srv.HTTPClient()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := handCreate(ctx, hc, srv, handRequest{UserID: userID, Currency: "BTC", Network: "BTC", Invoice: fx.Testnet}); err != nil {
			b.Fatal(err)
		}
	}
}

type handRequest struct {
	UserID              string `json:"userId,omitempty"`
	Currency            string `json:"currency"`
	Network             string `json:"network"`
	CounterpartyAddress string `json:"counterpartyAddress,omitempty"`
	Invoice             string `json:"invoice,omitempty"`
}

type handSession struct {
	ID                   string    `json:"id"`
	URL                  string    `json:"url"`
	Token                string    `json:"token"`
	ExpiresAt            time.Time `json:"expiresAt"`
	Status               string    `json:"status"`
	ForceVerifyOwnership bool      `json:"forceVerifyOwnership"`
	Reused               bool      `json:"reused"`
}

// handCreate is the widget-session call written by hand.
func handCreate(ctx context.Context, hc *http.Client, srv *travelruletest.Server, r handRequest) (*handSession, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	ms := strconv.FormatInt(time.Now().UnixMilli(), 10)
	sum := md5.Sum(body)
	mac := hmac.New(sha256.New, []byte(srv.APISecret))
	mac.Write([]byte(ms + "POST" + travelrule.DefaultWidgetSessionPath + hex.EncodeToString(sum[:])))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+travelrule.DefaultWidgetSessionPath, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("api-key", srv.APIKey)
	req.Header.Set("Authorization", "HMAC "+ms+":"+hex.EncodeToString(mac.Sum(nil)))
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	var s handSession
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	return &s, nil
}
