package delivery_test

import (
	"context"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/delivery"
	"github.com/heraldhq/herald/endpointcache"
)

// An attempt that outlives its lease keeps its delivery: the engine renews
// the leases of what it holds, so that another node, claiming once the
// first lease has run out, finds nothing to take over. Without renewal
// (ExtendLeases switched off) the lease stays where the claim put it and
// the test fails on its bound.
func TestLongAttemptKeepsItsLease(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	arrived := make(chan struct{}, 4)
	hanging := hangingServer(t, arrived)
	now := time.Now().UTC().Truncate(time.Microsecond)
	newTenant(t, db, now)
	ep := newEndpoint(t, db, hanging.URL, now)

	const lease = 300 * time.Millisecond
	engine := startEngine(t, delivery.Config{Store: db, Sender: loopbackSender(t, time.Minute),
		Endpoints: endpointcache.New(db, time.Second, nil), NodeID: "n1", LeaseDuration: lease})
	tasks := leasedTasks(t, db, engine, []*herald.Endpoint{ep}, now)
	first := func() *herald.Delivery {
		t.Helper()
		d, err := db.FindDeliveryByID(ctx, "acme", tasks[0].DeliveryID)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	claimed := *first().NextAttemptAt
	if !engine.Reserve(1, false) {
		t.Fatal("no room for one delivery")
	}
	engine.Dispatch(tasks)
	select {
	case <-arrived:
	case <-time.After(20 * time.Second):
		t.Fatal("the attempt did not reach the receiver within 20 s")
	}

	// Wait until the lease has been renewed at a moment past the first
	// lease's end: the renewal sets now+lease, so a lease ending after
	// claimed+lease was written after claimed.
	waitEngine(t, engine, "the lease renewed past the end of the first", func() bool {
		d := first()
		return d.NextAttemptAt != nil && d.NextAttemptAt.After(claimed.Add(lease))
	})
	if d := first(); d.LeaseOwner != "n1" || d.Status != herald.DeliveryPending || d.Attempts != 0 {
		t.Fatalf("delivery during its long attempt: owner %q status %s attempts %d, want n1's, pending, none ended", d.LeaseOwner, d.Status, d.Attempts)
	}
	at := time.Now()
	if !at.After(claimed) {
		t.Fatalf("the clock reads %v, before the first lease ended at %v", at, claimed)
	}
	taken, err := db.ClaimDeliveries(ctx, "n2", at, at.Add(lease), 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(taken) != 0 {
		t.Fatalf("a second node took over %d deliveries of a long attempt still in flight", len(taken))
	}
	// Without renewal this node's own poll claims the delivery again once
	// its lease ends, and a second attempt of it goes out.
	if n, again := engine.InFlight(), len(arrived); n != 1 || again != 0 {
		t.Fatalf("%d attempts in flight and %d more requests arrived, want the long attempt alone", n, again)
	}
}
