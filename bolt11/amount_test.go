package bolt11

import (
	"errors"
	"testing"
)

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		strict bool
		want   uint64
		err    error
	}{
		{in: "1", want: 100_000_000_000},
		{in: "2500u", want: 250_000_000},
		{in: "2500U", want: 250_000_000},
		{in: "20m", want: 2_000_000_000},
		{in: "10n", want: 1000},
		{in: "10p", want: 1},
		{in: "9678785340p", want: 967_878_534},
		{in: "0025m", want: 2_500_000_000},
		{in: "0m", want: 0},
		// The largest digit values that fit (spec/bolt11.md §3.2) and one more.
		{in: "184467440", want: 184467440 * 100_000_000_000},
		{in: "184467441", err: ErrInvalidAmount},
		{in: "184467440737m", want: 184467440737 * 100_000_000},
		{in: "184467440738m", err: ErrInvalidAmount},
		{in: "184467440737095u", want: 184467440737095 * 100_000},
		{in: "184467440737096u", err: ErrInvalidAmount},
		{in: "184467440737095516n", want: 184467440737095516 * 100},
		{in: "184467440737095517n", err: ErrInvalidAmount},
		{in: "18446744073709551610p", want: 1844674407370955161},
		{in: "18446744073709551620p", err: ErrInvalidAmount},
		{in: "1p", err: ErrInvalidAmount},
		{in: "0p", err: ErrInvalidAmount},
		{in: "25p", err: ErrInvalidAmount},
		{in: "2500x", err: ErrInvalidAmount},
		{in: "m", err: ErrInvalidAmount},
		{in: "", err: ErrInvalidAmount},
		{in: "1a0m", err: ErrInvalidAmount},
		{in: "+1m", err: ErrInvalidAmount},
		{in: "0025m", strict: true, err: ErrInvalidAmount},
		{in: "0m", strict: true, err: ErrInvalidAmount},
		{in: "25m", strict: true, want: 2_500_000_000},
	}
	for _, tt := range tests {
		got, e := parseAmount(tt.in, tt.strict)
		var err error
		if e != nil {
			err = e
		}
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("parseAmount(%q, strict=%v) = %d, %v; want %d, %v", tt.in, tt.strict, got, err, tt.want, tt.err)
		}
	}
}
