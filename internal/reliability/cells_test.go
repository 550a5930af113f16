package reliability

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The fault matrix's cells, client by client (see doc.go for the table).

// Cells every client shares: the fault on the first attempt only.
func commonCells(want map[fault]cell) []cell {
	out := make([]cell, 0, len(want))
	for f := faultNone; f < numFaults; f++ {
		if c, ok := want[f]; ok {
			c.fault = f
			out = append(out, c)
		}
	}
	return out
}

// redirectCells are the redirect faults' cells: the 3xx is the answer, a
// typed failure carrying its status; nothing is followed (the judge checks
// the proxy and the other hosts saw nothing of the call), nothing stored.
// httpsToHTTP configures the rig of the https-to-http cells (nil: the
// shared rig, whose front is TLS).
func redirectCells(cells map[fault]cell, httpsToHTTP func(*rigConfig)) {
	for f := faultRedirectSame307; f <= faultRedirectHTTP308; f++ {
		status, to := f.redirect()
		c := cell{want: classFailed, stored: 0, status: status}
		if to == toPlainHTTP && httpsToHTTP != nil {
			c.name = fmt.Sprintf("%d from https to plain HTTP", status)
			c.dedicated = httpsToHTTP
		}
		cells[f] = c
	}
}

// emptyCells are the empty-2xx faults' cells: never a success; stored
// tells what the answer must be when the fake stored the request first.
func emptyCells(cells map[fault]cell, notStored, stored cell) {
	for f := faultEmpty200Before; f <= faultEmpty204After; f++ {
		if _, after := f.empty(); after {
			cells[f] = stored
		} else {
			cells[f] = notStored
		}
	}
}

func gtrCells() []cell {
	common := map[fault]cell{
		faultNone:             {want: classSuccess, stored: 1},
		faultRefused:          {want: classSuccess, stored: 1},
		faultResetOnConnect:   {want: classSuccess, stored: 1},
		faultTLSUntrusted:     {want: classFailed, stored: 0},
		faultResetBeforeStore: {want: classUnknown, stored: 0, is: gtr.ErrOutcomeUnknown},
		fault5xxBefore:        {want: classFailed, stored: 0, is: gtr.ErrServer},
		fault429:              {want: classFailed, stored: 0, is: gtr.ErrRateLimited},
		faultSlowBefore:       {want: classUnknown, stored: 0, is: gtr.ErrOutcomeUnknown},
		faultResetAfterStore:  {want: classReplay, stored: 1},
		fault5xxAfter:         {want: classReplay, stored: 1},
		faultSlowAfter:        {want: classReplay, stored: 1},
		faultTruncated:        {want: classReplay, stored: 1},
		faultMalformed:        {want: classReplay, stored: 1},
		faultOversized:        {want: classReplay, stored: 1},
		// one_step is never resent: the late delivery stores it after the
		// recovery found nothing.
		faultSlowLateStore: {want: classUnknown, stored: 1, is: gtr.ErrOutcomeUnknown},
	}
	redirectCells(common, nil) // the front is TLS: the plain-HTTP redirect is https to http
	// An empty 2xx is no verdict: OneStep asks the query.
	emptyCells(common, cell{want: classUnknown, stored: 0, is: gtr.ErrOutcomeUnknown}, cell{want: classReplay, stored: 1})
	cells := commonCells(common)
	native := func(f fakefault.Fault) func(*rig) ([]any, error) {
		return func(r *rig) ([]any, error) {
			// Log in first (the login session is shared by the rig's
			// clients), so the fault meets the call, not the login.
			warm, err := r.newCaller()
			if err != nil {
				return nil, err
			}
			if err := warm.warm(context.Background()); err != nil {
				return nil, err
			}
			f.Path = gtrtest.PathOneStep
			r.gtr.InjectFault(f)
			return nil, nil
		}
	}
	dedicated := func(*rigConfig) {}
	return append(cells,
		cell{name: "call deadline, slow before store", fault: faultSlowBefore, callDeadline: true, want: classUnknown, stored: 0},
		cell{name: "call deadline, slow after store", fault: faultSlowAfter, callDeadline: true, want: classReplay, stored: 1},
		cell{name: "login session expired", dedicated: dedicated, want: classSuccess, stored: 1,
			before: func(r *rig) ([]any, error) {
				call, err := r.newCaller()
				if err != nil {
					return nil, err
				}
				id := r.newID(999)
				r.callCanaries(r.cn, id)
				if a := call.call(context.Background(), id); a.class != classSuccess {
					return nil, fmt.Errorf("warm-up call: %s %v", a.class, a.err)
				}
				r.gtr.ExpireSessions()
				return nil, nil
			},
			check: func(r *rig, _ string) error {
				if n := len(r.gtr.Requests(gtrtest.PathLogin)); n != 2 {
					return fmt.Errorf("logins = %d, want 2 (one, then one after the session expired)", n)
				}
				return nil
			}},
		cell{name: "app token outside the time window", want: classFailed, stored: 0, is: gtr.ErrUnauthorized,
			dedicated: func(c *rigConfig) {
				c.gtrAppToken = true
				c.gtrOpts = []gtrtest.Option{gtrtest.WithClock(func() time.Time { return time.Now().Add(10 * time.Minute) })}
			}},
		// TLS 1.3 reports the refused client certificate only after the
		// client's handshake is done: nothing was sent all the same.
		cell{name: "TLS without a client certificate", want: classFailed, stored: 0,
			before: func(r *rig) ([]any, error) {
				hc := &http.Client{Timeout: hangBound, Transport: &http.Transport{
					TLSClientConfig: &tls.Config{RootCAs: r.gtr.RootCAs(), MinVersion: tls.VersionTLS12}}}
				return []any{gtr.WithHTTPClient(hc)}, nil
			}},
		cell{name: "gtrtest: drop after handling", dedicated: dedicated, want: classReplay, stored: 1,
			before: native(fakefault.Fault{Kind: fakefault.Drop})},
		cell{name: "gtrtest: drop before handling", dedicated: dedicated, want: classUnknown, stored: 0,
			before: native(fakefault.Fault{Kind: fakefault.DropBefore})},
		cell{name: "gtrtest: 502 HTML page before handling", dedicated: dedicated, want: classUnknown, stored: 0,
			before: native(fakefault.Fault{Kind: fakefault.ServerError, Status: http.StatusBadGateway,
				Body: []byte("<html><body>502 Bad Gateway</body></html>")})},
		cell{name: "gtrtest: 200 cut JSON after handling", dedicated: dedicated, want: classReplay, stored: 1,
			before: native(fakefault.Fault{Kind: fakefault.MalformedAnswer, Status: http.StatusOK, Body: []byte(`{"verifyStatus":1000`)})},
		cell{name: "gtrtest: 429 Retry-After", dedicated: dedicated, want: classFailed, stored: 0, is: gtr.ErrRateLimited,
			before: native(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: time.Second})},
		// The call's deadline passes while one_step is on its way; the
		// request reaches the fake, which takes its own latency to store
		// it, only after the call returned "unknown". (The proxy holds it
		// until then: a fake's timer racing the client's would make the
		// cell depend on the machine's load.)
		cell{name: "gtrtest: latency, stored after the call's deadline", dedicated: dedicated,
			fault: faultSlowLateStore, callDeadline: true, want: classUnknown, stored: 1,
			before: native(fakefault.Fault{Kind: fakefault.Latency, Delay: 50 * time.Millisecond})},
	)
}

