package monitoring_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
)

// Time parses every timestamp format Sumsub documents (spec §5.9) and
// refuses any other text with an error that does not echo it.
func TestTimeFormats(t *testing.T) {
	t.Parallel()
	type parsed struct {
		UTC    string // the instant, in UTC, to the nanosecond
		Offset int    // the zone offset kept, in seconds
		Err    bool
	}
	const utc = "2006-01-02 15:04:05.999999999"
	tests := []struct {
		name string
		in   monitoring.Time
		want parsed
	}{
		{"txnDate, UTC", "2024-04-29 02:30:12+0000", parsed{UTC: "2024-04-29 02:30:12"}},
		{"txnDate, offset", "2024-04-04 13:50:00+0300", parsed{UTC: "2024-04-04 10:50:00", Offset: 3 * 3600}},
		{"txnDate, negative offset", "2024-04-04 13:50:00-0530", parsed{UTC: "2024-04-04 19:20:00", Offset: -(5*3600 + 30*60)}},
		{"webhook createdAt", "2024-05-02 09:31:06+0000", parsed{UTC: "2024-05-02 09:31:06"}},
		{"webhook createdAtMs", "2024-05-02 09:31:06.123", parsed{UTC: "2024-05-02 09:31:06.123"}},
		{"createdAtMs, zero ms", "2024-05-02 09:31:06.000", parsed{UTC: "2024-05-02 09:31:06"}},
		{"result createdAt (UTC date)", "2024-05-02 09:31:06", parsed{UTC: "2024-05-02 09:31:06"}},
		{"fraction with offset (lenient)", "2024-05-02 09:31:06.5+0100", parsed{UTC: "2024-05-02 08:31:06.5", Offset: 3600}},
		{"empty", "", parsed{Err: true}},
		{"RFC 3339", "2024-05-02T09:31:06Z", parsed{Err: true}},
		{"colon in offset", "2024-05-02 09:31:06+03:00", parsed{Err: true}},
		{"space before offset", "2024-05-02 09:31:06 +0300", parsed{Err: true}},
		{"date only", "2024-05-02", parsed{Err: true}},
		{"day first", "02.05.2024 09:31:06", parsed{Err: true}},
		{"month 13", "2024-13-02 09:31:06", parsed{Err: true}},
		{"unix millis", "1714642266123", parsed{Err: true}},
	}
	for _, tt := range tests {
		v, err := tt.in.Time()
		var got parsed
		if err != nil {
			got.Err = true
			msg := err.Error()
			if !strings.HasPrefix(msg, "monitoring: ") || (tt.in != "" && strings.Contains(msg, string(tt.in))) {
				t.Errorf("%s: error %q: want a monitoring: error that does not echo the value", tt.name, msg)
			}
			if !v.IsZero() {
				t.Errorf("%s: error with time %v", tt.name, v)
			}
		} else {
			_, got.Offset = v.Zone()
			got.UTC = v.UTC().Format(utc)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Time(%q) (-want +got):\n%s", tt.name, tt.in, diff)
		}
	}
}

// Created prefers createdAtMs, falls back to createdAt, and reports a
// text in no documented format as an error.
func TestWebhookCreated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		at, atMs   monitoring.Time
		wantMillis int64
		wantErr    bool
	}{
		{"both", "2024-05-02 09:31:06+0000", "2024-05-02 09:31:06.123", 1714642266123, false},
		{"createdAt only", "2024-05-02 12:31:06+0300", "", 1714642266000, false},
		{"createdAtMs only", "", "2024-05-02 09:31:06.123", 1714642266123, false},
		{"neither", "", "", 0, true},
		{"undocumented createdAtMs", "2024-05-02 09:31:06+0000", "2024-05-02T09:31:06.123Z", 0, true},
	}
	for _, tt := range tests {
		ev := monitoring.WebhookEvent{CreatedAt: tt.at, CreatedAtMs: tt.atMs}
		got, err := ev.Created()
		if (err != nil) != tt.wantErr || (err == nil && got.UnixMilli() != tt.wantMillis) {
			t.Errorf("%s: Created() = %v, %v; want %d ms, error %v", tt.name, got, err, tt.wantMillis, tt.wantErr)
		}
	}
}

// A timestamp in any format, documented or not, decodes and is re-encoded
// byte-identical, and its field holds the text as received.
func TestTimestampRoundTrip(t *testing.T) {
	t.Parallel()
	formats := []monitoring.Time{
		"2024-05-02 09:31:06",      // Result.createdAt
		"2024-05-02 09:31:06+0300", // txnDate, webhook createdAt
		"2024-05-02 09:31:06.123",  // webhook createdAtMs
		"2024-05-02T09:31:06Z",     // undocumented: kept, Time() refuses it
		"not a time at all",
	}
	type wire interface {
		json.Marshaler
		json.Unmarshaler
	}
	tests := []struct {
		name  string
		body  func(ts string) string
		new   func() wire
		times func(w wire) []monitoring.Time
	}{
		{
			"Result",
			func(ts string) string {
				return `{"id":"66335d9a243caf315d8c36ef","data":{"txnId":"wd-1","txnDate":` + ts + `},` +
					`"review":{"reviewStatus":"completed","createDate":` + ts + `,"reviewDate":` + ts + `},"createdAt":` + ts + `}`
			},
			func() wire { return new(monitoring.Result) },
			func(w wire) []monitoring.Time {
				r := w.(*monitoring.Result)
				return []monitoring.Time{r.Data.TxnDate, r.Review.CreateDate, r.Review.ReviewDate, r.CreatedAt}
			},
		},
		{
			"Note",
			func(ts string) string { return `{"id":"n1","txnId":"66335d9a243caf315d8c36ef","createdAt":` + ts + `}` },
			func() wire { return new(monitoring.Note) },
			func(w wire) []monitoring.Time { return []monitoring.Time{w.(*monitoring.Note).CreatedAt} },
		},
		{
			"WebhookEvent",
			func(ts string) string {
				return `{"type":"applicantKytTxnApproved","kytTxnId":"66335d9a243caf315d8c36ef","createdAt":` + ts + `,"createdAtMs":` + ts + `}`
			},
			func() wire { return new(monitoring.WebhookEvent) },
			func(w wire) []monitoring.Time {
				ev := w.(*monitoring.WebhookEvent)
				return []monitoring.Time{ev.CreatedAt, ev.CreatedAtMs}
			},
		},
	}
	for _, tt := range tests {
		for _, ts := range formats {
			quoted, _ := json.Marshal(ts)
			in := tt.body(string(quoted))
			w := tt.new()
			if err := json.Unmarshal([]byte(in), w); err != nil {
				t.Errorf("%s %q: decode: %v", tt.name, ts, err)
				continue
			}
			for i, got := range tt.times(w) {
				if got != ts {
					t.Errorf("%s %q: timestamp %d decoded as %q", tt.name, ts, i, got)
				}
			}
			out, err := json.Marshal(w)
			if err != nil {
				t.Errorf("%s %q: encode: %v", tt.name, ts, err)
				continue
			}
			if diff := cmp.Diff(in, string(out)); diff != "" {
				t.Errorf("%s %q: round trip (-in +out):\n%s", tt.name, ts, diff)
			}
		}
	}
}
