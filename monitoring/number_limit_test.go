package monitoring_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
)

// hugeNumbers are numbers a hostile server could send, each of which took
// seconds to minutes of CPU to convert before the limits.
var hugeNumbers = map[string]string{
	"3M digits":                      "1" + strings.Repeat("7", 3_000_000),
	"3M fraction digits":             "0." + strings.Repeat("3", 3_000_000),
	"3M leading zeros":               "0." + strings.Repeat("0", 3_000_000) + "1",
	"3M digits in a string":          `"` + strings.Repeat("9", 3_000_000) + `"`,
	"exponent with 3M leading zeros": "1e" + strings.Repeat("0", 3_000_000) + "1",
}

// TestNumberLimits: Rat and Int64 convert every documented amount, and
// refuse — with ErrNumberTooLong, which matches ErrInvalidNumber — a
// number beyond MaxNumberDigits or MaxNumberExponent, in microseconds
// rather than the tens of seconds the conversion would take.
func TestNumberLimits(t *testing.T) {
	t.Parallel()
	ok := []string{
		"95238.09523809524", "-1.7976931348623157", `"10"`, "250000.000001",
		"115792089237316195423570985008687907853269984665640564039457584007913129639935", // 2^256-1 wei
		strings.Repeat("9", monitoring.MaxNumberDigits),
		"0." + strings.Repeat("0", monitoring.MaxNumberDigits-2) + "1",
		"1e400", "-1.5E-400", "1e+0400",
	}
	for _, s := range ok {
		var n monitoring.Number
		if err := json.Unmarshal([]byte(s), &n); err != nil {
			t.Fatalf("Unmarshal(%.30s): %v", s, err)
		}
		if _, err := n.Rat(); err != nil {
			t.Errorf("Rat(%.30s…) = %v, want a value", s, err)
		}
	}
	tooLong := []string{
		strings.Repeat("9", monitoring.MaxNumberDigits+1),
		"0." + strings.Repeat("0", monitoring.MaxNumberDigits-1) + "1",
		"1e401", "1e-401",
	}
	for _, s := range hugeNumbers {
		tooLong = append(tooLong, s)
	}
	for _, s := range tooLong {
		var n monitoring.Number
		if err := json.Unmarshal([]byte(s), &n); err != nil {
			t.Fatalf("Unmarshal(%.30s): %v (a Number keeps any token)", s, err)
		}
		done := make(chan error, 2)
		go func() {
			_, err := n.Rat()
			done <- err
			_, err = n.Int64()
			done <- err
		}()
		for range 2 {
			select {
			case err := <-done:
				if !errors.Is(err, monitoring.ErrNumberTooLong) || !errors.Is(err, monitoring.ErrInvalidNumber) {
					t.Errorf("Rat/Int64(%.30s…) = %v, want ErrNumberTooLong", s, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("Rat/Int64(%.30s…) still computing after 5s", s)
			}
		}
	}
}

// TestHugeNumberFromServer: a transaction whose amount and score have
// millions of digits decodes (the tokens are kept as received), and
// converting them fails fast.
func TestHugeNumberFromServer(t *testing.T) {
	t.Parallel()
	huge := hugeNumbers["3M digits"]
	body := `{"id":"` + sumsubID + `","score":` + huge + `,"data":{"txnId":"h-1","type":"finance","info":{"amount":` + huge + `}}}`
	c, _ := cannedClient(t, http.StatusOK, body)
	res, err := c.Get(t.Context(), sumsubID)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, errScore := res.Score.Rat()
	_, errAmount := res.Data.Info.Amount.Rat()
	if !errors.Is(errScore, monitoring.ErrNumberTooLong) || !errors.Is(errAmount, monitoring.ErrNumberTooLong) {
		t.Errorf("Rat = %v, %v; want ErrNumberTooLong", errScore, errAmount)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v", d)
	}
}

// BenchmarkNumberRatHuge converts a three-million-digit number: refused
// in constant time, whatever its length (it took about 30 s of CPU before
// the limits).
func BenchmarkNumberRatHuge(b *testing.B) {
	var n monitoring.Number
	if err := json.Unmarshal([]byte(hugeNumbers["3M digits"]), &n); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Rat(); !errors.Is(err, monitoring.ErrNumberTooLong) {
			b.Fatal(err)
		}
	}
}

// BenchmarkNumberRatMax converts a number at MaxNumberDigits with the
// largest exponent: the most a Number accepted by Rat can cost.
func BenchmarkNumberRatMax(b *testing.B) {
	n, err := monitoring.ParseNumber("0." + strings.Repeat("7", monitoring.MaxNumberDigits-1) + "e-400")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := n.Rat(); err != nil {
			b.Fatal(err)
		}
	}
}
