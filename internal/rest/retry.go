package rest

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Class is how a request may be retried. See the package doc.
type Class int

const (
	// Safe: a read; retried on transport errors, 429 and 5xx.
	Safe Class = iota + 1
	// Keyed: the server deduplicates by a key in the request; retried
	// like Safe, with Meta.Replayed telling the caller an earlier
	// attempt may have been stored.
	Keyed
	// Ambiguous: the server cannot take the request twice; retried only
	// when it provably never reached the server.
	Ambiguous
)

func (c Class) String() string {
	switch c {
	case Safe:
		return "safe"
	case Keyed:
		return "keyed"
	case Ambiguous:
		return "ambiguous"
	}
	return "class(" + strconv.Itoa(int(c)) + ")"
}

// retryableStatus reports the statuses a Safe or Keyed request retries:
// 429 and the 5xx a retry can cure.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// backoffWait is a jittered exponential backoff: a random wait between
// half and all of min·2^n, capped at max.
func backoffWait(min, max time.Duration, n int) time.Duration {
	d := min
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	half := d / 2
	return half + rand.N(half+1)
}

// retryAfter reads a 429 or 503 Retry-After (seconds or an HTTP date),
// capped at limit. Zero when absent or unreadable.
func retryAfter(resp *http.Response, limit time.Duration) time.Duration {
	if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return 0
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		if s > int64(limit/time.Second)+1 {
			return limit
		}
		d = time.Duration(s) * time.Second
	} else if allDigits(v) {
		return limit // too large for an int64: wait the longest we allow
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	} else {
		return 0
	}
	if d <= 0 {
		return 0
	}
	if d > limit {
		d = limit
	}
	return d
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// DefaultBudgetTokens is the default retry budget: 100 retries when full.
const DefaultBudgetTokens = 100

const (
	retryCost     = 5
	successRefund = 1
)

// Budget limits retries across every call of a client, so a failing
// provider is not hit by a retry storm: each retry costs 5 units, each
// successful call returns 1, up to the capacity. When the budget is empty
// calls fail after their first attempt until successes refill it.
type Budget struct {
	mu     sync.Mutex
	tokens int
	max    int
}

// NewBudget returns a budget that allows retries retries when full.
func NewBudget(retries int) *Budget {
	if retries < 0 {
		retries = 0
	}
	return &Budget{tokens: retries * retryCost, max: retries * retryCost}
}

func (b *Budget) take() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < retryCost {
		return false
	}
	b.tokens -= retryCost
	return true
}

func (b *Budget) refund() {
	b.mu.Lock()
	if b.tokens < b.max {
		b.tokens += successRefund
	}
	b.mu.Unlock()
}

// Available reports how many retries the budget allows now.
func (b *Budget) Available() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens / retryCost
}
