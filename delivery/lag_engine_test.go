package delivery_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald/delivery"
	"github.com/heraldhq/herald/endpointcache"
)

// With an endpoint that hangs and a backlog of its deliveries due long
// ago, the healthy lag stays low while the backlog's age grows with the
// clock: the hanging endpoint's deliveries count in
// herald_delivery_backlog_age_seconds (and herald_delivery_lag_seconds),
// not in herald_delivery_lag_healthy_seconds, which is what an operator
// alerts on.
func TestHealthyLagApartFromHangingBacklog(t *testing.T) {
	db := openStore(t)
	hanging := hangingServer(t, nil)
	var got atomic.Int64
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got.Add(1) }))
	defer healthy.Close()

	// The clock runs with real time, and the test moves it on.
	var offset atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	now := clock().UTC().Truncate(time.Microsecond)
	newTenant(t, db, now)
	slow, fine := newEndpoint(t, db, hanging.URL, now), newEndpoint(t, db, healthy.URL, now)
	storeBacklog(t, db, slow, 200, now.Add(-time.Minute), now)
	storeBacklog(t, db, fine, 50, now, now)

	reg := prometheus.NewRegistry()
	engine := startEngine(t, delivery.Config{Store: db, Sender: loopbackSender(t, time.Hour), Endpoints: endpointcache.New(db, time.Second, nil),
		NodeID: "n1", Metrics: reg, Now: clock, MaxHeld: 64, MaxInFlight: 32, MaxInFlightPerEndpoint: 4,
		SlowAfter: time.Second, PollInterval: 20 * time.Millisecond, LeaseDuration: time.Hour})
	waitEngine(t, engine, "the healthy endpoint's 50 deliveries arrive and the hanging one is slow", func() bool {
		return got.Load() == 50 && engine.SlowEndpoints() == 1
	})
	// One scrape reads all three.
	read := func() (lag, healthyLag, backlogAge float64) {
		t.Helper()
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		v := map[string]float64{}
		for _, mf := range mfs {
			v[mf.GetName()] = mf.GetMetric()[0].GetGauge().GetValue()
		}
		return v["herald_delivery_lag_seconds"], v["herald_delivery_lag_healthy_seconds"], v["herald_delivery_backlog_age_seconds"]
	}
	// Healthy: within a few poll intervals (generously bounded, for a
	// loaded machine); the backlog: its oldest delivery, a minute and more.
	lag, h, b := read()
	if h < 0 || h >= 5 || b < 60 || lag != b {
		t.Fatalf("lag %v, healthy %v, backlog %v; want healthy under 5 s, backlog at least 60 s, lag = backlog", lag, h, b)
	}
	// Ten minutes on (the leases last an hour): the backlog is ten minutes
	// older; the healthy lag, once the scheduler has claimed again (which
	// it does each poll), is low again.
	offset.Store(int64(10 * time.Minute))
	waitEngine(t, engine, "the healthy lag back under 5 s after the clock moved", func() bool {
		return gauge(t, reg, "herald_delivery_lag_healthy_seconds") < 5
	})
	if _, _, b2 := read(); b2 < b+600 {
		t.Fatalf("backlog age %v ten minutes after %v: it did not grow with the clock", b2, b)
	}
	if err := engine.CheckAccounting(); err != nil {
		t.Fatal(err)
	}
}
