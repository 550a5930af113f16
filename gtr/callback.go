package gtr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// Errors passed to OnCallbackError.
var (
	// ErrCallbackTimeout: the user function did not return before the
	// deadline; GTR was answered 100008.
	ErrCallbackTimeout = errors.New("gtr: callback function did not answer in time")
	// ErrCallbackPanic: the user function panicked; GTR was answered 100008.
	ErrCallbackPanic = errors.New("gtr: callback function panicked")
	// ErrNoKeyPair: a callback's PII is sealed to a public key none of the
	// handler's key pairs has.
	ErrNoKeyPair = errors.New("gtr: no key pair for the callback's PII public key")
)

// CallbackHandler is the http.Handler for GTR's callbacks: the requests GTR
// sends to the callback URL configured in the dashboard (one URL for every
// type). It decodes each callback into a typed event, opens incoming PII
// with our key pair, calls the function registered for the type, and
// answers in GTR's format — HTTP 200 with
// {"verifyStatus": …, "verifyMessage": …, "data": …} — within the deadline.
//
// # Authentication
//
// The handler authenticates every request before it reads the body, and
// answers HTTP 403 (verifyStatus 100020) to a caller it cannot
// authenticate; nothing of such a request is decoded, no function is
// called, and nothing is sealed to a key it names. GTR authenticates its
// callbacks with mTLS: it presents a client certificate issued under the CA
// bundle client-truststore.pem of the key_and_certificate.zip GTR hands out
// (spec §6.1). So by default the handler requires a request that arrived
// over TLS with a verified client certificate: serve it over TLS with a
// server certificate from a public CA and CallbackTLSConfig(cert, <that
// bundle>), which verifies GTR's certificate during the handshake. Served
// over plain HTTP, a default handler refuses every request.
//
// WithAllowedSources authenticates by source address instead
// (WithAllowedSources(GTRCallbackSources()...)); add WithRequireClientCert
// to require both. WithoutCallbackAuthentication turns authentication off,
// for a handler behind a reverse proxy that has already verified GTR's
// client certificate, and nowhere else. GTR's reference pages also mention
// a bearer JWT on callbacks without saying how to verify it; the handler
// ignores it.
//
// # Replies
//
//   - 0 health check: 100000.
//   - 6 address check: 100000 found, 200001 not found, 100002 pending.
//   - 9 txId check: 100000 found, 200007 not found, 100002 pending.
//   - 10 routing: 100000 with the owning entity, or 100002 "address is not
//     found".
//   - 4 PII verification: the answer's status (by default the verdict of its
//     fields, see PIIVerifyAnswer.Status) with data {verifyFields, piiSecuredInfo, …}; 200002 when the PII
//     cannot be opened; 100004 when it is not an IVMS101 document.
//   - notifications (7, 13, 15, 16, 17): 100000.
//   - a type without a registered function, an unknown type, or an
//     invokeVaspCode outside WithVASPCodes: 100030.
//   - the function failed, panicked or was late: 100008 ("cannot answer"),
//     and OnCallbackError is told why.
//   - malformed input: HTTP 400 with 100004 and a message naming the field;
//     a body over the size limit: HTTP 413; a method other than POST: 405;
//     a refused source or certificate: 403.
//
// The functions run with a context that ends at the deadline
// (WithCallbackDeadline for 6, 9 and 10, default 1.5 s, as GTR gives up at
// 2 s; WithPIIDeadline for the others, default 10 s); a function that
// ignores it keeps running after the handler has answered, and its answer is
// dropped. GTR may deliver a callback more than once: make the functions
// idempotent per RequestID and Type.
//
// The handler never logs PII or error texts. It is safe for concurrent use.
type CallbackHandler struct {
	cfg     callbackConfig
	byKey   map[PublicKey]*KeyPair
	sealers sync.Map // cbSealerKey → *piiSealer
	nSeal   int      // approximate size of sealers, guarded by sealMu
	sealMu  sync.Mutex
	now     func() time.Time
}

// cbMaxSealers bounds the shared-key cache: one entry per counterparty
// key, dropped wholesale when full.
const cbMaxSealers = 4096

type cbSealerKey struct{ mine, theirs PublicKey }

