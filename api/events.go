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
		// A repeat is answered without touching the writer at all.
		if ev, err := s.cfg.Store.FindEventByID(ctx, tenant, in.ID); err == nil {
			return s.answerEvent(ctx, w, http.StatusOK, ev)
		} else if herald.ErrorCode(err) != herald.ENOTFOUND {
			return err
		}
	} else {
		in.ID = herald.NewID(herald.PrefixEvent)
	}
	if in.Channels == nil {
		in.Channels = []string{}
	}
	now := s.now()
	ev := &herald.Event{ID: in.ID, TenantID: tenant, Type: in.Type, Channels: in.Channels, Data: data, CreatedAt: now}
	endpoints, err := s.matchingEndpoints(ctx, ev)
	if err != nil {
		return err
	}
	// Deliveries leased to this node at birth go straight to the engine
	// after the commit; without room they are born due, for the scheduler.
	leased := s.cfg.Engine.Reserve(len(endpoints), false)
	owner, due := "", now
	if leased {
		owner, due = s.cfg.Engine.NodeID(), s.cfg.Engine.LeaseUntil()
	}
	deliveries := make([]*herald.Delivery, len(endpoints))
	for i, ep := range endpoints {
		deliveries[i] = &herald.Delivery{
			ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &due, LeaseOwner: owner, CreatedAt: now, UpdatedAt: now,
		}
	}
	created, err := s.cfg.Store.CreateEvent(ctx, ev, deliveries)
	if leased && !created {
		s.cfg.Engine.Unreserve(len(endpoints))
	}
	if err != nil {
		return err
	}
	if !created {
		// Another request with the same id won the race.
		existing, err := s.cfg.Store.FindEventByID(ctx, tenant, in.ID)
		if err != nil {
			return err
		}
		return s.answerEvent(ctx, w, http.StatusOK, existing)
	}
	if leased {
		tasks := make([]*store.Task, len(deliveries))
		for i, d := range deliveries {
			tasks[i] = &store.Task{DeliveryID: d.ID, TenantID: tenant, EndpointID: d.EndpointID, Event: ev, Trigger: herald.TriggerScheduled}
		}
		s.cfg.Engine.Dispatch(tasks)
	}
	for _, d := range deliveries {
		d.NextAttemptAt = &now
	}
	writeJSON(w, http.StatusAccepted, eventWithDeliveries{ev, deliveries})
	return nil
}

// matchingEndpoints returns the tenant's enabled endpoints that ev goes to.
func (s *Server) matchingEndpoints(ctx context.Context, ev *herald.Event) ([]*herald.Endpoint, error) {
	var out []*herald.Endpoint
	page := store.Page{Limit: store.MaxPageLimit}
	for {
		eps, next, err := s.cfg.Store.FindEndpoints(ctx, store.EndpointFilter{TenantID: ev.TenantID, EnabledOnly: true, Page: page})
		if err != nil {
			return nil, err
		}
		for _, ep := range eps {
			if herald.Matches(ep, ev) {
				out = append(out, ep)
			}
		}
		if next == "" {
			return out, nil
		}
		page.Cursor = next
	}
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
