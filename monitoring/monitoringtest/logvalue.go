package monitoringtest

import "log/slog"

// LogValue logs String: the URL only, never an app token or secret.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }
