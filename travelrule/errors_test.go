package travelrule_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

var sentinels = []error{
	travelrule.ErrUnauthorized, travelrule.ErrRateLimited, travelrule.ErrDuplicate, travelrule.ErrNotFound,
	travelrule.ErrInvalidRequest, travelrule.ErrUserNotVerified, travelrule.ErrServer,
}

func matching(err error) []error {
	var out []error
	for _, s := range sentinels {
		if errors.Is(err, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestAPIErrorMapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		code     string
		message  string
		sentinel []error
	}{
		{"401 invalid key", 401, `{"errorCode":"30000","message":"Invalid API Key"}`, "30000", "Invalid API Key", []error{travelrule.ErrUnauthorized}},
		{"403", 403, `{"errorCode":"30030","message":"Invalid permissions to access resource"}`, "30030", "Invalid permissions to access resource", []error{travelrule.ErrUnauthorized}},
		{"400 with code 30012 as number", 400, `{"code":30012,"message":"Invalid Authentication Header"}`, "30012", "Invalid Authentication Header",
			[]error{travelrule.ErrUnauthorized, travelrule.ErrInvalidRequest}},
		{"404", 404, `{"message":"Not found"}`, "", "Not found", []error{travelrule.ErrNotFound}},
		{"400 user does not exist", 400, `{"errorCode":"30005","message":"User does not exist"}`, "30005", "User does not exist",
			[]error{travelrule.ErrNotFound, travelrule.ErrInvalidRequest}},
		{"400 user not verified", 400, `{"errorCode":"30007","message":"User not verified"}`, "30007", "User not verified",
			[]error{travelrule.ErrInvalidRequest, travelrule.ErrUserNotVerified}},
		{"409", 409, `{"message":"exists"}`, "", "exists", []error{travelrule.ErrDuplicate}},
		{"422", 422, `{"errorCode":"00000","message":"no","errorDetails":{"x":1}}`, "00000", "no", []error{travelrule.ErrInvalidRequest}},
		{"429", 429, `{}`, "", "", []error{travelrule.ErrRateLimited}},
		{"503 not JSON", 503, `<html>down</html>`, "", "", []error{travelrule.ErrServer}},
		{"500 internal code", 500, `{"errorCode":"00013"}`, "00013", "", []error{travelrule.ErrServer}},
		{"418 unknown", 418, `{"errorCode":true,"message":5}`, "", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := cannedServer(t, tc.status, tc.body)
			_, err := c.CreateWidgetSession(context.Background(), onChain())
			var ae *travelrule.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v (%T), want *APIError", err, err)
			}
			if ae.HTTPStatus != tc.status || ae.Code != tc.code || ae.Message != tc.message || string(ae.Body) != tc.body {
				t.Errorf("APIError = status %d code %q message %q body %q", ae.HTTPStatus, ae.Code, ae.Message, ae.Body)
			}
			if diff := cmp.Diff(tc.sentinel, matching(err), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("sentinels (-want +got):\n%s", diff)
			}
			if ae.Method != http.MethodPost || ae.Path != travelrule.DefaultWidgetSessionPath {
				t.Errorf("Method/Path = %s %s", ae.Method, ae.Path)
			}
		})
	}
}

func TestAPIErrorStringOmitsBody(t *testing.T) {
	t.Parallel()
	e := &travelrule.APIError{Method: "POST", Path: "/x", HTTPStatus: 400, Code: "30031", Message: "Bad\ntransfer request",
		RequestID: "req-1", Body: []byte(`{"name":"Ada Lovelace","address":"0xsecret"}`)}
	want := "travelrule: POST /x: HTTP 400 code 30031 (request id req-1)"
	if diff := cmp.Diff(want, e.Error()); diff != "" {
		t.Errorf("Error() (-want +got):\n%s", diff)
	}
	// No verb reaches Message (which may echo request data) or Body.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if s := fmt.Sprintf(verb, e); strings.Contains(s, "Ada") || strings.Contains(s, "transfer") || strings.Contains(s, "0xsecret") {
			t.Errorf("Sprintf(%s) = %q", verb, s)
		}
	}
	replayed := &travelrule.APIError{Method: "POST", Path: "/x", HTTPStatus: 503, Replayed: true}
	want = "travelrule: POST /x: HTTP 503 (after an earlier attempt that may have reached Striga)"
	if diff := cmp.Diff(want, replayed.Error()); diff != "" {
		t.Errorf("Error() of a replayed APIError (-want +got):\n%s", diff)
	}
	long := &travelrule.APIError{HTTPStatus: 500, Message: strings.Repeat("x", 500)}
	if n := len([]rune(long.Error())); n > 250 {
		t.Errorf("Error() is %d runes; long messages must be cut", n)
	}
}

// The fake answers authentication failures as Striga does.
func TestAuthenticationFailures(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	tests := []struct {
		name string
		opt  travelrule.Option
		code string
	}{
		{"unknown API key", travelrule.WithCredentials("other-key", srv.APISecret), travelrule.CodeInvalidAPIKey},
		{"wrong secret", travelrule.WithCredentials(srv.APIKey, "wrong-secret"), travelrule.CodeInvalidAuthHeader},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, srv, tc.opt)
			_, err := c.CreateWidgetSession(context.Background(), onChain())
			var ae *travelrule.APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != 401 || ae.Code != tc.code || !errors.Is(err, travelrule.ErrUnauthorized) {
				t.Errorf("err = %v, want 401 code %s", err, tc.code)
			}
		})
	}
	if n := len(srv.Sessions()); n != 0 {
		t.Errorf("%d sessions stored by unauthenticated requests", n)
	}
}
