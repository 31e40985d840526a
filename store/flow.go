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
//     that the numbers follow the commits. It is born waiting: pending,
//     with no due time, so that no claim sees it.
//   - The endpoint's head is its delivery that is due, leased or paused.
//     Settling an endpoint (FIFOSettleQuery) makes its first waiting
//     delivery due when it has no head: after deliveries are accepted,
//     after the head ends (succeeded or failed), after a resume, a replay
//     or a manual retry.
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
// the endpoint has a head. It is due since it was accepted: it only
// waited its turn, and a claim takes it at once. Placeholders: endpoint
// id, endpoint id.
func FIFOSettleQuery(ph func(int) string) string {
	return `UPDATE deliveries SET next_attempt_at = created_at WHERE id = (
			SELECT id FROM deliveries WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL
				AND status = 'pending' AND next_attempt_at IS NULL ORDER BY fifo_seq LIMIT 1)
		AND NOT EXISTS (SELECT 1 FROM deliveries WHERE endpoint_id = ` + ph(2) + ` AND fifo_seq IS NOT NULL
			AND (status = 'paused' OR (status = 'pending' AND next_attempt_at IS NOT NULL)))`
}

// FIFOHeadQuery reads an endpoint's head (Delivery's columns) and how
// many of its deliveries wait behind it. Placeholders: endpoint id (
// twice). No row: the endpoint has no head.
func FIFOHeadQuery(cols string, ph func(int) string) string {
	return `SELECT ` + cols + `, (SELECT count(*) FROM deliveries w WHERE w.endpoint_id = ` + ph(1) + `
			AND w.fifo_seq IS NOT NULL AND w.status = 'pending' AND w.next_attempt_at IS NULL)
		FROM deliveries WHERE endpoint_id = ` + ph(2) + ` AND fifo_seq IS NOT NULL
			AND (status = 'paused' OR (status = 'pending' AND next_attempt_at IS NOT NULL))
		ORDER BY fifo_seq LIMIT 1`
}

// FIFOWaitingQuery counts an endpoint's waiting deliveries when it has
// no head. Placeholder: endpoint id.
func FIFOWaitingQuery(ph func(int) string) string {
	return `SELECT count(*) FROM deliveries WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL
		AND status = 'pending' AND next_attempt_at IS NULL`
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

// SettleAfter lists, sorted, the endpoints whose head may have ended with
// cs: those of ordered deliveries that succeeded or failed.
func SettleAfter(cs []Completion) []string {
	var eps []string
	for _, c := range cs {
		if c.Ordered && (c.Status == herald.DeliverySucceeded || c.Status == herald.DeliveryFailed) {
			eps = append(eps, c.EndpointID)
		}
	}
	slices.Sort(eps)
	return slices.Compact(eps)
}

// FIFODueOrWaiting is the due time of a delivery becoming pending again
// (a resume, a replay): ph(i) for an unordered one, none (waiting) for a
// FIFO one, which its endpoint's settle makes due in its turn. cast is
// the placeholder's type where the backend needs one ("::timestamptz").
func FIFODueOrWaiting(ph func(int) string, i int, cast string) string {
	return `CASE WHEN fifo_seq IS NULL THEN ` + ph(i) + cast + ` ELSE NULL END`
}

// FIFOReleaseQuery makes the waiting deliveries of an endpoint that is no
// longer FIFO due (since they were accepted), and unnumbers its
// unfinished ones. Placeholder: endpoint id.
func FIFOReleaseQuery(ph func(int) string) string {
	return `UPDATE deliveries SET fifo_seq = NULL, next_attempt_at = CASE WHEN status = 'pending' AND next_attempt_at IS NULL
			THEN created_at ELSE next_attempt_at END
		WHERE endpoint_id = ` + ph(1) + ` AND fifo_seq IS NOT NULL AND status IN ('pending', 'paused')`
}
