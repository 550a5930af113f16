package bolt11

import (
	"math"
	"strings"
	"time"

	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/chaincfg"
	"github.com/lightningnetwork/lnd/zpay32"
)

// Decoder decodes invoices with options. The zero value is the decoder
// behind the package-level Decode and DecodeAny.
type Decoder struct {
	// Strict also rejects what BOLT11 forbids writers to produce but does
	// not require readers to reject: leading zeros or a zero amount in the
	// human-readable part, and x, c or 9 fields with a leading zero group
	// (non-minimal length).
	Strict bool
}

// Decode decodes invoice and checks it against every rule BOLT11 sets for
// readers, for network net.
//
// Input may be upper or lower case (not mixed), may carry a "lightning:"
// prefix in any case and surrounding whitespace, and may be any length up to
// 7089 characters. Unknown fields and unknown odd feature bits are ignored.
// An invoice for another network than net fails with ErrWrongNetwork.
// Expired invoices are not rejected; see (*Invoice).Expired.
//
// Every error is an *Error; test it with errors.Is against the Err*
// sentinels.
func Decode(invoice string, net Network) (*Invoice, error) {
	return Decoder{}.Decode(invoice, net)
}

// DecodeAny decodes an invoice for whichever network its prefix names
// (Invoice.Network tells which). It checks everything Decode checks except
// the network.
func DecodeAny(invoice string) (*Invoice, error) {
	return Decoder{}.DecodeAny(invoice)
}

// Decode is the package-level Decode with d's options.
func (d Decoder) Decode(invoice string, net Network) (*Invoice, error) {
	if !net.valid() {
		return nil, newError(ErrUnknownNetwork, "", "requested network "+net.String()+" is not defined")
	}
	inv, e := d.decode(invoice, net, true)
	if e != nil {
		return nil, e
	}
	return inv, nil
}

// DecodeAny is the package-level DecodeAny with d's options.
func (d Decoder) DecodeAny(invoice string) (*Invoice, error) {
	inv, e := d.decode(invoice, 0, false)
	if e != nil {
		return nil, e
	}
	return inv, nil
}

// decode runs, in order: normalisation; the lexical bech32 checks, HRP,
// network and amount (cheap, on the string); zpay32.Decode with the
// network the HRP names (the only bech32 decode and the only signature
// operation); the network comparison; then the gap checks of checks.go on a
// walk over the 5-bit groups. A failure before zpay32 that is not lexical
// yields to a bad checksum, so the first failing rule is reported in
// zpay32's own order.
func (d Decoder) decode(invoice string, want Network, checkNet bool) (*Invoice, *Error) {
	s, e := normalize(invoice)
	if e != nil {
		return nil, e
	}
	l, e := lex(s)
	if e != nil {
		return nil, e
	}
	var msat uint64
	net, amount, e := splitHRP(s[:l.one])
	if e == nil && amount != "" {
		msat, e = parseAmount(amount, d.Strict)
	}
	if e == nil && l.dataLen() < timestampLen+signatureLen {
		e = newError(ErrTooShort, "", "")
	}
	if e != nil {
		if !l.checksumOK() {
			return nil, newError(ErrChecksum, "", "")
		}
		return nil, e
	}

	params := networkInfo[net].params
	z, zerr := zpay32Decode(s, params)
	if zerr != nil && l.checksumOK() && l.hasSkippableFallback() {
		// zpay32 refuses an f field of unknown version without a program,
		// which BOLT11 says to skip (fallback.go). The copy zpay32 then
		// decodes gets a checksum of its own, so the original's is checked
		// first.
		z, zerr = l.decodeSkipping(params)
	}
	if zerr != nil {
		return nil, l.explain(zerr)
	}
	if checkNet && net != want {
		return nil, newError(ErrWrongNetwork, "",
			net.String()+" ("+net.Prefix()+"…), want "+want.String())
	}
	fs := l.scan()
	if e := d.check(&l, &fs, z); e != nil {
		return nil, e
	}
	return l.invoice(net, params, msat, amount != "", &fs, z), nil
}

// normalize trims whitespace and a "lightning:" prefix, and recognises the
// strings that are not invoices.
func normalize(in string) (string, *Error) {
	s := strings.TrimSpace(in)
	const scheme = "lightning:"
	if hasPrefixFold(s, scheme) {
		s = s[len(scheme):]
	}
	switch {
	case s == "":
		return "", newError(ErrMalformed, "", "empty invoice")
	case hasPrefixFold(s, "bitcoin:"):
		return "", newError(ErrBitcoinURI, "", "")
	case hasPrefixFold(s, "lnurl"):
		return "", newError(ErrLNURL, "", "")
	}
	return s, nil
}

// decoderPanic stands for a panic inside zpay32 (none is known for
// v0.21.x; the guard keeps Decode from panicking on any input).
type decoderPanic struct{}

