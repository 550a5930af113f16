package bolt11

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseNetwork(t *testing.T) {
	t.Parallel()
	for n := Mainnet; n <= Simnet; n++ {
		got, err := ParseNetwork(n.String())
		if err != nil || got != n {
			t.Errorf("ParseNetwork(%q) = %v, %v", n.String(), got, err)
		}
	}
	for _, bad := range []string{"", "bitcoin", "lnbc", "testnet4", "Network(7)", "main net"} {
		if _, err := ParseNetwork(bad); !errors.Is(err, ErrUnknownNetwork) {
			t.Errorf("ParseNetwork(%q) = %v, want ErrUnknownNetwork", bad, err)
		}
	}
}

func TestCheckInvoice(t *testing.T) {
	t.Parallel()
	const coffee = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"
	type result struct {
		Hash    string
		Expires time.Time
	}
	tests := []struct {
		name    string
		invoice string
		network string
		want    result
		err     error
	}{
		{"mainnet invoice", coffee, "mainnet", result{specHash, time.Unix(specTime+60, 0).UTC()}, nil},
		{"network name in capitals", coffee, "MAINNET", result{specHash, time.Unix(specTime+60, 0).UTC()}, nil},
		{"wrong network", coffee, "testnet", result{}, ErrWrongNetwork},
		{"unknown network name", coffee, "bitcoin", result{}, ErrUnknownNetwork},
		{"bad checksum", coffee[:len(coffee)-1] + "q", "mainnet", result{}, ErrChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hash, exp, err := CheckInvoice(tt.invoice, tt.network)
			if !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, result{hash, exp}); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}
