package travelrule

import "sort"

// Networks maps a Striga ledger currency ticker ("BTC", "POL") to the
// blockchain network Striga requires with it ("BTC", "POLYGON"): Striga
// calls this table LedgerCryptoNetworks. A widget session's currency and
// network must agree with it.
//
// Striga does not publish the table. DefaultNetworks holds the pairs Striga
// states for the travel-rule endpoints; pass a table of your own with
// WithNetworks to add the pairs your account uses (see the unconfirmed
// tickers listed on UnconfirmedNetworks).
type Networks map[string]string

// Currency tickers and network keys Striga confirms for the travel-rule
// endpoints.
const (
	CurrencyBTC = "BTC"
	CurrencyETH = "ETH"
	CurrencySOL = "SOL"
	CurrencyPOL = "POL"

	NetworkBTC     = "BTC"
	NetworkETH     = "ETH"
	NetworkSOL     = "SOL"
	NetworkPOLYGON = "POLYGON"
)

// DefaultNetworks returns a fresh copy of the confirmed pairs: BTC/BTC,
// ETH/ETH, SOL/SOL and POL/POLYGON. BTC/BTC is the only pair on which a
// Lightning identifier (paymentHash or invoice) is valid.
func DefaultNetworks() Networks {
	return Networks{
		CurrencyBTC: NetworkBTC,
		CurrencyETH: NetworkETH,
		CurrencySOL: NetworkSOL,
		CurrencyPOL: NetworkPOLYGON,
	}
}

// UnconfirmedNetworks returns the pairs Striga's documentation suggests
// but does not confirm for the travel-rule endpoints (sandbox deposit
// chains, swap pairs, the Solana USDC enrichment). They are not checked by
// default; a caller whose account uses them can merge them into its own
// table:
//
//	n := travelrule.DefaultNetworks()
//	n.Merge(travelrule.UnconfirmedNetworks())
//	c, err := travelrule.New(travelrule.WithNetworks(n), …)
func UnconfirmedNetworks() Networks {
	return Networks{
		"USDC":          NetworkETH,
		"USDT":          NetworkETH,
		"USDC_POLYGON":  NetworkPOLYGON,
		"MATIC_POLYGON": NetworkPOLYGON,
		"USDC_SOL":      NetworkSOL,
		"BNB":           "BSC",
	}
}

// Merge copies every pair of other into n, replacing pairs for the same
// currency.
func (n Networks) Merge(other Networks) {
	for c, net := range other {
		n[c] = net
	}
}

// Lookup returns the network required with currency, and whether the
// table knows the currency.
func (n Networks) Lookup(currency string) (network string, ok bool) {
	network, ok = n[currency]
	return network, ok
}

// Currencies returns the table's currencies in sorted order.
func (n Networks) Currencies() []string {
	out := make([]string, 0, len(n))
	for c := range n {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func (n Networks) clone() Networks {
	out := make(Networks, len(n))
	for c, net := range n {
		out[c] = net
	}
	return out
}
