package bolt11

import (
	"strconv"

	"github.com/btcsuite/btcd/chaincfg"
)

// Network is the Bitcoin network an invoice is payable on. It is read from
// the invoice's human-readable part: lnbc, lntb, lntbs, lnbcrt or lnsb.
type Network int

// The networks BOLT11 (and lnd, for simnet) define a currency prefix for.
const (
	Mainnet Network = iota // lnbc
	Testnet                // lntb (testnet3 and testnet4 share the prefix)
	Signet                 // lntbs
	Regtest                // lnbcrt
	Simnet                 // lnsb (lnd-specific)
)

// networkInfo is indexed by Network.
var networkInfo = [...]struct {
	name   string
	prefix string // the full HRP prefix, "ln" + currency
	params *chaincfg.Params
}{
	Mainnet: {"mainnet", "lnbc", &chaincfg.MainNetParams},
	Testnet: {"testnet", "lntb", &chaincfg.TestNet3Params},
	Signet:  {"signet", "lntbs", &chaincfg.SigNetParams},
	Regtest: {"regtest", "lnbcrt", &chaincfg.RegressionNetParams},
	Simnet:  {"simnet", "lnsb", &chaincfg.SimNetParams},
}

// prefixOrder lists the networks by decreasing prefix length, so that the
// longest matching prefix wins (lnbcrt before lnbc, lntbs before lntb).
var prefixOrder = [...]Network{Regtest, Signet, Mainnet, Testnet, Simnet}

func (n Network) valid() bool { return n >= Mainnet && n <= Simnet }

// String returns the lower-case network name ("mainnet", "testnet", …), or
// "Network(N)" for a value outside the defined constants.
func (n Network) String() string {
	if !n.valid() {
		return "Network(" + strconv.Itoa(int(n)) + ")"
	}
	return networkInfo[n].name
}

// Prefix returns the human-readable-part prefix of invoices for n ("lnbc",
// "lntb", …), or "" for a value outside the defined constants.
func (n Network) Prefix() string {
	if !n.valid() {
		return ""
	}
	return networkInfo[n].prefix
}

// NetworkOf reports which network invoice is for, reading only its
// human-readable part. It normalises the input as Decode does (whitespace,
// "lightning:" prefix) but does not check the checksum, the amount or the
// signature: use it to word an error message, and Decode or DecodeAny to
// validate.
func NetworkOf(invoice string) (Network, error) {
	s, e := normalize(invoice)
	if e != nil {
		return 0, e
	}
	one := lastSeparator(s)
	if one < 0 {
		return 0, newError(ErrMalformed, "", "no separator '1'")
	}
	n, _, e := splitHRP(s[:one])
	if e != nil {
		return 0, e
	}
	return n, nil
}

// splitHRP finds the network of a human-readable part and returns the rest
// of it (the amount, possibly empty). The HRP may be in either case.
func splitHRP(hrp string) (Network, string, *Error) {
	if !hasPrefixFold(hrp, "ln") {
		return 0, "", newError(ErrUnknownNetwork, "", "human-readable part does not start with \"ln\"")
	}
	for _, n := range prefixOrder {
		p := networkInfo[n].prefix
		if !hasPrefixFold(hrp, p) {
			continue
		}
		// An amount starts with a digit; anything else means a longer
		// currency prefix we do not know (lnbcx…, lntbz…).
		rest := hrp[len(p):]
		if rest != "" && (rest[0] < '0' || rest[0] > '9') {
			break
		}
		return n, rest, nil
	}
	return 0, "", newError(ErrUnknownNetwork, "", "unknown currency prefix")
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
// prefix must be lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}
