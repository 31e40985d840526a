package delivery

import (
	"context"
	"time"

	"github.com/heraldhq/herald/backoff"
	"github.com/heraldhq/herald/store"
)

// claimBatch bounds one claim, so that one poll's transaction stays short.
const claimBatch = 500

// schedule claims due deliveries from the store: retries, deliveries whose
// owner died, and those created while memory was full. It sleeps until the
// earliest of: the poll interval, the next due time the store knows of, and
// a retry this node scheduled.
func (e *Engine) schedule() {
	defer e.loops.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-e.stopLoops; cancel() }()
	timer := time.NewTimer(0)
	defer timer.Stop()
	var failing backoff.Backoff
	failing.Max = e.cfg.PollInterval * 30
	for {
		select {
		case <-e.stopLoops:
			return
		case <-timer.C:
		case <-e.wake:
		}
		if e.Ready() != nil {
			if err := e.cfg.Store.ReleaseLeases(ctx, e.cfg.NodeID, nil, e.cfg.Now()); err != nil {
				if ctx.Err() == nil {
					e.logStoreError("handing back the leases of a previous run failed; will try again", err)
				}
				timer.Reset(failing.Failure())
				continue
			}
			failing.Success()
			close(e.released)
		}
		more, err := e.claimOnce(ctx)
		if err != nil {
			// A store that fails (full, down) is asked again later and
			// later, not in a loop as fast as the core allows.
			timer.Reset(failing.Failure())
			continue
		}
		failing.Success()
		wait := e.cfg.PollInterval
		if more {
			wait = 0
		} else if next, ok, err := e.cfg.Store.NextDueAt(ctx); err == nil && ok && next.After(e.cfg.Now()) {
			// A delivery due already, after a claim that took all it
			// could, belongs to an endpoint at its share, which the claim
			// passed over: waking for it at once would claim in a loop,
			// holding the store's writer. Such endpoints wake the
			// scheduler as they drop below their shares (fast ones) or
			// wait for the poll (slow ones).
			wait = min(wait, next.Sub(e.cfg.Now()))
		}
		e.mu.Lock()
		if !e.nextWake.IsZero() {
			wait = min(wait, max(0, e.nextWake.Sub(e.cfg.Now())))
		}
		e.mu.Unlock()
		timer.Reset(wait)
	}
}

// claimOnce claims as much due work as fits in memory and reports whether
// there may be more due right now, or the store's error. Deliveries of
// deferred fan-outs come first: each claim writes up to claimBatch of
// them, leased to this node within its room (born due past it), so that
// the store's writer takes a large fan-out in chunks between outcomes.
func (e *Engine) claimOnce(ctx context.Context) (bool, error) {
	now := e.cfg.Now()
	e.mu.Lock()
	if !e.nextWake.IsZero() && !e.nextWake.After(now) {
		e.nextWake = time.Time{}
	}
	room := max(0, min(e.cfg.MaxHeld-e.held, claimBatch))
	e.held += room // reserve while the claim runs
	skip := e.saturatedLocked()
	e.mu.Unlock()
	leaseUntil := now.Add(e.cfg.LeaseDuration)
	tasks, pending, err := e.cfg.Store.ExpandFanouts(ctx, store.Expansion{Owner: e.cfg.NodeID, Now: now, LeaseUntil: leaseUntil,
		Limit: claimBatch, Leased: room, Skip: skip})
	if err != nil {
		e.Unreserve(room)
		if ctx.Err() == nil {
			e.logStoreError("writing the deliveries of a large fan-out failed; will try again", err)
		}
		return false, err
	}
	more := pending
	if left := room - len(tasks); left > 0 {
		claimed, err := e.cfg.Store.ClaimDeliveries(ctx, e.cfg.NodeID, now, leaseUntil, left, skip)
		if err != nil {
			e.Unreserve(room - e.dispatchWithinShares(ctx, tasks, now))
			if ctx.Err() == nil {
				e.logStoreError("claiming due deliveries failed; will try again", err)
			}
			return false, err
		}
		tasks = append(tasks, claimed...)
		more = more || len(claimed) == left
		if !more {
			// Nothing due was left behind but what the claim passed over.
			e.mu.Lock()
			e.sweptAt = now
			e.mu.Unlock()
		}
	} else if room == 0 && !pending {
		e.mu.Lock()
		e.starved = true
		e.mu.Unlock()
	}
	kept := e.dispatchWithinShares(ctx, tasks, now)
	e.Unreserve(room - kept)
	return more, nil
}

// dispatchWithinShares hands the engine the tasks their endpoints have
// room for and the store back the rest, and returns how many it kept.
func (e *Engine) dispatchWithinShares(ctx context.Context, tasks []*store.Task, now time.Time) int {
	keep, excess := e.withinShares(tasks)
	if len(excess) > 0 {
		// An endpoint that had room when the claim began can be handed
		// more than its share by it: the rest goes back, due, and the
		// endpoint, saturated now, is passed over by the next claims.
		ids := make([]string, len(excess))
		for i, t := range excess {
			ids[i] = t.DeliveryID
		}
		if err := e.cfg.Store.ReleaseLeases(ctx, e.cfg.NodeID, ids, now); err != nil && ctx.Err() == nil {
			e.logStoreError("handing back deliveries beyond an endpoint's share failed; they wait for their lease", err)
		}
	}
	e.Dispatch(keep)
	return len(keep)
}

// withinShares splits claimed tasks, in their order, into those their
// endpoints have room for within their shares of memory, and the rest.
func (e *Engine) withinShares(tasks []*store.Task) (keep, excess []*store.Task) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.memoryLocked()
	taken := make(map[string]int)
	for _, t := range tasks {
		h, held := e.healthLocked(t.EndpointID)
		if m.Full(held+taken[t.EndpointID], h.Slow) {
			excess = append(excess, t)
			continue
		}
		if held+taken[t.EndpointID] == 0 {
			m.Endpoints++
			if h.Slow {
				m.Slow++
			}
		}
		if h.Slow {
			m.SlowHeld++
		}
		taken[t.EndpointID]++
		keep = append(keep, t)
	}
	return keep, excess
}

// keepLeases extends this node's leases while it holds deliveries, three
// times per lease so that one slow write does not lose them. On the same
// tick it forgets the health of endpoints idle for healthMemory, a sweep
// that needs no timer of its own.
func (e *Engine) keepLeases() {
	defer e.loops.Done()
	tick := time.NewTicker(e.cfg.LeaseDuration / 3)
	defer tick.Stop()
	for {
		select {
		case <-e.stopLoops:
			return
		case <-tick.C:
		}
		e.forgetHealth()
		ids := e.heldIDs()
		if len(ids) == 0 {
			continue
		}
		if err := e.cfg.Store.ExtendLeases(context.Background(), e.cfg.NodeID, ids, e.LeaseUntil()); err != nil {
			e.logStoreError("extending leases failed; deliveries may be attempted twice", err)
		}
	}
}
