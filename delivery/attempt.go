package delivery

import (
	"cmp"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/lane"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/tracing"
	"github.com/heraldhq/herald/wire"
)

// storeRetryDelay is how soon a delivery is tried again when the engine
// could not even read its endpoint.
const storeRetryDelay = 5 * time.Second

func (e *Engine) attempt(t *store.Task) {
	var seen *lane.Outcome  // what the attempt showed of its endpoint, if one was made
	var retryAt time.Time   // when it is to be tried again, if it is
	var waitUntil time.Time // when it may go, if its endpoint's rate limit held it back
	defer func() {
		if !waitUntil.IsZero() {
			e.wait(t, waitUntil)
			return
		}
		e.finished(t, seen, retryAt)
	}()
	now := e.cfg.Now()
	c := store.Completion{DeliveryID: t.DeliveryID, EndpointID: t.EndpointID, Owner: e.cfg.NodeID}
	ep, err := e.cfg.Endpoints.Get(e.attemptCtx, t.EndpointID)
	var req sender.Request
	if err == nil {
		req, err = request(ep, t.Event, now)
	}
	switch {
	case herald.ErrorCode(err) == herald.ENOTFOUND:
		return // deleted with its deliveries: nothing left to record
	case err != nil:
		e.log.Error("cannot read endpoint; will retry the delivery", "endpoint", t.EndpointID, "delivery", t.DeliveryID, "err", err)
		c.Status, c.NextAttemptAt = herald.DeliveryPending, now.Add(storeRetryDelay)
		e.completer.record(c)
		return
	case !ep.Active():
		c.Status = herald.DeliveryPaused
		e.metrics.attempt("paused", 0)
		e.completer.record(c)
		return
	}
	c.Ordered = ep.Ordering == herald.OrderingFIFO
	if ep.RateLimit != nil {
		ok, next, err := e.takeSlot(ep, now)
		switch {
		case err != nil && e.attemptCtx.Err() == nil:
			e.logStoreError("taking a send slot of a rate-limited endpoint failed; will retry the delivery", err, "endpoint", ep.ID)
			c.Status, c.NextAttemptAt = herald.DeliveryPending, now.Add(storeRetryDelay)
			e.completer.record(c)
			return
		case err != nil: // a stop ran out of time
			c.Status, c.NextAttemptAt = herald.DeliveryPending, now
			e.completer.record(c)
			return
		case !ok:
			// Not an attempt: the delivery waits in memory, its lease
			// kept, and its endpoint's other deliveries with it.
			e.metrics.throttled()
			waitUntil = next
			return
		}
	}
	span := e.cfg.Tracer.StartAttempt(t.Event.TraceParent, tracing.Attempt{TenantID: ep.TenantID, EndpointID: ep.ID,
		DeliveryID: t.DeliveryID, EventID: t.Event.ID, EventType: t.Event.Type, Number: t.Attempts + 1, Trigger: string(t.Trigger), URL: req.URL})
	if ep.SendTraceparent {
		if tp := cmp.Or(span.TraceParent(), t.Event.TraceParent); tp != "" {
			req.Headers[tracing.Header] = tp
		}
	}
	res := e.cfg.Sender.Send(e.attemptCtx, req)
	if e.attemptCtx.Err() != nil {
		span.End(tracing.Outcome{Err: "cancelled by shutdown", Decision: retry.Decision{Verdict: retry.Retry, Reason: "handed back at shutdown"}}, e.cfg.Now())
		// Cancelled by a stop that ran out of time: the receiver may or may
		// not have it. Hand the delivery back; at-least-once allows the
		// duplicate, losing it would not be allowed.
		c.Status, c.NextAttemptAt = herald.DeliveryPending, e.cfg.Now()
		e.completer.record(c)
		return
	}
	d := retry.Decide(ep.Policy(), t.Attempts, retry.Outcome{
		StatusCode: res.StatusCode, Err: res.Err, Blocked: res.Blocked, RetryAfter: res.RetryAfter,
	}, e.cfg.Rand)
	seen = &lane.Outcome{Duration: res.Duration, OK: d.Verdict == retry.Succeed}
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
	if e.cfg.KeepRequests.keeps(d.Verdict == retry.Succeed) {
		c.Attempt.Request = wire.Sent(req.URL, req.Headers, ep.Headers, req.Body)
	}
	e.metrics.attempt(d.Verdict.String(), res.Duration)
	if res.Blocked {
		// Silent, this reads as deliveries that vanish: after a restart
		// without development flags every loopback endpoint fails so.
		e.metrics.attemptBlocked()
		if ok, n := e.logLimit.Allow("blocked:"+ep.ID, e.cfg.Now()); ok {
			e.log.Warn("attempt blocked by the egress policy; the delivery failed", "tenant", ep.TenantID, "endpoint", ep.ID,
				"delivery", t.DeliveryID, "reason", res.Err, "similar_not_logged", n)
		}
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
	if kind := opevent.AfterAttempt(t.Event.Type, t.Attempts, d.Verdict, e.cfg.FailingAfter); kind != "" && e.cfg.DeliveryReport != nil {
		e.cfg.DeliveryReport(kind, opevent.Delivery{TenantID: ep.TenantID, EndpointID: ep.ID, DeliveryID: t.DeliveryID,
			EventID: t.Event.ID, EventType: t.Event.Type, Attempts: t.Attempts + 1, LastStatusCode: res.StatusCode,
			LastError: c.Attempt.Error, At: res.StartedAt.Add(res.Duration)})
	}
	if hold := ratelimit.Hold(res.StatusCode, res.RetryAfter, retry.MaxRetryAfter); hold > 0 {
		// The receiver asked for a pause: none of the endpoint's
		// deliveries goes before it ends, on this node and (for a
		// rate-limited endpoint, whose slots every node takes from the
		// store) on every node.
		until := res.StartedAt.Add(res.Duration).Add(hold)
		e.hold(ep.ID, until)
		if ep.RateLimit != nil {
			if err := e.cfg.Store.PauseSends(e.attemptCtx, ep.ID, *ep.RateLimit, until); err != nil && e.attemptCtx.Err() == nil {
				e.logStoreError("storing a receiver's Retry-After failed; other nodes may send before it ends", err, "endpoint", ep.ID)
			}
		}
	}
	span.End(tracing.Outcome{StatusCode: res.StatusCode, Err: res.Err, Blocked: res.Blocked, Decision: d}, res.StartedAt.Add(res.Duration))
	e.log.Debug("attempt", "delivery", t.DeliveryID, "endpoint", ep.ID, "status", res.StatusCode,
		"error", res.Err, "verdict", d.Verdict.String(), "delay", d.Delay)
	e.completer.record(c)
	if d.Verdict == retry.Retry {
		retryAt = c.NextAttemptAt
	}
}

// request builds an attempt of ev to ep, as the endpoint's wire settings
// call for.
func request(ep *herald.Endpoint, ev *herald.Event, now time.Time) (sender.Request, error) {
	url, headers, body, err := wire.Build(ep, ev, now)
	return sender.Request{URL: url, Headers: headers, Body: body}, err
}
