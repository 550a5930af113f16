package travelrule_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// A valid testnet (sandbox) invoice, from testdata/invoices.json.
const sandboxInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"

func ExampleNew() {
	// The sandbox is the default: testnet Lightning invoices.
	sandbox, err := travelrule.New(travelrule.WithCredentials("api-key", "api-secret"))
	if err != nil {
		panic(err)
	}
	fmt.Println(sandbox.Environment(), sandbox.BaseURL(), sandbox.InvoiceNetwork())

	// Production needs the base URL Striga gives you.
	prod, err := travelrule.New(
		travelrule.WithCredentials("api-key", "api-secret"),
		travelrule.WithEnvironment(travelrule.Production),
		travelrule.WithBaseURL("https://api.striga.example/api/v1"),
	)
	if err != nil {
		panic(err)
	}
	fmt.Println(prod.Environment(), prod.InvoiceNetwork())

	_, err = travelrule.New(travelrule.WithCredentials("api-key", "api-secret"), travelrule.WithEnvironment(travelrule.Production))
	fmt.Println(errors.Is(err, travelrule.ErrConfig))
	// Output:
	// sandbox https://www.sandbox.striga.com/api/v1 testnet
	// production mainnet
	// true
}

// A widget session for an on-chain withdrawal to an address.
func ExampleClient_CreateWidgetSession() {
	srv := travelruletest.NewServer(nil, travelruletest.WithStartTime(time.Date(2026, 5, 14, 10, 0, 0, 0, time.UTC)))
	defer srv.Close()
	c, err := travelrule.New(
		travelrule.WithBaseURL(srv.URL), // your Striga base URL in real use
		travelrule.WithCredentials(srv.APIKey, srv.APISecret),
		travelrule.WithEnvironment(travelrule.Sandbox),
	)
	if err != nil {
		panic(err)
	}

	s, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID:              "550e8400-e29b-41d4-a716-446655440000",
		Currency:            "ETH",
		Network:             "ETH",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("status:", s.Status)
	fmt.Println("expires:", s.ExpiresAt.Format(time.RFC3339))
	fmt.Println("reused:", s.Reused)
	fmt.Println("has URL and token:", s.URL != "" && s.Token != "")
	// How the call went: Striga's request id (quote it to Striga's
	// support), the HTTP status and the attempts made.
	fmt.Println("HTTP status:", s.Meta.HTTPStatus, "attempts:", s.Meta.Attempts, "request id:", s.Meta.RequestID != "")
	// Output:
	// status: ACTIVE
	// expires: 2026-05-14T10:30:00Z
	// reused: false
	// has URL and token: true
	// HTTP status: 200 attempts: 1 request id: true
}

// A widget session for a Lightning deposit identified by its invoice. In
// the sandbox the invoice must be a testnet one (lntb…): the client checks
// its form and network, and Striga decodes it to its payment hash. Plug in
// bolt11.CheckInvoice (WithInvoiceCheck) to check it in full and learn the
// hash before sending.
func ExampleClient_CreateWidgetSession_lightningInvoice() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}

	s, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID:   "550e8400-e29b-41d4-a716-446655440000",
		Currency: "BTC",
		Network:  "BTC",
		Invoice:  "lightning:" + sandboxInvoice,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("status:", s.Status)

	// The same payment by its hash is the same counterparty: reused.
	again, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID:      "550e8400-e29b-41d4-a716-446655440000",
		Currency:    "BTC",
		Network:     "BTC",
		PaymentHash: "f4fda24d87691d8d909cc059bd41551a74b56158d17689a85210cc0217e7c47a",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("same session:", again.ID == s.ID, "reused:", again.Reused)
	// Output:
	// status: ACTIVE
	// same session: true reused: true
}

// forceVerifyOwnership can be raised on a reused session, never lowered;
// the result says so instead of hiding it.
func ExampleClient_CreateWidgetSession_forceVerifyOwnership() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	req := &travelrule.WidgetSessionRequest{
		UserID:               "550e8400-e29b-41d4-a716-446655440000",
		Currency:             "SOL",
		Network:              "SOL",
		CounterpartyAddress:  "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
		ForceVerifyOwnership: true,
	}
	if _, err := c.CreateWidgetSession(context.Background(), req); err != nil {
		panic(err)
	}
	req.ForceVerifyOwnership = false
	s, err := c.CreateWidgetSession(context.Background(), req)
	if err != nil {
		panic(err)
	}
	fmt.Println("reused:", s.Reused, "flag:", s.ForceVerifyOwnership, "kept:", s.ForceVerifyOwnershipKept)
	for _, w := range s.Warnings {
		fmt.Println("warning:", w.Code)
	}
	// Output:
	// reused: true flag: true kept: true
	// warning: force_verify_ownership_kept
}

