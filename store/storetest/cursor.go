package storetest

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// testCraftedCursors: every list refuses, as EINVALID, a cursor that
// decodes as base64 but to no position a list makes: an id of invalid
// UTF-8, with a NUL, a control byte or a space, empty or too long; a time
// that is no number or out of range. PostgreSQL erred on the first ones
// (an API 500) where SQLite compared them (issue 25).
func testCraftedCursors(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	enc := func(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }
	crafted := []string{
		enc("1733500000000000:\xff\xfe"), enc("1733500000000000:evt_\x00"), enc("1733500000000000:\x1b[31m"),
		enc("1733500000000000:"), enc("1733500000000000:" + strings.Repeat("x", 129)),
		enc("x:evt_1"), enc("9223372036854775807:evt_1"), enc("-9223372036854775808:evt_1"), "not-a-cursor!",
	}
	// Event-type cursors hold two ids apart by one space; other cursors one.
	typed := append(crafted[:len(crafted):len(crafted)], enc("1733500000000000:evt_1"), enc("1733500000000000:evt_1 \x00"), enc("1733500000000000:evt_1 dlv 2"))
	crafted = append(crafted, enc("1733500000000000:evt_1 dlv_2"))
	lists := map[string]func(page store.Page) error{
		"FindTenants": func(p store.Page) error { _, _, err := s.FindTenants(ctx, p); return err },
		"FindEndpoints": func(p store.Page) error {
			_, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme", Page: p})
			return err
		},
		"FindEvents": func(p store.Page) error {
			_, _, err := s.FindEvents(ctx, store.EventFilter{TenantID: "acme", Page: p})
			return err
		},
		"FindDeliveries": func(p store.Page) error {
			_, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Page: p})
			return err
		},
		"FindJobs": func(p store.Page) error {
			_, _, err := s.FindJobs(ctx, store.JobFilter{TenantID: "acme", Page: p})
			return err
		},
	}
	for name, find := range lists {
		for _, c := range crafted {
			if err := find(store.Page{Cursor: c}); herald.ErrorCode(err) != herald.EINVALID {
				t.Errorf("%s with cursor %q: %v, want EINVALID", name, c, err)
			}
		}
	}
	for _, c := range typed {
		_, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "job.completed", Page: store.Page{Cursor: c}})
		if herald.ErrorCode(err) != herald.EINVALID {
			t.Errorf("FindDeliveries by event type with cursor %q: %v, want EINVALID", c, err)
		}
	}
	// Cursors as made stay valid, at the ends of the range too.
	for _, c := range []string{store.EncodeCursor(base, "evt_01jz"), store.EncodeCursor(base, "A-z.0_9:x")} {
		for name, find := range lists {
			if err := find(store.Page{Cursor: c}); err != nil {
				t.Errorf("%s with cursor %q: %v", name, c, err)
			}
		}
	}
}
