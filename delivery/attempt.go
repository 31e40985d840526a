package delivery

import (
	"context"
	"sync"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// storeRetryDelay is how soon a delivery is tried again when the engine
// could not even read its endpoint.
const storeRetryDelay = 5 * time.Second

func (e *Engine) attempt(t *store.Task) {
	defer e.finished(t)
	now := e.cfg.Now()
	c := store.Completion{DeliveryID: t.DeliveryID, Owner: e.cfg.NodeID}
	ep, keys, err := e.endpoints.get(e.attemptCtx, t.EndpointID)
	switch {
	case herald.ErrorCode(err) == herald.ENOTFOUND:
		return // deleted with its deliveries: nothing left to record
	case err != nil:
		e.log.Error("cannot read endpoint; will retry the delivery", "endpoint", t.EndpointID, "delivery", t.DeliveryID, "err", err)
		c.Status, c.NextAttemptAt = herald.DeliveryPending, now.Add(storeRetryDelay)
		e.completer.add(c)
		return
	case ep.Disabled:
		c.Status = herald.DeliveryPaused
		e.completer.add(c)
		return
	}
	res := e.cfg.Sender.Send(e.attemptCtx, sender.Request{
		URL:     ep.URL,
		Headers: ep.Headers,
		MsgID:   t.Event.ID,
		Body:    sender.StandardBody(t.Event),
		Keys:    keys.at(now),
	})
	if e.attemptCtx.Err() != nil {
		// Cancelled by a stop that ran out of time: the receiver may or may
		// not have it. Hand the delivery back; at-least-once allows the
		// duplicate, losing it would not be allowed.
		c.Status, c.NextAttemptAt = herald.DeliveryPending, e.cfg.Now()
		e.completer.add(c)
		return
	}
	d := retry.Decide(ep.Policy(), t.Attempts, retry.Outcome{
		StatusCode: res.StatusCode, Err: res.Err, Blocked: res.Blocked, RetryAfter: res.RetryAfter,
	}, e.cfg.Rand)
	c.Attempt = &herald.Attempt{
		ID:           herald.NewID(herald.PrefixAttempt),
		DeliveryID:   t.DeliveryID,
		StartedAt:    res.StartedAt,
		Duration:     res.Duration,
		StatusCode:   res.StatusCode,
		ResponseBody: res.Body,
		Error:        res.Err,
		Trigger:      t.Trigger,
	}
	switch d.Verdict {
	case retry.Succeed:
		c.Status = herald.DeliverySucceeded
	case retry.Retry:
		c.Status = herald.DeliveryPending
		c.NextAttemptAt = res.StartedAt.Add(res.Duration).Add(d.Delay)
	default:
		c.Status = herald.DeliveryFailed
		if c.Attempt.Error == "" {
			c.Attempt.Error = d.Reason
		}
	}
	if d.DisableEndpoint {
		c.DisableEndpoint = d.Reason
	}
	e.log.Debug("attempt", "delivery", t.DeliveryID, "endpoint", ep.ID, "status", res.StatusCode,
		"error", res.Err, "verdict", d.Verdict.String(), "delay", d.Delay)
	e.completer.add(c)
	if d.DisableEndpoint {
		e.endpoints.invalidate(ep.ID)
	}
	if d.Verdict == retry.Retry {
		e.wakeAt(c.NextAttemptAt)
	}
}

// endpointKeys are an endpoint's decoded signing keys.
type endpointKeys struct {
	current, previous []byte
	previousUntil     time.Time
}

func (k endpointKeys) at(now time.Time) [][]byte {
	if k.previous != nil && now.Before(k.previousUntil) {
		return [][]byte{k.current, k.previous}
	}
	return [][]byte{k.current}
}

// endpointCache keeps endpoints' settings and decoded keys for a short
// while, so that a burst of deliveries to one endpoint reads it once.
type endpointCache struct {
	store store.Store
	ttl   time.Duration
	now   func() time.Time

	mu      sync.Mutex
	entries map[string]*cachedEndpoint
}

type cachedEndpoint struct {
	ep       *herald.Endpoint
	keys     endpointKeys
	loadedAt time.Time
}

func newEndpointCache(s store.Store, ttl time.Duration, now func() time.Time) *endpointCache {
	return &endpointCache{store: s, ttl: ttl, now: now, entries: make(map[string]*cachedEndpoint)}
}

func (c *endpointCache) get(ctx context.Context, id string) (*herald.Endpoint, endpointKeys, error) {
	now := c.now()
	c.mu.Lock()
	ce := c.entries[id]
	c.mu.Unlock()
	if ce != nil && now.Sub(ce.loadedAt) < c.ttl {
		return ce.ep, ce.keys, nil
	}
	ep, err := c.store.FindEndpointByID(ctx, "", id)
	if err != nil {
		c.invalidate(id)
		return nil, endpointKeys{}, err
	}
	ce = &cachedEndpoint{ep: ep, loadedAt: now}
	if ce.keys.current, err = signing.DecodeSecret(ep.Secret); err != nil {
		return nil, endpointKeys{}, err
	}
	if ep.PreviousSecret != "" {
		if ce.keys.previous, err = signing.DecodeSecret(ep.PreviousSecret); err != nil {
			return nil, endpointKeys{}, err
		}
		ce.keys.previousUntil = ep.PreviousSecretExpiresAt
	}
	c.mu.Lock()
	if len(c.entries) > 100000 {
		clear(c.entries) // bounded memory beats a perfect hit rate
	}
	c.entries[id] = ce
	c.mu.Unlock()
	return ep, ce.keys, nil
}

func (c *endpointCache) invalidate(id string) {
	c.mu.Lock()
	delete(c.entries, id)
	c.mu.Unlock()
}
