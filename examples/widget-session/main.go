// Command widget-session opens Striga travel-rule widget sessions with
// package travelrule: one for an on-chain address and one for a Lightning
// invoice.
//
//	go run ./examples/widget-session        # against the in-process fake
//	go run ./examples/widget-session -v     # and log every HTTP attempt to stderr
//
// Striga holds a transfer to or from a self-hosted wallet until the customer
// says, in Striga's widget, whose wallet it is. The backend asks for a
// session for one customer, one currency/network pair and one counterparty
// identifier, and hands the session's URL (or token) to the front end. Asking
// again for the same thing returns the same unexpired session
// (WidgetSession.Reused), so a retried call is harmless.
//
// For Lightning the identifier is a BOLT11 invoice (or its payment hash).
// The client plugs in package bolt11's full check with
//
//	travelrule.WithInvoiceCheck(bolt11.CheckInvoice)
//
// so an invoice is checked before it is sent: its form and network by
// travelrule itself (Striga's sandbox is Bitcoin testnet, so a mainnet
// invoice is a *travelrule.ValidationError matching
// travelrule.ErrWrongInvoiceNetwork), and its signature, payment hash,
// payment secret and feature bits by bolt11 (an invoice without a payment
// secret matches bolt11.ErrMissingPaymentSecret), which also gives the
// session's PaymentHash. Without the option travelrule links no lnd code
// and leaves those checks to Striga.
//
// With no configuration it starts travelruletest, a fake Striga that checks
// request signatures and reuses sessions as Striga does. With these variables
// set, the same code talks to Striga's sandbox (or VASPKIT_STRIGA_URL):
//
//	VASPKIT_STRIGA_API_KEY, VASPKIT_STRIGA_API_SECRET  API key and secret
//	VASPKIT_STRIGA_URL        default travelrule.SandboxURL
//	VASPKIT_STRIGA_USER_ID    the Striga userId (UUID) the sessions are for
//	VASPKIT_STRIGA_ADDRESS    a self-hosted ETH address
//	VASPKIT_STRIGA_INVOICE    a testnet BOLT11 invoice (lntb…)
//
// It prints session ids, expiry and reuse facts, and how each call went
// (WidgetSession.Meta: HTTP status, attempts, request id): never the
// widget URL or token (they open the customer's widget), an address or a
// key.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/vaspkit/vaspkit/bolt11"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The demo's customer, wallet and invoices.
var (
	fakeUserID  = "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13"
	fakeAddress = "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC"
	// A testnet invoice for 150 sat.
	fakeInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"
	// A testnet invoice without the payment secret BOLT11 requires
	// (travelrule/testdata/invoices.json).
	noSecretInvoice = "lntb1500n1pnhfpvqpp5ndnthxaqxp9f4zmq3cqe3u66wmtd3jtjt685px6enq8eld0u6peqdp4w3exzan9d3e82mr9yp5kuan0d93k2grhd96xsmm4wss8xetrwfjhgxqrrss9qrsgqd8s6ty2u3fdy7f06csk362zutgyr0074szlj0pf3thtwegsjs8knam5k8kaemj9pzdfenqcg2lsf86cp860tkk9sh80e3r2kelw3l6sq4a2dx9"
	// The BOLT11 specification's mainnet example ("1 cup coffee").
	mainnetInvoice = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"
)

