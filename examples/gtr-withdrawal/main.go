// Command gtr-withdrawal verifies a withdrawal with the Global Travel Rule
// before it is broadcast: the pre-transaction one-step flow of package gtr.
//
//	go run ./examples/gtr-withdrawal        # against the in-process fake
//	go run ./examples/gtr-withdrawal -v     # and log every HTTP attempt to stderr
//
// It looks the counterparty VASP up (VASPDetail), lets GTR correct the VASP
// for the address (DetectAddressVASP), sends our customer's IVMS101 data
// sealed to the counterparty's key (OneStep, PreTransaction), turns the
// answer into a decision (OneStepResult.Decide) and, when the decision is
// to proceed, reports the transaction id after broadcasting (NotifyTxID).
// Each outcome is handled as a service would: a verdict is a result, an
// unknown outcome is queried later and never resent.
//
// With no configuration it starts gtrtest, a fake GTR platform with real
// mTLS, login and PII sealing, and withdraws twice: to a beneficiary whose
// name matches the counterparty's records, and to one whose name does not.
// With these variables set, the same code withdraws once on GTR's UAT
// platform (or VASPKIT_GTR_URL):
//
//	VASPKIT_GTR_VASP_CODE, VASPKIT_GTR_ACCESS_KEY, VASPKIT_GTR_SECRET_KEY  api_key.csv
//	VASPKIT_GTR_AUTH                "login" (default) or "apptoken"
//	VASPKIT_GTR_CERT_FILE, VASPKIT_GTR_KEY_FILE  client certificate (PEM),
//	  or VASPKIT_GTR_P12_FILE and VASPKIT_GTR_P12_PASSWORD (PKCS#12)
//	VASPKIT_GTR_PII_PRIVATE_KEY     our Ed25519 PII key (base64)
//	VASPKIT_GTR_URL                 default gtr.UATURL
//	VASPKIT_GTR_WITHDRAWAL_VASP, VASPKIT_GTR_WITHDRAWAL_ADDRESS,
//	VASPKIT_GTR_WITHDRAWAL_NETWORK, VASPKIT_GTR_WITHDRAWAL_TICKER  the transfer
//
// It prints statuses, VASP codes and field verdicts: never a name, an
// address or a key.
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
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// Our side: the exchange and the customer who withdraws.
var (
	ourVASP  = ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("DE").Person()
	customer = ivms.NewNaturalPerson("Okafor", "Amelie").
			DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").
			CustomerID("user-42").Person()
	customerAccount = "user-42-eth"
)

// withdrawal is one transfer to a customer of another VASP, with the
// beneficiary as our customer typed it in.
type withdrawal struct {
	VASP, Address, Network, Ticker, Amount string
	Beneficiary                            ivms.Person
}

// The fake's counterparty and its customer; the second withdrawal names
// the beneficiary wrongly.
var (
	fakeAddress  = "0x7a1bB0b5e0A9cE3c0fFee0Bd1e2F3a4B5c6D7e8f"
	fakeCustomer = ivms.NewNaturalPerson("Brennan", "Bartholomew").
			DateOfBirth(time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Porto").Person()
	fakeWithdrawals = []withdrawal{
		{VASP: "BENE", Address: fakeAddress, Network: "ETH", Ticker: "ETH", Amount: "0.5", Beneficiary: fakeCustomer},
		{VASP: "BENE", Address: fakeAddress, Network: "ETH", Ticker: "ETH", Amount: "0.2",
			Beneficiary: ivms.NewNaturalPerson("Quartermaine", "Rosalind").Person()},
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
		fmt.Fprintln(os.Stderr, "gtr-withdrawal:", err)
		os.Exit(1)
	}
}

// run builds the client (real platform or fake) and runs each withdrawal.
func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	opts, transfers, closeFake, err := setUp(getenv)
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
	for i, w := range transfers {
		fmt.Fprintf(out, "Withdrawal %d: %s %s on %s to a customer of %s\n", i+1, w.Amount, w.Ticker, w.Network, w.VASP)
		if err := withdraw(ctx, out, client, w); err != nil {
			return err
		}
	}
	return nil
}

