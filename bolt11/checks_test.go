package bolt11

import (
	"errors"
	"testing"

	"github.com/btcsuite/btcd/chaincfg"
	"github.com/lightningnetwork/lnd/zpay32"
)

// TestZpay32Gaps pins what zpay32 v0.21 alone accepts and this package
// rejects, so an lnd upgrade that closes a gap shows up here.
func TestZpay32Gaps(t *testing.T) {
	t.Parallel()
	std := func(tb testing.TB, extra ...field) []field { return append(stdFields(tb), extra...) }
	noS := func(tb testing.TB) []field {
		f := stdFields(tb)
		return append(f[:1], f[2:]...)
	}
	tests := []struct {
		name string
		b    func(tb testing.TB) *builder
		err  error
	}{
		{"missing s", func(tb testing.TB) *builder { return newBuilder(tb, "lnbc", noS(tb)...) }, ErrMissingPaymentSecret},
		{"unknown even feature", func(tb testing.TB) *builder {
			f := stdFields(tb)
			f[3] = fld('9', minUint5(1<<8|1<<14|1<<40))
			return newBuilder(tb, "lnbc", f...)
		}, ErrUnknownRequiredFeature},
		{"duplicate p", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('p', to5(make([]byte, 32))))...)
		}, ErrDuplicatePaymentHash},
		{"wrong-length h", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('h', make([]byte, 51)))...)
		}, ErrInvalidFieldLength},
		{"high-S with n", func(tb testing.TB) *builder {
			b := newBuilder(tb, "lnbc", std(tb, fld('n', to5(mustHex(tb, specPayee))))...)
			b.highS = true
			return b
		}, ErrHighS},
		{"amount overflow", func(tb testing.TB) *builder { return newBuilder(tb, "lnbc200000000000m", stdFields(tb)...) }, ErrInvalidAmount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.b(t).String()
			if _, err := zpay32.Decode(s, &chaincfg.MainNetParams); err != nil {
				t.Fatalf("zpay32 now rejects it (%v): revisit the gap check", err)
			}
			if _, err := Decode(s, Mainnet); !errors.Is(err, tt.err) {
				t.Fatalf("Decode error = %v, want %v", err, tt.err)
			}
		})
	}
}
