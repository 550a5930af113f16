package rest

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// readReference is what readAtMost must agree with: io.ReadAll of at most
// limit+1 bytes, whatever size the body announced, except that a body
// shorter than its announced size is an error.
func readReference(data []byte, size, limit int64) ([]byte, bool) {
	if size >= 0 && size <= limit && int64(len(data)) < size {
		return nil, false
	}
	b, _ := io.ReadAll(io.LimitReader(bytes.NewReader(data), limit+1))
	return b, true
}

func TestReadAtMost(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":"63f1a2b3","status":"completed"}`)
	n := int64(len(body))
	tests := []struct {
		name    string
		data    []byte
		size    int64
		limit   int64
		want    []byte
		wantErr error
	}{
		{"announced size", body, n, 1 << 20, body, nil},
		{"unknown size", body, -1, 1 << 20, body, nil},
		{"empty, announced", nil, 0, 1 << 20, []byte{}, nil},
		{"empty, unknown size", nil, -1, 1 << 20, []byte{}, nil},
		{"announced size is the limit", body, n, n, body, nil},
		{"shorter than announced", body[:10], n, 1 << 20, nil, io.ErrUnexpectedEOF},
		{"nothing of an announced body", nil, n, 1 << 20, nil, io.ErrUnexpectedEOF},
		{"longer than announced, under the limit", body, 10, 1 << 20, body, nil},
		{"longer than announced, over the limit", body, 10, 20, body[:21], nil},
		{"announced over the limit", body, n, 20, body[:21], nil},
		{"unknown size over the limit", body, -1, 20, body[:21], nil},
		{"announced zero, body present", body, 0, 1 << 20, body, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := readAtMost(bytes.NewReader(tc.data), tc.size, tc.limit)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("readAtMost() error = %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("readAtMost() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAtMostReaderError(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")
	for _, size := range []int64{-1, 5, 40} {
		r := io.MultiReader(bytes.NewReader([]byte("hello")), iotest.ErrReader(boom))
		if _, err := readAtMost(r, size, 1<<20); !errors.Is(err, boom) {
			t.Errorf("size %d: error = %v, want %v", size, err, boom)
		}
	}
	// One byte per Read, as a slow connection delivers it.
	got, err := readAtMost(iotest.OneByteReader(bytes.NewReader([]byte("hello"))), 5, 1<<20)
	if err != nil || string(got) != "hello" {
		t.Errorf("one byte at a time: got %q, %v", got, err)
	}
}

// TestReadAtMostOwnsItsResult: a body read through the pooled buffer is
// the caller's; the next read does not overwrite it.
func TestReadAtMostOwnsItsResult(t *testing.T) {
	t.Parallel()
	first, err := readAtMost(bytes.NewReader([]byte("first body")), -1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if _, err := readAtMost(bytes.NewReader([]byte("SECOND BODY, LONGER")), -1, 1<<20); err != nil {
			t.Fatal(err)
		}
	}
	if string(first) != "first body" {
		t.Errorf("first body = %q after later reads", first)
	}
}

// FuzzReadAtMost checks readAtMost against io.ReadAll for every announced
// size and limit: the same bytes, and an error exactly when the body is
// shorter than it announced.
func FuzzReadAtMost(f *testing.F) {
	f.Add([]byte(`{"ok":true}`), int64(11), int64(1<<20))
	f.Add([]byte(`{"ok":true}`), int64(-1), int64(4))
	f.Add([]byte(`{"ok":true}`), int64(3), int64(6))
	f.Add([]byte(`{"ok":true}`), int64(40), int64(100))
	f.Fuzz(func(t *testing.T, data []byte, size, limit int64) {
		if limit < 0 || limit > 1<<16 || size > 1<<16 {
			t.Skip()
		}
		want, ok := readReference(data, size, limit)
		got, err := readAtMost(iotest.HalfReader(bytes.NewReader(data)), size, limit)
		if !ok {
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("a body shorter than announced gave %q, %v", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("readAtMost: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("readAtMost = %q, want %q", got, want)
		}
	})
}

// TestTransportErrorCause: Cause strips the pipeline's own wrappers, so
// the client packages hand users no type of this package.
func TestTransportErrorCause(t *testing.T) {
	t.Parallel()
	reset := errors.New("connection reset")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"body cut short", &bodyReadError{err: io.ErrUnexpectedEOF}, io.ErrUnexpectedEOF.Error()},
		{"too large", &TooLargeError{Limit: 1024}, "response body exceeds the 1024-byte limit"},
		{"other", reset, "connection reset"},
	} {
		got := (&TransportError{Err: tc.err}).Cause()
		if got.Error() != tc.want {
			t.Errorf("%s: Cause() = %q, want %q", tc.name, got, tc.want)
		}
		var tl *TooLargeError
		var br *bodyReadError
		if errors.As(got, &tl) || errors.As(got, &br) {
			t.Errorf("%s: Cause() = %T still carries a type of package rest", tc.name, got)
		}
	}
}
