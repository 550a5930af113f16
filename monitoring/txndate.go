package monitoring

import (
	"errors"
	"time"
)

// Layouts of the timestamps Sumsub sends (spec §5.9).
const (
	// txnDateLayout is txnDate and a webhook's createdAt:
	// yyyy-MM-dd HH:mm:ss+hhmm, a numeric offset without a colon
	// ("2024-04-29 02:30:12+0000", "2024-04-04 13:50:00+0300").
	txnDateLayout = "2006-01-02 15:04:05-0700"
	// msLayout is a webhook's createdAtMs: yyyy-MM-dd HH:mm:ss.SSS, UTC,
	// no offset.
	msLayout = "2006-01-02 15:04:05.000"
	// utcLayout is a transaction's createdAt, documented as a "UTC date":
	// yyyy-MM-dd HH:mm:ss, no offset.
	utcLayout = "2006-01-02 15:04:05"
)

// Errors of Time.Time. Neither prints the value.
var (
	errTimeEmpty  = errors.New("monitoring: no time")
	errTimeFormat = errors.New("monitoring: time not in a format Sumsub documents")
)

// Time is a timestamp as Sumsub sends it: a transaction's txnDate and
// createdAt, a review's createDate and reviewDate, a note's createdAt, a
// webhook's createdAt and createdAtMs. It is kept as text, so a value
// received in any of Sumsub's formats, with any offset, is re-sent
// byte-identical, and a value in a format Sumsub does not document still
// decodes (Time then reports it). Build one from a time.Time with NewTime.
type Time string

// NewTime formats t as a txnDate in t's own zone offset, to the second.
func NewTime(t time.Time) Time { return Time(t.Format(txnDateLayout)) }

// Time parses the timestamp. It reads every format Sumsub documents:
// yyyy-MM-dd HH:mm:ss+hhmm (txnDate, a webhook's createdAt), and, in UTC,
// yyyy-MM-dd HH:mm:ss.SSS (createdAtMs) and yyyy-MM-dd HH:mm:ss
// (createdAt); fractional seconds are accepted in each. Any other text is
// an error, which does not echo the text.
func (t Time) Time() (time.Time, error) {
	s := string(t)
	if s == "" {
		return time.Time{}, errTimeEmpty
	}
	if v, err := time.Parse(txnDateLayout, s); err == nil {
		return v, nil
	}
	for _, layout := range [...]string{msLayout, utcLayout} {
		if v, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return v, nil
		}
	}
	return time.Time{}, errTimeFormat
}

// IsZero reports whether the timestamp is absent (for a txnDate, Sumsub
// then uses the time of receipt).
func (t Time) IsZero() bool { return t == "" }
