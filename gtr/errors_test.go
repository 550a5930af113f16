package gtr

import (
	"errors"
	"net/http"
	"testing"

	"github.com/vaspkit/vaspkit/internal/rest"
)

func TestAPIErrorIs(t *testing.T) {
	t.Parallel()
	all := []error{ErrUnauthorized, ErrRateLimited, ErrDuplicate, ErrNotFound, ErrInvalidRequest,
		ErrCannotDecrypt, ErrCannotEncrypt, ErrPublicKeyNotFound, ErrServer,
		ErrTxIDDuplicated, ErrWrongFlow, ErrRejected}
	tests := []struct {
		err  *APIError
		want []error
	}{
		{&APIError{HTTPStatus: 401, Code: statusSessionExpired}, []error{ErrUnauthorized}},
		{&APIError{HTTPStatus: 200, Code: statusNoAuth}, []error{ErrUnauthorized}},
		{&APIError{HTTPStatus: 402, Code: statusLimitExceeded}, []error{ErrRateLimited}},
		{&APIError{HTTPStatus: 400, Code: statusRequestIDDuplicated}, []error{ErrDuplicate}},
		{&APIError{HTTPStatus: 200, Code: statusVASPNotFound}, []error{ErrNotFound}},
		{&APIError{HTTPStatus: 400, Code: statusBadParameters}, []error{ErrInvalidRequest}},
		{&APIError{HTTPStatus: 500, Code: statusServerFail}, []error{ErrServer}},
		{&APIError{HTTPStatus: 200, Code: StatusDecryptFail}, []error{ErrCannotDecrypt}},
		{&APIError{HTTPStatus: 200, Code: StatusBeneficiaryRejected}, []error{ErrRejected}},
		{&APIError{HTTPStatus: 200, Code: StatusAddressNotFound}, nil}, // a verdict: no sentinel
		{&APIError{HTTPStatus: 200, Code: StatusPIIVerifyFail}, nil},
		{&APIError{HTTPStatus: 500, Code: statusCommonFail}, []error{ErrServer}},
		{&APIError{HTTPStatus: 401, Code: statusCommonFail}, []error{ErrUnauthorized}},
		{&APIError{HTTPStatus: 200, Code: statusCommonFail}, nil},
		{&APIError{HTTPStatus: 429, Code: statusCommonFail}, []error{ErrRateLimited}},
		{&APIError{HTTPStatus: 502}, []error{ErrServer}},
		{&APIError{HTTPStatus: 200, Code: statusInitiatorServerFail}, []error{ErrServer}},
		{&APIError{HTTPStatus: 200, Code: statusReceiverServerFail}, []error{ErrServer}},
		{&APIError{HTTPStatus: 403}, []error{ErrUnauthorized}},
		{&APIError{HTTPStatus: 429}, []error{ErrRateLimited}},
		{&APIError{HTTPStatus: 404}, []error{ErrNotFound}},
		{&APIError{HTTPStatus: 409}, []error{ErrDuplicate}},
		{&APIError{HTTPStatus: 400}, []error{ErrInvalidRequest}},
		{&APIError{HTTPStatus: 503}, []error{ErrServer}},
		{&APIError{HTTPStatus: 200, Code: statusBadParameters, notFound: true}, []error{ErrInvalidRequest, ErrNotFound}},
	}
	for _, tt := range tests {
		for _, s := range all {
			want := false
			for _, w := range tt.want {
				want = want || w == s
			}
			if got := errors.Is(tt.err, s); got != want {
				t.Errorf("errors.Is(%v, %v) = %v, want %v", tt.err, s, got, want)
			}
		}
	}
	// OpenPII failures are ErrCannotDecrypt too.
	_, err := OpenPII("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ourKey(t), theirKey(t).PublicKey())
	if !errors.Is(err, ErrCannotDecrypt) {
		t.Errorf("OpenPII failure %v is not ErrCannotDecrypt", err)
	}
}

func TestErrorStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{&APIError{HTTPStatus: 400, Code: statusRequestIDDuplicated, Message: "Request ID duplicated", RequestID: "acme-1", Body: []byte(`{"secret":"pii"}`)},
			"gtr: verifyStatus 100005 REQUEST_ID_DUPLICATED (HTTP 400)"},
		{&APIError{HTTPStatus: 400, Code: statusRequestIDDuplicated, Method: "POST", Path: "/api/verify/v2/one_step", RequestID: "acme-1"},
			"gtr: POST /api/verify/v2/one_step: verifyStatus 100005 REQUEST_ID_DUPLICATED (HTTP 400)"},
		{&APIError{HTTPStatus: 502}, "gtr: HTTP 502"},
		{&APIError{HTTPStatus: 307, Method: "POST", Path: "/api/login"}, "gtr: POST /api/login: HTTP 307"},
		{&APIError{Code: 123456, Message: "line\nbreak"}, "gtr: verifyStatus 123456 123456"},
		{&ValidationError{Problems: []FieldError{{"A", "REQUIRED", "is required"}, {"B", "LENGTH", "is too long"}}}, "gtr: invalid request: A: is required; B: is too long"},
		{&OutcomeUnknownError{Op: "one_step", RequestID: "acme-1", Err: errors.New("timeout"), QueryErr: errors.New("not found")},
			"gtr: one_step outcome unknown: timeout; recovery query: not found (do not resend blindly; query it)"},
		{&ConfigError{Option: "WithLogin", Reason: "bad"}, "gtr: WithLogin: bad"},
		{&MalformedResponseError{Path: "/api/x", Reason: "odd"}, "gtr: /api/x: malformed response: odd"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q\nwant      %q", got, tt.want)
		}
	}
	ou := &OutcomeUnknownError{Err: fakeCause{}}
	if !errors.Is(ou, ErrOutcomeUnknown) || !errors.Is(ou, fakeCause{}) {
		t.Error("OutcomeUnknownError.Is / Unwrap")
	}
}

type fakeCause struct{}

func (fakeCause) Error() string { return "deadline" }

func TestDecodeErrorBody(t *testing.T) {
	t.Parallel()
	err := decodeError(&rest.ErrorResponse{StatusCode: http.StatusBadRequest, Body: []byte(`{"msg":"bad thing","verifyStatus":"100023"}`)})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != statusInvalidParameters || ae.Message != "bad thing" || ae.HTTPStatus != 400 {
		t.Errorf("decodeError = %+v", err)
	}
	err = decodeError(&rest.ErrorResponse{StatusCode: http.StatusBadGateway, Body: []byte(`<html>`)})
	if !errors.As(err, &ae) || ae.Code != 0 || !errors.Is(err, ErrServer) {
		t.Errorf("decodeError(html) = %+v", err)
	}
}
