package emitter_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/opevent/emitter"
)

// downIntake is a store that cannot be reached.
type downIntake struct{}

func (downIntake) Accept(context.Context, []*herald.Event) (intake.Accepted, error) {
	return intake.Accepted{}, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}

// downEndpoints cannot read who subscribes.
type downEndpoints struct{ fakeEndpoints }

func (downEndpoints) Lookup(context.Context, string) ([]*herald.Endpoint, error) {
	return nil, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}

// Found red-teaming the emitter during a store outage: the operational
// events it could not store were dropped with a log line only, while
// herald_operational_events_dropped_total, the one series that says
// subscribers missed events, counted a full queue alone; an operator
// watching it saw nothing lost. Events dropped because the store failed
// are counted too.
func TestDroppedInAnOutageAreCounted(t *testing.T) {
	for name, tc := range map[string]struct {
		in  emitter.Intake
		eps emitter.Subscribers
	}{
		"storing fails":             {downIntake{}, &fakeEndpoints{eps: []*herald.Endpoint{subscriber("acme", opevent.DeliveryFailing)}}},
		"reading subscribers fails": {&fakeIntake{}, downEndpoints{}},
	} {
		t.Run(name, func(t *testing.T) {
			reg := prometheus.NewRegistry()
			st := &fakeEndpoints{}
			e := start(t, emitter.Config{Subscribers: tc.eps, Store: st, Metrics: reg}, tc.in)
			e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", "dlv_1"))
			e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", "dlv_2"))
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			e.Drain(ctx)
			if v := dropped(t, reg); v != 2 {
				t.Fatalf("herald_operational_events_dropped_total = %v after two events the store did not take, want 2", v)
			}
		})
	}
}
