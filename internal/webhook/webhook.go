// Package webhook is the one HTTP handler behind monitoring's and
// travelrule's WebhookHandler: POST only, a bounded body, the provider's
// signature checked before anything is parsed, the user's function called
// once per verified event, and answers that name no detail of the request.
package webhook

import (
	"context"
	"io"
	"net/http"
)

// Handler serves one provider's webhooks. verify checks the signature over
// the exact body bytes and headers; parse decodes a verified body; fn
// receives each event. A body over maxBody bytes is refused unread beyond
// the limit. verify, parse and fn must not be nil.
func Handler[E any](maxBody int64, verify func(body []byte, h http.Header) error, parse func(body []byte) (E, error), fn func(context.Context, E) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		switch {
		case err != nil:
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		case int64(len(body)) > maxBody:
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := verify(body, r.Header); err != nil {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		ev, err := parse(body)
		if err != nil {
			http.Error(w, "invalid payload", http.StatusBadRequest)
			return
		}
		if err := fn(r.Context(), ev); err != nil {
			http.Error(w, "handler failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
