package rest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/rest"
)

type pkgTransportError struct{ te *rest.TransportError }

func (e *pkgTransportError) Error() string {
	return rest.TransportText("p", "Provider", e.te.Method, e.te.Path, e.te.Cause(), e.te.Attempts, e.te.Sent)
}

func (e *pkgTransportError) Unwrap() error { return e.te.Cause() }

type pkgOwnError struct{}

func (pkgOwnError) Error() string { return "p: own" }

func TestBoundaryConvert(t *testing.T) {
	t.Parallel()
	cause := errors.New("boom")
	b := &rest.Boundary{Pkg: "p", Transport: func(te *rest.TransportError) error { return &pkgTransportError{te} }}
	withStatus := &rest.Boundary{Pkg: "p", Transport: b.Transport,
		Status: func(*rest.StatusError) error { return pkgOwnError{} },
		Decode: func(*rest.DecodeError) error { return pkgOwnError{} }}
	status := &rest.StatusError{Response: &rest.ErrorResponse{Method: http.MethodGet, Path: "/x", StatusCode: 500}}
	decode := &rest.DecodeError{Method: http.MethodGet, Path: "/x", StatusCode: 200, Err: cause}
	tests := []struct {
		name   string
		b      *rest.Boundary
		err    error
		want   string
		is     error // errors.Is must hold
		typeOK func(error) bool
	}{
		{name: "transport", b: b, err: &rest.TransportError{Method: "POST", Path: "/t/*", Attempts: 2, Sent: true, Err: cause},
			want: "p: POST /t/*: boom (after 2 attempts; the request may have reached Provider)", is: cause,
			typeOK: func(err error) bool { var te *pkgTransportError; return errors.As(err, &te) }},
		{name: "sign", b: b, err: &rest.SignError{Err: cause}, want: "p: sign request: boom", is: cause},
		{name: "limit", b: b, err: &rest.LimitError{Err: context.Canceled}, want: "p: waiting for the rate limiter: context canceled", is: context.Canceled},
		{name: "context", b: b, err: context.DeadlineExceeded, want: "p: context deadline exceeded", is: context.DeadlineExceeded},
		{name: "own error unchanged", b: b, err: pkgOwnError{}, want: "p: own"},
		{name: "rest misuse", b: b, err: errors.New("rest: nil context"), want: "p: nil context"},
		{name: "anything else keeps its cause", b: b, err: cause, want: "p: boom", is: cause},
		{name: "status without converter", b: b, err: status, want: "p: GET /x: HTTP 500"},
		{name: "status converted", b: withStatus, err: status, want: "p: own"},
		{name: "decode converted", b: withStatus, err: decode, want: "p: own"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := tt.b.Convert(tt.err)
			if diff := cmp.Diff(tt.want, got.Error()); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if tt.is != nil && !errors.Is(got, tt.is) {
				t.Errorf("%v does not match %v", got, tt.is)
			}
			if tt.typeOK != nil && !tt.typeOK(got) {
				t.Errorf("%T is not the package's type", got)
			}
			for _, internal := range []any{new(*rest.TransportError), new(*rest.SignError), new(*rest.LimitError), new(*rest.StatusError), new(*rest.DecodeError)} {
				if errors.As(got, internal) {
					t.Errorf("%T reaches the user", internal)
				}
			}
		})
	}
	if b.Convert(nil) != nil {
		t.Error("Convert(nil) is not nil")
	}
}
