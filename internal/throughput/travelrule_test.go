package throughput

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// Striga travel rule: CreateWidgetSession for an on-chain ETH withdrawal
// against travelruletest, which checks the HMAC signature, validates the
// request and creates a session or returns the unexpired one it holds for
// the same owner, currency, network and counterparty. The calls cycle
// through widgetAddresses counterparty addresses, so the first call for
// each address creates a session and every later one reuses it: the
// steady state measured is reuse. (Creating a session per call would
// measure the fake instead: it finds reusable sessions by scanning all it
// holds, so each call would cost more than the one before.)

const widgetAddresses = 64

const widgetUser = "550e8400-e29b-41d4-a716-446655440000"

// widgetAddress returns the i-th counterparty address of the cycle.
func widgetAddress(i uint64) string {
	return fmt.Sprintf("0x%040x", 0x5290840000+i%widgetAddresses)
}

// newTravelRuleOp returns one CreateWidgetSession through the SDK.
func newTravelRuleOp(srv *travelruletest.Server, hc *http.Client) (op, error) {
	c, err := travelrule.New(append(srv.ClientOptions(), travelrule.WithHTTPClient(hc))...)
	if err != nil {
		return nil, err
	}
	var n atomic.Uint64
	return func(ctx context.Context) error {
		s, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
			UserID:              widgetUser,
			Currency:            "ETH",
			Network:             "ETH",
			CounterpartyAddress: widgetAddress(n.Add(1)),
		})
		if err != nil {
			return err
		}
		if s.ID == "" || s.URL == "" || s.ExpiresAt.IsZero() {
			return errors.New("widget session: id, url or expiry missing")
		}
		return nil
	}, nil
}

type (
	hwWidgetRequest struct {
		UserID              string `json:"userId"`
		Currency            string `json:"currency"`
		Network             string `json:"network"`
		CounterpartyAddress string `json:"counterpartyAddress"`
	}
	hwWidgetSession struct {
		ID                   string    `json:"id"`
		URL                  string    `json:"url"`
		Token                string    `json:"token"`
		ExpiresAt            time.Time `json:"expiresAt"`
		Status               string    `json:"status"`
		ForceVerifyOwnership bool      `json:"forceVerifyOwnership"`
		Reused               bool      `json:"reused"`
	}
)

// newTravelRuleBaselineOp returns the same call by hand: encoding/json,
// Striga's "Authorization: HMAC <ms>:<hex>" (HMAC-SHA256 over ms + method +
// endpoint + hex MD5 of the body) with crypto/hmac, net/http.
func newTravelRuleBaselineOp(srv *travelruletest.Server, hc *http.Client) op {
	const endpoint = travelrule.DefaultWidgetSessionPath
	url := srv.URL + endpoint
	key, secret := srv.APIKey, []byte(srv.APISecret)
	var n atomic.Uint64
	return func(ctx context.Context) error {
		body, err := json.Marshal(&hwWidgetRequest{
			UserID: widgetUser, Currency: "ETH", Network: "ETH", CounterpartyAddress: widgetAddress(n.Add(1)),
		})
		if err != nil {
			return err
		}
		ms := strconv.FormatInt(time.Now().UnixMilli(), 10)
		sum := md5.Sum(body)
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(ms + http.MethodPost + endpoint + hex.EncodeToString(sum[:])))
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("api-key", key)
		req.Header.Set("Authorization", "HMAC "+ms+":"+hex.EncodeToString(mac.Sum(nil)))
		var s hwWidgetSession
		if err := handDo(hc, req, &s); err != nil {
			return err
		}
		if s.ID == "" || s.URL == "" || s.ExpiresAt.IsZero() {
			return errors.New("widget session: id, url or expiry missing")
		}
		return nil
	}
}

// BenchmarkThroughputTravelRule is travelrule.Client.CreateWidgetSession
// from 1, 16 and 64 goroutines sharing one client.
func BenchmarkThroughputTravelRule(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		srv := travelruletest.NewServer(b)
		hc, dials := newHTTPClient(nil)
		defer hc.CloseIdleConnections()
		do, err := newTravelRuleOp(srv, hc)
		if err != nil {
			b.Fatal(err)
		}
		measure(b, g, dials, do)
	})
}

// BenchmarkThroughputTravelRuleBaseline is the same call by hand.
func BenchmarkThroughputTravelRuleBaseline(b *testing.B) {
	forEachG(b, func(b *testing.B, g int) {
		srv := travelruletest.NewServer(b)
		hc, dials := newHTTPClient(nil)
		defer hc.CloseIdleConnections()
		measure(b, g, dials, newTravelRuleBaselineOp(srv, hc))
	})
}
