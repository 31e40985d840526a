package herald

import "testing"

func TestMatches(t *testing.T) {
	ev := func(typ string, ch ...string) *Event { return &Event{TenantID: "t", Type: typ, Channels: ch} }
	ep := func(types, ch []string) *Endpoint { return &Endpoint{TenantID: "t", EventTypes: types, Channels: ch} }
	tests := []struct {
		name string
		ep   *Endpoint
		ev   *Event
		want bool
	}{
		{"all types", ep(nil, nil), ev("job.completed"), true},
		{"listed type", ep([]string{"job.completed"}, nil), ev("job.completed"), true},
		{"unlisted type", ep([]string{"job.failed"}, nil), ev("job.completed"), false},
		{"event channel, endpoint subscribed", ep(nil, []string{"key_1"}), ev("x", "key_1"), true},
		{"event channel, endpoint on another", ep(nil, []string{"key_2"}), ev("x", "key_1"), false},
		{"event channel, endpoint without channels", ep(nil, nil), ev("x", "key_1"), false},
		{"no event channel, endpoint with channels", ep(nil, []string{"key_1"}), ev("x"), false},
		{"one of several channels", ep(nil, []string{"a", "b"}), ev("x", "c", "b"), true},
		{"type and channel both needed", ep([]string{"job.failed"}, []string{"a"}), ev("job.completed", "a"), false},
		{"other tenant", &Endpoint{TenantID: "u"}, ev("x"), false},
		{"disabled", &Endpoint{TenantID: "t", Disabled: true}, ev("x"), false},
		{"operational, endpoint of every type", ep(nil, nil), ev("endpoint.disabled"), false},
		{"operational, endpoint that names it", ep([]string{"delivery.failing"}, nil), ev("delivery.failing"), true},
		{"operational, endpoint that names another", ep([]string{"delivery.failing"}, nil), ev("delivery.exhausted"), false},
	}
	for _, tt := range tests {
		if got := Matches(tt.ep, tt.ev); got != tt.want {
			t.Errorf("%s: Matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}
