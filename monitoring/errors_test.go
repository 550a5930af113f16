package monitoring

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/rest"
)

func TestDecodeError(t *testing.T) {
	t.Parallel()
	all := []error{ErrInvalidRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrDuplicate, ErrRateLimited,
		ErrServer, ErrInvalidToken, ErrSignatureMismatch, ErrClockSkew}
	tests := []struct {
		name   string
		status int
		body   string
		want   []error
		code   int
		msg    string
		reqID  string
	}{
		{"duplicate", 409, `{"description":"Entity already exists","code":409,"correlationId":"req-1","type":"net.researchgate.restdsl.exceptions.RestDslException"}`,
			[]error{ErrDuplicate}, 0, "Entity already exists", "req-1"},
		{"signature", 401, `{"description":"…ServiceException:Request signature mismatch","code":401,"correlationId":"c","errorCode":4003,"errorName":"app-token-signature mismatch"}`,
			[]error{ErrUnauthorized, ErrSignatureMismatch}, 4003, "…ServiceException:Request signature mismatch", "c"},
		{"clock", 401, `{"code":401,"errorCode":4004}`, []error{ErrUnauthorized, ErrClockSkew}, 4004, "", "hdr-id"},
		{"token", 401, `{"code":401,"errorCode":4002}`, []error{ErrUnauthorized, ErrInvalidToken}, 4002, "", "hdr-id"},
		{"bad request with errorCode 0", 400, `{"description":"Malformed data provided in the request","code":400,"errorCode":0}`,
			[]error{ErrInvalidRequest}, 0, "Malformed data provided in the request", "hdr-id"},
		{"forbidden", 403, `{"description":"Forbidden"}`, []error{ErrForbidden}, 0, "Forbidden", "hdr-id"},
		{"not found", 404, `not json`, []error{ErrNotFound}, 0, "", "hdr-id"},
		{"rate limited", 429, ``, []error{ErrRateLimited}, 0, "", "hdr-id"},
		{"server", 502, `<html>`, []error{ErrServer}, 0, "", "hdr-id"},
		{"server 500", 500, `{"code":500}`, []error{ErrServer}, 0, "", "hdr-id"},
		{"auth errorCode on a 400", 400, `{"code":400,"errorCode":4001}`, []error{ErrInvalidRequest, ErrUnauthorized, ErrInvalidToken}, 4001, "", "hdr-id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := decodeError(&rest.ErrorResponse{Method: "GET", Path: "/resources/kyt/txns/*/one", StatusCode: tt.status,
				Body: []byte(tt.body), RequestID: "hdr-id", RetryAfter: time.Second})
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("%T, want *APIError", err)
			}
			got := []any{ae.HTTPStatus, ae.Code, ae.Message, ae.RequestID, ae.RetryAfter, string(ae.Body), ae.Method, ae.Path}
			want := []any{tt.status, tt.code, tt.msg, tt.reqID, time.Second, tt.body, "GET", "/resources/kyt/txns/*/one"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			for _, s := range all {
				wantIs := false
				for _, w := range tt.want {
					wantIs = wantIs || w == s
				}
				if errors.Is(err, s) != wantIs {
					t.Errorf("errors.Is(%v) = %v, want %v", s, !wantIs, wantIs)
				}
			}
		})
	}
}

// Error() and every fmt verb print neither the body nor Sumsub's
// description, which echoes request data ("Invalid id '…'").
func TestAPIErrorStringHasNoBody(t *testing.T) {
	t.Parallel()
	body := `{"description":"Invalid id 'CANARY-ID' ` + strings.Repeat("x", 300) + `","code":400,"errorCode":0,"correlationId":"corr-1",` +
		`"errorName":"bad\nline","applicant":{"fullName":"Alice Secret-Name"}}`
	err := decodeError(&rest.ErrorResponse{StatusCode: http.StatusBadRequest, Body: []byte(body)})
	if got, want := err.Error(), "monitoring: HTTP 400 (bad?line) [correlationId corr-1]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if s := fmt.Sprintf(verb, err); strings.Contains(s, "Alice") || strings.Contains(s, "CANARY") || strings.Contains(s, "xxx") {
			t.Errorf("Sprintf(%s) = %q: carries the body or the description", verb, s)
		}
	}
	if ae := err.(*APIError); !strings.Contains(ae.Message, "CANARY-ID") {
		t.Errorf("Message = %q, want Sumsub's description kept in the field", ae.Message)
	}
}

// A *ValidationError, wherever it comes from, matches the package's
// validation sentinel and ErrInvalidRequest (as gtr's and travelrule's do),
// and no API sentinel.
func TestValidationErrorSentinels(t *testing.T) {
	t.Parallel()
	c, err := New(WithAppToken("tok", "secret"), WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	_, buildErr := NewCryptoWithdrawal("w", "1,5", "BTC").Applicant(NewPerson("u", "A")).Build()
	_, submitErr := c.Submit(t.Context(), &Transaction{TxnID: "t"})
	tests := []struct {
		name string
		err  error
	}{
		{"Validate", (&Transaction{}).Validate()},
		{"Builder", buildErr},
		{"Submit", submitErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var ve *ValidationError
			if !errors.As(tt.err, &ve) {
				t.Fatalf("err = %T %v, want *ValidationError", tt.err, tt.err)
			}
			got := map[string]bool{}
			for _, s := range []error{ErrValidation, ErrInvalidRequest, ErrNotFound, ErrDuplicate, ErrServer, ErrConfig} {
				got[s.Error()] = errors.Is(tt.err, s)
			}
			want := map[string]bool{
				ErrValidation.Error(): true, ErrInvalidRequest.Error(): true,
				ErrNotFound.Error(): false, ErrDuplicate.Error(): false, ErrServer.Error(): false, ErrConfig.Error(): false,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("errors.Is by sentinel (-want +got):\n%s", diff)
			}
		})
	}
}
