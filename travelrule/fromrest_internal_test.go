package travelrule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/rest"
)

// TestFromRest: no error of internal/rest reaches a user. Each is
// converted to the package's own type, or to an error "travelrule: …"
// that still unwraps to the cause a caller may test for (the signer's
// error, the context's); the package's own errors and the context's pass
// through unchanged.
func TestFromRest(t *testing.T) {
	t.Parallel()
	errSigner := errors.New("signer: no key")
	own := &MalformedResponseError{Method: "POST", Path: "/x", HTTPStatus: 200, Err: errEmptyBody}
	api := &APIError{Method: "POST", Path: "/x", HTTPStatus: 404}
	type outcome struct {
		Type      string // the converted error's type
		Text      string
		MaybeSent bool
		Is        []string // the causes errors.Is finds
	}
	causes := map[string]error{"signer": errSigner, "canceled": context.Canceled, "deadline": context.DeadlineExceeded,
		"unexpected EOF": io.ErrUnexpectedEOF, "ErrServer": ErrServer, "ErrMalformedResponse": ErrMalformedResponse}
	tests := []struct {
		name string
		in   error
		want outcome
	}{
		{"sign error: nothing sent", &rest.SignError{Err: errSigner},
			outcome{"*fmt.wrapError", "travelrule: sign request: signer: no key", false, []string{"signer"}}},
		{"limiter wait cut short: nothing sent", &rest.LimitError{Err: context.Canceled},
			outcome{"*fmt.wrapError", "travelrule: waiting for the rate limiter: context canceled", false, []string{"canceled"}}},
		{"transport error, sent", &rest.TransportError{Method: "POST", Path: "/x", Attempts: 2, Sent: true, Err: io.ErrUnexpectedEOF},
			outcome{"*travelrule.TransportError", "travelrule: POST /x: unexpected EOF (after 2 attempts; the request may have reached Striga)", true, []string{"unexpected EOF"}}},
		{"status error", &rest.StatusError{Response: &rest.ErrorResponse{Method: "POST", Path: "/x", StatusCode: 503, Body: []byte(`{"errorCode":"00013"}`)}},
			outcome{"*travelrule.APIError", "travelrule: POST /x: HTTP 503 code 00013", true, []string{"ErrServer"}}},
		{"decode error", &rest.DecodeError{Method: "POST", Path: "/x", StatusCode: 200, Err: io.ErrUnexpectedEOF},
			outcome{"*travelrule.MalformedResponseError", "travelrule: POST /x: HTTP 200: malformed response: unexpected EOF", true, []string{"unexpected EOF", "ErrMalformedResponse"}}},
		{"misuse (nil context)", errors.New("rest: nil context"),
			outcome{"*errors.errorString", "travelrule: nil context", false, nil}},
		{"context error prefixed, still matching", context.DeadlineExceeded,
			outcome{"*fmt.wrapError", "travelrule: context deadline exceeded", false, []string{"deadline"}}},
		{"the package's own API error as is", api,
			outcome{"*travelrule.APIError", api.Error(), false, nil}},
		{"the package's own malformed answer as is", own,
			outcome{"*travelrule.MalformedResponseError", own.Error(), true, []string{"ErrMalformedResponse"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := fromRest(tc.in)
			got := outcome{Type: fmt.Sprintf("%T", err), Text: err.Error(), MaybeSent: MaybeSent(err)}
			for _, name := range []string{"signer", "canceled", "deadline", "unexpected EOF", "ErrServer", "ErrMalformedResponse"} {
				if errors.Is(err, causes[name]) {
					got.Is = append(got.Is, name)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("fromRest (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(err.Error(), "travelrule: ") && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%q does not start with \"travelrule: \"", err)
			}
			for _, leak := range []any{new(*rest.SignError), new(*rest.LimitError), new(*rest.TransportError),
				new(*rest.StatusError), new(*rest.DecodeError)} {
				if errors.As(err, leak) {
					t.Errorf("%T reaches the caller", leak)
				}
			}
		})
	}
	if fromRest(nil) != nil {
		t.Error("fromRest(nil) != nil")
	}
	// An Ambiguous call's signing failure is no unknown outcome: nothing
	// was sent.
	err := ambiguous(&rest.SignError{Err: errSigner}, http.MethodPost, "/x")
	if errors.Is(err, ErrOutcomeUnknown) || MaybeSent(err) || !errors.Is(err, errSigner) {
		t.Errorf("ambiguous(sign error) = %v: want the signer's error, not an unknown outcome", err)
	}
}
