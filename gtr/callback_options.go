package gtr

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"time"
)

// Defaults of a CallbackHandler.
const (
	// defaultCallbackDeadline bounds the stage-1 checks (address, txId,
	// routing), which GTR treats as failed after 2 seconds. The rest of the
	// 2 s is left for the network and for writing the reply.
	defaultCallbackDeadline = 1500 * time.Millisecond
	// maxCallbackDeadline is GTR's limit for those checks.
	maxCallbackDeadline = 2 * time.Second
	// defaultPIIDeadline bounds the PII verification and the notifications.
	// GTR does not publish their deadline.
	defaultPIIDeadline = 10 * time.Second
	// defaultCallbackMaxBody is the largest callback body read: a
	// securedPayload is at most 80 000 characters, the rest of a callback a
	// few kilobytes.
	defaultCallbackMaxBody = 256 << 10
)

// CallbackOption configures a CallbackHandler.
type CallbackOption func(*callbackConfig) error

type callbackConfig struct {
	keys          []*KeyPair
	checkDeadline time.Duration
	piiDeadline   time.Duration
	maxBody       int64
	logger        *slog.Logger
	allowed       []netip.Prefix
	requireCert   bool
	noAuth        bool // WithoutCallbackAuthentication
	vaspCodes     map[string]bool

	onAddress      func(context.Context, *AddressCheck) (CheckAnswer, error)
	onTxID         func(context.Context, *TxIDCheck) (CheckAnswer, error)
	onRouting      func(context.Context, *AddressRouting) (AddressRoutingAnswer, error)
	onPII          func(context.Context, *PIIVerification) (PIIVerifyAnswer, error)
	onNotification func(context.Context, Notification) error
	onError        func(context.Context, Callback, error)
}

// WithCallbackKeyPair sets our PII key pair, which opens the PII of
// callbacks 4 and 15 and seals our answers. Give several for several VASP
// entities: each callback is opened with the key pair whose public key it
// names. Required when OnPIIVerify is set.
func WithCallbackKeyPair(kps ...*KeyPair) CallbackOption {
	return func(c *callbackConfig) error {
		for _, kp := range kps {
			if kp == nil {
				return &ConfigError{Option: "WithCallbackKeyPair", Reason: "nil key pair"}
			}
			c.keys = append(c.keys, kp)
		}
		return nil
	}
}

// WithCallbackDeadline sets how long the address, txId and routing checks
// (callbacks 6, 9, 10) may take, counted from the request's arrival; it must
// be positive and shorter than GTR's 2 s, leaving time
// for the reply to travel. Default 1.5 s.
func WithCallbackDeadline(d time.Duration) CallbackOption {
	return func(c *callbackConfig) error {
		if d <= 0 || d >= maxCallbackDeadline {
			return &ConfigError{Option: "WithCallbackDeadline", Reason: fmt.Sprintf("%v is not in (0, %v)", d, maxCallbackDeadline)}
		}
		c.checkDeadline = d
		return nil
	}
}

// WithPIIDeadline sets how long the PII verification (callback 4) and the
// notifications may take. Default 10 s.
func WithPIIDeadline(d time.Duration) CallbackOption {
	return func(c *callbackConfig) error {
		if d <= 0 {
			return &ConfigError{Option: "WithPIIDeadline", Reason: fmt.Sprintf("%v is not positive", d)}
		}
		c.piiDeadline = d
		return nil
	}
}

// WithCallbackMaxBody sets the largest body read, in bytes (default
// 256 KiB). Larger bodies are answered with HTTP 413.
func WithCallbackMaxBody(n int64) CallbackOption {
	return func(c *callbackConfig) error {
		if n < 1024 {
			return &ConfigError{Option: "WithCallbackMaxBody", Reason: fmt.Sprintf("%d bytes is too small for any callback", n)}
		}
		c.maxBody = n
		return nil
	}
}

// WithCallbackLogger logs one line per callback: type, the verifyStatus
// answered and the duration — never PII, bodies, requestIds, addresses or
// txIds — and one line per refused request with the reason. Nil (the
// default) is silent.
func WithCallbackLogger(l *slog.Logger) CallbackOption {
	return func(c *callbackConfig) error {
		c.logger = l
		return nil
	}
}

// WithAllowedSources authenticates callbacks by their source address: only
// connections whose peer address lies in one of the prefixes are served;
// others are answered HTTP 403 before their body is read.
// GTRCallbackSources returns GTR's published egress addresses. At least one
// prefix is required.
//
// Given alone, the allow-list replaces the default client-certificate
// requirement; add WithRequireClientCert to require both. The peer is the
// TCP connection's: behind a proxy it is the proxy, so check sources at the
// proxy instead.
func WithAllowedSources(prefixes ...netip.Prefix) CallbackOption {
	return func(c *callbackConfig) error {
		if len(prefixes) == 0 {
			return &ConfigError{Option: "WithAllowedSources", Reason: "no prefixes"}
		}
		for _, p := range prefixes {
			if !p.IsValid() {
				return &ConfigError{Option: "WithAllowedSources", Reason: "invalid prefix"}
			}
			c.allowed = append(c.allowed, p.Masked())
		}
		return nil
	}
}

