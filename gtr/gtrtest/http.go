package gtrtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/vaspkit/vaspkit/internal/faultengine"
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
	mux.Handle("POST "+PathLogin, s.endpoint(PathLogin, false, s.handleLogin))
	mux.Handle("POST "+PathOneStep, s.endpoint(PathOneStep, true, s.handleOneStep))
	mux.Handle("GET "+PathVASPList, s.endpoint(PathVASPList, true, s.handleVASPList))
	mux.Handle("GET "+PathVASPDetail, s.endpoint(PathVASPDetail, true, s.handleVASPDetail))
	mux.Handle("POST "+PathAddressDetection, s.endpoint(PathAddressDetection, true, s.handleDetection))
	mux.Handle("POST "+PathNotifyTxID, s.endpoint(PathNotifyTxID, true, s.handleNotifyTxID))
	mux.Handle("POST "+PathEnd, s.endpoint(PathEnd, true, s.handleEnd))
	mux.Handle("GET "+PathQuery, s.endpoint(PathQuery, true, s.handleQuery))
	for _, p := range []string{PathManualAddress, PathManualTxID, PathManualPII} {
		h := s.endpoint(p, true, s.handleManual)
		mux.Handle("PUT "+p, h)
		mux.Handle("POST "+p, h)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeAnswer(w, answer{http.StatusNotFound, envelope{VerifyStatus: codeBadParameters, VerifyMessage: "no such API: " + r.Method + " " + r.URL.Path}})
	})
	return mux
}

// handler records every request (Requests), applies WithLatency and the
// injected faults, then routes it.
func (s *Server) handler(routes http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		kept := body
		if r.URL.Path == PathLogin {
			kept = nil // it carries the hash of the secret key
		}
		path := r.URL.EscapedPath()
		ref := s.requests.Add(r, path, kept)
		var rest io.Reader = bytes.NewReader(body)
		if err != nil {
			rest = io.MultiReader(rest, errReader{err})
		}
		r.Body = io.NopCloser(rest)
		if !faultengine.Sleep(r.Context(), s.cfg.latency) {
			return
		}
		f := s.faults.Next(r, path)
		if f != nil {
			s.requests.SetFault(ref, f.Kind)
			s.logf("%s %s: injected fault %v", r.Method, path, f.Kind)
		}
		faultengine.Serve(w, r, f, refuse, func(status int) { s.requests.SetStatus(ref, status) }, routes)
	})
}

// endpoint authenticates the request and reads its body before calling h.
func (s *Server) endpoint(path string, auth bool, h endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := s.serve(r, auth, h)
		s.logf("%s %s: HTTP %d, verifyStatus %d", r.Method, path, a.status, a.env.VerifyStatus)
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

// refuse writes an injected 5xx (GTR's 100006) or 429 (100003) answer.
func refuse(w http.ResponseWriter, status int) {
	code := codeServerFail
	if status == http.StatusTooManyRequests {
		code = 100003
	}
	writeAnswer(w, answer{status, envelope{Data: map[string]any{}, VerifyStatus: code, VerifyMessage: "injected fault", Msg: "injected fault"}})
}

// errReader fails with the error reading the request body met.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

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
