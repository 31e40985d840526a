package api

import (
	"context"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/store"
)

// Operational events (package opevent) are emitted after the change they
// report, off the path of the request or attempt that made it: queued in
// memory and stored by one worker, a tenant's at a time, like events a
// platform sends. Their ids are derived from what they report, so the
// same report twice (two nodes, a retry) is stored once; a crash between
// a change and its event's commit loses the event (at most once).

// maxQueuedReports bounds the operational events waiting to be stored; a
// report beyond it is dropped, counted and logged, rather than letting an
// outage of every endpoint grow memory without bound.
const maxQueuedReports = 10000

// reportBatch bounds the events stored in one transaction.
const reportBatch = 100

// report queues an operational event about tenant's endpoint or delivery:
// for the tenant itself, and a copy for the operator's tenant when one is
// set. Events no endpoint subscribes to are not stored at all.
func (s *Server) report(tenant string, build func(tenant string) *herald.Event) {
	evs := []*herald.Event{build(tenant)}
	if op := s.cfg.OperatorTenant; op != "" && op != tenant {
		evs = append(evs, build(op))
	}
	s.reports.mu.Lock()
	defer s.reports.mu.Unlock()
	for _, ev := range evs {
		if len(s.reports.queue) >= maxQueuedReports {
			s.reports.dropped.Inc()
			if ok, n := s.logLimit.Allow("reports dropped", s.now()); ok {
				s.log.Warn("too many operational events waiting to be stored; dropping", "type", ev.Type, "tenant", ev.TenantID, "similar_not_logged", n)
			}
			continue
		}
		s.reports.queue = append(s.reports.queue, ev)
	}
	if !s.reports.running && len(s.reports.queue) > 0 {
		s.reports.running = true
		s.reports.wg.Go(s.storeReports)
	}
}

// storeReports stores queued operational events until none is left.
func (s *Server) storeReports() {
	for {
		s.reports.mu.Lock()
		if len(s.reports.queue) == 0 {
			s.reports.running = false
			s.reports.mu.Unlock()
			return
		}
		// One tenant's events, in their order, up to a batch.
		tenant := s.reports.queue[0].TenantID
		var batch, rest []*herald.Event
		for _, ev := range s.reports.queue {
			if ev.TenantID == tenant && len(batch) < reportBatch {
				batch = append(batch, ev)
			} else {
				rest = append(rest, ev)
			}
		}
		s.reports.queue = rest
		s.reports.mu.Unlock()
		s.storeReportBatch(tenant, batch)
	}
}

func (s *Server) storeReportBatch(tenant string, batch []*herald.Event) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.RequestTimeout)
	defer cancel()
	eps, err := s.cfg.Endpoints.Lookup(ctx, tenant)
	if err != nil {
		s.log.Error("reading the endpoints that subscribe to operational events failed; dropping them", "tenant", tenant, "count", len(batch), "err", err)
		return
	}
	var wanted []*herald.Event
	for _, ev := range batch {
		for _, ep := range eps {
			if herald.Matches(ep, ev) {
				wanted = append(wanted, ev)
				break
			}
		}
	}
	if len(wanted) == 0 {
		return
	}
	if _, err := s.cfg.Intake.Accept(ctx, wanted); err != nil {
		s.log.Error("storing operational events failed; dropping them", "tenant", tenant, "count", len(wanted), "err", err)
	}
}

// DrainReports waits until the operational events queued so far are
// stored, or ctx is done.
func (s *Server) DrainReports(ctx context.Context) {
	done := make(chan struct{})
	go func() { s.reports.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// reportEndpoint queues an endpoint.* event about ep, at at.
func (s *Server) reportEndpoint(typ string, ep *herald.Endpoint, reason string, at time.Time) {
	if ep.JobID != "" {
		return // a job's callback is not an endpoint of the tenant's
	}
	d := opevent.Endpoint{TenantID: ep.TenantID, EndpointID: ep.ID, URL: ep.URL, Description: ep.Description, Reason: reason, At: at}
	s.report(ep.TenantID, func(tenant string) *herald.Event { return opevent.ForEndpoint(tenant, typ, d) })
}

// EndpointDisabled reports an endpoint the engine's outcomes disabled (a
// 410, or too many failed deliveries in a row) with endpoint.disabled.
func (s *Server) EndpointDisabled(d store.Disabled) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.RequestTimeout)
	defer cancel()
	ep, err := s.cfg.Store.FindEndpointByID(ctx, "", d.EndpointID)
	if err != nil {
		if herald.ErrorCode(err) != herald.ENOTFOUND {
			s.log.Error("reading a disabled endpoint failed; its endpoint.disabled event is not sent", "endpoint", d.EndpointID, "err", err)
		}
		return
	}
	s.reportEndpoint(opevent.EndpointDisabled, ep, d.Reason, d.At)
}

// DeliveryReport reports what an attempt showed of its delivery
// (opevent.AfterAttempt): delivery.failing, .exhausted or .recovered.
// The engine calls it.
func (s *Server) DeliveryReport(typ string, d opevent.Delivery) {
	s.report(d.TenantID, func(tenant string) *herald.Event { return opevent.ForDelivery(tenant, typ, d) })
}
