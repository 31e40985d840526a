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

// CutEventTypePage trims deliveries filtered by event type, read one
// beyond the page with their events' times, to the page, and returns the
// cursor of the next page ("" on the last).
func CutEventTypePage(ds []*herald.Delivery, eventCreated []time.Time, page Page) ([]*herald.Delivery, string) {
	if len(ds) <= page.Size() {
		return ds, ""
	}
	ds = ds[:page.Size()]
	last := ds[len(ds)-1]
	return ds, EventTypeCursor(eventCreated[len(ds)-1], last.EventID, last.ID)
}
