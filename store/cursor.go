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

// Cursor positions are checked here, once for every list and store, so
// that a crafted cursor is refused as invalid before it reaches a query:
// PostgreSQL errs on a NUL or invalid UTF-8 in a text parameter and on a
// time outside its range, where SQLite compared them and answered.
var (
	// cursorTimeMin and cursorTimeMax bound a cursor's time to what both
	// stores hold and RFC 3339 writes.
	cursorTimeMin = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	cursorTimeMax = time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)
)

// maxCursorID is the longest id a cursor may hold: the longest a client
// may choose (docs/api.md), longer than any Herald makes.
const maxCursorID = 128

// DecodeCursor reads a cursor made by EncodeCursor. A cursor that does not
// decode to a time in range and an id a row could have is EINVALID.
func DecodeCursor(c string) (createdAt time.Time, id string, err error) {
	ts, id, ok := decodeCursor(c)
	if !ok || !cursorID(id) {
		return time.Time{}, "", errCursor(c, "")
	}
	return ts, id, nil
}

// errCursor refuses cursor c, quoting at most its start. of, when not
// empty, names the list the cursor must come from.
func errCursor(c, of string) error {
	if len(c) > 64 {
		c = c[:64] + "..."
	}
	if of != "" {
		return herald.Errorf(herald.EINVALID, "cursor %q is not valid for %s; pass the next_cursor of a previous page of it unchanged", c, of)
	}
	return herald.Errorf(herald.EINVALID, "cursor %q is not valid; pass the next_cursor of a previous page unchanged", c)
}

func decodeCursor(c string) (time.Time, string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", false
	}
	ts, id, ok := strings.Cut(string(raw), ":")
	if !ok {
		return time.Time{}, "", false
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || n < cursorTimeMin.UnixMicro() || n > cursorTimeMax.UnixMicro() {
		return time.Time{}, "", false
	}
	return time.UnixMicro(n).UTC(), id, true
}

// cursorID reports whether s could be the id of a row: 1 to maxCursorID
// letters, digits, '.', '_', ':' or '-', the alphabet of every id Herald
// makes or a client may choose.
func cursorID(s string) bool {
	if s == "" || len(s) > maxCursorID {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}

// EventTypeCursor is the cursor of a page of deliveries filtered by event
// type, which are ordered by their event (its time, then its id) and then
// by their own id: the id part holds both ids.
func EventTypeCursor(eventCreated time.Time, eventID, deliveryID string) string {
	return EncodeCursor(eventCreated, eventID+" "+deliveryID)
}

// DecodeEventTypeCursor reads an EventTypeCursor, checked as DecodeCursor
// checks a cursor.
func DecodeEventTypeCursor(c string) (eventCreated time.Time, eventID, deliveryID string, err error) {
	ts, ids, ok := decodeCursor(c)
	ev, d, cut := strings.Cut(ids, " ")
	if !ok || !cut || !cursorID(ev) || !cursorID(d) {
		return time.Time{}, "", "", errCursor(c, "a list filtered by event type")
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
