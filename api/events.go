package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// eventWithDeliveries is the answer about one event.
type eventWithDeliveries struct {
	*herald.Event
	Deliveries []*herald.Delivery `json:"deliveries"`
}

// createEvent accepts an event and fans it out. The 2xx answer is sent only
// after the event and every delivery are committed to the store.
func (s *Server) createEvent(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		ID       string          `json:"id"`
		Type     string          `json:"type"`
		Data     json.RawMessage `json:"data"`
		Channels []string        `json:"channels"`
	}
	if err := decode(w, r, &in, s.cfg.MaxPayloadBytes); err != nil {
		return err
	}
	if in.Type == "" {
		return errMissing("type", `{"type": "job.completed"}`)
	}
	if err := checkName("type", in.Type); err != nil {
		return err
	}
	data, err := checkData(in.Data)
	if err != nil {
		return err
	}
	if err := checkNames("channels", in.Channels, maxChannels); err != nil {
		return err
	}
	ctx, tenant := r.Context(), r.PathValue("tenant")
	if in.ID != "" {
		if err := checkName("id", in.ID); err != nil {
			return err
		}
	} else {
		in.ID = herald.NewID(herald.PrefixEvent)
	}
	if in.Channels == nil {
		in.Channels = []string{}
	}
	ev := &herald.Event{ID: in.ID, TenantID: tenant, Type: in.Type, Channels: in.Channels, Data: data, CreatedAt: s.now()}
	deliveries, created, err := s.accept(ctx, ev)
	if herald.ErrorCode(err) == herald.ECONFLICT {
		// A cached endpoint was deleted on another node meanwhile: read the
		// endpoints afresh and try once more.
		s.cfg.Endpoints.InvalidateTenant(tenant)
		deliveries, created, err = s.accept(ctx, ev)
	}
	if err != nil {
		return err
	}
	if !created {
		// The same id again: answer with the original, deliver nothing.
		existing, err := s.cfg.Store.FindEventByID(ctx, tenant, in.ID)
		if err != nil {
			return err
		}
		return s.answerEvent(ctx, w, http.StatusOK, existing)
	}
	writeJSON(w, http.StatusAccepted, eventWithDeliveries{ev, deliveries})
	return nil
}

// accept fans an event out to its tenant's matching endpoints, stores it
// with its deliveries, and hands the deliveries to the engine. created is
// false when the tenant already had an event with that id.
func (s *Server) accept(ctx context.Context, ev *herald.Event) (deliveries []*herald.Delivery, created bool, err error) {
	all, err := s.cfg.Endpoints.ForTenant(ctx, ev.TenantID)
	if err != nil {
		return nil, false, err
	}
	var endpoints []*herald.Endpoint
	active := 0
	for _, ep := range all {
		if herald.Matches(ep, ev) {
			endpoints = append(endpoints, ep)
			if ep.Active() {
				active++
			}
		}
	}
	// Deliveries leased to this node at birth go straight to the engine
	// after the commit; without room they are born due, for the scheduler.
	// A paused endpoint's deliveries are born paused.
	now := ev.CreatedAt
	leased := s.cfg.Engine.Reserve(active, false)
	owner, due := "", now
	if leased {
		owner, due = s.cfg.Engine.NodeID(), s.cfg.Engine.LeaseUntil()
	}
	deliveries = make([]*herald.Delivery, len(endpoints))
	for i, ep := range endpoints {
		d := &herald.Delivery{
			ID: herald.NewID(herald.PrefixDelivery), TenantID: ev.TenantID, EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &due, LeaseOwner: owner, CreatedAt: now, UpdatedAt: now,
		}
		if !ep.Active() {
			d.Status, d.NextAttemptAt, d.LeaseOwner = herald.DeliveryPaused, nil, ""
		}
		deliveries[i] = d
	}
	created, err = s.cfg.Store.CreateEvent(ctx, ev, deliveries)
	if leased && !created {
		s.cfg.Engine.Unreserve(active)
	}
	if err != nil || !created {
		return nil, false, err
	}
	if leased {
		tasks := make([]*store.Task, 0, active)
		for _, d := range deliveries {
			if d.Status == herald.DeliveryPending {
				tasks = append(tasks, &store.Task{DeliveryID: d.ID, TenantID: ev.TenantID, EndpointID: d.EndpointID, Event: ev, Trigger: herald.TriggerScheduled})
			}
		}
		s.cfg.Engine.Dispatch(tasks)
	}
	for _, d := range deliveries {
		if d.Status == herald.DeliveryPending {
			d.NextAttemptAt = &now // the lease's end is an internal detail
		}
	}
	return deliveries, true, nil
}

