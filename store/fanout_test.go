package store

import (
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

func TestExpand(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	now := at.Add(time.Minute)
	ev := &herald.Event{ID: "e1", TenantID: "acme", CreatedAt: at}
	plan := []Planned{{"d1", "a"}, {"d2", "b"}, {"d3", "c"}, {"d4", "gone"}, {"d5", "off"}}
	active := map[string]bool{"a": true, "b": true, "c": true, "off": false}
	x := Expansion{Owner: "n1", Now: now, LeaseUntil: now.Add(time.Minute)}
	for _, tc := range []struct {
		name string
		skip []string
		room int
		// want: each written delivery as "id:state", state leased, due or
		// paused.
		want []string
	}{
		{"room for all", nil, 10, []string{"d1:leased", "d2:leased", "d3:leased", "d5:paused"}},
		{"room for one", nil, 1, []string{"d1:leased", "d2:due", "d3:due", "d5:paused"}},
		{"no room", nil, 0, []string{"d1:due", "d2:due", "d3:due", "d5:paused"}},
		{"a skipped endpoint", []string{"a"}, 2, []string{"d1:due", "d2:leased", "d3:leased", "d5:paused"}},
	} {
		x.Skip = tc.skip
		ds, tasks := Expand(ev, plan, active, x, tc.room)
		var got []string
		leased := 0
		for _, d := range ds {
			state := "due"
			switch {
			case d.Status == herald.DeliveryPaused:
				state = "paused"
				if d.NextAttemptAt != nil {
					t.Errorf("%s: paused %s has a due time", tc.name, d.ID)
				}
			case d.LeaseOwner == "n1":
				state = "leased"
				leased++
				if !d.NextAttemptAt.Equal(x.LeaseUntil) {
					t.Errorf("%s: leased %s is due at %v, not its lease's end", tc.name, d.ID, d.NextAttemptAt)
				}
			default:
				if !d.NextAttemptAt.Equal(at) {
					t.Errorf("%s: due %s is due at %v, not since its event", tc.name, d.ID, d.NextAttemptAt)
				}
			}
			if !d.CreatedAt.Equal(at) || !d.UpdatedAt.Equal(now) || d.EventID != "e1" || d.TenantID != "acme" {
				t.Errorf("%s: %+v", tc.name, d)
			}
			got = append(got, d.ID+":"+state)
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				break
			}
		}
		if len(tasks) != leased {
			t.Errorf("%s: %d tasks for %d leased deliveries", tc.name, len(tasks), leased)
		}
		for _, tk := range tasks {
			if tk.Event != ev || !tk.Due.Equal(at) {
				t.Errorf("%s: task %+v", tc.name, tk)
			}
		}
	}
}

func TestPlannedRoundTrip(t *testing.T) {
	ds := []*herald.Delivery{{ID: "d1", EndpointID: "a"}, {ID: "d2", EndpointID: "b"}}
	got, err := DecodePlanned("e1", []byte(PlannedText(ds)))
	if err != nil || len(got) != 2 || got[0] != (Planned{"d1", "a"}) || got[1] != (Planned{"d2", "b"}) {
		t.Fatalf("round trip = %v, %v", got, err)
	}
	if _, err := DecodePlanned("e1", []byte(`{"not": "pairs"}`)); err == nil {
		t.Fatal("a corrupt marker decoded")
	}
}
