// Command monitoring-submit screens crypto transfers with Sumsub's
// transaction monitoring (KYT) through package monitoring, and acts on each
// verdict.
//
//	go run ./examples/monitoring-submit        # against the in-process fake
//	go run ./examples/monitoring-submit -v     # and log every HTTP attempt to stderr
//
// It shows:
//   - client-side validation: a bad transaction comes back as a
//     *monitoring.ValidationError naming every bad field, and nothing is sent;
//   - verdicts as results: GREEN lets the money move, RED stops it, onHold
//     waits for a compliance officer, who decides with Approve or Reject;
//   - duplicate safety: a submit whose connection drops after Sumsub stored
//     it is retried, meets "409 Entity already exists", and comes back as the
//     stored transaction with Result.Replayed set — one record, no error.
//
// With no configuration it starts monitoringtest, a fake Sumsub that checks
// signatures, scores with simple rules (hold above 10 000, reject a
// sanctioned wallet) and drops the connection of the fourth submit after
// storing it. With these variables set, the same code talks to Sumsub (the
// sandbox when the token starts with "sbx:"):
//
//	VASPKIT_SUMSUB_APP_TOKEN   app token
//	VASPKIT_SUMSUB_SECRET_KEY  its secret key
//	VASPKIT_SUMSUB_URL         default https://api.sumsub.com
//	VASPKIT_SUMSUB_LEVEL_NAME  the level for applicants Sumsub does not know yet
//
// Verdicts on a real account depend on its rules. It prints ids, verdicts
// and scores: never a name, a wallet address or a key.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// The demo's customer and counterparties.
var (
	customerID        = "user-42"
	customerName      = "Amelie Okafor"
	friendWallet      = "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC"
	sanctionedWallet  = "0x8589427373D6D84E98730D7795D8f6f8731FDA16"
	depositFromWallet = "0x0Dd5aF1c0aB2E3f4a5B6c7D8e9F0a1B2c3D4e5F6"
)

func main() {
	verbose := flag.Bool("v", false, "log every HTTP attempt (method, path, status, attempt, duration) to stderr")
	flag.Parse()
	var logger *slog.Logger
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, logger, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "monitoring-submit:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	opts, levelName, fake, err := setUp(getenv)
	if err != nil {
		return err
	}
	if fake != nil {
		defer fake.Close()
	}
	if logger != nil {
		opts = append(opts, monitoring.WithLogger(logger))
	}
	client, err := monitoring.New(opts...)
	if err != nil {
		return err
	}
	batch := newID() // txnIds must be unique for ever: Sumsub keys transactions by them

	fmt.Fprintln(out, "1. An invalid withdrawal (no currency, no user id)")
	// A customer Sumsub does not know yet needs an externalUserId and a
	// full name: Submit checks what Sumsub documents before sending.
	amount, _ := monitoring.ParseNumber("0.5")
	_, err = client.Submit(ctx, &monitoring.Transaction{
		TxnID:     monitoring.TxnID("wd-" + batch + "-0"),
		Type:      monitoring.TypeFinance,
		Info:      &monitoring.Info{Direction: monitoring.Out, Amount: amount, CurrencyType: monitoring.Crypto},
		Applicant: monitoring.NewPerson("", customerName),
	}, monitoring.WithLevelName(levelName))
	var invalid *monitoring.ValidationError
	if !errors.As(err, &invalid) {
		return fmt.Errorf("want a validation error, got %v", err)
	}
	for _, p := range invalid.Problems {
		fmt.Fprintf(out, "   %s: %s (nothing sent)\n", p.Path, p.Rule)
	}

	transfers := []struct {
		title string
		build *monitoring.Builder
	}{
		{"2. A withdrawal of 0.5 ETH to a friend's wallet",
			monitoring.NewCryptoWithdrawal(monitoring.TxnID("wd-"+batch+"-1"), "0.5", "ETH").Chain("ETH").CounterpartyWallet(friendWallet)},
		{"3. A deposit of 25000 USDT",
			monitoring.NewCryptoDeposit(monitoring.TxnID("dp-"+batch+"-2"), "25000", "USDT").Chain("ETH").CounterpartyWallet(depositFromWallet)},
		{"4. A withdrawal to a sanctioned wallet",
			monitoring.NewCryptoWithdrawal(monitoring.TxnID("wd-"+batch+"-3"), "1.2", "ETH").Chain("ETH").CounterpartyWallet(sanctionedWallet)},
		{"5. A withdrawal whose first attempt loses its answer",
			monitoring.NewCryptoWithdrawal(monitoring.TxnID("wd-"+batch+"-4"), "0.1", "ETH").Chain("ETH").CounterpartyWallet(friendWallet)},
	}
	for _, tr := range transfers {
		fmt.Fprintln(out, tr.title)
		txn, err := tr.build.Applicant(monitoring.NewPerson(customerID, customerName)).Date(time.Now()).Build()
		if err != nil {
			return err
		}
		if err := screen(ctx, out, client, txn, levelName); err != nil {
			return err
		}
	}
	if fake != nil {
		st := fake.Stats()
		fmt.Fprintf(out, "The fake stored %d transactions for 4 submits; it refused %d duplicate.\n", st.Stored, st.Duplicates)
	}
	return nil
}

