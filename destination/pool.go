package destination

import (
	"context"
	"errors"
	"sync"
	"time"
)

// errClosed is returned by a pool that was closed.
var errClosed = errors.New("destination: the publisher is closed")

// conn is what a pool holds: one broker connection.
type conn interface {
	// alive reports whether the connection can still be used; a dead one
	// is dropped and re-dialled on the next publish.
	alive() bool
	// close closes it without waiting on the broker.
	close()
}

// pool keeps one connection per key (a broker URL) for reuse, re-dials
// dead ones, and closes those idle past a bound.
type pool[C conn] struct {
	idle time.Duration
	now  func() time.Time

	mu     sync.Mutex
	conns  map[string]*pooled[C]
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

type pooled[C conn] struct {
	c        C
	inUse    int
	lastUsed time.Time
}

func newPool[C conn](idle time.Duration, now func() time.Time) *pool[C] {
	return &pool[C]{idle: idle, now: now, conns: map[string]*pooled[C]{}, stop: make(chan struct{}), done: make(chan struct{})}
}

// start runs the reaper that closes idle connections, every half of the
// idle bound, until stopped by close.
func (p *pool[C]) start() {
	go func() {
		defer close(p.done)
		t := time.NewTicker(p.idle / 2)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.closeIdle(p.now())
			}
		}
	}()
}

// idleExpired decides whether a connection is to be closed for idleness:
// nothing uses it, and nothing has for longer than the bound.
func idleExpired(inUse int, lastUsed, now time.Time, bound time.Duration) bool {
	return inUse == 0 && now.Sub(lastUsed) > bound
}

// closeIdle closes every connection idle past the bound at now, and
// returns how many it closed.
func (p *pool[C]) closeIdle(now time.Time) int {
	p.mu.Lock()
	var idle []C
	for k, e := range p.conns {
		if idleExpired(e.inUse, e.lastUsed, now, p.idle) {
			idle = append(idle, e.c)
			delete(p.conns, k)
		}
	}
	p.mu.Unlock()
	for _, c := range idle {
		c.close()
	}
	return len(idle)
}

// get returns the live connection for key, dialling one if there is none.
// The dial runs outside the lock, so that a broker that hangs holds no
// other key's publishes; of two dials that race, the first installed is
// kept. release must be called once with whether the connection turned
// out broken, which drops it.
func (p *pool[C]) get(ctx context.Context, key string, dial func(context.Context) (C, error)) (c C, release func(broken bool), err error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return c, nil, errClosed
	}
	e := p.conns[key]
	if e != nil && !e.c.alive() {
		delete(p.conns, key)
		if e.inUse == 0 {
			defer e.c.close()
		}
		e = nil
	}
	if e == nil {
		p.mu.Unlock()
		fresh, err := dial(ctx)
		if err != nil {
			return c, nil, err
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			fresh.close()
			return c, nil, errClosed
		}
		if e = p.conns[key]; e != nil && e.c.alive() {
			defer fresh.close()
		} else {
			e = &pooled[C]{c: fresh}
			p.conns[key] = e
		}
	}
	e.inUse++
	p.mu.Unlock()
	var once sync.Once
	return e.c, func(broken bool) { once.Do(func() { p.release(key, e, broken) }) }, nil
}

func (p *pool[C]) release(key string, e *pooled[C], broken bool) {
	p.mu.Lock()
	e.inUse--
	e.lastUsed = p.now()
	if broken && p.conns[key] == e {
		delete(p.conns, key)
	}
	closeIt := p.conns[key] != e && e.inUse == 0
	p.mu.Unlock()
	if closeIt {
		e.c.close()
	}
}

// close closes every connection and stops the reaper. Connections in use
// are closed too: their publishes fail, retryable.
func (p *pool[C]) close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	conns := p.conns
	p.conns = map[string]*pooled[C]{}
	p.mu.Unlock()
	close(p.stop)
	<-p.done
	for _, e := range conns {
		e.c.close()
	}
}

// size is how many connections the pool holds.
func (p *pool[C]) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}
