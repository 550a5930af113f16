package ivms

import (
	"errors"
	"fmt"
	"testing"
)

func TestCheckLEI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lei  string
		want error
	}{
		{"506700GE1G29325QX363", nil}, // GLEIF's own
		{"506700T7Z685VUOZL877", nil},
		{"213800AQUAUP6I215N33", ErrLEIChecksum}, // a TXID in the samples, not an LEI
		{"335800HXPOIUDJ9T5R34", nil},
		{"5493004YBI24IF4TIP92", ErrLEIChecksum},
		{"3M5E1GQKGL17HI8CPN20", ErrLEIChecksum}, // IVMS101 2020 Example 1
		{"506700T7Z685VUOZL878", ErrLEIChecksum},
		{"506700GE1G29325QX36", ErrLEIFormat},
		{"506700GE1G29325QX3633", ErrLEIFormat},
		{"506700ge1g29325qx363", ErrLEIFormat},
		{"506700GE1G29325QX3A3", ErrLEIFormat},
		{"XXXXXXXXXXXXXXXXXXXX", ErrLEIFormat},
		{"", ErrLEIFormat},
	}
	for _, tc := range tests {
		if err := CheckLEI(tc.lei); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
			t.Errorf("CheckLEI(%q) = %v, want %v", tc.lei, err, tc.want)
		}
	}
}

func TestLEICheckDigits(t *testing.T) {
	t.Parallel()
	for _, lei := range []string{"506700GE1G29325QX363", "506700T7Z685VUOZL877", "335800HXPOIUDJ9T5R34"} {
		got, err := LEICheckDigits(lei[:18])
		if err != nil || got != lei[18:] {
			t.Errorf("LEICheckDigits(%q) = %q, %v; want %q", lei[:18], got, err, lei[18:])
		}
	}
	// Check digits 01 and 97 exist, so the zero padding matters.
	for prefix := range 2000 {
		p := fmt.Sprintf("549300000000%06d", prefix)
		d, err := LEICheckDigits(p)
		if err != nil || CheckLEI(p+d) != nil {
			t.Fatalf("LEICheckDigits(%q) = %q, %v: result does not check", p, d, err)
		}
	}
	for _, bad := range []string{"", "506700GE1G29325QX", "506700ge1g29325qx3", "506700GE1G29325QX-"} {
		if _, err := LEICheckDigits(bad); !errors.Is(err, ErrLEIFormat) {
			t.Errorf("LEICheckDigits(%q) error = %v, want ErrLEIFormat", bad, err)
		}
	}
}
