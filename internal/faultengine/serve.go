package faultengine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// Refuse writes a fake's own error answer for status (a 5xx or 429): the
// body its provider sends.
type Refuse func(w http.ResponseWriter, status int)

// Serve answers r under f (nil: no fault). handle is the fake's own
// handling of r; refuse writes its error answers. answered is called once,
// with the status just before it is written, or with 0 just before the
// connection is closed unanswered or when r's context ends first — so a
// client never sees an answer the fake has not recorded yet.
//
// Serve closes the connection by hijacking w: w must be the server's own
// ResponseWriter, not a wrapper.
func Serve(w http.ResponseWriter, r *http.Request, f *Fault, refuse Refuse, answered func(status int), handle http.Handler) {
	if f == nil {
		serveHandled(w, r, answered, handle)
		return
	}
	if !Sleep(r.Context(), f.Delay) {
		answered(0)
		return
	}
	switch f.Kind {
	case Latency:
		serveHandled(w, r, answered, handle)
		return
	case DropBefore:
		answered(0)
		hangUp(w)
		return
	case ServerError, TooManyRequests:
		refuseWith(w, f, refuse, answered)
		return
	case Redirect:
		loc := f.Location
		if loc == "" {
			loc = r.URL.RequestURI()
		}
		w.Header().Set("Location", loc)
		answered(status(f))
		w.WriteHeader(status(f))
		return
	}
	// The kinds that handle the request first, then lose or spoil its
	// answer.
	rec := httptest.NewRecorder()
	handle.ServeHTTP(rec, r)
	res := rec.Result()
	switch f.Kind {
	case Drop:
		answered(0)
		hangUp(w)
	case ServerErrorAfter:
		refuseWith(w, f, refuse, answered)
	case EmptyAnswer, MalformedAnswer:
		for k, v := range res.Header {
			if k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		var body []byte
		if f.Kind == MalformedAnswer {
			body = f.Body
			if body == nil {
				real := rec.Body.Bytes()
				body = real[:len(real)/2]
				if len(body) == 0 {
					body = []byte("{")
				}
			}
		}
		answered(status(f))
		w.WriteHeader(status(f))
		_, _ = w.Write(body)
	}
}

// serveHandled lets the fake answer r.
func serveHandled(w http.ResponseWriter, r *http.Request, answered func(int), handle http.Handler) {
	sw := &statusWriter{ResponseWriter: w, answered: answered}
	handle.ServeHTTP(sw, r)
	if !sw.done {
		sw.done = true
		if r.Context().Err() != nil {
			answered(0) // the client left; nothing was written
		} else {
			answered(http.StatusOK) // net/http answers 200 for a handler that wrote nothing
		}
	}
}

func refuseWith(w http.ResponseWriter, f *Fault, refuse Refuse, answered func(int)) {
	code := status(f)
	if f.Kind == TooManyRequests && f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((f.RetryAfter+time.Second-1)/time.Second), 10))
	}
	answered(code)
	if f.Body != nil {
		w.WriteHeader(code)
		_, _ = w.Write(f.Body)
		return
	}
	refuse(w, code)
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // the server closes the connection without answering
}

// Sleep waits d, or until ctx ends; false means ctx ended.
func Sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// statusWriter reports the status before it is written.
type statusWriter struct {
	http.ResponseWriter
	answered func(int)
	done     bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.done && code >= 200 {
		w.done = true
		w.answered(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.done = true
		w.answered(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}
