package store

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald"
)

// Size returns the page size to use: DefaultPageLimit for 0, capped at
// MaxPageLimit.
func (p Page) Size() int {
	switch {
	case p.Limit <= 0:
		return DefaultPageLimit
	case p.Limit > MaxPageLimit:
		return MaxPageLimit
	}
	return p.Limit
}

// EncodeCursor makes the opaque cursor that points after a row. Lists are
// ordered by (created_at, id) descending, which every backend can index.
func EncodeCursor(createdAt time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(createdAt.UnixMicro(), 10) + ":" + id))
}

// DecodeCursor reads a cursor made by EncodeCursor.
func DecodeCursor(c string) (createdAt time.Time, id string, err error) {
	bad := herald.Errorf(herald.EINVALID, "cursor %q is not valid; pass the next_cursor of a previous page unchanged", c)
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", bad
	}
	ts, id, ok := strings.Cut(string(raw), ":")
	if !ok {
		return time.Time{}, "", bad
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return time.Time{}, "", bad
	}
	return time.UnixMicro(n).UTC(), id, nil
}

// EventTypeCursor is the cursor of a page of deliveries filtered by event
// type, which are ordered by their event (its time, then its id) and then
// by their own id: the id part holds both ids.
func EventTypeCursor(eventCreated time.Time, eventID, deliveryID string) string {
	return EncodeCursor(eventCreated, eventID+" "+deliveryID)
}

// DecodeEventTypeCursor reads an EventTypeCursor.
func DecodeEventTypeCursor(c string) (eventCreated time.Time, eventID, deliveryID string, err error) {
	ts, ids, err := DecodeCursor(c)
	if err != nil {
		return time.Time{}, "", "", err
	}
	ev, d, ok := strings.Cut(ids, " ")
	if !ok {
		return time.Time{}, "", "", herald.Errorf(herald.EINVALID, "cursor %q is not valid for a list filtered by event type; pass the next_cursor of a previous page of it unchanged", c)
	}
	return ts, ev, d, nil
}

// ReadEventTypePage reads a page of deliveries filtered by event type,
// one beyond the page, from rows, each with scan (which also gives its
// event's time), and returns the page and the cursor of the next one ("" on
// the last).
func ReadEventTypePage(rows interface {
	Next() bool
	Err() error
}, scan func() (*herald.Delivery, time.Time, error), f DeliveryFilter) ([]*herald.Delivery, string, error) {
	var ds []*herald.Delivery
	var eventCreated []time.Time
	for rows.Next() {
		d, created, err := scan()
		if err != nil {
			return nil, "", err
		}
		d.EventType = f.EventType
		ds, eventCreated = append(ds, d), append(eventCreated, created)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if len(ds) <= f.Page.Size() {
		return ds, "", nil
	}
	ds = ds[:f.Page.Size()]
	last := ds[len(ds)-1]
	return ds, EventTypeCursor(eventCreated[len(ds)-1], last.EventID, last.ID), nil
}