// NewCallbackHandler returns a handler configured by opts. It fails with a
// *ConfigError (matching ErrConfig, as New's options do) when an
// option is invalid (a nil option, a nil function given to an On… option),
// OnPIIVerify is set without WithCallbackKeyPair, or
// WithoutCallbackAuthentication is combined with another authentication
// option.
//
// The handler authenticates its callers by default: without
// WithAllowedSources or WithoutCallbackAuthentication it requires a
// verified client certificate (WithRequireClientCert), so it must be served
// over TLS configured by CallbackTLSConfig.
func NewCallbackHandler(opts ...CallbackOption) (*CallbackHandler, error) {
	h := &CallbackHandler{
		cfg: callbackConfig{
			checkDeadline: defaultCallbackDeadline,
			piiDeadline:   defaultPIIDeadline,
			maxBody:       defaultCallbackMaxBody,
		},
		byKey: map[PublicKey]*KeyPair{},
		now:   time.Now,
	}
	for _, o := range opts {
		if o == nil {
			return nil, &ConfigError{Option: "NewCallbackHandler", Reason: "nil CallbackOption"}
		}
		if err := o(&h.cfg); err != nil {
			return nil, err
		}
	}
	if h.cfg.onPII != nil && len(h.cfg.keys) == 0 {
		return nil, &ConfigError{Option: "OnPIIVerify", Reason: "needs WithCallbackKeyPair to open the PII"}
	}
	if h.cfg.noAuth && (h.cfg.requireCert || len(h.cfg.allowed) > 0) {
		return nil, &ConfigError{Option: "WithoutCallbackAuthentication", Reason: "cannot be combined with WithRequireClientCert or WithAllowedSources"}
	}
	for _, kp := range h.cfg.keys {
		h.byKey[kp.PublicKey()] = kp
	}
	return h, nil
}

// text describes the handler without key material.
func (h *CallbackHandler) text() string {
	return fmt.Sprintf("gtr.CallbackHandler{auth: %s, keyPairs: %d, checkDeadline: %v, piiDeadline: %v}",
		h.authMode(), len(h.cfg.keys), h.cfg.checkDeadline, h.cfg.piiDeadline)
}

// needsCert reports whether a request must come with a verified client
// certificate: when asked for, and whenever no other authentication was
// configured.
func (h *CallbackHandler) needsCert() bool {
	return h.cfg.requireCert || (!h.cfg.noAuth && len(h.cfg.allowed) == 0)
}

// authMode describes how the handler authenticates its callers.
func (h *CallbackHandler) authMode() string {
	switch {
	case h.cfg.noAuth:
		return "none (WithoutCallbackAuthentication)"
	case h.needsCert() && len(h.cfg.allowed) > 0:
		return "client certificate and source address"
	case h.needsCert():
		return "client certificate"
	}
	return "source address"
}

// cbReply is the body of every answer.
type cbReply struct {
	VerifyStatus  VerifyStatus `json:"verifyStatus"`
	VerifyMessage string       `json:"verifyMessage"`
	Data          any          `json:"data,omitempty"`
}

// ServeHTTP answers one callback.
func (h *CallbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := h.now()
	// Authentication comes first: a caller that is refused gets nothing
	// read, decoded, opened or sealed.
	if !h.sourceAllowed(r) {
		h.reject(r.Context(), w, http.StatusForbidden, statusNoAuth, "source address not allowed")
		return
	}
	if h.needsCert() && (r.TLS == nil || len(r.TLS.VerifiedChains) == 0) {
		h.reject(r.Context(), w, http.StatusForbidden, statusNoAuth, "a verified client certificate is required")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.reject(r.Context(), w, http.StatusMethodNotAllowed, statusBadParameters, "callbacks are POST requests")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.reject(r.Context(), w, http.StatusRequestEntityTooLarge, statusBadParameters,
				"body larger than "+strconv.FormatInt(h.cfg.maxBody, 10)+" bytes")
			return
		}
		h.reject(r.Context(), w, http.StatusBadRequest, statusBadParameters, "cannot read body")
		return
	}
	ev, err := DecodeCallback(body)
	if err != nil {
		h.reject(r.Context(), w, http.StatusBadRequest, statusBadParameters, err.Error())
		return
	}
	rep := h.answer(r.Context(), start, ev)
	h.write(w, http.StatusOK, rep)
	if l := h.cfg.logger; l != nil {
		hd := ev.Header()
		l.LogAttrs(r.Context(), slog.LevelInfo, "gtr callback",
			slog.String("callbackType", hd.Type.String()),
			slog.Int("verifyStatus", int(rep.VerifyStatus)),
			slog.Duration("duration", h.now().Sub(start)))
	}
}

