// Command monitoring-webhooks receives Sumsub transaction-monitoring (KYT)
// webhooks: it verifies each delivery's X-Payload-Digest, decodes the event
// and acts on it once, however often Sumsub delivers it.
//
//	go run ./examples/monitoring-webhooks        # against the in-process fake, then exits
//	go run ./examples/monitoring-webhooks -v     # and log every HTTP attempt to stderr
//
// monitoring.WebhookHandler does the verifying (HMAC SHA-1/256/512 per
// X-Payload-Digest-Alg, over the raw body, constant-time) and the decoding,
// and answers 401 to a bad signature, 400 to a bad body, 500 when our
// function fails (Sumsub retries) and 200 otherwise. Webhooks carry no
// personal data and no verdict details: fetch the transaction with
// Client.Get(ctx, ev.KytTxnID) when you need more.
//
// With no configuration it starts an HTTP server for the webhooks and
// monitoringtest, a fake Sumsub that signs and delivers webhooks to it. It
// submits two transactions (one passes, one is held above 10 000 and then
// approved), replays one delivery (ignored as a duplicate) and posts one
// with a forged signature (refused), then exits. With these variables set,
// the same handler serves Sumsub's deliveries until interrupted:
//
//	VASPKIT_SUMSUB_WEBHOOK_ADDR    listen address, e.g. ":8080" (put TLS in front)
//	VASPKIT_SUMSUB_WEBHOOK_SECRET  the webhook's secret key from Sumsub's Webhook manager
//	                               (not the app token's secret)
//
// It prints event types, our transaction ids and answers: never a name, an
// address or a key.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

func main() {
	verbose := flag.Bool("v", false, "log every HTTP attempt (method, path, status, attempt, duration) to stderr")
	flag.Parse()
	var logger *slog.Logger
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, logger, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "monitoring-webhooks:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	out = &syncWriter{w: out} // deliveries print from the server's goroutines
	if addr := getenv("VASPKIT_SUMSUB_WEBHOOK_ADDR"); addr != "" {
		secret := getenv("VASPKIT_SUMSUB_WEBHOOK_SECRET")
		if secret == "" {
			return errors.New("set VASPKIT_SUMSUB_WEBHOOK_SECRET")
		}
		h, err := newHandler(secret, out)
		if err != nil {
			return err
		}
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "serving Sumsub webhooks on %s (Ctrl-C stops)\n", l.Addr())
		return serve(ctx, l, h)
	}
	return runFake(ctx, out, logger)
}

// newHandler is the part to copy: verify, decode, de-duplicate, act.
// WebhookHandler refuses an empty secret or a nil callback.
func newHandler(secret string, out io.Writer) (http.Handler, error) {
	var (
		mu   sync.Mutex
		seen = map[string]bool{} // a real service keeps this in its database
	)
	return monitoring.WebhookHandler(secret, func(ctx context.Context, ev *monitoring.WebhookEvent) error {
		mu.Lock()
		dup := seen[ev.DedupKey()]
		seen[ev.DedupKey()] = true
		mu.Unlock()
		if dup {
			fmt.Fprintf(out, "  %s for %s: already handled, ignored\n", ev.Type, ev.KytDataTxnID)
			return nil // 200: Sumsub stops resending
		}
		switch ev.Type {
		case monitoring.WebhookTxnApproved, monitoring.WebhookTxnReviewed:
			fmt.Fprintf(out, "  %s for %s: answer %s → release the transfer if it is still held\n", ev.Type, ev.KytDataTxnID, ev.Answer())
		case monitoring.WebhookTxnRejected:
			fmt.Fprintf(out, "  %s for %s: answer %s → keep the transfer stopped\n", ev.Type, ev.KytDataTxnID, ev.Answer())
		case monitoring.WebhookTxnOnHold:
			fmt.Fprintf(out, "  %s for %s: a compliance officer must decide\n", ev.Type, ev.KytDataTxnID)
		default:
			fmt.Fprintf(out, "  %s for %s: status %s\n", ev.Type, ev.KytDataTxnID, ev.ReviewStatus)
		}
		return nil
	})
}

// serve runs h on l until ctx ends.
func serve(ctx context.Context, l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// runFake serves the handler to a fake Sumsub and makes it deliver.
func runFake(ctx context.Context, out io.Writer, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	const secret = "example-webhook-secret" // Sumsub's Webhook manager shows yours
	h, err := newHandler(secret, out)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	serveCtx, stopServing := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- serve(serveCtx, l, h) }()
	defer func() { stopServing(); <-served }()
	url := "http://" + l.Addr().String() + "/sumsub/webhooks"

	srv := monitoringtest.NewServer(nil,
		monitoringtest.WithRule(monitoringtest.HoldAbove("10000")),
		monitoringtest.WithWebhook(url, secret, monitoring.HMACSHA256Hex))
	defer srv.Close()
	opts := []monitoring.Option{monitoring.WithBaseURL(srv.URL), monitoring.WithAppToken(srv.AppToken()), monitoring.WithHTTPClient(srv.HTTPClient())}
	if logger != nil {
		opts = append(opts, monitoring.WithLogger(logger))
	}
	client, err := monitoring.New(opts...)
	if err != nil {
		return err
	}

	fmt.Fprintln(out, "A deposit of 0.5 USDT")
	if _, err := submit(ctx, client, "wh-dp-1", "0.5"); err != nil {
		return err
	}
	fmt.Fprintln(out, "A deposit of 25000 USDT, held, then approved")
	held, err := submit(ctx, client, "wh-dp-2", "25000")
	if err != nil {
		return err
	}
	if _, err := client.Approve(ctx, held.ID); err != nil {
		return err
	}

	fmt.Fprintln(out, "Sumsub delivers the last webhook again")
	d := srv.Deliveries()
	if len(d) == 0 {
		return errors.New("the fake delivered no webhook")
	}
	last := d[len(d)-1]
	if status, err := post(ctx, url, last.Body, last.Header); err != nil {
		return err
	} else if status != http.StatusOK {
		return fmt.Errorf("redelivery answered %d", status)
	}

	fmt.Fprintln(out, "Someone posts a webhook with a forged signature")
	forged := bytes.Replace(last.Body, []byte(`"GREEN"`), []byte(`"RED"`), 1)
	status, err := post(ctx, url, forged, last.Header)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  refused with HTTP %d\n", status)
	fmt.Fprintf(out, "%d webhooks delivered by the fake.\n", len(srv.Deliveries()))
	return nil
}

func submit(ctx context.Context, client *monitoring.Client, txnID monitoring.TxnID, amount string) (*monitoring.Result, error) {
	txn, err := monitoring.NewCryptoDeposit(txnID, amount, "USDT").
		Chain("ETH").
		Applicant(monitoring.NewPerson("user-42", "Amelie Okafor")).
		CounterpartyWallet("0x0Dd5aF1c0aB2E3f4a5B6c7D8e9F0a1B2c3D4e5F6").
		Build()
	if err != nil {
		return nil, err
	}
	return client.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
}

func post(ctx context.Context, url string, body []byte, header http.Header) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header = header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// syncWriter serialises writes from the webhook goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
