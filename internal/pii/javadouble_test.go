package pii

import (
	"bufio"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestJavaDouble checks values whose Double.toString Java prints (JDK 19 and
// later; the JDK 17 output is noted where it differs).
func TestJavaDouble(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   float64
		want string
	}{
		{1.50, "1.5"},
		{1e2, "100.0"},
		{1e7, "1.0E7"},
		{0.001, "0.001"},
		{0.0001, "1.0E-4"},
		{123456789.0, "1.23456789E8"},
		{9999999.0, "9999999.0"},
		{9999999.999, "9999999.999"},
		{0.00099999, "9.9999E-4"},
		{12345678.9, "1.23456789E7"},
		{0.1, "0.1"},
		{0.3, "0.3"},
		{0.002, "0.002"},
		{100, "100.0"},
		{1, "1.0"},
		{-2.5, "-2.5"},
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1e16, "1.0E16"},
		{1e21, "1.0E21"},
		{1e23, "1.0E23"},     // JDK 17: 9.999999999999999E22
		{2e23, "2.0E23"},     // JDK 17: 1.9999999999999998E23
		{8.41e21, "8.41E21"}, // JDK 17: 8.409999999999999E21
		{2.82879384806159e17, "2.82879384806159E17"},  // JDK 17: 2.82879384806159008E17
		{9007199254740993, "9.007199254740992E15"},    // not a double: rounds to 2^53
		{1.23456789012345678, "1.2345678901234567"},   // 17 digits
		{math.SmallestNonzeroFloat64, "4.9E-324"},     // one digit would do; Java takes two
		{2 * math.SmallestNonzeroFloat64, "9.9E-324"}, // JDK 17: 1.0E-323
		{math.MaxFloat64, "1.7976931348623157E308"},   //
		{2.2250738585072014e-308, "2.2250738585072014E-308"},
		{3.4028235e38, "3.4028235E38"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		{math.NaN(), "NaN"},
	}
	for _, tt := range tests {
		if got := JavaDouble(tt.in); got != tt.want {
			t.Errorf("JavaDouble(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestJavaNumberText checks the type and text Jackson gives JSON number
// literals as they appear in a PII document.
func TestJavaNumberText(t *testing.T) {
	t.Parallel()
	tests := []struct{ literal, typ, text string }{
		{"1.50", TypeDouble, "1.5"},
		{"1e2", TypeDouble, "100.0"},
		{"1E+2", TypeDouble, "100.0"},
		{"1e7", TypeDouble, "1.0E7"},
		{"0.001", TypeDouble, "0.001"},
		{"0.0001", TypeDouble, "1.0E-4"},
		{"123456789.0", TypeDouble, "1.23456789E8"},
		{"0.0", TypeDouble, "0.0"},
		{"-0.0", TypeDouble, "-0.0"},
		{"0e5", TypeDouble, "0.0"},
		{"1e-400", TypeDouble, "0.0"},
		{"-1e-400", TypeDouble, "-0.0"},
		{"1e400", TypeDouble, "Infinity"},
		{"-1e400", TypeDouble, "-Infinity"},
		{"42", TypeInt, "42"},
		{"-0", TypeInt, "0"},
		{"2147483648", TypeLong, "2147483648"},
		{"-9223372036854775809", TypeString, "-9223372036854775809"},
	}
	for _, tt := range tests {
		typ, text := JavaNumberText(tt.literal)
		if diff := cmp.Diff([2]string{tt.typ, tt.text}, [2]string{typ, text}); diff != "" {
			t.Errorf("JavaNumberText(%s) (-want +got):\n%s", tt.literal, diff)
		}
	}
}

// TestJavaDoubleVectors compares JavaDouble with Double.toString of a JDK 25
// on powers of two and ten, their neighbours, subnormals and random values
// (testdata/JavaDoubleVectors.java wrote the file).
func TestJavaDoubleVectors(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/java_double_tostring.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		bits, want, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("line %d: malformed", n+1)
		}
		b, err := strconv.ParseUint(bits, 16, 64)
		if err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		if got := JavaDouble(math.Float64frombits(b)); got != want {
			t.Errorf("JavaDouble(bits %s) = %q, Java says %q", bits, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 9000 {
		t.Fatalf("read %d vectors, want the whole file", n)
	}
}

var javaDoubleForm = regexp.MustCompile(`^-?(\d+\.\d+|\d\.\d+E-?\d+|Infinity|NaN)$`)

// FuzzJavaNumberText feeds number literals of outside documents: every
// double comes out in one of Java's forms and reads back as the same double.
func FuzzJavaNumberText(f *testing.F) {
	for _, s := range []string{"1.50", "1e2", "1e7", "0.0001", "123456789.0", "-0.0", "5e-324", "1e400", "42", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, literal string) {
		if !isJSONNumber(literal) {
			return
		}
		typ, text := JavaNumberText(literal)
		switch typ {
		case TypeInt, TypeLong:
			if _, err := strconv.ParseInt(text, 10, 64); err != nil {
				t.Fatalf("%s: %s text %q", literal, typ, text)
			}
		case TypeString:
			if text != literal {
				t.Fatalf("%s: BigInteger text %q", literal, text)
			}
		case TypeDouble:
			if !javaDoubleForm.MatchString(text) {
				t.Fatalf("%s: %q is not a Java double form", literal, text)
			}
			want, _ := strconv.ParseFloat(literal, 64)
			if got, err := strconv.ParseFloat(strings.Replace(text, "Infinity", "Inf", 1), 64); (err != nil && !math.IsInf(want, 0)) || got != want {
				t.Fatalf("%s: %q reads back as %v, want %v", literal, text, got, want)
			}
		default:
			t.Fatalf("%s: type %q", literal, typ)
		}
	})
}
