package testnet

import (
	"context"
	"sync"
)

// ExpiringContext is a call's context whose deadline is an event, not a
// timer: Expire ends it with context.DeadlineExceeded, as the caller's
// deadline passing at that moment would, so a test of "the deadline passed
// while the server held the answer" does not depend on how busy the
// machine is. Its parent bounds hangs; Deadline is the parent's.
type ExpiringContext struct {
	context.Context
	done chan struct{}
	mu   sync.Mutex
	err  error
	stop func() bool
}

// NewExpiringContext returns a context that ends when Expire is called or
// when parent ends. Call Release when done with it.
func NewExpiringContext(parent context.Context) *ExpiringContext {
	c := &ExpiringContext{Context: parent, done: make(chan struct{})}
	c.stop = context.AfterFunc(parent, func() { c.end(parent.Err()) })
	return c
}

// Done is closed when the context ends.
func (c *ExpiringContext) Done() <-chan struct{} { return c.done }

// Err is nil until the context ends; then context.DeadlineExceeded after
// Expire, or the parent's error.
func (c *ExpiringContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Expire ends the context as its deadline would.
func (c *ExpiringContext) Expire() { c.end(context.DeadlineExceeded) }

// Release stops watching the parent.
func (c *ExpiringContext) Release() { c.stop() }

func (c *ExpiringContext) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
		close(c.done)
	}
}
