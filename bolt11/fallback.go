package bolt11

import (
	"crypto/sha256"
	"errors"

	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"github.com/btcsuite/btcd/chaincfg"
	"github.com/lightningnetwork/lnd/lnwire"
	"github.com/lightningnetwork/lnd/zpay32"
	"github.com/vaspkit/vaspkit/internal/bech32"
)

// BOLT11: a reader "MUST skip over f fields that use an unknown version".
// zpay32 v0.21 skips an unknown version only when a program follows it: an
// f field of one group (a version and no data) fails its "empty fallback
// address field" check whatever the version, unless a supported fallback
// came before. This file decodes such invoices anyway.
//
// The signature covers those fields, so they cannot simply be cut out of
// the string zpay32 sees. Instead zpay32 decodes a copy without them (and
// without n, whose key must match the signer), signed with a throwaway key
// so that it gets past the signature step: every field is parsed by
// zpay32 as usual. The invoice's own signature is then checked here, over
// the original data, with the same calls zpay32 makes (verification
// against the first n field of the right length, else public-key
// recovery), and its payee replaces the throwaway one. Only invoices with
// such a field take this path.

// skippableFallback reports whether f is an f field zpay32 refuses but
// BOLT11 says to skip: a version no reader of this package knows (not 0,
// 1, 17 or 18) and no program after it. An f field with no version at all
// (no data) stays malformed.
func (l *layout) skippableFallback(f span) bool {
	return f.typ == typeF && f.n == 1 && !knownFallbackVersion(l.g(f.off))
}

// hasSkippableFallback reports whether a field walk, as far as it goes,
// meets a skippable f field.
func (l *layout) hasSkippableFallback() bool {
	for i := l.fieldsStart(); l.sig-i >= 3; {
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		if f.off+f.n > l.sig {
			return false
		}
		if l.skippableFallback(f) {
			return true
		}
		i = f.off + f.n
	}
	return false
}

// reencodeKey signs the copy zpay32 decodes. Its signature proves nothing
// and the key it yields is discarded; it is no secret.
var reencodeKey, _ = btcec.PrivKeyFromBytes(func() []byte {
	h := sha256.Sum256([]byte("vaspkit/bolt11: throwaway key for re-encoded invoices"))
	return h[:]
}())

// errBrokenField stands for zpay32's ErrBrokenTaggedField and
// ErrInvalidFieldLength (the caller's explain finds which).
var errBrokenField = errors.New("tagged field runs past the data")

// errInvalidSignature stands for zpay32's "invalid invoice signature".
var errInvalidSignature = errors.New("invalid invoice signature")

// decodeSkipping decodes an invoice holding skippable f fields: zpay32
// decodes a re-signed copy without them and without n, and the original
// signature is checked here. The caller has checked the original's
// checksum (the copy gets its own). Any error is explained by the caller
// on the original string.
func (l *layout) decodeSkipping(params *chaincfg.Params) (*zpay32.Invoice, error) {
	hrp := make([]byte, l.one)
	for i := range hrp {
		hrp[i] = lowerASCII(l.s[i])
	}
	data := make([]byte, 0, l.sig-l.one-1+signatureLen)
	for i := l.one + 1; i < l.fieldsStart(); i++ {
		data = append(data, byte(l.g(i)))
	}
	var payee *btcec.PublicKey
	for i := l.fieldsStart(); i < l.sig; {
		if l.sig-i < 3 {
			return nil, errBrokenField
		}
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		if f.off+f.n > l.sig {
			return nil, errBrokenField
		}
		start := i
		i = f.off + f.n
		switch {
		case l.skippableFallback(f):
			continue
		case f.typ == typeN:
			// zpay32 takes the first n of the right length.
			if f.n == pubKeyLen && payee == nil {
				b, ok := l.bytesOf(f.off, f.n, false)
				if !ok {
					return nil, errors.New("n field: non-zero padding")
				}
				pk, err := btcec.ParsePubKey(b)
				if err != nil {
					return nil, err
				}
				payee = pk
			}
			continue
		}
		for j := start; j < i; j++ {
			data = append(data, byte(l.g(j)))
		}
	}
	hash := sha256.Sum256(append(hrp, bech32.GroupsToBytes(data)...))
	compact := ecdsa.SignCompact(reencodeKey, hash[:], true) // header ‖ R ‖ S
	sig := append(compact[1:65:65], compact[0]-27-4)
	data = append(data, bech32.BytesToGroups(sig)...)

	z, err := zpay32Decode(bech32.Encode(string(hrp), data), params)
	if err != nil {
		return nil, err
	}
	dest, err := l.signer(hrp, payee)
	if err != nil {
		return nil, err
	}
	z.Destination = dest
	return z, nil
}

// signer checks the invoice's own signature as zpay32 does: against payee
// when the invoice names one, else by recovering the key.
func (l *layout) signer(hrp []byte, payee *btcec.PublicKey) (*btcec.PublicKey, error) {
	signed, _ := l.bytesOf(l.one+1, l.sig-l.one-1, true)
	hash := sha256.Sum256(append(hrp[:len(hrp):len(hrp)], signed...))
	raw := l.signature()
	sig, err := lnwire.NewSigFromWireECDSA(raw[:64])
	if err != nil {
		return nil, err
	}
	if payee != nil {
		s, err := sig.ToSignature()
		if err != nil {
			return nil, err
		}
		if !s.Verify(hash[:], payee) {
			return nil, errInvalidSignature
		}
		return payee, nil
	}
	compact := append([]byte{raw[64] + 27 + 4}, sig.RawBytes()...)
	pk, _, err := ecdsa.RecoverCompact(compact, hash[:])
	if err != nil {
		return nil, err
	}
	return pk, nil
}
