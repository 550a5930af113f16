package bolt11

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lightningnetwork/lnd/zpay32"
)

// BOLT11: a reader "MUST skip over f fields that use an unknown version",
// with or without data after the version. zpay32 v0.21 refuses one
// without data ("empty fallback address field"); Decode skips it, and
// still checks the signature, which covers it.
func TestDecodeSkipsUnknownFallbackVersions(t *testing.T) {
	t.Parallel()
	std := func(tb testing.TB, extra ...field) []field { return append(stdFields(tb), extra...) }
	pkh := "04b61f7dc1ea0dc99424464cc4064dc564d91e89"
	p2pkh := func(tb testing.TB) field { return fld('f', append([]byte{17}, to5(mustHex(tb, pkh))...)) }
	otherKey := "0000000000000000000000000000000000000000000000000000000000000001"
	nField := func(tb testing.TB, key string) field {
		return fld('n', to5(privKey(tb, key).PubKey().SerializeCompressed()))
	}
	withPayee := func(tb testing.TB) *Invoice {
		inv := baseInvoice(tb)
		inv.PayeeGiven = true
		return inv
	}
	withFallback := func(tb testing.TB) *Invoice {
		inv := baseInvoice(tb)
		inv.FallbackAddresses = []string{"1RustyRX2oai4EYYDpQGWvEL62BBGqN9T"}
		return inv
	}

	tests := []struct {
		name string
		b    func(tb testing.TB) *builder
		// zpay32Refuses: zpay32.Decode fails on it, so Decode takes the
		// skipping path.
		zpay32Refuses bool
		want          func(tb testing.TB) *Invoice // nil: an error
		err           error
		field         string
	}{
		{"version 19, no data", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}))...)
		}, true, baseInvoice, nil, ""},
		{"version 31, no data", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{31}))...)
		}, true, baseInvoice, nil, ""},
		{"unknown witness versions 2 and 16, no data", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{2}), fld('f', []byte{16}))...)
		}, true, baseInvoice, nil, ""},
		{"version 20 with data (zpay32 skips it too)", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', append([]byte{20}, to5([]byte{1, 2, 3})...)))...)
		}, false, baseInvoice, nil, ""},
		{"unknown, no data, before a P2PKH fallback", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{25}), p2pkh(tb))...)
		}, true, withFallback, nil, ""},
		{"unknown, no data, after a P2PKH fallback (zpay32 stops reading f)", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, p2pkh(tb), fld('f', []byte{25}))...)
		}, false, withFallback, nil, ""},
		{"with the payee named (n)", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}), nField(tb, specKeyHex))...)
		}, true, withPayee, nil, ""},
		{"upper case", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}))...)
		}, true, baseInvoice, nil, ""},
		{"high-S without n still recovers the payee", func(tb testing.TB) *builder {
			b := newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}))...)
			b.highS = true
			return b
		}, true, baseInvoice, nil, ""},

		{"high-S with n", func(tb testing.TB) *builder {
			b := newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}), nField(tb, specKeyHex))...)
			b.highS = true
			return b
		}, true, nil, ErrHighS, "n"},
		{"n of another key", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}), nField(tb, otherKey))...)
		}, true, nil, ErrInvalidSignature, ""},
		{"tampered signature with n", func(tb testing.TB) *builder {
			b := newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}), nField(tb, specKeyHex))...)
			b.sigMod = func(s *[65]byte) { s[10] ^= 1 }
			return b
		}, true, nil, ErrInvalidSignature, ""},
		{"no description, so the field is not the problem", func(tb testing.TB) *builder {
			f := stdFields(tb)
			return newBuilder(tb, "lnbc", append(f[:2:2], f[3], fld('f', []byte{19}))...)
		}, true, nil, ErrMissingDescription, ""},
		{"no payment secret", func(tb testing.TB) *builder {
			f := stdFields(tb)
			return newBuilder(tb, "lnbc", append([]field{f[0]}, f[2], f[3], fld('f', []byte{19}))...)
		}, true, nil, ErrMissingPaymentSecret, "s"},
		{"bad checksum (the re-encoded copy would get a good one)", func(tb testing.TB) *builder {
			b := newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}))...)
			b.badChecksum = true
			return b
		}, true, nil, ErrChecksum, ""},
		{"known version 17 without data stays malformed", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{17}))...)
		}, true, nil, ErrMalformedField, "f"},
		{"known version 0 without data, after an unknown one", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', []byte{19}), fld('f', []byte{0}))...)
		}, true, nil, ErrMalformedField, "f"},
		{"f without any data (no version)", func(tb testing.TB) *builder {
			return newBuilder(tb, "lnbc", std(tb, fld('f', nil))...)
		}, true, nil, ErrMalformedField, "f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := tt.b(t).String()
			if strings.HasPrefix(tt.name, "upper case") {
				s = strings.ToUpper(s)
			}
			if _, zerr := zpay32.Decode(strings.ToLower(s), networkInfo[Mainnet].params); (zerr != nil) != tt.zpay32Refuses {
				t.Errorf("zpay32.Decode error = %v, want refused = %v", zerr, tt.zpay32Refuses)
			}
			got, err := Decode(s, Mainnet)
			if tt.want == nil {
				var e *Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.Field != tt.field {
					t.Fatalf("Decode error = %v, want %v (field %q)", err, tt.err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tt.want(t), got); diff != "" {
				t.Errorf("Decode (-want +got):\n%s", diff)
			}
		})
	}
}