// Bad requests are refused before anything is sent, with every problem.
func ExampleWidgetSessionRequest_Validate() {
	req := &travelrule.WidgetSessionRequest{
		UserID:      "not-a-uuid",
		Currency:    "ETH",
		Network:     "POLYGON",
		PaymentHash: "abc",
	}
	err := req.Validate()
	var ve *travelrule.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Printf("%s: %s\n", p.Path, p.Rule)
		}
	}
	fmt.Println(errors.Is(err, travelrule.ErrInvalidRequest))
	// Output:
	// userId: UUID
	// network: NETWORK_MISMATCH
	// paymentHash: LIGHTNING_BTC_ONLY
	// paymentHash: PAYMENT_HASH_FORMAT
	// true
}

func ExampleOwnershipMessage() {
	msg, err := travelrule.OwnershipMessage(travelrule.OwnershipCustomer,
		"bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw", "550e8400-e29b-41d4-a716-446655440000",
		time.Date(2026, 5, 14, 12, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	fmt.Println(msg)
	// Output:
	// I am verifying ownership of the wallet address bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw as customer 550e8400-e29b-41d4-a716-446655440000. This message was signed on 14/05/2026 to confirm my control over this wallet.
}

func ExampleCheckOwnershipMessage() {
	signedOn := time.Date(2026, 5, 14, 12, 0, 0, 0, time.UTC)
	msg, _ := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, "0xabc", "550e8400-e29b-41d4-a716-446655440000", signedOn)
	for _, days := range []int{1, 3} {
		err := travelrule.CheckOwnershipMessage(msg, travelrule.OwnershipVerifyWallet, "0xabc",
			"550e8400-e29b-41d4-a716-446655440000", signedOn.AddDate(0, 0, days))
		fmt.Printf("checked %d day(s) later: %v\n", days, err)
	}
	// Output:
	// checked 1 day(s) later: <nil>
	// checked 3 day(s) later: travelrule: invalid request: message: is dated outside yesterday, today and tomorrow (UTC)
}

// Declare a customer's own wallet, then prove ownership with a signature.
func ExampleClient_DeclareSelfHostedCounterparty() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	const user, addr = "550e8400-e29b-41d4-a716-446655440000", "0x52908400098527886E0F7030069857D2E4169EE7"

	cp, err := c.DeclareSelfHostedCounterparty(ctx, &travelrule.SelfHostedCounterpartyRequest{
		UserID: user, Currency: "ETH", Network: "ETH", CounterpartyAddress: addr, SubType: travelrule.SubTypeOwned,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("declared:", cp.Status, cp.SubType)

	// The customer's wallet signs this message (EIP-191 personal_sign here).
	msg, err := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, addr, user, time.Now())
	if err != nil {
		panic(err)
	}
	v, err := c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{
		UserID: user, SignedAddress: addr, Message: msg, Signature: "0x…signature from the wallet…",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("verification:", v.Status)
	// Output:
	// declared: DECLARED OWNED
	// verification: VERIFIED
}

// When Striga asks for the ownership proof of a declared counterparty
// (after a threshold), submit it on the counterparty.
func ExampleClient_SubmitWalletVerification() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	const user, addr = "550e8400-e29b-41d4-a716-446655440000", "0x52908400098527886E0F7030069857D2E4169EE7"
	cp, err := c.DeclareSelfHostedCounterparty(ctx, &travelrule.SelfHostedCounterpartyRequest{
		UserID: user, Currency: "ETH", Network: "ETH", CounterpartyAddress: addr, SubType: travelrule.SubTypeOwned,
	})
	if err != nil {
		panic(err)
	}
	if _, err := srv.RequireVerification(cp.ID); err != nil { // the fake plays Striga's threshold
		panic(err)
	}

	msg, _ := travelrule.OwnershipMessage(travelrule.OwnershipCustomer, addr, user, time.Now())
	done, err := c.SubmitWalletVerification(ctx, &travelrule.SubmitWalletVerificationRequest{
		CounterpartyID: cp.ID, UserID: user, Outcome: "SIGNED",
		Message: msg, SignedAddress: addr, Signature: "0x…signature from the wallet…",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(done.Status)

	// Sumsub liveness is not taken on this route: refused before sending.
	_, err = c.SubmitWalletVerification(ctx, &travelrule.SubmitWalletVerificationRequest{
		CounterpartyID: cp.ID, UserID: user, Outcome: "X", Signature: "x", Method: travelrule.MethodSumsubLiveness,
	})
	fmt.Println(err)
	// Output:
	// VERIFIED
	// travelrule: invalid request: method: SUMSUB_LIVENESS is not accepted on PATCH /counterparty/{counterpartyId} (Striga answers 422)
}

func ExampleVerifyWebhook() {
	body := []byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","id":"dep-1","currency":"BTC","txHash":"4a5e1e4b","blockchainTransactionAmount":"150000"}`)
	header := http.Header{}
	header.Set("signature", travelrule.SignWebhook(body, "api-key")) // what Striga sends

	if err := travelrule.VerifyWebhook(body, header, "api-key"); err != nil {
		fmt.Println("reject:", err)
		return
	}
	e, _ := travelrule.ParseWebhook(body)
	d, _ := e.Deposit()
	fmt.Println(e.Type, d.TxHash, d.BlockchainTransactionAmount)

	fmt.Println(travelrule.VerifyWebhook(body, header, "another-key"))
	// Output:
	// ON_CHAIN_DEPOSIT_PENDING 4a5e1e4b 150000
	// travelrule: webhook signature does not match
}

// WebhookHandler verifies and parses; the fake delivers signed webhooks.
func ExampleWebhookHandler() {
	h, err := travelrule.WebhookHandler(travelruletest.DefaultAPIKey, func(ctx context.Context, e *travelrule.WebhookEvent) error {
		if d, err := e.Deposit(); err == nil {
			// A held deposit: open a widget session with TxHash: d.TxHash.
			fmt.Println("held deposit", d.ID, "tx", d.TxHash)
		}
		return nil
	})
	if err != nil { // an empty API key or a nil callback
		panic(err)
	}
	srv := travelruletest.NewServer(nil, travelruletest.WithWebhookHandler(h))
	defer srv.Close()

	d, err := srv.SendWebhook(context.Background(), travelrule.DepositEvent{
		Type: travelrule.EventOnChainDepositPending, ID: "dep-1", Currency: "BTC", TxHash: "4a5e1e4b",
		BlockchainTransactionAmount: "150000",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("delivered:", d.Delivered, "status:", d.Status)
	// Output:
	// held deposit dep-1 tx 4a5e1e4b
	// delivered: true status: 200
}

// WithInvoiceCheck plugs a full BOLT11 check into the client; in a real
// service it is package bolt11's:
//
//	travelrule.WithInvoiceCheck(bolt11.CheckInvoice)
//
// (package bolt11's ExampleCheckInvoice_travelrule runs exactly that). The
// check gets the normalised invoice and the client's network, and its
// verdict comes back as a *ValidationError whose cause is the check's own
// error, or as the session's PaymentHash and InvoiceExpired. This one
// stands in for bolt11 with a fixed answer.
func ExampleWithInvoiceCheck() {
	errNoSecret := errors.New("bolt11: no payment secret (s field)")
	check := func(invoice, network string) (paymentHash string, expiresAt time.Time, err error) {
		fmt.Println("checking a", network, "invoice of", len(invoice), "characters")
		return "", time.Time{}, errNoSecret
	}
	c, err := travelrule.New(travelrule.WithCredentials("api-key", "api-secret"), travelrule.WithInvoiceCheck(check))
	if err != nil {
		panic(err)
	}
	err = c.ValidateWidgetSession(&travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC", Invoice: "LIGHTNING:" + strings.ToUpper(sandboxInvoice),
	})
	fmt.Println(err)
	fmt.Println(errors.Is(err, errNoSecret), errors.Is(err, travelrule.ErrInvalidInvoice))
	// Output:
	// checking a testnet invoice of 298 characters
	// travelrule: invalid request: invoice: is not a valid BOLT11 invoice: bolt11: no payment secret (s field)
	// true true
}

// An InvoiceNetwork names the prefix of the invoices it takes.
func ExampleInvoiceNetwork_Prefix() {
	for _, n := range []travelrule.InvoiceNetwork{travelrule.InvoiceMainnet, travelrule.InvoiceTestnet, travelrule.InvoiceSignet, travelrule.InvoiceRegtest} {
		fmt.Println(n, n.Prefix())
	}
	// Output:
	// mainnet lnbc
	// testnet lntb
	// signet lntbs
	// regtest lnbcrt
}

// A client also checks the invoice's network and its own networks table.
func ExampleClient_ValidateWidgetSession() {
	n := travelrule.DefaultNetworks()
	n["USDC"] = "ETH" // a pair your Striga account uses
	c, err := travelrule.New(travelrule.WithCredentials("api-key", "api-secret"), travelrule.WithNetworks(n))
	if err != nil {
		panic(err)
	}
	err = c.ValidateWidgetSession(&travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "USDC", Network: "POLYGON",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
	})
	fmt.Println(err)

	// A mainnet invoice in the sandbox (testnet) is refused.
	err = c.ValidateWidgetSession(&travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC",
		Invoice: "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql",
	})
	fmt.Println(err)
	// Output:
	// travelrule: invalid request: network: must be ETH for currency USDC
	// travelrule: invalid request: invoice: is for another network than testnet, the network of this client's environment
}

// Prove ownership of a self-hosted wallet that has not been declared.
func ExampleClient_VerifyWallet() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	const business, addr = "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"
	msg, err := travelrule.OwnershipMessage(travelrule.OwnershipVerifyWallet, addr, business, time.Now())
	if err != nil {
		panic(err)
	}
	v, err := c.VerifyWallet(context.Background(), &travelrule.WalletVerificationRequest{
		BusinessID: business, SignedAddress: addr, Message: msg, Signature: "base58 Ed25519 signature",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Status, v.ID != "")
	// Output:
	// VERIFIED true
}

// Printing a client, with any verb, shows its base URL and never its
// credentials.
func ExampleClient_String() {
	c, err := travelrule.New(travelrule.WithCredentials("api-key", "api-secret"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v\n%+v\n%#v\n", c, c, c)
	// Output:
	// travelrule.Client(https://www.sandbox.striga.com/api/v1)
	// travelrule.Client(https://www.sandbox.striga.com/api/v1)
	// travelrule.Client(https://www.sandbox.striga.com/api/v1)
}