// WithRequireClientCert answers HTTP 403 to any request that did not arrive
// over TLS with a verified client certificate, before its body is read. It
// is the default when neither WithAllowedSources nor
// WithoutCallbackAuthentication is given; name it to require a certificate
// in addition to WithAllowedSources. Which certificates verify is decided
// by the server's tls.Config: serve with CallbackTLSConfig and GTR's
// truststore.
func WithRequireClientCert() CallbackOption {
	return func(c *callbackConfig) error {
		c.requireCert = true
		return nil
	}
}

// WithoutCallbackAuthentication serves every caller without authenticating
// it: no client certificate and no source address is checked. It is for one
// deployment only: the handler sits behind a reverse proxy or load
// balancer that terminates TLS and has itself verified GTR's client
// certificate against client-truststore.pem (and, ideally, GTR's source
// addresses), and nothing but that proxy can reach the handler.
//
// Anywhere else it is dangerous: any caller could use callback 6 to learn
// which addresses belong to our customers, or send a callback 4 sealed to
// our public key and receive our customer's data sealed to a key of its
// own. It cannot be combined with WithRequireClientCert or
// WithAllowedSources.
func WithoutCallbackAuthentication() CallbackOption {
	return func(c *callbackConfig) error {
		c.noAuth = true
		return nil
	}
}

// WithVASPCodes lists our VASP codes: a callback whose invokeVaspCode is
// set and not among them is answered 100030 (unknown entity). Default: any.
func WithVASPCodes(codes ...string) CallbackOption {
	return func(c *callbackConfig) error {
		if c.vaspCodes == nil {
			c.vaspCodes = make(map[string]bool, len(codes))
		}
		for _, code := range codes {
			if code == "" {
				return &ConfigError{Option: "WithVASPCodes", Reason: "empty code"}
			}
			c.vaspCodes[code] = true
		}
		return nil
	}
}

// OnAddressCheck handles callback 6 (pre-transaction address verification).
// Without it, callback 6 is answered 100030 (unsupported).
func OnAddressCheck(fn func(ctx context.Context, c *AddressCheck) (CheckAnswer, error)) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnAddressCheck", Reason: "nil function"}
		}
		c.onAddress = fn
		return nil
	}
}

// OnTxIDCheck handles callback 9 (post-transaction txId verification).
// Without it, callback 9 is answered 100030.
func OnTxIDCheck(fn func(ctx context.Context, c *TxIDCheck) (CheckAnswer, error)) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnTxIDCheck", Reason: "nil function"}
		}
		c.onTxID = fn
		return nil
	}
}

// OnAddressRouting handles callback 10 (address routing). Without it,
// callback 10 is answered 100002 "address is not found", as GTR documents
// for VASPs that do not support routing.
func OnAddressRouting(fn func(ctx context.Context, r *AddressRouting) (AddressRoutingAnswer, error)) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnAddressRouting", Reason: "nil function"}
		}
		c.onRouting = fn
		return nil
	}
}

// OnPIIVerify handles callback 4 (PII verification). The handler opens the
// PII before calling fn and seals the answer's Identity after. Without it,
// callback 4 is answered 100030.
func OnPIIVerify(fn func(ctx context.Context, v *PIIVerification) (PIIVerifyAnswer, error)) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnPIIVerify", Reason: "nil function"}
		}
		c.onPII = fn
		return nil
	}
}

// OnNotification handles the notifications: *TxIDNotice (7), *StageResult
// (13), *PIIResult (15), *PreflightResult (16) and *TravelRuleEnded (17).
// Return nil to acknowledge (100000). Without it they are answered 100030.
// GTR may deliver a callback more than once: make fn idempotent per
// RequestID and Type.
func OnNotification(fn func(ctx context.Context, n Notification) error) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnNotification", Reason: "nil function"}
		}
		c.onNotification = fn
		return nil
	}
}

// OnCallbackError is called when a callback could not be answered as the
// user function wanted: the function returned an error, panicked
// (ErrCallbackPanic), was late (ErrCallbackTimeout), or the PII could not be
// opened or sealed. It is the place to log err, which may hold what the
// function put in it; the handler itself never logs error texts.
func OnCallbackError(fn func(ctx context.Context, c Callback, err error)) CallbackOption {
	return func(c *callbackConfig) error {
		if fn == nil {
			return &ConfigError{Option: "OnCallbackError", Reason: "nil function"}
		}
		c.onError = fn
		return nil
	}
}
