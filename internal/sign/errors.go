package sign

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers (and the fake servers) branch with errors.Is. No error
// string ever contains a key, a token, a received signature or the expected
// signature.
var (
	// ErrEmptyCredential: a constructor was given an empty token, key or
	// secret.
	ErrEmptyCredential = errors.New("sign: empty credential")

	// ErrInvalidRequest: Sign was given a nil request, a request without a
	// URL, or (Striga) a request whose path is not under the base path.
	ErrInvalidRequest = errors.New("sign: request cannot be signed")

	// ErrInvalidBasePath: a Striga base path that does not start with "/".
	ErrInvalidBasePath = errors.New("sign: invalid Striga base path")

	// ErrMissingHeader: an authentication header is absent or empty.
	// Returned inside a *HeaderError naming the header.
	ErrMissingHeader = errors.New("missing header")

	// ErrMalformedHeader: an authentication header is present but not in the
	// documented form (a timestamp that is not a decimal integer, a Striga
	// Authorization value that is not "HMAC <ms>:<hex>"). Returned inside a
	// *HeaderError naming the header.
	ErrMalformedHeader = errors.New("malformed header")

	// ErrClockSkew: the request timestamp is further from the verifier's
	// clock than the allowed skew.
	ErrClockSkew = errors.New("sign: timestamp outside the allowed clock skew")

	// ErrBadSignature: a request signature or webhook digest does not match
	// (including a value that is not hex or has the wrong length).
	ErrBadSignature = errors.New("sign: signature mismatch")

	// ErrMissingSignature: a webhook carries no digest header, or an empty
	// digest was passed to VerifyDigest.
	ErrMissingSignature = errors.New("sign: missing webhook signature")

	// ErrUnknownAlgorithm: a webhook digest algorithm this package does not
	// implement.
	ErrUnknownAlgorithm = errors.New("sign: unknown digest algorithm")
)

// HeaderError reports a missing or malformed authentication header. Header
// is the canonical header name; Err is ErrMissingHeader or
// ErrMalformedHeader. The header's value is never included.
type HeaderError struct {
	Header string
	Err    error
}

func (e *HeaderError) Error() string { return fmt.Sprintf("sign: %s: %v", e.Header, e.Err) }

// Unwrap returns ErrMissingHeader or ErrMalformedHeader.
func (e *HeaderError) Unwrap() error { return e.Err }
