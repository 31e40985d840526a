package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/schema"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/wire"
)

// eventWithDeliveries is the answer about one event: its first deliveries,
// up to a page of the deliveries list (store.MaxPageLimit), whether it has
// more, and the deliveries list filtered by the event, which pages through
// all of them. The answer has no cursor of its own: lists are paged in one
// shape only (data, next_cursor).
type eventWithDeliveries struct {
	*herald.Event
	Deliveries     []*herald.Delivery `json:"deliveries"`
	DeliveriesMore bool               `json:"deliveries_more"`
	DeliveriesURL  string             `json:"deliveries_url"`
}

// eventDeliveriesURL is the deliveries list of ev: GET on it (with
// ?cursor=) pages through every delivery of the event.
func eventDeliveriesURL(ev *herald.Event) string {
	return "/v1/tenants/" + url.PathEscape(ev.TenantID) + "/deliveries?event_id=" + url.QueryEscape(ev.ID)
}

// newEventAnswer is the answer about ev just accepted with ds. An event
// with more deliveries than a page lists the first page in the order of the
// deliveries list (newest first, ids descending).
func newEventAnswer(ev *herald.Event, ds []*herald.Delivery) eventWithDeliveries {
	if len(ds) <= store.MaxPageLimit {
		return eventWithDeliveries{Event: ev, Deliveries: ds, DeliveriesURL: eventDeliveriesURL(ev)}
	}
	page := slices.Clone(ds)
	slices.SortFunc(page, func(a, b *herald.Delivery) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	return eventWithDeliveries{Event: ev, Deliveries: page[:store.MaxPageLimit], DeliveriesMore: true, DeliveriesURL: eventDeliveriesURL(ev)}
}

// appendJSON renders the answer as encoding/json would, appending the
// deliveries directly.
func (e eventWithDeliveries) appendJSON(b []byte) ([]byte, error) {
	b, err := herald.AppendEventJSON(b, e.Event)
	if err != nil {
		return nil, err
	}
	b = b[:len(b)-1] // the event's object, still open
	b = append(b, `,"deliveries":[`...)
	for i, d := range e.Deliveries {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = herald.AppendDeliveryJSON(b, d); err != nil {
			return nil, err
		}
	}
	b = append(b, `],"deliveries_more":`...)
	b = strconv.AppendBool(b, e.DeliveriesMore)
	b = append(b, `,"deliveries_url":`...)
	u, err := json.Marshal(e.DeliveriesURL)
	if err != nil {
		return nil, err
	}
	b = append(b, u...)
	return append(b, '}'), nil
}

// eventInput is one event as the platform sends it.
type eventInput struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Data     json.RawMessage `json:"data"`
	Channels []string        `json:"channels"`
	// SchemaVersion names the version of its type's schema that data
	// follows (none: the current schema).
	SchemaVersion string `json:"schema_version"`
}

// event validates in and makes the event to store.
func (s *Server) event(in eventInput, tenant string, now time.Time) (*herald.Event, error) {
	if in.Type == "" {
		return nil, errMissing("type", `{"type": "job.completed"}`)
	}
	if err := checkName("type", in.Type); err != nil {
		return nil, err
	}
	data, err := checkData(in.Data)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > s.cfg.MaxPayloadBytes {
		return nil, herald.Errorf(herald.ETOOLARGE, "data is %d bytes; the limit is %d", len(data), s.cfg.MaxPayloadBytes)
	}
	if err := checkNames("channels", in.Channels, maxChannels); err != nil {
		return nil, err
	}
	if in.ID != "" {
		if err := checkID("id", in.ID); err != nil {
			return nil, err
		}
	} else {
		in.ID = herald.NewID(herald.PrefixEvent)
	}
	if in.Channels == nil {
		in.Channels = []string{}
	}
	return &herald.Event{ID: in.ID, TenantID: tenant, Type: in.Type, Channels: in.Channels, Data: data, CreatedAt: now}, nil
}

// createEvent accepts an event and fans it out. The 2xx answer is sent only
// after the event and every delivery are committed to the store.
func (s *Server) createEvent(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in eventInput
	if err := decode(w, r, &in, s.cfg.MaxPayloadBytes); err != nil {
		return err
	}
	ctx, tenant := r.Context(), r.PathValue("tenant")
	ev, err := s.event(in, tenant, s.now())
	if err != nil {
		return err
	}
	if err := s.checkSchema(ctx, ev, in.SchemaVersion); err != nil {
		return err
	}
	accepted, err := s.cfg.Intake.Accept(ctx, []*herald.Event{ev})
	if err != nil {
		return err
	}
	s.countAccepted("event", accepted.Created)
	if !accepted.Created[0] {
		// The same id again: answer with the original, deliver nothing.
		existing, err := s.cfg.Store.FindEventByID(ctx, tenant, ev.ID)
		if err != nil {
			return err
		}
		return s.answerEvent(ctx, w, http.StatusOK, existing)
	}
	writeJSON(w, http.StatusAccepted, newEventAnswer(ev, accepted.Deliveries[0]))
	return nil
}

// Batch limits: one request, one transaction.
const (
	maxBatchEvents = 1000
	maxBatchBytes  = 8 << 20
)

