package sign

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"net/http"
	"testing"
	"time"
)

// fixedClock returns a clock stuck at t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// newRequest builds a client-side request or fails the test.
func newRequest(t testing.TB, method, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// checkErr fails the test unless errors.Is(err, want) (want nil: err nil).
func checkErr(t *testing.T, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("err = %v, want nil", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Errorf("err = %v, want errors.Is %v", err, want)
	}
}

// headerOf returns the header named by a *HeaderError, or "".
func headerOf(err error) string {
	var he *HeaderError
	if errors.As(err, &he) {
		return he.Header
	}
	return ""
}

// cloneWith copies req and lets edit change the copy's headers.
func cloneWith(req *http.Request, edit func(h http.Header)) *http.Request {
	r := req.Clone(req.Context())
	edit(r.Header)
	return r
}

// md5Hex is the lower-case hex MD5 of b, computed independently of the
// signer.
func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}