// Handle answers one decoded callback as ServeHTTP would, for callbacks
// that arrive by another transport (a queue in front of the handler). It
// opens the PII and runs the registered function under the deadline,
// counted from now. It returns the verifyStatus, verifyMessage and the
// reply's data (nil or a JSON-marshalable value).
//
// Handle authenticates nothing: pass it only callbacks that the transport
// they came by has authenticated as GTR's (for instance, a queue fed by a
// server running this handler's checks).
func (h *CallbackHandler) Handle(ctx context.Context, ev Callback) (VerifyStatus, string, any) {
	if ev == nil || ev.Header() == nil {
		return statusBadParameters, "no callback", nil
	}
	rep := h.answer(ctx, h.now(), ev)
	return rep.VerifyStatus, rep.VerifyMessage, rep.Data
}

func (h *CallbackHandler) answer(ctx context.Context, start time.Time, ev Callback) cbReply {
	hd := ev.Header()
	if len(h.cfg.vaspCodes) > 0 && hd.InvokeVASPCode != "" && !h.cfg.vaspCodes[hd.InvokeVASPCode] {
		return cbReply{VerifyStatus: statusUnsupportedCallback, VerifyMessage: "unknown invokeVaspCode"}
	}
	switch e := ev.(type) {
	case *HealthCheck:
		return cbReply{VerifyStatus: StatusSuccess, VerifyMessage: "Success"}
	case *AddressCheck:
		return h.answerAddress(ctx, start, e)
	case *TxIDCheck:
		return h.answerTxID(ctx, start, e)
	case *AddressRouting:
		return h.answerRouting(ctx, start, e)
	case *PIIVerification:
		return h.answerPII(ctx, start, e)
	case Notification:
		return h.answerNotification(ctx, start, e)
	}
	return cbUnsupported(hd.Type)
}

func cbUnsupported(t CallbackType) cbReply {
	return cbReply{VerifyStatus: statusUnsupportedCallback, VerifyMessage: "unsupported callbackType " + strconv.Itoa(int(t))}
}

// cannotAnswer is the reply when the user function failed, panicked or was
// late.
func (h *CallbackHandler) cannotAnswer(ctx context.Context, ev Callback, err error) cbReply {
	h.report(ctx, ev, err)
	msg := "receiver failed to answer"
	if errors.Is(err, ErrCallbackTimeout) {
		msg = "receiver did not answer in time"
	}
	return cbReply{VerifyStatus: statusReceiverServerFail, VerifyMessage: msg}
}

func (h *CallbackHandler) report(ctx context.Context, ev Callback, err error) {
	if h.cfg.onError != nil {
		h.cfg.onError(ctx, ev, err)
	}
}

func (h *CallbackHandler) answerAddress(ctx context.Context, start time.Time, e *AddressCheck) cbReply {
	if h.cfg.onAddress == nil {
		return cbUnsupported(e.Type)
	}
	a, err := cbRun(ctx, start.Add(h.cfg.checkDeadline), func(ctx context.Context) (CheckAnswer, error) {
		return h.cfg.onAddress(ctx, e)
	})
	if err != nil {
		return h.cannotAnswer(ctx, e, err)
	}
	return cbCheckReply(a.Result, a.Message, StatusAddressNotFound, "address found", "address not found")
}

func (h *CallbackHandler) answerTxID(ctx context.Context, start time.Time, e *TxIDCheck) cbReply {
	if h.cfg.onTxID == nil {
		return cbUnsupported(e.Type)
	}
	a, err := cbRun(ctx, start.Add(h.cfg.checkDeadline), func(ctx context.Context) (CheckAnswer, error) {
		return h.cfg.onTxID(ctx, e)
	})
	if err != nil {
		return h.cannotAnswer(ctx, e, err)
	}
	return cbCheckReply(a.Result, a.Message, StatusTxIDNotFound, "tx id found", "tx id not found")
}

