// Command gtr-deposit verifies a deposit with the Global Travel Rule after it
// arrived on chain: the post-transaction one-step flow of package gtr.
//
//	go run ./examples/gtr-deposit        # against the in-process fake
//	go run ./examples/gtr-deposit -v     # and log every HTTP attempt to stderr
//
// We are the beneficiary VASP. OneStep (PostTransaction) asks the sending
// VASP whether it sent the transaction id to our customer's address (stage
// 1), then has it check the originator name we hold (stage 2); our customer's
// IVMS101 data travels sealed to its key. Decide turns the verdict into
// credit / hold / do not credit, and Query reads back what GTR recorded —
// the call to make later for a pending verdict or an unknown outcome.
//
// With no configuration it starts gtrtest, a fake GTR platform with real
// mTLS, login and PII sealing, and verifies two deposits: one the sending
// VASP recognises and one whose transaction id it never sent. With these
// variables set, the same code verifies one deposit on GTR's UAT platform
// (or VASPKIT_GTR_URL):
//
//	VASPKIT_GTR_VASP_CODE, VASPKIT_GTR_ACCESS_KEY, VASPKIT_GTR_SECRET_KEY  api_key.csv
//	VASPKIT_GTR_AUTH                "login" (default) or "apptoken"
//	VASPKIT_GTR_CERT_FILE, VASPKIT_GTR_KEY_FILE  client certificate (PEM),
//	  or VASPKIT_GTR_P12_FILE and VASPKIT_GTR_P12_PASSWORD (PKCS#12)
//	VASPKIT_GTR_PII_PRIVATE_KEY     our Ed25519 PII key (base64)
//	VASPKIT_GTR_URL                 default gtr.UATURL
//	VASPKIT_GTR_DEPOSIT_VASP, VASPKIT_GTR_DEPOSIT_ADDRESS, VASPKIT_GTR_DEPOSIT_TXID  the deposit
//	VASPKIT_GTR_DEPOSIT_NETWORK, VASPKIT_GTR_DEPOSIT_TICKER  default: the
//	  VASPKIT_GTR_WITHDRAWAL_NETWORK and _TICKER the quickstart uses
//
// The originator's name checked against the sending VASP's records is the
// demo's own. It prints statuses, VASP codes and field verdicts: never a
// name, an address or a key.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// Our side: the exchange and the customer whose address received the
// deposit.
var (
	ourVASP  = ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("DE").Person()
	customer = ivms.NewNaturalPerson("Okafor", "Amelie").
			DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").
			CustomerID("user-42").Person()
	// sender is the originator as our customer declared it when the
	// deposit arrived.
	sender = ivms.NewNaturalPerson("Castellanos", "Carmen").
		DateOfBirth(time.Date(1979, 11, 30, 0, 0, 0, 0, time.UTC), "Madrid").Person()
)

// deposit is one transfer we received from a customer of another VASP.
type deposit struct {
	VASP, Address, Network, Ticker, TxID, Amount string
}

var (
	fakeAddress   = "0x5e0dEeD0C0fFee1234567890aBcDeF0123456789"
	fakeTxID      = "0x9f3c1e7a2b4d6f8091a3c5e7092b4d6f8a1c3e5f7092b4d6f8a1c3e5f7092b4d"
	fakeUnknownTx = "0x1111111111111111111111111111111111111111111111111111111111111111"
	fakeSender    = sender // the sending VASP's customer
	fakeDeposits  = []deposit{
		{VASP: "ORIG", Address: fakeAddress, Network: "ETH", Ticker: "ETH", TxID: fakeTxID, Amount: "0.25"},
		{VASP: "ORIG", Address: fakeAddress, Network: "ETH", Ticker: "ETH", TxID: fakeUnknownTx, Amount: "3"},
	}
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
		fmt.Fprintln(os.Stderr, "gtr-deposit:", err)
		os.Exit(1)
	}
}

