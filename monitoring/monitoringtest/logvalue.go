package monitoringtest

import (
	"fmt"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/redact"
)

// LogValue logs String: the URL only, never an app token or secret.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Format prints the delivery's webhook type and HTTP status, never the
// body or the event (which carry ids and the applicant's externalUserId),
// under every fmt verb.
func (d Delivery) Format(f fmt.State, _ rune) { redact.Write(f, d.view().String()) }

// LogValue logs the delivery's webhook type and HTTP status.
func (d Delivery) LogValue() slog.Value { return d.view().Value() }

func (d Delivery) view() *redact.View {
	return redact.NewView("monitoringtest", "Delivery").Str("type", string(d.Event.Type)).
		NonZero("status", d.StatusCode).Flag("failed", d.Err != nil)
}
