package monitoring

import "time"

// txnDateLayout is the Go layout of Sumsub's txnDate:
// yyyy-MM-dd HH:mm:ss+hhmm, a numeric offset without a colon
// ("2024-04-29 02:30:12+0000", "2024-04-04 13:50:00+0300").
const txnDateLayout = "2006-01-02 15:04:05-0700"

// Time is a txnDate as sent on the wire. It is kept as text, so a value
// received with any offset is re-sent unchanged; build one from a
// time.Time with NewTime.
type Time string

// NewTime formats t as a txnDate in t's own zone offset, to the second.
func NewTime(t time.Time) Time { return Time(t.Format(txnDateLayout)) }

// Time parses the txnDate.
func (t Time) Time() (time.Time, error) { return time.Parse(txnDateLayout, string(t)) }

// IsZero reports whether the date is absent (Sumsub then uses the time of
// receipt).
func (t Time) IsZero() bool { return t == "" }
