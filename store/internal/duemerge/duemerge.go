// Package duemerge decides how far a claim reads each endpoint's queue of
// due deliveries, so that it takes the earliest due across endpoints
// while reading, of each queue, only about what it takes from it.
//
// A claim used to walk one index of every due delivery ordered by time,
// passing over those of the endpoints it skips (the node holds its share
// of them): hanging or failing endpoints, with the largest and oldest
// backlogs, made every claim read those backlogs first (issue 30). Read
// per endpoint instead, a queue the claim skips is never read; the queues
// it takes from are read in chunks, and a Merge says after each round of
// chunks which queues may still hold one of the limit earliest rows.
package duemerge

import (
	"slices"
	"strings"
	"time"
)

// Row is a due delivery: its endpoint, when it became due and its id.
// Claims take rows in (Due, ID) order.
type Row struct {
	Endpoint string
	Due      time.Time
	ID       string
}

// Compare orders rows as claims take them: earliest due first, then by id.
func Compare(a, b Row) int {
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// Want asks for the next Size rows of an endpoint's queue after After.
type Want struct {
	Endpoint string
	After    Row
	Size     int
}

// Merge collects the chunks read of endpoints' queues.
type Merge struct {
	limit int
	rows  []Row
	queue map[string]*queue
}

type queue struct {
	last  Row
	asked int  // the size of the last chunk asked for
	ended bool // the last chunk came back short: nothing more is due
}

// New returns a Merge for a claim of limit rows.
func New(limit int) *Merge {
	return &Merge{limit: limit, queue: make(map[string]*queue)}
}

// Add records the rows read of endpoint's queue, in order, after those
// added before; asked is how many were asked for, and fewer rows say the
// queue holds no more due.
func (m *Merge) Add(endpoint string, rows []Row, asked int) {
	q := m.queue[endpoint]
	if q == nil {
		q = &queue{}
		m.queue[endpoint] = q
	}
	q.asked, q.ended = asked, len(rows) < asked
	if len(rows) > 0 {
		q.last = rows[len(rows)-1]
	}
	m.rows = append(m.rows, rows...)
}

// Wants says which queues to read further, in endpoint order: those not
// read to their end whose last row read is before the limit-th earliest
// row read so far (or all of them, while fewer than limit rows were read),
// since their next rows may come before it. None means Take is final.
// Each queue's chunk doubles with every read, and is at least an equal
// part of the limit among the queues read further, so that a claim takes
// few rounds: about log2 of what one queue gives it.
func (m *Merge) Wants() []Want {
	slices.SortFunc(m.rows, Compare)
	var cut *Row
	if len(m.rows) >= m.limit {
		cut = &m.rows[m.limit-1]
	}
	var wants []Want
	var useful []int
	for ep, q := range m.queue {
		if q.ended || cut != nil && Compare(q.last, *cut) >= 0 {
			continue
		}
		wants = append(wants, Want{Endpoint: ep, After: q.last, Size: 2 * q.asked})
		// The rows read up to this queue's last come before any of its
		// rows not read: at most the rest of the limit can be taken.
		before, _ := slices.BinarySearchFunc(m.rows, q.last, Compare)
		useful = append(useful, m.limit-before-1)
	}
	if len(wants) == 0 {
		return nil
	}
	part := (m.limit + len(wants) - 1) / len(wants)
	first := 0
	for i := range wants {
		wants[i].Size = max(1, min(useful[i], max(wants[i].Size, part)))
		if Compare(wants[i].After, wants[first].After) < 0 {
			first = i
		}
	}
	// The queue read least far is read as far as it may be useful: one
	// queue holding the earliest rows (one endpoint's backlog) takes one
	// round, not one per doubling.
	wants[first].Size = max(1, useful[first])
	slices.SortFunc(wants, func(a, b Want) int { return strings.Compare(a.Endpoint, b.Endpoint) })
	return wants
}

// Take returns the limit earliest rows read, earliest first.
func (m *Merge) Take() []Row {
	slices.SortFunc(m.rows, Compare)
	return m.rows[:min(len(m.rows), m.limit)]
}