// batchResult is the answer for one event of a batch.
type batchResult struct {
	ID          string   `json:"id"`
	Status      string   `json:"status"` // "accepted", or "duplicate" for an id the tenant already had
	DeliveryIDs []string `json:"delivery_ids"`
}

// createEvents accepts up to 1,000 events in one request and one
// transaction: all are stored, or none is. Repeated ids are skipped.
func (s *Server) createEvents(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Events []eventInput `json:"events"`
	}
	if err := decode(w, r, &in, maxBatchBytes); err != nil {
		return err
	}
	if len(in.Events) == 0 {
		return errMissing("events", `{"events": [{"type": "job.completed", "data": {}}]}`)
	}
	if len(in.Events) > maxBatchEvents {
		return invalidf("a batch may hold at most %d events, not %d; split it", maxBatchEvents, len(in.Events))
	}
	ctx, tenant, now := r.Context(), r.PathValue("tenant"), s.now()
	evs := make([]*herald.Event, len(in.Events))
	seen := make(map[string]bool, len(in.Events))
	for i, e := range in.Events {
		ev, err := s.event(e, tenant, now)
		if err == nil {
			err = s.checkSchema(ctx, ev, e.SchemaVersion)
		}
		if herald.ErrorCode(err) == herald.EINVALID || herald.ErrorCode(err) == herald.ETOOLARGE {
			return herald.Errorf(herald.ErrorCode(err), "events[%d]: %s", i, herald.ErrorMessage(err))
		} else if err != nil {
			return err
		}
		if seen[ev.ID] {
			return invalidf("events[%d]: id %q appears twice in this batch", i, ev.ID)
		}
		seen[ev.ID] = true
		evs[i] = ev
	}
	accepted, err := s.cfg.Intake.Accept(ctx, evs)
	if err != nil {
		return err
	}
	s.countAccepted("batch", accepted.Created)
	out := make([]batchResult, len(evs))
	for i, ev := range evs {
		out[i] = batchResult{ID: ev.ID, Status: "duplicate", DeliveryIDs: []string{}}
		if accepted.Created[i] {
			out[i].Status = "accepted"
			for _, d := range accepted.Deliveries[i] {
				out[i].DeliveryIDs = append(out[i].DeliveryIDs, d.ID)
			}
		}
	}
	writeJSON(w, http.StatusAccepted, newList(out, ""))
	return nil
}

// checkSchema refuses an event whose data does not match its type's
// schema (of version, when not ""), when its type is checked
// (schema.Checks): EINVALID saying where and which rule.
func (s *Server) checkSchema(ctx context.Context, ev *herald.Event, version string) error {
	err := s.schemas.Check(ctx, ev.Type, version, ev.Data)
	var v *schema.Violation
	var u *schema.UnknownVersion
	var stored *schema.StoredSchemaError
	switch {
	case errors.As(err, &stored):
		// Not the caller's fault, nor a bug: the type's state forbids
		// checking its events until an admin saves it again.
		return herald.Errorf(herald.ECONFLICT, "%v", stored)
	case errors.As(err, &v) && version != "":
		return invalidf("data does not match version %q of the schema of event type %q: %s", version, ev.Type, v)
	case errors.As(err, &v):
		return invalidf("data does not match the schema of event type %q: %s", ev.Type, v)
	case errors.As(err, &u):
		return invalidf("schema_version: %v", u)
	}
	return err
}

func (s *Server) answerEvent(ctx context.Context, w http.ResponseWriter, status int, ev *herald.Event) error {
	ds, next, err := s.cfg.Store.FindDeliveries(ctx, store.DeliveryFilter{TenantID: ev.TenantID, EventID: ev.ID, Page: store.Page{Limit: store.MaxPageLimit}})
	if err != nil {
		return err
	}
	if ds == nil {
		ds = []*herald.Delivery{}
	}
	writeJSON(w, status, eventWithDeliveries{Event: ev, Deliveries: ds, DeliveriesMore: next != "", DeliveriesURL: eventDeliveriesURL(ev)})
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
	tenant, page, err := s.tenantPage(r)
	if err != nil {
		return err
	}
	evs, next, err := s.cfg.Store.FindEvents(r.Context(), store.EventFilter{TenantID: tenant, Type: r.URL.Query().Get("type"), Page: page})
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
	// RequestBody is the body the delivery's endpoint renders for its
	// event now, and RequestBodySHA256 its hash: an attempt whose request
	// has that hash sent exactly this body.
	RequestBody       string `json:"request_body,omitempty"`
	RequestBodySHA256 string `json:"request_body_sha256,omitempty"`
}

// visibleDelivery finds a delivery the key may see: to one of its
// endpoints when it is limited to some (another is as if it did not
// exist).
func (s *Server) visibleDelivery(ctx context.Context, key *herald.APIKey, tenant, id string) (*herald.Delivery, error) {
	d, err := s.cfg.Store.FindDeliveryByID(ctx, tenant, id)
	if err == nil && !seesEndpoint(key, d.EndpointID) {
		return nil, herald.Errorf(herald.ENOTFOUND, "delivery %q does not exist", id)
	}
	return d, err
}

