package mocking_test

import (
	"context"
	"errors"
	"testing"

	"github.com/vaspkit/vaspkit/travelrule"
)

// The clients export no interface of their own: a service declares the
// small interface it needs (here: one call of travelrule's Client), and
// its tests substitute a stub for it. The real *travelrule.Client
// satisfies it without knowing about it.

// widgetSessions is what the service below needs of Striga.
type widgetSessions interface {
	CreateWidgetSession(ctx context.Context, req *travelrule.WidgetSessionRequest) (*travelrule.WidgetSession, error)
}

var _ widgetSessions = (*travelrule.Client)(nil)

// depositService opens the widget a customer uses to declare where a
// deposit comes from.
type depositService struct{ striga widgetSessions }

func (d *depositService) widgetURL(ctx context.Context, userID, currency, network, from string) (string, error) {
	s, err := d.striga.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
		UserID: userID, Currency: currency, Network: network, CounterpartyAddress: from,
	})
	if err != nil {
		return "", err
	}
	return s.URL, nil
}

// stubSessions answers with a canned session or error and keeps the
// request it got.
type stubSessions struct {
	got     *travelrule.WidgetSessionRequest
	session *travelrule.WidgetSession
	err     error
}

func (s *stubSessions) CreateWidgetSession(_ context.Context, req *travelrule.WidgetSessionRequest) (*travelrule.WidgetSession, error) {
	s.got = req
	return s.session, s.err
}

// TestOwnInterface substitutes a stub for the client behind the service's
// own interface: no HTTP at all.
func TestOwnInterface(t *testing.T) {
	stub := &stubSessions{session: &travelrule.WidgetSession{ID: "ws_1", URL: "https://widget.example/ws_1"}}
	svc := &depositService{striga: stub}
	url, err := svc.widgetURL(context.Background(), "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13", "ETH", "ETH", "0xabc")
	if err != nil || url != "https://widget.example/ws_1" || stub.got.CounterpartyAddress != "0xabc" {
		t.Errorf("widgetURL = %q, %v (request %+v)", url, err, stub.got)
	}

	stub.err = &travelrule.APIError{HTTPStatus: 404, Code: "30005", Message: "User does not exist"}
	if _, err := svc.widgetURL(context.Background(), "00000000-0000-4000-8000-000000000000", "ETH", "ETH", "0xabc"); !errors.Is(err, travelrule.ErrNotFound) {
		t.Errorf("widgetURL(unknown user) = %v, want ErrNotFound", err)
	}
}