// keyedCells are the cells of the two keyed clients, whose state-changing
// call is retried and deduplicated by the server.
func keyedCells(malformed, oversized cell) map[fault]cell {
	return map[fault]cell{
		faultNone:             {want: classSuccess, stored: 1},
		faultRefused:          {want: classSuccess, stored: 1},
		faultResetOnConnect:   {want: classSuccess, stored: 1},
		faultResetBeforeStore: {want: classSuccess, stored: 1},
		fault5xxBefore:        {want: classSuccess, stored: 1},
		fault429:              {want: classSuccess, stored: 1},
		faultSlowBefore:       {want: classSuccess, stored: 1},
		faultResetAfterStore:  {want: classReplay, stored: 1},
		fault5xxAfter:         {want: classReplay, stored: 1},
		faultSlowAfter:        {want: classReplay, stored: 1},
		faultTruncated:        {want: classReplay, stored: 1},
		faultMalformed:        malformed,
		faultOversized:        oversized,
		// The retry stores it; the late first attempt is refused as a
		// duplicate (monitoring) or given the same session (travelrule).
		faultSlowLateStore: {want: classSuccess, stored: 1},
	}
}

// trustedTLSFront serves a keyed client's proxy over TLS it trusts, for
// the redirects from https to plain HTTP.
func trustedTLSFront(c *rigConfig) { c.tlsTrusted = true }

// storedThenRefused stores the request on the first attempt, loses the
// answer, then refuses every retry with a 503 until the retries run out.
func storedThenRefused() []fault {
	p := []fault{faultResetAfterStore}
	for range defaultRigConfig().retries {
		p = append(p, fault5xxBefore)
	}
	return p
}

