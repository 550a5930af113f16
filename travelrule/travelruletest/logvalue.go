package travelruletest

import "log/slog"

// LogValue logs String: the URL only. slog's JSON handler would otherwise
// encode the exported APIKey and APISecret.
func (s *Server) LogValue() slog.Value { return slog.StringValue(s.String()) }