// screen is the part to copy: submit, then act on the verdict.
func screen(ctx context.Context, out io.Writer, client *monitoring.Client, txn *monitoring.Transaction, levelName string) error {
	res, err := client.Submit(ctx, txn, monitoring.WithLevelName(levelName))
	var apiErr *monitoring.APIError
	switch {
	case errors.Is(err, monitoring.ErrDuplicate):
		// Another process submitted this txnId: read it, do not resubmit.
		return fmt.Errorf("txnId %s already used: %w", txn.TxnID, err)
	case errors.As(err, &apiErr):
		return fmt.Errorf("sumsub refused (HTTP %d, errorCode %d, correlationId %s): %w", apiErr.HTTPStatus, apiErr.Code, apiErr.RequestID, err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "   %s: review %s, answer %q, score %s%s\n", res.TxnID(), res.Status(), res.Answer(), res.Score, rules(res))
	if res.Replayed {
		fmt.Fprintln(out, "   the first attempt had been stored: this is that transaction (Replayed), not a second one")
	}
	if res.Meta.RequestID != "" {
		// What to quote to Sumsub support about this call.
		fmt.Fprintf(out, "   Sumsub request id %s (HTTP %d, %d attempt(s))\n", res.Meta.RequestID, res.Meta.HTTPStatus, res.Meta.Attempts)
	}

	switch {
	case res.Answer() == monitoring.Green:
		fmt.Fprintln(out, "   → move the money")
	case res.Answer() == monitoring.Red:
		fmt.Fprintln(out, "   → stop: do not move the money")
	case res.Status() == monitoring.StatusOnHold:
		// A compliance officer reviews it; here they approve.
		decided, err := client.Approve(ctx, res.ID)
		if err != nil {
			// Approve is never resent after an ambiguous failure: read
			// the transaction back with Get before deciding again.
			return fmt.Errorf("approve: %w", err)
		}
		fmt.Fprintf(out, "   → held for review; the officer approved: answer %s\n", decided.Answer())
	default:
		fmt.Fprintln(out, "   → no verdict yet: wait for the webhook")
	}
	return nil
}

func rules(res *monitoring.Result) string {
	if res.ScoringResult == nil || len(res.ScoringResult.MatchedRules) == 0 {
		return ""
	}
	s := ", rules:"
	for _, r := range res.ScoringResult.MatchedRules {
		s += " " + r.Name
	}
	return s
}

func newID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// setUp returns the client options: Sumsub's, or a fake's.
func setUp(getenv func(string) string) ([]monitoring.Option, string, *monitoringtest.Server, error) {
	levelName := getenv("VASPKIT_SUMSUB_LEVEL_NAME")
	if token, secret := getenv("VASPKIT_SUMSUB_APP_TOKEN"), getenv("VASPKIT_SUMSUB_SECRET_KEY"); token != "" || secret != "" {
		if token == "" || secret == "" || levelName == "" {
			return nil, "", nil, errors.New("set VASPKIT_SUMSUB_APP_TOKEN, VASPKIT_SUMSUB_SECRET_KEY and VASPKIT_SUMSUB_LEVEL_NAME")
		}
		opts := []monitoring.Option{monitoring.WithAppToken(token, secret)}
		if u := getenv("VASPKIT_SUMSUB_URL"); u != "" {
			opts = append(opts, monitoring.WithBaseURL(u))
		}
		return opts, levelName, nil, nil
	}
	srv := monitoringtest.NewServer(nil,
		monitoringtest.WithRule(monitoringtest.HoldAbove("10000")),
		monitoringtest.WithRule(monitoringtest.RejectWallet(sanctionedWallet)),
		// The 4th submit: stored, then the connection drops.
		monitoringtest.WithFaults(fakefault.Fault{Kind: fakefault.Drop, Every: 4, Match: monitoringtest.IsSubmit}),
	)
	token, secret := srv.AppToken()
	return []monitoring.Option{
		monitoring.WithBaseURL(srv.URL),
		monitoring.WithAppToken(token, secret),
		monitoring.WithHTTPClient(srv.HTTPClient()),
		// The fake answers at once, so the retry after the dropped
		// connection need not wait the default second; against Sumsub,
		// keep the defaults.
		monitoring.WithRetry(3, 10*time.Millisecond, 100*time.Millisecond),
	}, "basic-kyc-level", srv, nil
}
