package store

import (
	"slices"

	"github.com/heraldhq/herald"
)

// FIFO delivery (herald.OrderingFIFO) in a SQL store, the same on every
// backend:
//
//   - A delivery to a FIFO endpoint is numbered in acceptance order from
//     its endpoint's row of endpoint_flow, whose row lock (on PostgreSQL)
//     serializes the transactions that accept events for the endpoint, so
//     that the numbers follow the commits. It keeps the number in
//     fifo_order, and in fifo_seq while it is unfinished (an index of
//     deliveries by endpoint and fifo_seq holds only those: an endpoint's
//     queue, never its history). It is born waiting: pending, with no due
//     time, so that no claim sees it.
//   - endpoint_flow.fifo_head names the endpoint's head: the delivery made
//     due last. Settling an endpoint (FIFOSettleQuery) makes its first
//     waiting delivery due, and the head, unless the head is still due,
//     leased or paused: after deliveries are accepted, after a head ends
//     (succeeded or failed), after a resume, a replay or a manual retry.
//   - So at most one delivery of the endpoint is ever due or leased, on
//     any node: a claim takes the head or nothing. On PostgreSQL a settle
//     runs under the endpoint_flow row lock, so two nodes cannot make two
//     heads.

// FIFONumberQuery reserves acceptance numbers for an endpoint's new
// deliveries and returns the last one. Placeholders: endpoint id, count.
func FIFONumberQuery(ph func(int) string) string {
	return `INSERT INTO endpoint_flow (endpoint_id, fifo_last) VALUES (` + ph(1) + `, ` + ph(2) + `)
		ON CONFLICT (endpoint_id) DO UPDATE SET fifo_last = endpoint_flow.fifo_last + excluded.fifo_last
		RETURNING fifo_last`
}

// FIFOSettleQuery makes an endpoint's first waiting delivery due, unless
// the endpoint's head still goes (due, leased or paused), and returns its
// id, which the caller makes the head (FIFOSetHeadQuery). It is due since
// it was accepted: it only waited its turn, and a claim takes it at once.
// Placeholders: endpoint id, endpoint id.
func FIFOSettleQuery(ph func(int) string) string {
	return `UPDATE deliveries SET next_attempt_at = created_at WHERE id = (
			SELECT id FROM deliveries WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL
				AND status = 'pending' AND next_attempt_at IS NULL ORDER BY fifo_seq LIMIT 1)
		AND NOT EXISTS (SELECT 1 FROM endpoint_flow f JOIN deliveries h ON h.id = f.fifo_head
			WHERE f.endpoint_id = ` + ph(2) + ` AND ` + fifoGoes("h") + `)
		RETURNING id`
}

// FIFOSetHeadQuery names an endpoint's head. Placeholders: delivery id,
// endpoint id.
func FIFOSetHeadQuery(ph func(int) string) string {
	return `UPDATE endpoint_flow SET fifo_head = ` + ph(1) + ` WHERE endpoint_id = ` + ph(2)
}

// fifoGoes is the condition of a head that still goes, on alias a.
func fifoGoes(a string) string {
	return `(` + a + `.status = 'paused' OR ` + a + `.status = 'pending' AND ` + a + `.next_attempt_at IS NOT NULL)`
}

// FIFOHeadQuery reads an endpoint's head (cols, Delivery's columns
// qualified by d.) while it goes. Placeholder: endpoint id. No row: the
// endpoint has no head.
func FIFOHeadQuery(cols string, ph func(int) string) string {
	return `SELECT ` + cols + ` FROM endpoint_flow f JOIN deliveries d ON d.id = f.fifo_head
		WHERE f.endpoint_id = ` + ph(1) + ` AND ` + fifoGoes("d")
}

// FIFOWaitingQuery counts an endpoint's waiting deliveries. Placeholder:
// endpoint id.
func FIFOWaitingQuery(ph func(int) string) string {
	return `SELECT count(*) FROM deliveries WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL
		AND status = 'pending' AND next_attempt_at IS NULL`
}