func (decoderPanic) Error() string { return "zpay32 panicked" }

func zpay32Decode(s string, params *chaincfg.Params) (z *zpay32.Invoice, err error) {
	defer func() {
		if recover() != nil {
			z, err = nil, decoderPanic{}
		}
	}()
	return zpay32.Decode(s, params)
}

// invoice builds the public Invoice from zpay32's result and the scan.
func (l *layout) invoice(net Network, params *chaincfg.Params, msat uint64, hasAmount bool, fs *fieldScan, z *zpay32.Invoice) *Invoice {
	inv := &Invoice{
		Network:                 net,
		PaymentHash:             *z.PaymentHash,
		AmountMsat:              msat,
		HasAmount:               hasAmount,
		Timestamp:               z.Timestamp.UTC(),
		Expiry:                  DefaultExpiry,
		DescriptionHash:         z.DescriptionHash,
		PayeeGiven:              fs.hasN,
		PaymentSecret:           z.PaymentAddr.UnwrapOr([32]byte{}),
		MinFinalCLTVExpiryDelta: DefaultMinFinalCLTVExpiryDelta,
		Features:                l.featureBits(fs),
		Metadata:                z.Metadata,
	}
	if z.Description != nil {
		inv.Description = *z.Description
	}
	copy(inv.Payee[:], z.Destination.SerializeCompressed())
	if fs.hasX {
		secs, _ := l.uintOf(fs.x.off, fs.x.n) // fits: checked
		inv.Expiry = secondsToDuration(secs)
	}
	if fs.hasC {
		inv.MinFinalCLTVExpiryDelta, _ = l.uintOf(fs.c.off, fs.c.n)
		inv.HasMinFinalCLTVExpiryDelta = true
	}
	if fs.fCount > 0 {
		inv.FallbackAddresses = l.fallbackAddresses(z, params)
	}
	if len(z.RouteHints) > 0 {
		inv.RouteHints = make([][]HopHint, len(z.RouteHints))
		for i, route := range z.RouteHints {
			hops := make([]HopHint, len(route))
			for j, h := range route {
				copy(hops[j].NodeID[:], h.NodeID.SerializeCompressed())
				hops[j].ShortChannelID = ShortChannelID(h.ChannelID)
				hops[j].FeeBaseMsat = h.FeeBaseMSat
				hops[j].FeeProportionalMillionths = h.FeeProportionalMillionths
				hops[j].CLTVExpiryDelta = h.CLTVExpiryDelta
			}
			inv.RouteHints[i] = hops
		}
	}
	return inv
}

// secondsToDuration converts, capping at the largest Duration.
func secondsToDuration(secs uint64) time.Duration {
	if secs > math.MaxInt64/uint64(time.Second) {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(secs) * time.Second
}

// Fallback address versions (first group of an f field).
const (
	fallbackWitnessV0  = 0
	fallbackTaproot    = 1
	fallbackPubKeyHash = 17
	fallbackScriptHash = 18
)

// fallbackAddresses encodes every f field of a known version. zpay32 keeps
// only the first; it is reused, and later ones are encoded here (a malformed
// later one is skipped, as zpay32 skips all later ones).
func (l *layout) fallbackAddresses(z *zpay32.Invoice, params *chaincfg.Params) []string {
	var out []string
	first := true
	for i := l.fieldsStart(); i < l.sig; {
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		i = f.off + f.n
		if f.typ != typeF || f.n < 1 {
			continue
		}
		version := l.g(f.off)
		if !knownFallbackVersion(version) {
			continue
		}
		if first {
			first = false
			if z.FallbackAddr != nil {
				out = append(out, z.FallbackAddr.EncodeAddress())
			}
			continue
		}
		prog, ok := l.bytesOf(f.off+1, f.n-1, false)
		if !ok {
			continue
		}
		if addr, err := fallbackAddress(version, prog, params); err == nil {
			out = append(out, addr.EncodeAddress())
		}
	}
	return out
}

func knownFallbackVersion(v int) bool {
	return v == fallbackWitnessV0 || v == fallbackTaproot || v == fallbackPubKeyHash || v == fallbackScriptHash
}

// fallbackAddress builds the address zpay32 would build for an f field.
func fallbackAddress(version int, prog []byte, params *chaincfg.Params) (btcutil.Address, error) {
	switch version {
	case fallbackWitnessV0:
		if len(prog) == 20 {
			return btcutil.NewAddressWitnessPubKeyHash(prog, params)
		}
		return btcutil.NewAddressWitnessScriptHash(prog, params)
	case fallbackTaproot:
		return btcutil.NewAddressTaproot(prog, params)
	case fallbackPubKeyHash:
		return btcutil.NewAddressPubKeyHash(prog, params)
	default:
		return btcutil.NewAddressScriptHashFromHash(prog, params)
	}
}