// run builds the client (real platform or fake) and verifies each deposit.
func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	opts, deposits, closeFake, err := setUp(getenv)
	if err != nil {
		return err
	}
	defer closeFake()
	if logger != nil {
		opts = append(opts, gtr.WithLogger(logger))
	}
	client, err := gtr.New(opts...)
	if err != nil {
		return err
	}
	for i, d := range deposits {
		fmt.Fprintf(out, "Deposit %d: %s %s on %s from a customer of %s\n", i+1, d.Amount, d.Ticker, d.Network, d.VASP)
		if err := verifyDeposit(ctx, out, client, d); err != nil {
			return err
		}
	}
	return nil
}

// verifyDeposit is the part to copy into a deposit service.
func verifyDeposit(ctx context.Context, out io.Writer, client *gtr.Client, d deposit) error {
	identity, err := ivms.NewPayload().
		Originator(sender).
		Beneficiary(customer, d.Address).
		BeneficiaryVASP(ourVASP).
		Build()
	if err != nil {
		return fmt.Errorf("IVMS101 payload: %w", err) // names fields, never values
	}
	requestID, err := gtr.NewRequestID("example")
	if err != nil {
		return err
	}
	res, err := client.OneStep(ctx, &gtr.OneStepRequest{
		RequestID:      requestID,
		Direction:      gtr.PostTransaction,
		Network:        d.Network,
		Ticker:         d.Ticker,
		Address:        d.Address, // always the beneficiary's: ours
		TxID:           d.TxID,
		TargetVASPCode: d.VASP, // its PII key, format type and IVMS version come from VASPDetail
		Amount:         d.Amount,
		FiatName:       "USD",
		FiatPrice:      "750",
		ExpectFields:   []gtr.FieldID{gtr.OriginatorNatural.Name()},
		Identity:       identity,
	})
	switch {
	case errors.Is(err, gtr.ErrOutcomeUnknown):
		// GTR may have recorded it: Query requestID later, never resend.
		fmt.Fprintf(out, "  outcome unknown: query %s later; keep the deposit on hold\n", requestID)
		return nil
	case errors.Is(err, gtr.ErrNotFound):
		fmt.Fprintln(out, "  the sending VASP is not on GTR: hold the deposit for manual review")
		return nil
	case err != nil:
		return fmt.Errorf("one_step: %w", err) // *gtr.ValidationError or *gtr.APIError
	}
	fmt.Fprintf(out, "  one_step: %s at %s%s\n", res.Status, res.Stage, fieldList(res.Fields))
	if res.Identity != nil && res.Identity.OriginatingVASP != nil {
		fmt.Fprintln(out, "  the sending VASP returned the originator's data (stored with the deposit, never logged)")
	}

	decision := res.Decide()
	switch decision.Action {
	case gtr.Proceed:
		fmt.Fprintf(out, "  decision: credit the customer (%s)\n", decision.Reason)
	case gtr.Wait, gtr.Review:
		fmt.Fprintf(out, "  decision: hold the deposit (%s)\n", decision.Reason)
	default:
		fmt.Fprintf(out, "  decision: do not credit; follow the policy for returned funds (%s)\n", decision.Reason)
	}

	// What GTR recorded, as a later job (or a support engineer) reads it.
	q, err := client.Query(ctx, requestID)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	fmt.Fprintf(out, "  recorded by GTR: %s at %s, asset %s → %s\n", q.Status, q.Stage, q.OriginatorVASP, q.BeneficiaryVASP)
	return nil
}

func fieldList(fields []gtr.FieldResult) string {
	var b strings.Builder
	for i, f := range fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %s", f.ID, f.Status)
	}
	return b.String()
}

