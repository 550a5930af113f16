package rest_test

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
	"syscall"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// The benchmarks compare a signed JSON POST through the pipeline with the
// same request written by hand with net/http, encoding/json and HMAC.

var benchSecret = []byte("bench-secret-key")

type benchTxn struct {
	TxnID    string `json:"txnId"`
	Type     string `json:"type"`
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
	Address  string `json:"address"`
}

type benchResult struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Score  string `json:"score"`
}

func benchServer(b *testing.B) *httptest.Server {
	resp := []byte(`{"id":"63f1a2b3c4d5e6f7a8b9c0d1","status":"completed","score":"0.25"}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(resp)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchHTTPClient() *http.Client {
	return rest.NewHTTPClient(nil)
}

func hmacSign(req *http.Request, body []byte) {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	m := hmac.New(sha256.New, benchSecret)
	m.Write([]byte(ts))
	m.Write([]byte(req.Method))
	m.Write([]byte(req.URL.RequestURI()))
	m.Write(body)
	req.Header.Set("X-App-Token", "token")
	req.Header.Set("X-App-Access-Ts", ts)
	req.Header.Set("X-App-Access-Sig", hex.EncodeToString(m.Sum(nil)))
}

var benchIn = benchTxn{TxnID: "txn-0001", Type: "finance", Amount: "0.00125", Currency: "BTC", Address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}

func BenchmarkSignedPOST(b *testing.B) {
	srv := benchServer(b)
	c, err := rest.New(rest.Config{
		BaseURL:    srv.URL,
		HTTPClient: benchHTTPClient(),
		Signer:     rest.SignerFunc(func(r *http.Request, body []byte) error { hmacSign(r, body); return nil }),
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		var out benchResult
		if err := c.Post("/resources/applicants/-/kyt/txns/-/data").JSON(&benchIn).Retry(rest.Keyed).Into(&out).Do(ctx); err != nil {
			b.Fatal(err)
		}
	}
	cpu.stop()
}

func BenchmarkSignedPOSTBaseline(b *testing.B) {
	srv := benchServer(b)
	hc := benchHTTPClient()
	url := srv.URL + "/resources/applicants/-/kyt/txns/-/data"
	ctx := context.Background()
	b.ReportAllocs()
	cpu := startCPU(b)
	for i := 0; i < b.N; i++ {
		body, err := json.Marshal(&benchIn)
		if err != nil {
			b.Fatal(err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", "baseline")
		hmacSign(req, body)
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
		var out benchResult
		if err := json.Unmarshal(rb, &out); err != nil {
			b.Fatal(err)
		}
	}
	cpu.stop()
}

// cpuTimer reports the process CPU time per op (client and loopback server
// together, the same work on both sides of a comparison) as "cpu-ns/op":
// steadier than wall time on a machine shared with other work.
type cpuTimer struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) cpuTimer {
	b.ResetTimer()
	return cpuTimer{b: b, start: processCPU()}
}

func (c cpuTimer) stop() {
	c.b.StopTimer()
	if d := processCPU() - c.start; d > 0 {
		c.b.ReportMetric(float64(d.Nanoseconds())/float64(c.b.N), "cpu-ns/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