// withdraw is the part to copy into a withdrawal service.
func withdraw(ctx context.Context, out io.Writer, client *gtr.Client, w withdrawal) error {
	// GTR names the entity of the VASP's brand that holds the address.
	route, err := client.DetectAddressVASP(ctx, &gtr.AddressDetectionRequest{VASPCode: w.VASP, Address: w.Address, Network: w.Network})
	if err != nil {
		return fmt.Errorf("address detection: %w", err)
	}
	detail, err := client.VASPDetail(ctx, route.VASPCode)
	if err != nil {
		return fmt.Errorf("VASP detail: %w", err)
	}
	fmt.Fprintf(out, "  counterparty %s (changed by GTR: %t): %d verifiable fields, %d required, may answer later: %t\n",
		detail.VASPCode, route.Changed, len(detail.SupportedFields), len(detail.RequiredFields), detail.CouldPending)

	identity, err := ivms.NewPayload().
		Originator(customer, customerAccount).
		Beneficiary(w.Beneficiary, w.Address).
		OriginatingVASP(ourVASP).
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
		Direction:      gtr.PreTransaction,
		Network:        w.Network,
		Ticker:         w.Ticker,
		Address:        w.Address,
		TargetVASPCode: detail.VASPCode,
		// The detail just fetched gives the key and how the counterparty
		// takes PII (format type, IVMS version). With all three set
		// OneStep makes no detail call of its own; any left empty (the
		// counterparty advertises none) and it fetches detail again.
		TargetPublicKey: detail.PublicKey,
		PIIFormat:       detail.PIIFormat,
		PIISpecVersion:  detail.PIISpecVersion,
		Amount:          w.Amount,
		FiatName:        "USD",
		FiatPrice:       "1500",
		ExpectFields:    []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()},
		Identity:        identity,
	})
	var invalid *gtr.ValidationError
	var apiErr *gtr.APIError
	switch {
	case errors.As(err, &invalid):
		return fmt.Errorf("nothing sent: %w", err) // every bad field, by path
	case errors.Is(err, gtr.ErrOutcomeUnknown):
		// GTR may have recorded the travel rule: never resend it with the
		// same requestId. Store requestID and Query it later.
		fmt.Fprintf(out, "  outcome unknown: query %s later, do not broadcast yet\n", requestID)
		return nil
	case errors.As(err, &apiErr):
		return fmt.Errorf("one_step refused: verifyStatus %d (%s): %w", int(apiErr.Code), apiErr.Code, err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "  one_step: %s at %s%s\n", res.Status, res.Stage, fieldList(res.Fields))

	decision := res.Decide()
	fmt.Fprintf(out, "  decision: %s (%s)\n", decision.Action, decision.Reason)
	switch decision.Action {
	case gtr.Proceed:
		txid := broadcast()
		if err := client.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: requestID, TxID: txid}); err != nil {
			return fmt.Errorf("notify txid: %w", err)
		}
		fmt.Fprintln(out, "  broadcast; txid reported to GTR")
	case gtr.Wait:
		fmt.Fprintln(out, "  holding the withdrawal until callback 15 (or Query) brings the verdict")
	case gtr.Review:
		fmt.Fprintln(out, "  holding the withdrawal for a compliance officer")
	default:
		fmt.Fprintf(out, "  not sent: missing %v, mismatched %v\n", decision.Missing, decision.Mismatched)
	}
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

// broadcast stands for the wallet that sends the transaction.
func broadcast() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "0x" + hex.EncodeToString(b)
}

// setUp returns the client options and the withdrawals: the configured
// platform and transfer, or a fake platform with its counterparty.
func setUp(getenv func(string) string) ([]gtr.Option, []withdrawal, func(), error) {
	if getenv("VASPKIT_GTR_VASP_CODE") != "" {
		opts, err := gtrOptionsFromEnv(getenv)
		if err != nil {
			return nil, nil, nil, err
		}
		w := withdrawal{VASP: getenv("VASPKIT_GTR_WITHDRAWAL_VASP"), Address: getenv("VASPKIT_GTR_WITHDRAWAL_ADDRESS"),
			Network: getenv("VASPKIT_GTR_WITHDRAWAL_NETWORK"), Ticker: getenv("VASPKIT_GTR_WITHDRAWAL_TICKER"),
			Amount: "0.5", Beneficiary: fakeCustomer}
		if w.VASP == "" || w.Address == "" || w.Network == "" || w.Ticker == "" {
			return nil, nil, nil, errors.New("set VASPKIT_GTR_WITHDRAWAL_VASP, _ADDRESS, _NETWORK and _TICKER")
		}
		return opts, []withdrawal{w}, func() {}, nil
	}

	platform, err := gtrtest.Start()
	if err != nil {
		return nil, nil, nil, err
	}
	err = platform.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange", Brand: "Bene",
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: fakeAddress}: fakeCustomer}})
	kp, kerr := gtr.GenerateKeyPair(nil) // in production: gtr.ParseKeyPair(<secret>)
	if err = errors.Join(err, kerr); err != nil {
		platform.Close()
		return nil, nil, nil, err
	}
	return []gtr.Option{
		gtr.WithBaseURL(platform.URL),
		gtr.WithClientCertificate(platform.ClientCertificate()),
		gtr.WithRootCAs(platform.RootCAs()),
		gtr.WithLogin(platform.Credentials()),
		gtr.WithKeyPair(kp),
	}, fakeWithdrawals, platform.Close, nil
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
