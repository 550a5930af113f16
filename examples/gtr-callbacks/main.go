// Command gtr-callbacks is a receiving VASP's callback server for the Global
// Travel Rule: gtr.NewCallbackHandler served over mutual TLS.
//
//	go run ./examples/gtr-callbacks        # against the in-process fake, then exits
//	go run ./examples/gtr-callbacks -v     # and log one line per callback to stderr
//
// GTR calls the URL configured in its dashboard: to ask whether an address is
// one of our customers' (callback 6) or whether we sent a transaction
// (callback 9) — answers due within 2 seconds — then to have us verify our
// customer's data and return ours (callback 4, PII opened and sealed by the
// handler with our key pair), and to notify us (7: a txid, 13 and 15: the late
// verdict of a counterparty that answered "pending", 17: a travel rule
// ended). GTR authenticates itself by its client certificate, so the server
// requires one that chains to GTR's client-truststore.pem
// (gtr.CallbackTLSConfig), and the handler refuses, before reading anything,
// a request that did not come with a verified certificate — it does so by
// default; a handler served over plain HTTP refuses every call. Behind a
// reverse proxy that terminates TLS and verifies GTR's certificate itself,
// the handler would need gtr.WithoutCallbackAuthentication(); nowhere else.
//
// With no configuration it starts gtrtest, a fake GTR platform that
// delivers callbacks over mTLS with its own client certificate, and drives
// the server through a health check, an incoming pre-transaction travel rule
// (6, 4, then 7), one for an address we do not hold (6 only), an incoming
// post-transaction one (9, 4), and a withdrawal of ours whose counterparty
// answers later (one_step PENDING, then CompletePending delivers 15). Then it
// exits. With these variables set, the same handler serves GTR until
// interrupted:
//
//	VASPKIT_GTR_CALLBACK_ADDR        listen address, e.g. ":8443"
//	VASPKIT_GTR_CALLBACK_CERT_FILE, VASPKIT_GTR_CALLBACK_KEY_FILE
//	                                 the server certificate (PEM, from a public CA)
//	VASPKIT_GTR_CALLBACK_TRUSTSTORE  client-truststore.pem from GTR's key_and_certificate.zip
//	VASPKIT_GTR_PII_PRIVATE_KEY      our Ed25519 PII key (base64)
//	VASPKIT_GTR_VASP_CODE            optional: answer only callbacks for this VASP code
//
// Served for real, it also accepts connections from GTR's published
// addresses only (gtr.GTRCallbackSources). It prints callback types and verdicts:
// never a name, an address or a key.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
)

// Our side: the exchange, a customer with a deposit address, and a
// transfer that customer sent to another VASP.
var (
	ourVASP  = ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("DE").Person()
	customer = ivms.NewNaturalPerson("Okafor", "Amelie").
			DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").
			CustomerID("user-42").Person()
	customerAddress = wallet{Network: "ETH", Address: "0x5e0dEeD0C0fFee1234567890aBcDeF0123456789"}
	sentTxID        = "0x9f3c1e7a2b4d6f8091a3c5e7092b4d6f8a1c3e5f7092b4d6f8a1c3e5f7092b4d"
	sentTo          = wallet{Network: "ETH", Address: "0x0Dd5aF1c0aB2E3f4a5B6c7D8e9F0a1B2c3D4e5F6"}
)

type wallet struct{ Network, Address string }

// ledger stands for the exchange's database: customers by deposit
// address, and the transfers we sent.
type ledger struct {
	deposits map[wallet]ivms.Person
	sent     map[string]sentTransfer // by txid
}

type sentTransfer struct {
	To     wallet
	Sender ivms.Person
}

func main() {
	verbose := flag.Bool("v", false, "log one line per callback (type, status, duration) to stderr")
	flag.Parse()
	var logger *slog.Logger
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Stdout, logger, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "gtr-callbacks:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string) error {
	out = &syncWriter{w: out} // callbacks print from the server's goroutines
	db := &ledger{
		deposits: map[wallet]ivms.Person{customerAddress: customer},
		sent:     map[string]sentTransfer{sentTxID: {To: sentTo, Sender: customer}},
	}
	if getenv("VASPKIT_GTR_CALLBACK_ADDR") != "" {
		return serveReal(ctx, out, logger, getenv, db)
	}
	return runFake(ctx, out, logger, db)
}

