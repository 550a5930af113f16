package gtrtest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"
)

// API paths (spec §5).
const (
	PathLogin            = "/api/login"
	PathOneStep          = "/api/verify/v2/one_step"
	PathVASPList         = "/api/common/v3/vasp/list"
	PathVASPDetail       = "/api/common/v3/vasp/detail"
	PathAddressDetection = "/api/verify/v2/auto_address_vasp_detection"
	PathNotifyTxID       = "/api/verify/v2/notify_tx_id"
	PathEnd              = "/api/verify/v2/end"
	PathQuery            = "/api/verify/query"
	PathManualAddress    = "/api/verify/v2/manual/verify_address"
	PathManualTxID       = "/api/verify/v2/manual/verify_tx_id"
	PathManualPII        = "/api/verify/v2/manual/verify_pii"
)

const maxBody = 1 << 20

// answer is what an endpoint returns: the HTTP status and the envelope.
type answer struct {
	status int
	env    envelope
}

// ok answers HTTP 200 with 100000 and data.
func ok(data any) answer {
	return answer{http.StatusOK, envelope{Data: data, VerifyStatus: codeSuccess, VerifyMessage: "Success", Success: true}}
}

// fail answers code with the HTTP status GTR uses for it (spec §10).
func fail(code int, msg string) answer {
	return answer{httpStatusFor(code), envelope{Data: map[string]any{}, VerifyStatus: code, VerifyMessage: msg, Msg: msg}}
}

// verdict answers HTTP 200 with a verification verdict (spec §5.1).
func verdict(code int, msg, stage string, data any) answer {
	return answer{http.StatusOK, envelope{Data: data, VerifyStatus: code, VerifyMessage: msg, VerifyStage: stage, Success: code == codeSuccess}}
}

func httpStatusFor(code int) int {
	switch code {
	case codeBadParameters, codeDuplicateRequest, codePublicKeyNotFound, codeInvalidParameters:
		return http.StatusBadRequest
	case codeSessionExpired, codeNoAuth, codeNoLoginSession:
		return http.StatusUnauthorized
	case 100003:
		return http.StatusPaymentRequired
	case codeServerFail, 100007, codeReceiverFail:
		return http.StatusInternalServerError
	}
	return http.StatusOK
}

type endpoint func(r *http.Request, body []byte) answer

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST "+PathLogin, s.wrap(PathLogin, false, s.handleLogin))
	mux.Handle("POST "+PathOneStep, s.wrap(PathOneStep, true, s.handleOneStep))
	mux.Handle("GET "+PathVASPList, s.wrap(PathVASPList, true, s.handleVASPList))
	mux.Handle("GET "+PathVASPDetail, s.wrap(PathVASPDetail, true, s.handleVASPDetail))
	mux.Handle("POST "+PathAddressDetection, s.wrap(PathAddressDetection, true, s.handleDetection))
	mux.Handle("POST "+PathNotifyTxID, s.wrap(PathNotifyTxID, true, s.handleNotifyTxID))
	mux.Handle("POST "+PathEnd, s.wrap(PathEnd, true, s.handleEnd))
	mux.Handle("GET "+PathQuery, s.wrap(PathQuery, true, s.handleQuery))
	for _, p := range []string{PathManualAddress, PathManualTxID, PathManualPII} {
		h := s.wrap(p, true, s.handleManual)
		mux.Handle("PUT "+p, h)
		mux.Handle("POST "+p, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.counts[r.URL.Path]++
		s.mu.Unlock()
		writeAnswer(w, answer{http.StatusNotFound, envelope{VerifyStatus: codeBadParameters, VerifyMessage: "no such API: " + r.Method + " " + r.URL.Path}})
	})
	return mux
}

// wrap counts the request, applies latency and faults, authenticates it and
// reads its body before calling h.
func (s *Server) wrap(path string, auth bool, h endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.counts[path]++
		f, hasFault := s.nextFault(path)
		latency := s.cfg.latency
		s.mu.Unlock()
		if hasFault {
			latency += f.Latency
		}
		if !sleep(r.Context(), latency) {
			return
		}
		if hasFault && !f.AfterHandling && (f.Drop || f.Status != 0) {
			s.logf("%s %s: injected fault", r.Method, path)
			applyFault(w, f)
			return
		}
		a := s.serve(r, auth, h)
		s.logf("%s %s: HTTP %d, verifyStatus %d", r.Method, path, a.status, a.env.VerifyStatus)
		if hasFault && f.AfterHandling && (f.Drop || f.Status != 0) {
			applyFault(w, f)
			return
		}
		writeAnswer(w, a)
	})
}

func (s *Server) serve(r *http.Request, auth bool, h endpoint) answer {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return fail(codeBadParameters, "cannot read the request body")
	}
	if r.Method != http.MethodGet {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			return fail(codeBadParameters, "Content-Type must be application/json")
		}
	}
	if auth {
		if a, ok := s.authenticate(r); !ok {
			return a
		}
	}
	return h(r, body)
}

// nextFault pops the next queued fault for path, or draws a rate-based one.
// s.mu must be held.
func (s *Server) nextFault(path string) (Fault, bool) {
	if q := s.faults[path]; len(q) > 0 {
		s.faults[path] = q[1:]
		return q[0], true
	}
	if s.cfg.errorRate > 0 && s.rng.Float64() < s.cfg.errorRate {
		return Fault{Status: s.cfg.errorStatus}, true
	}
	return Fault{}, false
}

func applyFault(w http.ResponseWriter, f Fault) {
	if f.Drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // the server closes the connection without answering
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((f.RetryAfter+time.Second-1)/time.Second)))
	}
	if f.Body != nil {
		w.WriteHeader(f.Status)
		_, _ = w.Write(f.Body)
		return
	}
	code := codeServerFail
	if f.Status == http.StatusTooManyRequests {
		code = 100003
	}
	writeAnswer(w, answer{f.Status, envelope{Data: map[string]any{}, VerifyStatus: code, VerifyMessage: "injected fault", Msg: "injected fault"}})
}

func writeAnswer(w http.ResponseWriter, a answer) {
	b, err := json.Marshal(a.env)
	if err != nil {
		a.status = http.StatusInternalServerError
		b = []byte(`{"verifyStatus":100006,"verifyMessage":"gtrtest: cannot encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", randomHex(8))
	w.WriteHeader(a.status)
	_, _ = w.Write(b)
}

// sleep waits d or until ctx ends; false means ctx ended.
func sleep(ctx context.Context, d time.Duration) bool {
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

// decodeBody unmarshals a JSON request body; the error names no value.
func decodeBody(body []byte, v any) error {
	if len(body) == 0 {
		return errors.New("empty body")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errors.New("field " + te.Field + " has the wrong type")
		}
		return errors.New("body is not valid JSON")
	}
	return nil
}