func monitoringCells() []cell {
	common := keyedCells(
		// A 2xx that does not decode: Submit reads the transaction back.
		cell{want: classReplay, stored: 1},
		cell{want: classReplay, stored: 1},
	)
	redirectCells(common, trustedTLSFront)
	// An empty 2xx: Submit reads the transaction back; when the fake
	// holds none, the outcome is unknown (MaybeSent).
	emptyCells(common, cell{want: classUnknown, stored: 0}, cell{want: classReplay, stored: 1})
	cells := commonCells(common)
	firstSubmit := func(kind fakefault.Kind) func(*rigConfig) {
		return func(c *rigConfig) {
			// The first submit (a fault without Every and Rate acts once).
			c.monOpts = []monitoringtest.Option{monitoringtest.WithFaults(fakefault.Fault{
				Kind: kind, Match: monitoringtest.IsSubmit, RetryAfter: time.Second,
			})}
		}
	}
	return append(cells,
		cell{name: "call deadline, slow before store", fault: faultSlowBefore, callDeadline: true, want: classUnknown, stored: 0},
		cell{name: "call deadline, slow after store", fault: faultSlowAfter, callDeadline: true, want: classUnknown, stored: 1},
		// The retries' 503s follow an attempt that may have stored it:
		// Submit reads the transaction back.
		cell{name: "stored, then 503 until the retries run out", plan: storedThenRefused(), want: classReplay, stored: 1},
		cell{name: "signature outside the time window", want: classFailed, stored: 0, is: monitoring.ErrClockSkew,
			before: func(*rig) ([]any, error) {
				return []any{monitoring.WithClock(func() time.Time { return time.Now().Add(-10 * time.Minute) })}, nil
			}},
		cell{name: "TLS: untrusted server certificate", want: classFailed, stored: 0,
			dedicated: func(c *rigConfig) { c.tlsFront = true }},
		cell{name: "monitoringtest: drop after processing", dedicated: firstSubmit(fakefault.Drop), want: classReplay, stored: 1},
		cell{name: "monitoringtest: server error", dedicated: firstSubmit(fakefault.ServerError), want: classSuccess, stored: 1},
		cell{name: "monitoringtest: 429 Retry-After", dedicated: firstSubmit(fakefault.TooManyRequests), want: classSuccess, stored: 1},
	)
}

func travelRuleCells() []cell {
	common := keyedCells(
		// The session is stored and the same request returns it; the
		// client reports the unreadable 2xx as ErrMalformedResponse.
		cell{want: classUnknown, stored: 1, is: travelrule.ErrMalformedResponse},
		cell{want: classUnknown, stored: 1},
	)
	redirectCells(common, trustedTLSFront)
	// An empty 2xx: MaybeSent, whether or not the fake stored the session.
	emptyCells(common, cell{want: classUnknown, stored: 0}, cell{want: classUnknown, stored: 1})
	cells := commonCells(common)
	native := func(arm func(*travelruletest.Server)) func(*rig) ([]any, error) {
		return func(r *rig) ([]any, error) {
			arm(r.tr)
			return nil, nil
		}
	}
	dedicated := func(*rigConfig) {}
	return append(cells,
		cell{name: "call deadline, slow before store", fault: faultSlowBefore, callDeadline: true, want: classUnknown, stored: 0},
		cell{name: "call deadline, slow after store", fault: faultSlowAfter, callDeadline: true, want: classUnknown, stored: 1},
		// The last 503 follows an attempt that may have stored the
		// session: MaybeSent flags it (APIError.Replayed), and calling
		// again returns the session.
		cell{name: "stored, then 503 until the retries run out", plan: storedThenRefused(), want: classUnknown, stored: 1,
			is: travelrule.ErrServer},
		cell{name: "signature outside the time window", want: classFailed, stored: 0, is: travelrule.ErrUnauthorized,
			dedicated: func(c *rigConfig) { c.trOpts = []travelruletest.Option{travelruletest.WithClockSkew(time.Minute)} },
			before: func(*rig) ([]any, error) {
				return []any{travelrule.WithClock(func() time.Time { return time.Now().Add(-10 * time.Minute) })}, nil
			}},
		cell{name: "TLS: untrusted server certificate", want: classFailed, stored: 0,
			dedicated: func(c *rigConfig) { c.tlsFront = true }},
		cell{name: "travelruletest: drop after store", dedicated: dedicated, want: classReplay, stored: 1,
			before: native(func(s *travelruletest.Server) {
				s.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: travelrule.DefaultWidgetSessionPath})
			})},
		cell{name: "travelruletest: server error", dedicated: dedicated, want: classSuccess, stored: 1,
			before: native(func(s *travelruletest.Server) { s.InjectFault(fakefault.Fault{Kind: fakefault.ServerError}) })},
		cell{name: "travelruletest: 429 Retry-After", dedicated: dedicated, want: classSuccess, stored: 1,
			before: native(func(s *travelruletest.Server) {
				s.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: time.Second})
			})},
	)
}
