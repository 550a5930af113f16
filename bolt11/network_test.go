package bolt11

import (
	"errors"
	"testing"
)

func TestNetwork(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n      Network
		name   string
		prefix string
	}{
		{Mainnet, "mainnet", "lnbc"},
		{Testnet, "testnet", "lntb"},
		{Signet, "signet", "lntbs"},
		{Regtest, "regtest", "lnbcrt"},
		{Simnet, "simnet", "lnsb"},
		{Network(-1), "Network(-1)", ""},
		{Network(5), "Network(5)", ""},
	}
	for _, tt := range tests {
		if got := tt.n.String(); got != tt.name {
			t.Errorf("Network(%d).String() = %q, want %q", int(tt.n), got, tt.name)
		}
		if got := tt.n.Prefix(); got != tt.prefix {
			t.Errorf("Network(%d).Prefix() = %q, want %q", int(tt.n), got, tt.prefix)
		}
	}
}

func TestNetworkOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Network
		err  error
	}{
		{in: "lnbc1qqqqqqqq", want: Mainnet},
		{in: " LIGHTNING:LNTB25M1QQQQQQ ", want: Testnet},
		{in: "lntbs1qqqqqqq", want: Signet},
		{in: "lnbcrt5u1qqqqqq", want: Regtest},
		{in: "lnsb1qqqqqqq", want: Simnet},
		{in: "lnxy1qqqqqqq", err: ErrUnknownNetwork},
		{in: "lnbc", err: ErrMalformed},
		{in: "", err: ErrMalformed},
		{in: "lnurl1qqqqq", err: ErrLNURL},
	}
	for _, tt := range tests {
		got, err := NetworkOf(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("NetworkOf(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
