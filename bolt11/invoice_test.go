package bolt11

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// v04 is the spec's "Now send $24 for an entire list of things (hashed)".
const v04 = "lnbc20m1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqhp58yjmdan79s6qqdhdzgynm4zwqd5d7xmw5fk98klysy043l2ahrqs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j38gp7ynn44"

const v04Description = "One piece of chocolate cake, one icecream cone, one pickle, one slice of swiss cheese, one slice of salami, one lollypop, one piece of cherry pie, one sausage, one cupcake, and one slice of watermelon"

func TestInvoiceHelpers(t *testing.T) {
	t.Parallel()
	inv, err := Decode(v04, Mainnet)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := inv.PaymentHashHex(), specHash; got != want {
		t.Errorf("PaymentHashHex() = %q, want %q", got, want)
	}
	if got, want := inv.PayeeHex(), specPayee; got != want {
		t.Errorf("PayeeHex() = %q, want %q", got, want)
	}
	created := time.Unix(specTime, 0)
	if got, want := inv.ExpiresAt(), created.Add(time.Hour); !got.Equal(want) {
		t.Errorf("ExpiresAt() = %v, want %v", got, want)
	}
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{created, false},
		{created.Add(time.Hour - time.Second), false},
		{created.Add(time.Hour), true},
		{time.Now(), true},
	} {
		if got := inv.Expired(tt.now); got != tt.want {
			t.Errorf("Expired(%v) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if !inv.HasFeature(14) || inv.HasFeature(15) {
		t.Errorf("HasFeature: features %v", inv.Features)
	}
}

func TestVerifyDescription(t *testing.T) {
	t.Parallel()
	hashed, err := Decode(v04, Mainnet)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Decode("lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh", Mainnet)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		inv  *Invoice
		desc string
		err  error
	}{
		{"hash matches", hashed, v04Description, nil},
		{"hash differs", hashed, v04Description + ".", ErrDescriptionMismatch},
		{"description matches", plain, "1 cup coffee", nil},
		{"description differs", plain, "2 cups coffee", ErrDescriptionMismatch},
	}
	for _, tt := range tests {
		if err := tt.inv.VerifyDescription(tt.desc); !errors.Is(err, tt.err) {
			t.Errorf("%s: VerifyDescription = %v, want %v", tt.name, err, tt.err)
		}
	}
}

func TestShortChannelID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id        ShortChannelID
		block, tx uint32
		out       uint16
		str       string
	}{
		{589390<<40 | 3312<<16 | 1, 589390, 3312, 1, "589390x3312x1"},
		{0x0102030405060708, 66051, 263430, 1800, "66051x263430x1800"},
		{0, 0, 0, 0, "0x0x0"},
		{^ShortChannelID(0), 1<<24 - 1, 1<<24 - 1, 1<<16 - 1, "16777215x16777215x65535"},
	}
	for _, tt := range tests {
		got := []any{tt.id.BlockHeight(), tt.id.TxIndex(), tt.id.OutputIndex(), tt.id.String()}
		want := []any{tt.block, tt.tx, tt.out, tt.str}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ShortChannelID(%#x) (-want +got):\n%s", uint64(tt.id), diff)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	t.Parallel()
	cause := errors.New("low-level")
	tests := []struct {
		err  *Error
		want string
	}{
		{newError(ErrChecksum, "", ""), "bolt11: bech32 checksum does not match"},
		{newError(ErrMalformedField, "d", "description is not valid UTF-8"), "bolt11: malformed tagged field (field d): description is not valid UTF-8"},
		{newError(ErrMissingPaymentSecret, "s", ""), "bolt11: no payment secret (s field)"},
		{&Error{Err: ErrUnknownRequiredFeature, Field: "9", Bits: []int{100, 102}}, "bolt11: unknown required (even) feature bit: bits 100, 102"},
		{newError(ErrInvalidSignature, "", "").withCause(cause), "bolt11: invalid signature"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, tt.err.Err) {
			t.Errorf("errors.Is(%v, its sentinel) = false", tt.err)
		}
	}
	if !errors.Is(tests[4].err, cause) {
		t.Error("errors.Is does not reach the cause")
	}
	if got := detailOf(errors.New(string(make([]byte, 500)))); len(got) > maxDetail+len("…") {
		t.Errorf("detailOf kept %d bytes", len(got))
	}
}
