package store

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

// A cursor decodes only to a position a list makes: a time within both
// stores' range and an id of the id alphabet (issue 25: PostgreSQL erred
// on a NUL or invalid UTF-8 in the id).
func TestDecodeCursor(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 0, 0, 123456000, time.UTC)
	for _, id := range []string{"evt_01jz", "acme", "v1.2", "A-z.0_9:x", strings.Repeat("x", 128)} {
		ts, got, err := DecodeCursor(EncodeCursor(at, id))
		if err != nil || !ts.Equal(at) || got != id {
			t.Errorf("%q: %v %q %v, want %v %q", id, ts, got, err, at, id)
		}
	}
	for _, edge := range []time.Time{cursorTimeMin, cursorTimeMax} {
		if _, _, err := DecodeCursor(EncodeCursor(edge, "a")); err != nil {
			t.Errorf("cursor at %v: %v", edge, err)
		}
	}
	enc := func(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }
	for _, c := range []string{
		"", "!", enc("1:"), enc("1"), enc("1:\xff"), enc("1:a\x00"), enc("1:a b"), enc("1:a\tb"), enc("1:é"),
		enc("1:" + strings.Repeat("x", 129)), enc("x:a"), enc(":a"), enc("1.5:a"),
		enc("9223372036854775807:a"), enc("-9223372036854775808:a"),
		EncodeCursor(cursorTimeMin.Add(-time.Microsecond), "a"), EncodeCursor(cursorTimeMax.Add(time.Microsecond), "a"),
	} {
		if _, _, err := DecodeCursor(c); err == nil {
			t.Errorf("cursor %q decoded", c)
		}
	}
	ts, ev, d, err := DecodeEventTypeCursor(EventTypeCursor(at, "evt_1", "dlv_2"))
	if err != nil || !ts.Equal(at) || ev != "evt_1" || d != "dlv_2" {
		t.Errorf("event-type cursor: %v %q %q %v", ts, ev, d, err)
	}
	for _, ids := range []string{"evt_1", "evt_1 ", " dlv_2", "evt_1 dlv 2", "evt_1 \x00", "\xff dlv_2"} {
		if _, _, _, err := DecodeEventTypeCursor(EncodeCursor(at, ids)); err == nil {
			t.Errorf("event-type cursor of %q decoded", ids)
		}
	}
	if _, _, err := DecodeCursor(enc("1:" + strings.Repeat("y", 500))); err == nil || len(err.Error()) > 200 {
		t.Errorf("a long cursor's error quotes all of it: %v", err)
	}
}
