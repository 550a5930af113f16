package bolt11

import (
	"strings"
	"time"
)

// ParseNetwork returns the Network whose String is name ("mainnet",
// "testnet", "signet", "regtest" or "simnet"; any case), or an *Error
// matching ErrUnknownNetwork.
func ParseNetwork(name string) (Network, error) {
	for n := Mainnet; n <= Simnet; n++ {
		if strings.EqualFold(name, networkInfo[n].name) {
			return n, nil
		}
	}
	return 0, newError(ErrUnknownNetwork, "", "no network is named "+quoteName(name))
}

// quoteName quotes a network name for an error, bounded.
func quoteName(s string) string {
	if len(s) > 16 {
		s = s[:16] + "…"
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}

// CheckInvoice decodes invoice with Decode for the network named network
// (as ParseNetwork reads it) and returns what a caller that does not use
// this package's types needs: the payment hash as 64 lower-case hex digits
// and when the invoice expires. An expired invoice is not an error.
//
// Its signature, made of plain types only, is that of
// travelrule.InvoiceCheck, so that
//
//	travelrule.WithInvoiceCheck(bolt11.CheckInvoice)
//
// gives a travelrule client the full BOLT11 check (signature, payment hash,
// payment secret, feature bits, field lengths, amount) without package
// travelrule importing this one, and so lnd.
func CheckInvoice(invoice, network string) (paymentHash string, expiresAt time.Time, err error) {
	return Decoder{}.CheckInvoice(invoice, network)
}

// CheckInvoice is the package-level CheckInvoice with d's options, e.g.
// travelrule.WithInvoiceCheck(bolt11.Decoder{Strict: true}.CheckInvoice).
func (d Decoder) CheckInvoice(invoice, network string) (paymentHash string, expiresAt time.Time, err error) {
	net, err := ParseNetwork(network)
	if err != nil {
		return "", time.Time{}, err
	}
	inv, err := d.Decode(invoice, net)
	if err != nil {
		return "", time.Time{}, err
	}
	return inv.PaymentHashHex(), inv.ExpiresAt(), nil
}