// FIFOAgain is what a delivery becoming pending again (a replay, a
// manual retry) sets of its due time and queue number: to an endpoint
// that is FIFO now, a delivery that had a number takes it back and waits
// for its turn (the endpoint's settle makes it due); any other is due at
// ph(due). cast is that placeholder's type where the backend needs one.
func FIFOAgain(fifo bool, ph func(int) string, due int, cast string) string {
	if !fifo {
		return `fifo_seq = NULL, next_attempt_at = ` + ph(due) + cast
	}
	return `fifo_seq = fifo_order, next_attempt_at = CASE WHEN fifo_order IS NOT NULL THEN NULL ELSE ` + ph(due) + cast + ` END`
}

// Ordered prepares ds for their insert: it returns, sorted, the FIFO
// endpoints they go to with how many each, and makes each pending
// delivery to such an endpoint wait (no due time, no lease), whatever
// its maker planned.
func Ordered(ds []*herald.Delivery) (endpoints []string, counts map[string]int) {
	for _, d := range ds {
		if !d.Ordered {
			continue
		}
		if counts == nil {
			counts = make(map[string]int)
		}
		if counts[d.EndpointID] == 0 {
			endpoints = append(endpoints, d.EndpointID)
		}
		counts[d.EndpointID]++
		if d.Status == herald.DeliveryPending {
			d.NextAttemptAt, d.LeaseOwner = nil, ""
		}
	}
	slices.Sort(endpoints)
	return endpoints, counts
}

// Number gives the deliveries of ds to endpoint, in their order, the
// acceptance numbers up to last, in seqs (parallel to ds).
func Number(ds []*herald.Delivery, seqs []int64, endpoint string, count int, last int64) {
	next := last - int64(count) + 1
	for i, d := range ds {
		if d.Ordered && d.EndpointID == endpoint {
			seqs[i] = next
			next++
		}
	}
}

// SettleAfter lists the ordered deliveries that cs ended (succeeded or
// failed), to leave their endpoints' queues, and, sorted, the endpoints
// whose heads they may have been.
func SettleAfter(cs []Completion) (ended, endpoints []string) {
	for _, c := range cs {
		if c.Ordered && (c.Status == herald.DeliverySucceeded || c.Status == herald.DeliveryFailed) {
			ended = append(ended, c.DeliveryID)
			endpoints = append(endpoints, c.EndpointID)
		}
	}
	slices.Sort(endpoints)
	return ended, slices.Compact(endpoints)
}

// FIFOLeaveQuery takes ended deliveries out of their endpoints' queues
// (fifo_seq), keeping their acceptance numbers (fifo_order) for a
// replay. idIn is the backend's condition that id is one of a list
// ("id = ANY($1)", "id IN (SELECT value FROM json_each(?))").
func FIFOLeaveQuery(idIn string) string {
	return `UPDATE deliveries SET fifo_seq = NULL WHERE ` + idIn + ` AND status IN ('succeeded', 'failed')`
}

// FIFODueOrWaiting is the due time of a paused delivery resumed: ph(i)
// for an unordered one, none (waiting) for one still in a FIFO queue
// (fifo_seq: an unfinished delivery keeps it while paused), which its
// endpoint's settle makes due in its turn. cast is the placeholder's type
// where the backend needs one ("::timestamptz"). A replay or a retry,
// whose delivery had left its queue, takes FIFOAgain instead.
func FIFODueOrWaiting(ph func(int) string, i int, cast string) string {
	return `CASE WHEN fifo_seq IS NULL THEN ` + ph(i) + cast + ` ELSE NULL END`
}

// FIFOReleaseQuery makes the waiting deliveries of an endpoint that is no
// longer FIFO due (since they were accepted), and takes them and its
// unfinished ones out of the queue for good. Placeholder: endpoint id.
func FIFOReleaseQuery(ph func(int) string) string {
	return `UPDATE deliveries SET fifo_seq = NULL, fifo_order = NULL,
			next_attempt_at = CASE WHEN status = 'pending' AND next_attempt_at IS NULL THEN created_at ELSE next_attempt_at END
		WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL`
}