func (s *Server) answerEvent(ctx context.Context, w http.ResponseWriter, status int, ev *herald.Event) error {
	ds, _, err := s.cfg.Store.FindDeliveries(ctx, store.DeliveryFilter{TenantID: ev.TenantID, EventID: ev.ID, Page: store.Page{Limit: store.MaxPageLimit}})
	if err != nil {
		return err
	}
	if ds == nil {
		ds = []*herald.Delivery{}
	}
	writeJSON(w, status, eventWithDeliveries{ev, ds})
	return nil
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	ev, err := s.cfg.Store.FindEventByID(r.Context(), r.PathValue("tenant"), r.PathValue("event"))
	if err != nil {
		return err
	}
	return s.answerEvent(r.Context(), w, http.StatusOK, ev)
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	evs, next, err := s.cfg.Store.FindEvents(r.Context(), store.EventFilter{
		TenantID: tenant, Type: r.URL.Query().Get("type"), Page: store.Page{Limit: limit, Cursor: cursor},
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(evs, next))
	return nil
}

// deliveryWithAttempts is the answer about one delivery.
type deliveryWithAttempts struct {
	*herald.Delivery
	AttemptLog []*herald.Attempt `json:"attempt_log"`
}

func (s *Server) getDelivery(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	d, err := s.cfg.Store.FindDeliveryByID(r.Context(), r.PathValue("tenant"), r.PathValue("delivery"))
	if err != nil {
		return err
	}
	as, err := s.cfg.Store.FindAttempts(r.Context(), d.ID)
	if err != nil {
		return err
	}
	if as == nil {
		as = []*herald.Attempt{}
	}
	writeJSON(w, http.StatusOK, deliveryWithAttempts{d, as})
	return nil
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	q, err := query(r)
	if err != nil {
		return err
	}
	status := herald.DeliveryStatus(q.Get("status"))
	if status != "" && !status.Valid() {
		return invalidf("status must be pending, succeeded, failed or paused, not %q", status)
	}
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	ds, next, err := s.cfg.Store.FindDeliveries(r.Context(), store.DeliveryFilter{
		TenantID: tenant, EndpointID: q.Get("endpoint_id"), EventID: q.Get("event_id"), Status: status,
		Page: store.Page{Limit: limit, Cursor: cursor},
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ds, next))
	return nil
}

// retryDelivery makes an attempt now, whatever the delivery's state.
func (s *Server) retryDelivery(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	ctx, tenant, id := r.Context(), r.PathValue("tenant"), r.PathValue("delivery")
	if !s.cfg.Engine.Reserve(1, true) {
		return herald.Errorf(herald.EUNAVAILABLE, "the server is shutting down; retry the request on another node or after the restart")
	}
	task, err := s.cfg.Store.RequeueDelivery(ctx, tenant, id, s.cfg.Engine.NodeID(), s.now(), s.cfg.Engine.LeaseUntil())
	if err != nil {
		s.cfg.Engine.Unreserve(1)
		return err
	}
	s.cfg.Engine.Dispatch([]*store.Task{task})
	d, err := s.cfg.Store.FindDeliveryByID(ctx, tenant, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, d)
	return nil
}
