package duemerge

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// claim runs the rounds a store runs against queues (each endpoint's due
// rows, in order): the heads first, then the chunks Wants asks for. It
// returns what Take gives, how many rows were read and how many rounds.
func claim(queues map[string][]Row, limit int) (taken []Row, read, rounds int) {
	m := New(limit)
	for ep, q := range queues {
		if len(q) > 0 {
			m.Add(ep, q[:1], 1)
			read++
		}
	}
	rounds = 1
	for wants := m.Wants(); len(wants) > 0; wants = m.Wants() {
		rounds++
		for _, w := range wants {
			q := queues[w.Endpoint]
			i := slices.IndexFunc(q, func(r Row) bool { return Compare(r, w.After) > 0 })
			if i < 0 {
				i = len(q)
			}
			chunk := q[i:min(len(q), i+w.Size)]
			read += len(chunk)
			m.Add(w.Endpoint, chunk, w.Size)
		}
	}
	return m.Take(), read, rounds
}

func queuesOf(n int, rows func(ep, i int) (time.Duration, bool)) map[string][]Row {
	qs := make(map[string][]Row)
	for ep := range n {
		name := fmt.Sprintf("ep%03d", ep)
		for i := 0; ; i++ {
			d, ok := rows(ep, i)
			if !ok {
				break
			}
			qs[name] = append(qs[name], Row{Endpoint: name, Due: t0.Add(d), ID: fmt.Sprintf("d%03d-%05d", ep, i)})
		}
		slices.SortFunc(qs[name], Compare)
	}
	return qs
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name      string
		queues    map[string][]Row
		limit     int
		maxRounds int
	}{
		{"one endpoint, a long queue", queuesOf(1, func(_, i int) (time.Duration, bool) { return time.Duration(i), i < 10000 }), 500, 2},
		{"one endpoint, fewer than the limit", queuesOf(1, func(_, i int) (time.Duration, bool) { return time.Duration(i), i < 3 }), 500, 2},
		{"800 endpoints, two rows each, interleaved", queuesOf(800, func(ep, i int) (time.Duration, bool) {
			return time.Duration(i*800 + ep), i < 2
		}), 500, 2},
		{"800 endpoints, long queues interleaved", queuesOf(800, func(ep, i int) (time.Duration, bool) {
			return time.Duration(i*800 + ep), i < 100
		}), 500, 2},
		{"one endpoint holds every early row", queuesOf(300, func(ep, i int) (time.Duration, bool) {
			if ep == 0 {
				return time.Duration(i), i < 5000
			}
			return time.Hour + time.Duration(i*300+ep), i < 50
		}), 500, 2},
		{"staggered heads, long queues", queuesOf(600, func(ep, i int) (time.Duration, bool) {
			return time.Duration(ep)*time.Second + time.Duration(i)*time.Millisecond, i < 600
		}), 500, 2},
		{"a batch due at one instant in each queue", queuesOf(50, func(ep, i int) (time.Duration, bool) {
			return time.Duration(i / 100), i < 300
		}), 500, 5},
		{"nothing due", map[string][]Row{}, 500, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var all []Row
			endpoints := 0
			for _, q := range tt.queues {
				all = append(all, q...)
				endpoints++
			}
			slices.SortFunc(all, Compare)
			want := all[:min(len(all), tt.limit)]
			got, read, rounds := claim(tt.queues, tt.limit)
			if !slices.Equal(got, want) {
				t.Fatalf("took %d rows, not the %d earliest", len(got), len(want))
			}
			// Each queue is read about as far as it gives, its chunks'
			// doubling past that, plus its head: never its whole backlog.
			if bound := 6*tt.limit + 2*endpoints; read > bound {
				t.Errorf("read %d rows to take %d (bound %d)", read, len(got), bound)
			}
			if rounds > tt.maxRounds {
				t.Errorf("took %d rounds, want at most %d", rounds, tt.maxRounds)
			}
			t.Logf("took %d, read %d, rounds %d", len(got), read, rounds)
		})
	}
}
