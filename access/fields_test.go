package access

import (
	"testing"

	"github.com/heraldhq/herald"
)

func TestWidens(t *testing.T) {
	r := func(types, channels []string) Routing { return Routing{EventTypes: types, Channels: channels} }
	for _, c := range []struct {
		name      string
		cur, next Routing
		field     string
	}{
		{"unchanged, everything", r(nil, nil), r(nil, nil), ""},
		{"unchanged, lists", r([]string{"a", "b"}, []string{"x"}), r([]string{"b", "a"}, []string{"x"}), ""},
		{"every type narrowed to some", r(nil, nil), r([]string{"a"}, nil), ""},
		{"some narrowed to fewer", r([]string{"a", "b"}, nil), r([]string{"a"}, nil), ""},
		{"some widened to every type", r([]string{"a"}, nil), r(nil, nil), "event_types"},
		{"a type added", r([]string{"a"}, nil), r([]string{"a", "b"}, nil), "event_types"},
		{"every type to an operational one", r(nil, nil), r([]string{"endpoint.created"}, nil), "event_types"},
		{"every type to delivery.failing among others", r(nil, nil), r([]string{"a", "delivery.failing"}, nil), "event_types"},
		{"channels narrowed", r(nil, []string{"x", "y"}), r(nil, []string{"y"}), ""},
		{"a channel added", r(nil, []string{"x"}), r(nil, []string{"x", "other-customer"}), "channels"},
		{"channels replaced", r(nil, []string{"x"}), r(nil, []string{"other-customer"}), "channels"},
		{"channels dropped: the channel-less events come", r(nil, []string{"x"}), r(nil, nil), "channels"},
		{"no channels to one: that channel's events come", r(nil, nil), r(nil, []string{"x"}), "channels"},
		{"types narrowed, a channel added", r([]string{"a", "b"}, []string{"x"}), r([]string{"a"}, []string{"x", "y"}), "channels"},
	} {
		if field, widens := Widens(c.cur, c.next); field != c.field || widens != (c.field != "") {
			t.Errorf("%s: Widens = %q %v, want %q", c.name, field, widens, c.field)
		}
	}
}

func TestDecideChange(t *testing.T) {
	limited := Key{Role: herald.RolePortal, Tenant: "acme", Endpoints: []string{"ep_1"}}
	free := Key{Role: herald.RolePortal, Tenant: "acme"}
	cur := Routing{EventTypes: []string{"a"}, Channels: []string{"x"}}
	wider := Routing{EventTypes: []string{"a"}, Channels: []string{"x", "y"}}
	for _, c := range []struct {
		name   string
		key    Key
		id     string
		fields []string
		next   Routing
		want   Verdict
		field  string
	}{
		{"an unlimited key widens", free, "ep_9", []string{"channels"}, wider, Allow, ""},
		{"a limited key changes its URL and headers", limited, "ep_1", []string{"url", "headers"}, cur, Allow, ""},
		{"a limited key narrows", limited, "ep_1", []string{"event_types"}, Routing{EventTypes: []string{"a"}, Channels: []string{"x"}}, Allow, ""},
		{"a limited key widens its channels", limited, "ep_1", []string{"channels"}, wider, Forbidden, "channels"},
		{"a limited key's preset that widens", limited, "ep_1", []string{"preset"}, Routing{Channels: []string{"x"}}, Forbidden, "event_types"},
		{"a field the table lacks: refused", limited, "ep_1", []string{"owner"}, cur, Forbidden, "owner"},
		{"another endpoint", limited, "ep_2", []string{"url"}, cur, Hidden, ""},
	} {
		if v, f := DecideChange(c.key, c.id, c.fields, cur, c.next); v != c.want || f != c.field {
			t.Errorf("%s: DecideChange = %v %q, want %v %q", c.name, v, f, c.want, c.field)
		}
	}
}

func TestReports(t *testing.T) {
	for types, want := range map[string]bool{"": false, "order.paid": false, "endpoint.disabled": true, "delivery.exhausted": true} {
		r := Routing{}
		if types != "" {
			r.EventTypes = []string{"x", types}
		}
		if got := Reports(r); got != want {
			t.Errorf("Reports(%v) = %v, want %v", r.EventTypes, got, want)
		}
	}
}
