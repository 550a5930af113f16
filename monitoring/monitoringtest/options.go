package monitoringtest

import (
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
)

// Default credentials the server accepts and Server.ClientOptions uses.
const (
	DefaultAppToken  = "sbx:monitoringtest.token"
	DefaultSecretKey = "monitoringtest-secret-key"
	// DefaultClientID is the clientId the server reports.
	DefaultClientID = "vaspkit-test"
)

// Option configures a Server.
type Option func(*Server)

// WithAppToken makes the server accept this app token and secret (in
// addition to the defaults when called more than once).
func WithAppToken(token, secret string) Option {
	return func(s *Server) {
		if !s.customTokens {
			s.tokens = map[string]string{}
			s.customTokens = true
		}
		s.tokens[token] = secret
	}
}

// WithClock sets the server's clock, used for the signature time window and
// for createdAt (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// WithMaxSkew sets how far X-App-Access-Ts may be from the server's clock
// (default one minute, as Sumsub; 0 or less turns the check off).
func WithMaxSkew(d time.Duration) Option {
	return func(s *Server) { s.skew = d }
}

// WithRule adds a scoring rule. Rules run in order on every stored
// transaction; the strongest action among those that match decides the
// review (reject → completed RED; awaitUser → awaitingUser; onHold →
// onHold; otherwise completed GREEN) and their scores add up.
func WithRule(r Rule) Option {
	return func(s *Server) {
		if r != nil {
			s.rules = append(s.rules, r)
		}
	}
}

// WithWebhook sends signed webhooks to url (POST, X-Payload-Digest and
// X-Payload-Digest-Alg over the raw body, keyed with secret). Deliveries
// happen before the triggering request is answered, so tests see them in
// order; failures are recorded in Deliveries, never retried.
func WithWebhook(url, secret string, alg monitoring.DigestAlgorithm) Option {
	return func(s *Server) {
		s.hook = &webhookTarget{url: url, secret: secret, alg: alg}
	}
}

// WithWebhookHandler delivers signed webhooks to h in process, as
// WithWebhook does over HTTP.
func WithWebhookHandler(h http.Handler, secret string, alg monitoring.DigestAlgorithm) Option {
	return func(s *Server) {
		s.hook = &webhookTarget{handler: h, secret: secret, alg: alg}
	}
}

// WithFaults injects faults from the start (see Fault; Server.InjectFault
// adds more at run time). NewServer fails on an invalid fault.
func WithFaults(faults ...fakefault.Fault) Option {
	return func(s *Server) { s.faultOpts = append(s.faultOpts, faults...) }
}

// WithSeed seeds the generator behind Fault.Rate (default 1), so a fault
// schedule repeats.
func WithSeed(seed uint64) Option {
	return func(s *Server) { s.seed = seed }
}

// WithLatency delays every answer by d.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency = d }
}

// WithTLS serves HTTPS (Sumsub refuses plain HTTP); Server.HTTPClient
// trusts the test certificate.
func WithTLS() Option {
	return func(s *Server) { s.tls = true }
}

// WithApplicant registers an applicant Sumsub knows, with Sumsub's
// applicant id and our externalUserId, as after its KYC: SubmitForApplicant
// and import records name it by applicantID. AddApplicant does the same
// with an id the server chooses.
func WithApplicant(applicantID string, externalUserID string) Option {
	return func(s *Server) {
		if applicantID != "" {
			s.knownApplicants = append(s.knownApplicants, [2]string{string(applicantID), externalUserID})
		}
	}
}

// WithVASP adds an entry to the server's VASP directory, which lists
// SandboxTestVASP by default.
func WithVASP(id, name string) Option {
	return func(s *Server) {
		if id != "" {
			s.vasps = append(s.vasps, vaspEntry{id: id, name: name})
		}
	}
}

// WithCurrency adds a currency the server lists under ct (monitoring.Crypto
// or monitoring.Fiat), with the chain of a token on another chain's
// network ("" for native coins and fiat). By default it lists ETH, BTC,
// USDT on ETH and on TRX, USD, EUR, GBP and MKD.
func WithCurrency(ct monitoring.CurrencyType, code, chain string) Option {
	return func(s *Server) {
		if code != "" {
			s.currencies[string(ct)] = append(s.currencies[string(ct)], currencyEntry{code: code, chain: chain})
		}
	}
}

// WithTravelRuleSDKDisabled answers POST /resources/tr/sdk/init with
// Sumsub's documented 403 "You don't have this feature enabled, please
// contact us".
func WithTravelRuleSDKDisabled() Option {
	return func(s *Server) { s.noTravelRuleSDK = true }
}