func cbCheckReply(r CheckResult, msg string, notFound VerifyStatus, foundMsg, notFoundMsg string) cbReply {
	var rep cbReply
	switch r {
	case CheckFound:
		rep = cbReply{VerifyStatus: StatusSuccess, VerifyMessage: foundMsg}
	case CheckPending:
		rep = cbReply{VerifyStatus: StatusPending, VerifyMessage: "pending"}
	default:
		rep = cbReply{VerifyStatus: notFound, VerifyMessage: notFoundMsg}
	}
	if msg != "" {
		rep.VerifyMessage = msg
	}
	return rep
}

type cbRoutingReply struct {
	VASPCode  string `json:"vaspCode"`
	PublicKey string `json:"publicKey,omitempty"`
	RequestID string `json:"requestId,omitempty"`
}

func (h *CallbackHandler) answerRouting(ctx context.Context, start time.Time, e *AddressRouting) cbReply {
	notFound := cbReply{VerifyStatus: StatusPending, VerifyMessage: "address is not found"}
	if h.cfg.onRouting == nil {
		return notFound
	}
	a, err := cbRun(ctx, start.Add(h.cfg.checkDeadline), func(ctx context.Context) (AddressRoutingAnswer, error) {
		return h.cfg.onRouting(ctx, e)
	})
	if err != nil {
		return h.cannotAnswer(ctx, e, err)
	}
	if !a.Found || a.VASPCode == "" {
		return notFound
	}
	data := cbRoutingReply{VASPCode: a.VASPCode, RequestID: e.RequestID}
	if !a.PublicKey.IsZero() {
		data.PublicKey = a.PublicKey.String()
	}
	return cbReply{VerifyStatus: StatusSuccess, VerifyMessage: "address found", Data: data}
}

func (h *CallbackHandler) answerNotification(ctx context.Context, start time.Time, n Notification) cbReply {
	if h.cfg.onNotification == nil {
		return cbUnsupported(n.Header().Type)
	}
	if pr, ok := n.(*PIIResult); ok && pr.sealed != nil && pr.Identity == nil {
		// We initiated this travel rule: our key is the initiator's.
		ours, err1 := cbParseKey(pr.sealed.initiatorKey())
		theirs, err2 := cbParseKey(pr.sealed.receiverKey())
		if err := errors.Join(err1, err2); err != nil {
			pr.IdentityErr = err
		} else {
			pr.Identity, pr.IdentityErr = h.openPII(pr.sealed, ours, theirs)
		}
		if pr.IdentityErr != nil {
			h.report(ctx, n, pr.IdentityErr)
		}
	}
	_, err := cbRun(ctx, start.Add(h.cfg.piiDeadline), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, h.cfg.onNotification(ctx, n)
	})
	if err != nil {
		return h.cannotAnswer(ctx, n, err)
	}
	msg := "Success"
	if n.Header().Type == callbackTxIDNotification {
		msg = "TX ID Received"
	}
	return cbReply{VerifyStatus: StatusSuccess, VerifyMessage: msg}
}

// cbRun calls fn with a context ending at deadline, and returns its
// result, ErrCallbackTimeout when the deadline passes first, or
// ErrCallbackPanic when fn panics.
func cbRun[T any](ctx context.Context, deadline time.Time, fn func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: ErrCallbackPanic}
			}
			ch <- r
		}()
		r.v, r.err = fn(ctx)
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ErrCallbackTimeout
	}
}

func (h *CallbackHandler) sourceAllowed(r *http.Request) bool {
	if len(h.cfg.allowed) == 0 {
		return true
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range h.cfg.allowed {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// reject answers a request that is not a usable callback. The message is
// built by the SDK and holds no value from the request.
func (h *CallbackHandler) reject(ctx context.Context, w http.ResponseWriter, httpStatus int, status VerifyStatus, msg string) {
	h.write(w, httpStatus, cbReply{VerifyStatus: status, VerifyMessage: msg})
	if l := h.cfg.logger; l != nil {
		l.LogAttrs(ctx, slog.LevelWarn, "gtr callback rejected",
			slog.Int("httpStatus", httpStatus), slog.String("reason", msg))
	}
}

func (h *CallbackHandler) write(w http.ResponseWriter, httpStatus int, rep cbReply) {
	b, err := json.Marshal(rep)
	if err != nil { // only a user-supplied value could fail; answer without it
		httpStatus = http.StatusOK
		b, _ = json.Marshal(cbReply{VerifyStatus: statusReceiverServerFail, VerifyMessage: "receiver failed to answer"})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(httpStatus)
	_, _ = w.Write(b)
}