// newHandler is the part to copy: one handler for every callback type.
func newHandler(kp *gtr.KeyPair, db *ledger, out io.Writer, logger *slog.Logger, extra ...gtr.CallbackOption) (*gtr.CallbackHandler, error) {
	opts := []gtr.CallbackOption{
		gtr.WithCallbackKeyPair(kp),
		gtr.WithCallbackLogger(logger), // type, status, duration; never PII, ids or addresses
		// GTR's verified client certificate. It is the default; named here
		// so that serveReal's source allow-list adds to it rather than
		// replacing it.
		gtr.WithRequireClientCert(),
		// Callback 6: is this address one of our customers'? Under 2 s.
		gtr.OnAddressCheck(func(ctx context.Context, c *gtr.AddressCheck) (gtr.CheckAnswer, error) {
			_, ok := db.deposits[wallet{c.Network, c.Address}]
			fmt.Fprintf(out, "  callback 6 from %s: address ours: %t\n", c.InitiatorVASP, ok)
			if !ok {
				return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
		}),
		// Callback 9: did we send this transaction to this address? Under 2 s.
		gtr.OnTxIDCheck(func(ctx context.Context, c *gtr.TxIDCheck) (gtr.CheckAnswer, error) {
			t, ok := db.sent[c.TxID]
			ok = ok && t.To == wallet{c.Network, c.Address}
			fmt.Fprintf(out, "  callback 9 from %s: transaction ours: %t\n", c.InitiatorVASP, ok)
			if !ok {
				return gtr.CheckAnswer{Result: gtr.CheckNotFound}, nil
			}
			return gtr.CheckAnswer{Result: gtr.CheckFound}, nil
		}),
		// Callback 4: verify our customer as the initiator describes them
		// and return the document with our VASP filled in.
		gtr.OnPIIVerify(func(ctx context.Context, v *gtr.PIIVerification) (gtr.PIIVerifyAnswer, error) {
			var known ivms.Person
			var ok bool
			back := v.Identity.Clone()
			if v.Direction == gtr.PreTransaction { // pre-transaction: they send to us
				known, ok = db.deposits[wallet{v.Network, v.Address}]
				back.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: &ourVASP}
			} else { // post-transaction: we sent to them
				var t sentTransfer
				t, ok = db.sent[v.TxID]
				known = t.Sender
				back.OriginatingVASP = &ivms.OriginatingVASP{Person: &ourVASP}
			}
			if !ok {
				return gtr.PIIVerifyAnswer{Status: gtr.StatusPIIVerifyFail}, nil
			}
			fields := v.Verify([]ivms.Person{known}, nil)
			fmt.Fprintf(out, "  callback 4 from %s (%s): %s\n", v.InitiatorVASP, v.Direction, fieldList(fields))
			return gtr.PIIVerifyAnswer{Fields: fields, Identity: back}, nil
		}),
		// Notifications: store them against the requestId (idempotently:
		// GTR may deliver one twice).
		gtr.OnNotification(func(ctx context.Context, n gtr.Notification) error {
			switch e := n.(type) {
			case *gtr.TxIDNotice:
				fmt.Fprintf(out, "  callback 7: the sender broadcast the transfer of %s\n", e.RequestID)
			case *gtr.StageResult:
				fmt.Fprintf(out, "  callback 13: late stage-1 verdict %s\n", e.Result.Status)
			case *gtr.PIIResult:
				fmt.Fprintf(out, "  callback 15: late PII verdict for %s: %s\n", e.RequestID, fieldList(e.Fields))
			case *gtr.TravelRuleEnded:
				fmt.Fprintf(out, "  callback 17: travel rule %s ended (%s)\n", e.RequestID, e.ReasonType)
			default:
				fmt.Fprintf(out, "  callback %d\n", int(n.Header().Type))
			}
			return nil
		}),
		// Failures of the functions above (never logged by the handler).
		gtr.OnCallbackError(func(ctx context.Context, c gtr.Callback, err error) {
			fmt.Fprintf(out, "  callback %s could not be answered: %v\n", c.Header().Type, err)
		}),
	}
	return gtr.NewCallbackHandler(append(opts, extra...)...)
}

