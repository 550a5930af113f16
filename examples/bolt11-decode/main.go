// Command bolt11-decode decodes a BOLT11 Lightning invoice with package
// bolt11 and prints what it says, or which rule it breaks.
//
//	go run ./examples/bolt11-decode                       # the BOLT11 specification's example
//	go run ./examples/bolt11-decode lnbc2500u1pvjlue…     # your invoice
//	go run ./examples/bolt11-decode -network testnet lntb…  # and require its network
//
// bolt11.Decode (with a network) and bolt11.DecodeAny (without) accept upper
// case, a "lightning:" prefix and surrounding space, and enforce every rule
// BOLT11 sets for readers — a missing payment secret, an unknown required
// feature bit, a high-S signature with an explicit payee — on top of lnd's
// zpay32 decoder. Every error is a *bolt11.Error whose rule is a sentinel
// for errors.Is (bolt11.ErrWrongNetwork, bolt11.ErrChecksum, …). An expired
// invoice decodes: Expired tells.
//
// It needs no configuration. It exits 1 when the invoice is refused. It
// prints the invoice's fields but not its fallback on-chain addresses (only
// their count).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vaspkit/vaspkit/bolt11"
)

// specInvoice is the BOLT11 specification's example "Please send $3 for a
// cup of coffee to the same peer, within one minute".
const specInvoice = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"

func main() {
	if err := run(os.Args[1:], os.Stdout, time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, "bolt11-decode:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("bolt11-decode", flag.ContinueOnError)
	fs.SetOutput(out)
	network := fs.String("network", "", "require this network: mainnet, testnet, signet, regtest or simnet (default: any)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	invoice := specInvoice
	switch fs.NArg() {
	case 0:
		fmt.Fprintln(out, "No invoice given: decoding the BOLT11 specification's example.")
	case 1:
		invoice = fs.Arg(0)
	default:
		return errors.New("give one invoice")
	}

	inv, err := decode(invoice, *network)
	switch {
	case errors.Is(err, bolt11.ErrWrongNetwork):
		return fmt.Errorf("refused: a %s service cannot pay it: %w", *network, err)
	case errors.Is(err, bolt11.ErrBitcoinURI), errors.Is(err, bolt11.ErrLNURL):
		return fmt.Errorf("not an invoice: %w", err)
	case err != nil:
		return fmt.Errorf("refused: %w", err) // a *bolt11.Error naming the rule (and field)
	}
	describe(out, inv, now)
	return nil
}

// decode is the part to copy: Decode when the network is known (a service
// always knows it), DecodeAny otherwise.
func decode(invoice, network string) (*bolt11.Invoice, error) {
	if network == "" {
		return bolt11.DecodeAny(invoice)
	}
	n, err := bolt11.ParseNetwork(network)
	if err != nil {
		return nil, err
	}
	return bolt11.Decode(invoice, n)
}

func describe(out io.Writer, inv *bolt11.Invoice, now time.Time) {
	w := func(label, format string, args ...any) {
		fmt.Fprintf(out, "%-16s "+format+"\n", append([]any{label + ":"}, args...)...)
	}
	w("network", "%s (%s…)", inv.Network, inv.Network.Prefix())
	if inv.HasAmount {
		w("amount", "%d msat (%d sat)", inv.AmountMsat, inv.AmountMsat/1000)
	} else {
		w("amount", "any (the payer chooses)")
	}
	w("payment hash", "%s", inv.PaymentHashHex())
	switch {
	case inv.DescriptionHash != nil:
		w("description", "given out of band; hash %x (check it with VerifyDescription)", inv.DescriptionHash[:])
	default:
		w("description", "%q", inv.Description)
	}
	payee := "recovered from the signature"
	if inv.PayeeGiven {
		payee = "given (n field)"
	}
	w("payee", "%s, %s", inv.PayeeHex(), payee)
	w("created", "%s", inv.Timestamp.Format(time.RFC3339))
	w("expires", "%s (after %s); expired now: %t", inv.ExpiresAt().Format(time.RFC3339), inv.Expiry, inv.Expired(now))
	w("min final CLTV", "%d blocks", inv.MinFinalCLTVExpiryDelta)
	w("features", "%v", inv.Features)
	w("route hints", "%d", len(inv.RouteHints))
	w("fallbacks", "%d on-chain addresses", len(inv.FallbackAddresses))
}