func (s *Server) getDelivery(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	d, err := s.visibleDelivery(r.Context(), key, r.PathValue("tenant"), r.PathValue("delivery"))
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
	ep, err := s.cfg.Store.FindEndpointByID(r.Context(), d.TenantID, d.EndpointID)
	if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
		return err
	}
	remask(as, ep)
	if err := s.withEventType(r.Context(), d); err != nil {
		return err
	}
	answer := deliveryWithAttempts{Delivery: d, AttemptLog: as}
	body, err := s.renderBody(r.Context(), ep, d)
	if err != nil {
		return err
	}
	if body != nil {
		sum := sha256.Sum256(body)
		answer.RequestBody, answer.RequestBodySHA256 = string(body), hex.EncodeToString(sum[:])
	}
	writeJSON(w, http.StatusOK, answer)
	return nil
}

// withEventType fills in d's event_type, which a list reads with its
// deliveries and one delivery's row does not hold: every answer about a
// delivery shows it (docs/api.md, "Conventions": a field that applies is
// always there).
func (s *Server) withEventType(ctx context.Context, d *herald.Delivery) error {
	if d.EventType != "" {
		return nil
	}
	ev, err := s.cfg.Store.FindEventByID(ctx, d.TenantID, d.EventID)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil // its event purged: nothing to name
	}
	if err != nil {
		return err
	}
	d.EventType = ev.Type
	return nil
}

// remask masks the kept requests of attempts again with today's rule
// (wire.Mask, idempotent), and the values of ep's static headers (nil
// when the endpoint is gone): attempts stored before kept the values of
// credentials under names the old list missed, or of static headers under
// names it shows, and show them no more.
func remask(as []*herald.Attempt, ep *herald.Endpoint) {
	var static map[string]string
	if ep != nil {
		static = ep.Headers
	}
	for _, a := range as {
		if a.Request != nil {
			a.Request.Headers = wire.Mask(a.Request.Headers)
			wire.Hide(a.Request.Headers, static)
		}
	}
}

// renderBody renders the body d's endpoint ep sends for its event, as
// the engine does; nil when the endpoint (nil) or the event is gone.
func (s *Server) renderBody(ctx context.Context, ep *herald.Endpoint, d *herald.Delivery) ([]byte, error) {
	if ep == nil {
		return nil, nil
	}
	ev, err := s.cfg.Store.FindEventByID(ctx, d.TenantID, d.EventID)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return wire.Body(ep, ev)
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	tenant, page, err := s.tenantPage(r)
	if err != nil {
		return err
	}
	q := r.URL.Query() // parsed cleanly by tenantPage already
	status := herald.DeliveryStatus(q.Get("status"))
	if status != "" && !status.Valid() {
		return invalidf("status must be pending, succeeded, failed or paused, not %q", status)
	}
	since, err := timeQuery(r, "since")
	if err != nil {
		return err
	}
	until, err := timeQuery(r, "until")
	if err != nil {
		return err
	}
	endpoint := q.Get("endpoint_id")
	if n := len(key.EndpointIDs); n > 0 {
		// A key limited to some endpoints lists one of them at a time.
		switch {
		case endpoint == "" && n == 1:
			endpoint = key.EndpointIDs[0]
		case endpoint == "":
			return invalidf("this portal session is limited to %d endpoints: list the deliveries of one with ?endpoint_id=", n)
		case !seesEndpoint(key, endpoint):
			return herald.Errorf(herald.ENOTFOUND, "endpoint %q does not exist", endpoint)
		}
	}
	eventType := q.Get("event_type")
	if eventType != "" {
		if err := checkName("event_type", eventType); err != nil {
			return err
		}
	}
	ds, next, err := s.cfg.Store.FindDeliveries(r.Context(), store.DeliveryFilter{
		TenantID: tenant, EndpointID: endpoint, EventID: q.Get("event_id"), Status: status,
		After: since, Before: until, EventType: eventType, Page: page,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ds, next))
	return nil
}

// retryDelivery makes an attempt now, whatever the delivery's state.
func (s *Server) retryDelivery(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	ctx, tenant, id := r.Context(), r.PathValue("tenant"), r.PathValue("delivery")
	if len(key.EndpointIDs) > 0 {
		if _, err := s.visibleDelivery(ctx, key, tenant, id); err != nil {
			return err
		}
	}
	if err := s.cfg.Intake.Retry(ctx, tenant, id, s.now()); err != nil {
		return err
	}
	d, err := s.cfg.Store.FindDeliveryByID(ctx, tenant, id)
	if err != nil {
		return err
	}
	if err := s.withEventType(ctx, d); err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, d)
	return nil
}

func (s *Server) countAccepted(source string, created []bool) {
	n := 0
	for _, c := range created {
		if c {
			n++
		}
	}
	s.accepted.WithLabelValues(source).Add(float64(n))
}

// timeQuery reads a query parameter that is an RFC 3339 time, or absent.
func timeQuery(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, invalidf("?%s= must be an RFC 3339 time such as 2026-12-03T10:00:00Z, not %q", name, v)
	}
	return t, nil
}