// serve runs the handler over mTLS on l until ctx ends.
func serve(ctx context.Context, l net.Listener, h http.Handler, cert tls.Certificate, truststore *x509.CertPool) error {
	srv := &http.Server{
		Handler:           h,
		TLSConfig:         gtr.CallbackTLSConfig(cert, truststore),
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // refused handshakes are expected
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ServeTLS(l, "", "") }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func serveReal(ctx context.Context, out io.Writer, logger *slog.Logger, getenv func(string) string, db *ledger) error {
	kp, err := gtr.ParseKeyPair(getenv("VASPKIT_GTR_PII_PRIVATE_KEY"))
	if err != nil {
		return fmt.Errorf("VASPKIT_GTR_PII_PRIVATE_KEY: %w", err)
	}
	cert, err := tls.LoadX509KeyPair(getenv("VASPKIT_GTR_CALLBACK_CERT_FILE"), getenv("VASPKIT_GTR_CALLBACK_KEY_FILE"))
	if err != nil {
		return fmt.Errorf("VASPKIT_GTR_CALLBACK_CERT_FILE / _KEY_FILE: %w", err)
	}
	pem, err := os.ReadFile(getenv("VASPKIT_GTR_CALLBACK_TRUSTSTORE"))
	if err != nil {
		return fmt.Errorf("VASPKIT_GTR_CALLBACK_TRUSTSTORE: %w", err)
	}
	truststore := x509.NewCertPool()
	if !truststore.AppendCertsFromPEM(pem) {
		return errors.New("VASPKIT_GTR_CALLBACK_TRUSTSTORE: no PEM certificate")
	}
	extra := []gtr.CallbackOption{gtr.WithAllowedSources(gtr.GTRCallbackSources()...)}
	if code := getenv("VASPKIT_GTR_VASP_CODE"); code != "" {
		extra = append(extra, gtr.WithVASPCodes(code))
	}
	h, err := newHandler(kp, db, out, logger, extra...)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", getenv("VASPKIT_GTR_CALLBACK_ADDR"))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "serving GTR callbacks on %s (Ctrl-C stops)\n", l.Addr())
	return serve(ctx, l, h, cert, truststore)
}

// runFake starts the fake platform, serves the handler to it and plays
// GTR's side of five travel rules.
func runFake(ctx context.Context, out io.Writer, logger *slog.Logger, db *ledger) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	platform, err := gtrtest.Start()
	if err != nil {
		return err
	}
	defer platform.Close()
	kp, err := gtr.GenerateKeyPair(nil) // in production: gtr.ParseKeyPair(<secret>)
	if err != nil {
		return err
	}
	platform.SetMemberPublicKey(kp.PublicKey())
	counterpartyCustomer := ivms.NewNaturalPerson("Brennan", "Bartholomew").
		DateOfBirth(time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Porto").Person()
	err = errors.Join(
		platform.AddVASP(gtrtest.VASP{Code: "ORIG", Name: "Orig Markets"}),
		platform.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange"}),
		platform.AddVASP(gtrtest.VASP{Code: "SLOW", Name: "Slow Custody", Pending: gtrtest.PendingPII,
			Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: sentTo.Address}: counterpartyCustomer}}),
	)
	if err != nil {
		return err
	}

	// Our server: a certificate the platform trusts (yours: from a public
	// CA) and the platform's CA as the truststore (yours: GTR's
	// client-truststore.pem).
	h, err := newHandler(kp, db, out, logger)
	if err != nil {
		return err
	}
	cert, err := platform.IssueServerCertificate("127.0.0.1")
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	serveCtx, stopServing := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- serve(serveCtx, l, h, cert, platform.RootCAs()) }()
	defer func() { stopServing(); <-served }()
	platform.SetCallbackURL("https://" + l.Addr().String() + "/gtr/callbacks")

	fmt.Fprintln(out, "Health check")
	reply, err := platform.HealthCheck(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  callback 0 answered %s\n", reply.Status)

	// Anyone else who finds the URL could ask whether an address is ours
	// (callback 6) or send a callback 4 to receive our customer's data:
	// without GTR's client certificate the request does not get through.
	fmt.Fprintln(out, "A caller without GTR's client certificate asks whether an address is ours")
	intruder := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: platform.RootCAs(), MinVersion: tls.VersionTLS12}}}
	probe := strings.NewReader(`{"requestId":"probe-0001","callbackType":6,"callbackData":{"network":"ETH","ticker":"ETH","address":"` + customerAddress.Address + `"}}`)
	resp, err := intruder.Post("https://"+l.Addr().String()+"/gtr/callbacks", "application/json", probe)
	if err == nil {
		resp.Body.Close()
	}
	fmt.Fprintf(out, "  refused: %t\n", err != nil || resp.StatusCode == http.StatusForbidden)
	intruder.CloseIdleConnections()

	fmt.Fprintln(out, "Incoming deposit, pre-transaction: ORIG's customer sends to our customer")
	sent, _ := ivms.NewPayload().
		Originator(counterpartyCustomer).
		Beneficiary(ivms.NewNaturalPerson("OKAFOR", "Amelie").Person(), customerAddress.Address).
		OriginatingVASP(ivms.NewVASP("Orig Markets Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	o, err := platform.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", Direction: gtr.PreTransaction,
		Network: customerAddress.Network, Ticker: "ETH", Address: customerAddress.Address,
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: sent})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  GTR got: address %s, PII %s, our VASP returned: %t\n", o.Check.Status, o.PII.Status,
		o.Identity != nil && o.Identity.BeneficiaryVASP != nil)
	if _, err := platform.NotifyTxID(ctx, &gtr.TxIDNotification{RequestID: o.RequestID, TxID: "0x" + fmt.Sprintf("%064x", 7)}); err != nil {
		return err
	}

	fmt.Fprintln(out, "Incoming deposit to an address we do not hold")
	o, err = platform.SendTravelRule(ctx, gtrtest.TravelRule{From: "ORIG", Direction: gtr.PreTransaction,
		Network: "ETH", Ticker: "ETH", Address: "0x000000000000000000000000000000000000dEaD",
		ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: sent})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  GTR got: address %s, PII delivered: %t\n", o.Check.Status, o.PII != nil)

	fmt.Fprintln(out, "Incoming question, post-transaction: BENE received our transfer")
	asked, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Okafor", "Amelie").Person()).
		Beneficiary(counterpartyCustomer, sentTo.Address).
		BeneficiaryVASP(ivms.NewVASP("Bene Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	o, err = platform.SendTravelRule(ctx, gtrtest.TravelRule{From: "BENE", Direction: gtr.PostTransaction,
		Network: sentTo.Network, Ticker: "ETH", Address: sentTo.Address, TxID: sentTxID,
		ExpectFields: []gtr.FieldID{gtr.OriginatorNatural.Name()}, Identity: asked})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  GTR got: transaction %s, PII %s\n", o.Check.Status, o.PII.Status)

	fmt.Fprintln(out, "Our withdrawal to SLOW, which answers later")
	opts := []gtr.Option{gtr.WithBaseURL(platform.URL), gtr.WithClientCertificate(platform.ClientCertificate()),
		gtr.WithRootCAs(platform.RootCAs()), gtr.WithLogin(platform.Credentials()), gtr.WithKeyPair(kp)}
	if logger != nil {
		opts = append(opts, gtr.WithLogger(logger))
	}
	client, err := gtr.New(opts...)
	if err != nil {
		return err
	}
	identity, err := ivms.NewPayload().
		Originator(customer, "user-42-eth").
		Beneficiary(counterpartyCustomer, sentTo.Address).
		OriginatingVASP(ourVASP).
		Build()
	if err != nil {
		return err
	}
	requestID, err := gtr.NewRequestID("example")
	if err != nil {
		return err
	}
	res, err := client.OneStep(ctx, &gtr.OneStepRequest{RequestID: requestID, Direction: gtr.PreTransaction,
		Network: sentTo.Network, Ticker: "ETH", Address: sentTo.Address, TargetVASPCode: "SLOW",
		Amount: "0.1", FiatPrice: "300", ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  one_step %s: %s\n", requestID, res.Decide().Action)
	if err := platform.CompletePending(ctx, requestID); err != nil {
		return err
	}
	fmt.Fprintln(out, "Done.")
	return nil
}

func fieldList(fields []gtr.FieldResult) string {
	s := ""
	for i, f := range fields {
		if i > 0 {
			s += ", "
		}
		s += f.ID.String() + " " + f.Status.String()
	}
	return s
}

// syncWriter serialises writes from the callback goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