func main() {
	// A flag set of its own: package bolt11 brings lnd, whose lnwire
	// registers ten -rapid.* test flags on flag.CommandLine.
	fs := flag.NewFlagSet("widget-session", flag.ExitOnError)
	verbose := fs.Bool("v", false, "log every HTTP attempt (method, path, status, attempt, duration) to stderr")
	_ = fs.Parse(os.Args[1:]) // ExitOnError: never returns an error
	var logger *slog.Logger
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, logger, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "widget-session:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	opts, userID, address, invoice, closeFake, err := setUp(getenv)
	if err != nil {
		return err
	}
	defer closeFake()
	if logger != nil {
		opts = append(opts, travelrule.WithLogger(logger))
	}
	// The full BOLT11 check, from package bolt11 (and so lnd).
	opts = append(opts, travelrule.WithInvoiceCheck(bolt11.CheckInvoice))
	client, err := travelrule.New(opts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Lightning invoices must be for %s\n", client.InvoiceNetwork())

	fmt.Fprintln(out, "1. On-chain: a withdrawal of ETH to a self-hosted wallet")
	onchain := &travelrule.WidgetSessionRequest{UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: address}
	if err := open(ctx, out, client, onchain); err != nil {
		return err
	}
	fmt.Fprintln(out, "2. The same request again (a retry, a double click)")
	if err := open(ctx, out, client, onchain); err != nil {
		return err
	}

	fmt.Fprintln(out, "3. Lightning: a deposit paid with an invoice")
	if err := open(ctx, out, client, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC", Invoice: invoice}); err != nil {
		return err
	}

	fmt.Fprintln(out, "4. Lightning with a mainnet invoice")
	if err := open(ctx, out, client, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC", Invoice: mainnetInvoice}); err != nil {
		return err
	}

	fmt.Fprintln(out, "5. Lightning with an invoice that lacks its payment secret")
	return open(ctx, out, client, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC", Invoice: noSecretInvoice})
}

// open is the part to copy: ask for a session and hand it to the front end.
func open(ctx context.Context, out io.Writer, client *travelrule.Client, req *travelrule.WidgetSessionRequest) error {
	s, err := client.CreateWidgetSession(ctx, req)
	var invalid *travelrule.ValidationError
	switch {
	case errors.As(err, &invalid):
		for _, p := range invalid.Problems {
			fmt.Fprintf(out, "   refused before sending: %s (%s)\n", p.Path, p.Rule)
		}
		switch {
		case errors.Is(err, travelrule.ErrWrongInvoiceNetwork): // travelrule's own check
			fmt.Fprintln(out, "   the invoice is for another network than Striga's")
		case errors.Is(err, bolt11.ErrMissingPaymentSecret): // the plugged-in bolt11 check
			fmt.Fprintln(out, "   bolt11: the invoice has no payment secret")
		}
		return nil
	case errors.Is(err, travelrule.ErrNotFound):
		return fmt.Errorf("no such Striga user: %w", err)
	case err != nil:
		return err // *travelrule.APIError: status, Striga code, request id
	}
	state := "new session"
	if s.Reused {
		state = "the unexpired session Striga already had"
	}
	fmt.Fprintf(out, "   %s: %s\n", state, s) // String never shows the URL or token
	// Meta: how the call went; quote the request id to Striga's support.
	fmt.Fprintf(out, "   HTTP %d after %d attempt(s), request id %q\n", s.Meta.HTTPStatus, s.Meta.Attempts, s.Meta.RequestID)
	if s.PaymentHash != "" && req.Invoice != "" {
		fmt.Fprintf(out, "   invoice checked by bolt11, payment hash %s…\n", s.PaymentHash[:12])
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(out, "   warning: %s\n", w)
	}
	// A real service returns s.URL (or s.Token) to the customer's browser.
	return nil
}

// setUp returns the client options and the demo's user, address and
// invoice: Striga's sandbox, or a fake.
func setUp(getenv func(string) string) (opts []travelrule.Option, userID, address, invoice string, closeFake func(), err error) {
	key, secret := getenv("VASPKIT_STRIGA_API_KEY"), getenv("VASPKIT_STRIGA_API_SECRET")
	if key != "" || secret != "" {
		userID, address, invoice = getenv("VASPKIT_STRIGA_USER_ID"), getenv("VASPKIT_STRIGA_ADDRESS"), getenv("VASPKIT_STRIGA_INVOICE")
		if key == "" || secret == "" || userID == "" || address == "" || invoice == "" {
			return nil, "", "", "", nil, errors.New("set VASPKIT_STRIGA_API_KEY, _API_SECRET, _USER_ID, _ADDRESS and _INVOICE")
		}
		opts = []travelrule.Option{travelrule.WithCredentials(key, secret), travelrule.WithEnvironment(travelrule.Sandbox)}
		if u := getenv("VASPKIT_STRIGA_URL"); u != "" {
			opts = append(opts, travelrule.WithBaseURL(u))
		}
		return opts, userID, address, invoice, func() {}, nil
	}
	srv := travelruletest.NewServer(nil) // testnet invoices, like the sandbox
	return srv.ClientOptions(), fakeUserID, fakeAddress, fakeInvoice, srv.Close, nil
}
