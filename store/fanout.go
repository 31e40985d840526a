package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/heraldhq/herald"
)

// A fan-out too large to write before the event is acknowledged
// (NewEvent.Defer) is stored as a marker beside its event: the planned
// deliveries, each an id and an endpoint, which ExpandFanouts writes later
// in bounded chunks. The acknowledgement then waits for two rows rather
// than for one per endpoint, and the store's writer stays free between
// chunks for the outcomes of attempts.

// Planned is one planned delivery of a deferred fan-out.
type Planned struct {
	ID         string
	EndpointID string
}

// PlannedText encodes the planned deliveries of ds for a marker's column:
// a JSON array of [id, endpoint id] pairs.
func PlannedText(ds []*herald.Delivery) string {
	pairs := make([][2]string, len(ds))
	for i, d := range ds {
		pairs[i] = [2]string{d.ID, d.EndpointID}
	}
	b, _ := json.Marshal(pairs) // strings cannot fail
	return string(b)
}

// DecodePlanned reads a marker's column.
func DecodePlanned(eventID string, text []byte) ([]Planned, error) {
	var pairs [][2]string
	if err := json.Unmarshal(text, &pairs); err != nil {
		return nil, fmt.Errorf("the fan-out of event %s is corrupt: %w", eventID, err)
	}
	out := make([]Planned, len(pairs))
	for i, p := range pairs {
		out[i] = Planned{ID: p[0], EndpointID: p[1]}
	}
	return out, nil
}

// Expansion is how one ExpandFanouts call writes deliveries.
type Expansion struct {
	Owner      string
	Now        time.Time
	LeaseUntil time.Time
	// Limit bounds the deliveries written, and Leased those of them leased
	// to Owner (the room its engine has); the rest are born due.
	Limit, Leased int
	// Skip lists endpoints whose deliveries are born due rather than
	// leased (they hold their share of the engine's memory).
	Skip []string
}

// Expand builds the deliveries of planned, the next ones of ev's fan-out,
// as they are born now. active holds the endpoints that still exist, true
// for those neither disabled nor paused: an endpoint deleted since the
// event was accepted gets nothing, a disabled or paused one a paused
// delivery. Of the rest, those to endpoints in skip, and those past the
// room (of leased ones) are born due; the others are leased to x.Owner
// and returned as tasks too. The deliveries carry the event's time as
// their creation (they were promised then) and as their due time.
func Expand(ev *herald.Event, planned []Planned, active map[string]bool, x Expansion, room int) ([]*herald.Delivery, []*Task) {
	skip := make(map[string]bool, len(x.Skip))
	for _, id := range x.Skip {
		skip[id] = true
	}
	var ds []*herald.Delivery
	var tasks []*Task
	for _, p := range planned {
		on, exists := active[p.EndpointID]
		if !exists {
			continue
		}
		due := ev.CreatedAt
		d := &herald.Delivery{ID: p.ID, TenantID: ev.TenantID, EventID: ev.ID, EndpointID: p.EndpointID,
			Status: herald.DeliveryPending, NextAttemptAt: &due, CreatedAt: ev.CreatedAt, UpdatedAt: x.Now}
		switch {
		case !on:
			d.Status, d.NextAttemptAt = herald.DeliveryPaused, nil
		case !skip[p.EndpointID] && len(tasks) < room:
			until := x.LeaseUntil
			d.LeaseOwner, d.NextAttemptAt = x.Owner, &until
			tasks = append(tasks, &Task{DeliveryID: d.ID, TenantID: ev.TenantID, EndpointID: p.EndpointID, Event: ev,
				Trigger: herald.TriggerScheduled, Due: ev.CreatedAt})
		}
		ds = append(ds, d)
	}
	return ds, tasks
}

// MarkersPerExpansion bounds the fan-out markers one expansion reads.
const MarkersPerExpansion = 16

// Marker is a deferred fan-out as a backend reads it: the event, how many
// deliveries are planned and how many of them are written.
type Marker struct {
	Event          *herald.Event
	Total, Written int
}

// Backend is what an expansion asks of the store within its transaction.
type Backend struct {
	// Planned reads m's planned deliveries as stored (PlannedText).
	Planned func(m Marker) ([]byte, error)
	// Active reports, of the endpoints ids, those that exist: true for
	// those neither disabled nor paused.
	Active func(ids []string) (map[string]bool, error)
	// Insert writes deliveries.
	Insert func(ds []*herald.Delivery) error
	// Advance records that written of m's planned deliveries are written,
	// or removes m when done.
	Advance func(m Marker, written int, done bool) error
}

// ExpandMarkers writes the next deliveries of markers (read oldest first,
// at most MarkersPerExpansion of them), at most x.Limit, through b, and
// returns the leased ones as tasks, and whether deferred deliveries may be
// left. Backends run it inside one transaction.
func ExpandMarkers(markers []Marker, x Expansion, b Backend) (tasks []*Task, more bool, err error) {
	left := x.Limit
	for _, m := range markers {
		if left <= 0 {
			return tasks, true, nil
		}
		text, err := b.Planned(m)
		if err != nil {
			return nil, false, err
		}
		planned, err := DecodePlanned(m.Event.ID, text)
		if err != nil {
			return nil, false, err
		}
		if len(planned) != m.Total {
			return nil, false, fmt.Errorf("the fan-out of event %s holds %d deliveries, not the %d it counts", m.Event.ID, len(planned), m.Total)
		}
		next := planned[min(m.Written, len(planned)):]
		take := next[:min(left, len(next))]
		ids := make([]string, len(take))
		for i, p := range take {
			ids[i] = p.EndpointID
		}
		active, err := b.Active(ids)
		if err != nil {
			return nil, false, err
		}
		ds, ts := Expand(m.Event, take, active, x, x.Leased-len(tasks))
		if err := b.Insert(ds); err != nil {
			return nil, false, err
		}
		written := m.Written + len(take)
		done := written >= len(planned)
		if err := b.Advance(m, written, done); err != nil {
			return nil, false, err
		}
		tasks = append(tasks, ts...)
		left -= len(take)
		more = more || !done
	}
	return tasks, more || len(markers) == MarkersPerExpansion, nil
}

// Rows is the part of a backend's result rows ScanActive reads.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
}

// ScanActive reads rows of (endpoint id, active) for Backend.Active; the
// caller closes rows and reports their error.
func ScanActive(rows Rows, n int) (map[string]bool, error) {
	active := make(map[string]bool, n)
	for rows.Next() {
		var id string
		var on bool
		if err := rows.Scan(&id, &on); err != nil {
			return nil, err
		}
		active[id] = on
	}
	return active, nil
}
