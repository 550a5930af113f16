package travelruletest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/vaspkit/vaspkit/internal/jsonx"
	"github.com/vaspkit/vaspkit/travelrule"
)

// Delivery is one webhook SendWebhook delivered, or tried to.
type Delivery struct {
	Body      []byte
	Signature string
	Attempts  int
	// Status is the last answer's status; 0 when the last attempt got
	// none.
	Status    int
	Delivered bool
}

// ErrNoWebhookTarget: SendWebhook without WithWebhookURL or
// WithWebhookHandler.
var ErrNoWebhookTarget = errors.New("travelruletest: no webhook URL or handler configured")

// ErrNotDelivered: every attempt of a webhook failed or got a non-2xx
// answer.
var ErrNotDelivered = errors.New("travelruletest: webhook not delivered")

// Deliveries returns the webhooks sent so far.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Delivery, len(s.deliveries))
	copy(out, s.deliveries)
	return out
}

// SendWebhook sends payload as Striga sends a webhook: a POST whose
// "signature" header is the hex HMAC-SHA256 of the body keyed with the
// application's API key, resent up to 5 times (WithWebhookRetries) until
// the receiver answers 2xx. payload is sent as is when it is []byte or
// json.RawMessage, and encoded as JSON.stringify writes it otherwise — a
// travelrule.DepositEvent, for example.
func (s *Server) SendWebhook(ctx context.Context, payload any) (*Delivery, error) {
	var body []byte
	switch p := payload.(type) {
	case []byte:
		body = p
	case json.RawMessage:
		body = p
	default:
		b, err := jsonx.Marshal(payload)
		if err != nil {
			return nil, fmt.Errorf("travelruletest: encode webhook: %w", err)
		}
		body = b
	}
	if s.cfg.webhookURL == "" && s.cfg.webhookHandler == nil {
		return nil, ErrNoWebhookTarget
	}
	d := Delivery{Body: body, Signature: webhookSignature(body, s.APIKey)}
	for attempt := 0; attempt <= s.cfg.webhookRetries; attempt++ {
		if attempt > 0 && s.cfg.webhookRetryWait > 0 {
			t := time.NewTimer(s.cfg.webhookRetryWait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				s.addDelivery(d)
				return &d, ctx.Err()
			}
		}
		d.Attempts++
		d.Status = s.deliver(ctx, body, d.Signature)
		if d.Status >= 200 && d.Status <= 299 {
			d.Delivered = true
			break
		}
		if ctx.Err() != nil {
			break
		}
	}
	s.addDelivery(d)
	if !d.Delivered {
		return &d, ErrNotDelivered
	}
	return &d, nil
}

func (s *Server) addDelivery(d Delivery) {
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}

// deliver makes one attempt and returns the status, 0 on failure.
func (s *Server) deliver(ctx context.Context, body []byte, sig string) int {
	if s.cfg.webhookHandler != nil {
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(travelrule.WebhookSignatureHeader, sig)
		rec := httptest.NewRecorder()
		s.cfg.webhookHandler.ServeHTTP(rec, req)
		return rec.Code
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.webhookURL, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(travelrule.WebhookSignatureHeader, sig)
	resp, err := webhookClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode
}

var webhookClient = &http.Client{Timeout: 10 * time.Second}
