package travelruletest

import (
	"encoding/hex"
	"strings"

	"github.com/vaspkit/vaspkit/travelrule"
)

// Striga publishes one thing about invoices: "A bolt11 Lightning invoice
// (BTC / BTC only); decoded server-side to its payment hash", and that its
// sandbox is Bitcoin testnet and Lightning testnet. So the fake reads an
// invoice as far as a server needs to file it under its payment hash,
// with BOLT11's encoding rules and its own bech32 reader (written here,
// not the SDK's): a bech32 string (BIP-173, one case, bech32 checksum),
// prefix "ln" and the fake's network, a well-formed amount, a timestamp,
// tagged fields that fit, exactly one payment hash (p, 52 groups) and a
// signature's room. It does not verify the signature or the other BOLT11
// reader rules (payment secret, feature bits): Striga does not say whether
// it does, and the fake takes only what Striga documents. A "lightning:"
// prefix or surrounding space is not part of an invoice and is refused.

const fakeCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// fakePrefixes are the BOLT11 currency prefixes, longest first.
var fakePrefixes = []struct {
	net    travelrule.InvoiceNetwork
	prefix string
}{
	{travelrule.InvoiceRegtest, "bcrt"},
	{travelrule.InvoiceSignet, "tbs"},
	{travelrule.InvoiceMainnet, "bc"},
	{travelrule.InvoiceTestnet, "tb"},
	{travelrule.InvoiceSimnet, "sb"},
}

// readInvoice returns the invoice's payment hash (lower-case hex), or the
// problem: "" and a reason, or wrongNet set when the invoice is well formed
// for another network than want.
func readInvoice(inv string, want travelrule.InvoiceNetwork) (paymentHash, problem string, wrongNet bool) {
	hrp, data, problem := bech32Decode(inv)
	if problem != "" {
		return "", problem, false
	}
	if !strings.HasPrefix(hrp, "ln") {
		return "", "not a Lightning invoice", false
	}
	var net travelrule.InvoiceNetwork
	amount := ""
	for _, p := range fakePrefixes {
		if rest, ok := strings.CutPrefix(hrp[2:], p.prefix); ok && (rest == "" || rest[0] >= '0' && rest[0] <= '9') {
			net, amount = p.net, rest
			break
		}
	}
	switch {
	case net == "":
		return "", "unknown currency prefix", false
	case !amountOK(amount):
		return "", "malformed amount", false
	case len(data) < 7+104:
		return "", "too short", false
	}
	// Tagged fields between the 7-group timestamp and the 104-group
	// signature: type (5 bits), data_length (10 bits), data.
	var hashes [][]byte
	fields := data[7 : len(data)-104]
	for i := 0; i < len(fields); {
		if len(fields)-i < 3 {
			return "", "truncated tagged field", false
		}
		typ, n := fields[i], int(fields[i+1])<<5|int(fields[i+2])
		i += 3
		if i+n > len(fields) {
			return "", "tagged field longer than the data", false
		}
		if typ == 1 { // p
			if n != 52 {
				return "", "payment hash of the wrong length", false
			}
			b, ok := groupsToBytes(fields[i : i+n])
			if !ok {
				return "", "payment hash with non-zero padding", false
			}
			hashes = append(hashes, b)
		}
		i += n
	}
	switch {
	case len(hashes) == 0:
		return "", "no payment hash", false
	case len(hashes) > 1:
		return "", "more than one payment hash", false
	case net != want:
		return "", "invoice for " + string(net) + ", not " + string(want), true
	}
	return hex.EncodeToString(hashes[0]), "", false
}

// bech32Decode is BIP-173's reference decoder without the 90-character
// limit (BOLT11 invoices exceed it): the lower-case HRP and the data
// groups, checksum removed.
func bech32Decode(s string) (hrp string, data []byte, problem string) {
	if len(s) < 8 || len(s) > 7089 {
		return "", nil, "length out of range"
	}
	lower, upper := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 33 || c > 126 {
			return "", nil, "invalid character"
		}
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
	}
	if lower && upper {
		return "", nil, "mixed case"
	}
	s = strings.ToLower(s)
	pos := strings.LastIndexByte(s, '1')
	if pos < 1 || pos+7 > len(s) {
		return "", nil, "no separator"
	}
	hrp = s[:pos]
	values := make([]byte, 0, len(s)-pos-1)
	for _, c := range []byte(s[pos+1:]) {
		d := strings.IndexByte(fakeCharset, c)
		if d < 0 {
			return "", nil, "character outside the bech32 alphabet"
		}
		values = append(values, byte(d))
	}
	// polymod(hrpExpand(hrp) + values) must be 1.
	expanded := make([]byte, 0, 2*len(hrp)+1+len(values))
	for _, c := range []byte(hrp) {
		expanded = append(expanded, c>>5)
	}
	expanded = append(expanded, 0)
	for _, c := range []byte(hrp) {
		expanded = append(expanded, c&31)
	}
	if bip173Polymod(append(expanded, values...)) != 1 {
		return "", nil, "bad checksum"
	}
	return hrp, values[:len(values)-6], ""
}

func bip173Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// groupsToBytes regroups 5-bit groups into bytes; the left-over bits must
// be fewer than 5 and zero (BIP-173's convertbits without padding).
func groupsToBytes(groups []byte) ([]byte, bool) {
	var out []byte
	acc, bits := 0, 0
	for _, g := range groups {
		acc = acc<<5 | int(g)
		bits += 5
		for bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
		acc &= 1<<bits - 1
	}
	return out, bits < 5 && acc == 0
}

// amountOK: BOLT11's amount, digits and an optional multiplier m, u, n or
// p, a p amount ending in 0.
func amountOK(a string) bool {
	if a == "" {
		return true
	}
	digits, mult := a, byte(0)
	if last := a[len(a)-1]; last < '0' || last > '9' {
		digits, mult = a[:len(a)-1], last
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return false
	}
	switch mult {
	case 0, 'm', 'u', 'n':
		return true
	case 'p':
		return digits[len(digits)-1] == '0'
	}
	return false
}