// setUp returns the client options and the deposits: the configured
// platform and deposit, or a fake platform with the sending VASP.
func setUp(getenv func(string) string) ([]gtr.Option, []deposit, func(), error) {
	if getenv("VASPKIT_GTR_VASP_CODE") != "" {
		opts, err := gtrOptionsFromEnv(getenv)
		if err != nil {
			return nil, nil, nil, err
		}
		or := func(k, fallback string) string {
			if v := getenv(k); v != "" {
				return v
			}
			return getenv(fallback)
		}
		d := deposit{VASP: getenv("VASPKIT_GTR_DEPOSIT_VASP"), Address: getenv("VASPKIT_GTR_DEPOSIT_ADDRESS"),
			TxID:    getenv("VASPKIT_GTR_DEPOSIT_TXID"),
			Network: or("VASPKIT_GTR_DEPOSIT_NETWORK", "VASPKIT_GTR_WITHDRAWAL_NETWORK"),
			Ticker:  or("VASPKIT_GTR_DEPOSIT_TICKER", "VASPKIT_GTR_WITHDRAWAL_TICKER"), Amount: "0.25"}
		if d.VASP == "" || d.Address == "" || d.TxID == "" || d.Network == "" || d.Ticker == "" {
			return nil, nil, nil, errors.New("set VASPKIT_GTR_DEPOSIT_VASP, _ADDRESS, _TXID, _NETWORK and _TICKER")
		}
		return opts, []deposit{d}, func() {}, nil
	}

	platform, err := gtrtest.Start()
	if err != nil {
		return nil, nil, nil, err
	}
	err = platform.AddVASP(gtrtest.VASP{Code: "ORIG", Name: "Orig Markets", Brand: "Orig",
		TxIDs: map[string]gtrtest.Transfer{fakeTxID: {To: gtrtest.Wallet{Network: "ETH", Address: fakeAddress}, Sender: fakeSender}}})
	kp, kerr := gtr.GenerateKeyPair(nil) // in production: gtr.ParseKeyPair(<secret>)
	if err = errors.Join(err, kerr); err != nil {
		platform.Close()
		return nil, nil, nil, err
	}
	return []gtr.Option{
		gtr.WithBaseURL(platform.URL),
		gtr.WithClientCertificate(platform.ClientCertificate()),
		gtr.WithRootCAs(platform.RootCAs()),
		gtr.WithAppToken(platform.Credentials()), // stateless: any number of replicas
		gtr.WithKeyPair(kp),
	}, fakeDeposits, platform.Close, nil
}

// gtrOptionsFromEnv reads the VASPKIT_GTR_* credentials.
func gtrOptionsFromEnv(getenv func(string) string) ([]gtr.Option, error) {
	kp, err := gtr.ParseKeyPair(getenv("VASPKIT_GTR_PII_PRIVATE_KEY"))
	if err != nil {
		return nil, fmt.Errorf("VASPKIT_GTR_PII_PRIVATE_KEY: %w", err)
	}
	url := getenv("VASPKIT_GTR_URL")
	if url == "" {
		url = gtr.UATURL
	}
	opts := []gtr.Option{gtr.WithBaseURL(url), gtr.WithKeyPair(kp)}
	if p12 := getenv("VASPKIT_GTR_P12_FILE"); p12 != "" {
		data, err := os.ReadFile(p12)
		if err != nil {
			return nil, fmt.Errorf("VASPKIT_GTR_P12_FILE: %w", err)
		}
		opts = append(opts, gtr.WithClientCertificatePKCS12(data, getenv("VASPKIT_GTR_P12_PASSWORD")))
	} else {
		opts = append(opts, gtr.WithClientCertificateFiles(getenv("VASPKIT_GTR_CERT_FILE"), getenv("VASPKIT_GTR_KEY_FILE")))
	}
	code, access, secret := getenv("VASPKIT_GTR_VASP_CODE"), getenv("VASPKIT_GTR_ACCESS_KEY"), getenv("VASPKIT_GTR_SECRET_KEY")
	switch strings.ToLower(getenv("VASPKIT_GTR_AUTH")) {
	case "", "login":
		opts = append(opts, gtr.WithLogin(code, access, secret))
	case "apptoken":
		opts = append(opts, gtr.WithAppToken(code, access, secret))
	default:
		return nil, errors.New(`VASPKIT_GTR_AUTH: want "login" or "apptoken"`)
	}
	return opts, nil
}
