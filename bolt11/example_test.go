package bolt11_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/bolt11"
	"github.com/vaspkit/vaspkit/travelrule"
)

// coffee is the BOLT11 specification's example "Please send $3 for a cup of
// coffee to the same peer, within one minute".
const coffee = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"

func ExampleDecode() {
	inv, err := bolt11.Decode("lightning:"+coffee, bolt11.Mainnet)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("network:     ", inv.Network)
	fmt.Println("amount msat: ", inv.AmountMsat)
	fmt.Println("payment hash:", inv.PaymentHashHex())
	fmt.Println("description: ", inv.Description)
	fmt.Println("payee:       ", inv.PayeeHex())
	fmt.Println("created:     ", inv.Timestamp.Format(time.RFC3339))
	fmt.Println("expiry:      ", inv.Expiry)
	fmt.Println("expired now: ", inv.Expired(time.Now()))
	// Output:
	// network:      mainnet
	// amount msat:  250000000
	// payment hash: 0001020304050607080900010203040506070809000102030405060708090102
	// description:  1 cup coffee
	// payee:        03e7156ae33b0a208d0744199163177e909e80176e55d97a2f221ede0f934dd9ad
	// created:      2017-06-01T10:57:38Z
	// expiry:       1m0s
	// expired now:  true
}

// A testnet service handed a mainnet invoice.
func ExampleDecode_wrongNetwork() {
	_, err := bolt11.Decode(coffee, bolt11.Testnet)
	if errors.Is(err, bolt11.ErrWrongNetwork) {
		net, _ := bolt11.NetworkOf(coffee)
		fmt.Println("rejected: the invoice is for", net)
	}
	fmt.Println(err)
	// Output:
	// rejected: the invoice is for mainnet
	// bolt11: invoice is for another network: mainnet (lnbc…), want testnet
}

// The specification's invoice without a payment secret: zpay32 v0.21
// accepts it, BOLT11 readers must not.
func ExampleDecode_missingPaymentSecret() {
	const noSecret = "lnbc20m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j38gp49qdkj"
	_, err := bolt11.Decode(noSecret, bolt11.Mainnet)
	fmt.Println(errors.Is(err, bolt11.ErrMissingPaymentSecret))
	fmt.Println(err)
	// Output:
	// true
	// bolt11: no payment secret (s field)
}

func ExampleDecodeAny() {
	inv, err := bolt11.DecodeAny(coffee)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.Network, inv.HasAmount, inv.AmountMsat)
	// Output:
	// mainnet true 250000000
}

// An invoice with a description hash (h field): the description travels
// out of band and is checked against the hash.
func ExampleInvoice_VerifyDescription() {
	const hashed = "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j38gp7ynn44"
	inv, err := bolt11.Decode(hashed, bolt11.Mainnet)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.VerifyDescription("One piece of chocolate cake, one icecream cone, one pickle, one slice of swiss cheese, one slice of salami, one lollypop, one piece of cherry pie, one sausage, one cupcake, and one slice of watermelon"))
	fmt.Println(errors.Is(inv.VerifyDescription("a cake"), bolt11.ErrDescriptionMismatch))
	// Output:
	// <nil>
	// true
}

// Strict also rejects what writers must not produce but readers may accept,
// such as a leading zero in the amount.
func ExampleDecoder() {
	// Signed with the specification's example key; amount "0025m".
	const leadingZero = "lnbc0025m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygsdq8w3jhxaq9qrsgq6k7fclc75slvkplaujph0ygskmjzjkdz30su9zelnqtaty4avzd8fzktvdneupjlgng8mqfu4fq58jjrf03vewhj9xlnzceg8ddd0agpg38tr8"
	inv, err := bolt11.Decode(leadingZero, bolt11.Mainnet)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(inv.AmountMsat)
	_, err = bolt11.Decoder{Strict: true}.Decode(leadingZero, bolt11.Mainnet)
	fmt.Println(err)
	// Output:
	// 2500000000
	// bolt11: invalid amount: leading zero in amount (strict)
}

func ExampleParseNetwork() {
	n, err := bolt11.ParseNetwork("Testnet")
	fmt.Println(n, n.Prefix(), err)
	_, err = bolt11.ParseNetwork("liquid")
	fmt.Println(errors.Is(err, bolt11.ErrUnknownNetwork))
	// Output:
	// testnet lntb <nil>
	// true
}

// CheckInvoice is Decode reduced to plain types, the shape of
// travelrule.InvoiceCheck: a travelrule client takes it with
// travelrule.WithInvoiceCheck(bolt11.CheckInvoice).
func ExampleCheckInvoice() {
	hash, expires, err := bolt11.CheckInvoice(coffee, "mainnet")
	fmt.Println(hash, expires.Format(time.RFC3339), err)
	_, _, err = bolt11.CheckInvoice(coffee, "testnet")
	fmt.Println(err)
	// Output:
	// 0001020304050607080900010203040506070809000102030405060708090102 2017-06-01T10:58:38Z <nil>
	// bolt11: invoice is for another network: mainnet (lnbc…), want testnet
}

// A Decoder's CheckInvoice carries its options.
func ExampleDecoder_CheckInvoice() {
	_, _, err := bolt11.Decoder{Strict: true}.CheckInvoice(coffee, "mainnet")
	fmt.Println(err)
	// Output:
	// <nil>
}

// CheckInvoice plugged into a travelrule client: the client refuses, before
// sending, an invoice that only a BOLT11 decoder sees is invalid.
func ExampleCheckInvoice_travelrule() {
	// BOLT11's own example of an invoice without a payment secret.
	const noSecret = "lnbc20m1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j38gp49qdkj"
	req := &travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "BTC", Network: "BTC", Invoice: noSecret,
	}
	opts := []travelrule.Option{
		travelrule.WithCredentials("api-key", "api-secret"),
		travelrule.WithEnvironment(travelrule.Production), // mainnet invoices
		travelrule.WithBaseURL("https://api.striga.example/api/v1"),
	}

	light, _ := travelrule.New(opts...)
	fmt.Println("travelrule alone:", light.ValidateWidgetSession(req))

	full, _ := travelrule.New(append(opts, travelrule.WithInvoiceCheck(bolt11.CheckInvoice))...)
	err := full.ValidateWidgetSession(req)
	fmt.Println("with bolt11:", err)
	fmt.Println(errors.Is(err, bolt11.ErrMissingPaymentSecret))
	// Output:
	// travelrule alone: <nil>
	// with bolt11: travelrule: invalid request: invoice: is not a valid BOLT11 invoice: bolt11: no payment secret (s field)
	// true
}
