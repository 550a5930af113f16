package gtrtest

import (
	"fmt"
	"io"
	"log/slog"
)

// Format prints String for every verb, so no verb (%d, %x …) reaches the
// credentials, keys or recorded PII.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// LogValue logs String: the URL and VASP code, never a credential (slog's
// JSON handler would otherwise encode the exported fields).
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }
