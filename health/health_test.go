package health

import (
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		a    herald.Attempt
		want Outcome
	}{
		{herald.Attempt{StatusCode: 200}, OK},
		{herald.Attempt{StatusCode: 204}, OK},
		{herald.Attempt{StatusCode: 299}, OK},
		{herald.Attempt{StatusCode: 300}, ClientError},
		{herald.Attempt{StatusCode: 499}, ClientError},
		{herald.Attempt{StatusCode: 301}, ClientError},
		{herald.Attempt{StatusCode: 404}, ClientError},
		{herald.Attempt{StatusCode: 429}, ClientError},
		{herald.Attempt{StatusCode: 500}, ServerError},
		{herald.Attempt{StatusCode: 503}, ServerError},
		{herald.Attempt{Error: "timeout"}, Timeout},
		{herald.Attempt{Error: "connection refused"}, ConnectionError},
		{herald.Attempt{Error: "blocked: 10.0.0.1 is a private address"}, ConnectionError},
	} {
		if got := Classify(&c.a); got != c.want {
			t.Errorf("Classify(%+v) = %v, want %v", c.a, got, c.want)
		}
	}
}

func TestQuantile(t *testing.T) {
	var empty Tally
	if empty.Quantile(0.5) != 0 || empty.SuccessRate() != 0 {
		t.Fatal("an empty tally has a latency or a success rate")
	}
	var tl Tally
	// 90 attempts of 3 ms (bucket 2–5 ms), 10 of 300 ms (200–500 ms).
	for range 90 {
		tl.Add(&herald.Attempt{StatusCode: 200, Duration: 3 * time.Millisecond}, herald.DeliverySucceeded)
	}
	for range 10 {
		tl.Add(&herald.Attempt{StatusCode: 500, Duration: 300 * time.Millisecond}, herald.DeliveryPending)
	}
	if p50 := tl.Quantile(0.5); p50 < 2*time.Millisecond || p50 > 5*time.Millisecond {
		t.Errorf("p50 = %v, want within 2–5 ms", p50)
	}
	if p95 := tl.Quantile(0.95); p95 < 200*time.Millisecond || p95 > 500*time.Millisecond {
		t.Errorf("p95 = %v, want within 200–500 ms", p95)
	}
	if r := tl.SuccessRate(); r != 0.9 {
		t.Errorf("success rate = %v, want 0.9", r)
	}
	if tl.Attempts() != 100 || tl.Counts[ServerError] != 10 || tl.Delivered != 90 || tl.GaveUp != 0 {
		t.Errorf("counts = %v", tl.Counts)
	}
	var slow Tally
	slow.Add(&herald.Attempt{Error: "timeout", Duration: 30 * time.Second}, herald.DeliveryFailed)
	if q := slow.Quantile(0.99); q != 10*time.Second || slow.GaveUp != 1 {
		t.Errorf("an attempt past the last bound reads %v, want the bound, 10s", q)
	}
}

func TestRollupAndPoints(t *testing.T) {
	base := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	at := func(ep string, d time.Duration, code int) Sample {
		return Sample{EndpointID: ep, Attempt: &herald.Attempt{StartedAt: base.Add(d), StatusCode: code, Duration: time.Millisecond}}
	}
	rows := Rollup([]Sample{at("b", 0, 200), at("a", time.Minute, 200), at("a", 2*time.Minute, 500), at("a", 7*time.Minute, 200), at("a", 61*time.Minute, 200)})
	// a: fine 10:00 (2), 10:05 (1), 11:00 (1); coarse 10:00 (3), 11:00 (1). b: fine 10:00, coarse 10:00.
	if len(rows) != 7 {
		t.Fatalf("%d rows, want 7: %+v", len(rows), rows)
	}
	if r := rows[0]; r.EndpointID != "a" || r.Span != Fine || !r.Start.Equal(base) || r.Attempts() != 2 || r.Counts[ServerError] != 1 {
		t.Fatalf("first row = %+v", r)
	}

	w, err := DecideWindow("1h", base.Add(64*time.Minute))
	if err != nil || w.Step != Fine || !w.Till.Equal(base.Add(65*time.Minute)) || !w.From.Equal(base.Add(5*time.Minute)) {
		t.Fatalf("DecideWindow(1h) = %+v, %v", w, err)
	}
	var aRows []Row
	for _, r := range rows {
		if r.EndpointID == "a" {
			aRows = append(aRows, r)
		}
	}
	points, total := w.Points(aRows)
	if len(points) != 12 || total.Attempts() != 2 || points[0].Attempts() != 1 || points[11].Attempts() != 1 {
		t.Fatalf("1h points: %d, total %d, first %d, last %d; want 12 points, 10:00's bucket outside", len(points), total.Attempts(), points[0].Attempts(), points[11].Attempts())
	}
	day, _ := DecideWindow("", base.Add(64*time.Minute))
	points, total = day.Points(aRows)
	if day.Name != "24h" || len(points) != 24 || total.Attempts() != 4 || points[22].Attempts() != 3 || points[23].Attempts() != 1 {
		t.Fatalf("24h: %d points, total %d", len(points), total.Attempts())
	}
	week, _ := DecideWindow("7d", base)
	if points, _ := week.Points(aRows); len(points) != 28 {
		t.Fatalf("7d: %d points, want 28 of 6 h", len(points))
	}
	if _, err := DecideWindow("1y", base); herald.ErrorCode(err) != herald.EINVALID {
		t.Fatalf("an unknown window: %v", err)
	}
}

func TestDecideStreak(t *testing.T) {
	for _, c := range []struct {
		failures, limit int
		left            int // -1: none
		near            bool
	}{
		{0, 0, -1, false},
		{7, 0, -1, false},
		{0, 10, 10, false},
		{7, 10, 3, false},
		{8, 10, 2, true},
		{10, 10, 0, true},
		{1, 2, 1, true},
		{0, 1, 1, false},
		{50, 100, 50, false},
		{80, 100, 20, true},
	} {
		s := DecideStreak(c.failures, c.limit)
		left := -1
		if s.Left != nil {
			left = *s.Left
		}
		if left != c.left || s.Near != c.near {
			t.Errorf("DecideStreak(%d, %d) = left %d near %v, want %d %v", c.failures, c.limit, left, s.Near, c.left, c.near)
		}
	}
}

func TestAccumulator(t *testing.T) {
	base := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	at := func(ep string, d time.Duration, code int, status herald.DeliveryStatus) Sample {
		return Sample{EndpointID: ep, Status: status, Attempt: &herald.Attempt{StartedAt: base.Add(d), StatusCode: code, Duration: time.Millisecond}}
	}
	var a Accumulator
	a.Add(Rollup([]Sample{at("b", 0, 200, herald.DeliverySucceeded), at("a", time.Minute, 500, herald.DeliveryPending)}))
	a.Add(Rollup([]Sample{at("a", 2*time.Minute, 200, herald.DeliverySucceeded), at("a", 6*time.Minute, 200, herald.DeliverySucceeded)}))
	// a: fine 10:00 (2) and 10:05 (1), coarse 10:00 (3); b: fine and coarse 10:00.
	if a.Len() != 5 {
		t.Fatalf("Len = %d, want 5", a.Len())
	}
	rows := a.Drain()
	if a.Len() != 0 || len(rows) != 5 {
		t.Fatalf("after Drain: Len %d, %d rows", a.Len(), len(rows))
	}
	if r := rows[0]; r.EndpointID != "a" || r.Span != Fine || !r.Start.Equal(base) || r.Attempts() != 2 || r.Counts[ServerError] != 1 || r.Delivered != 1 {
		t.Fatalf("first row = %+v, want a's first five minutes summed over both adds", r)
	}
	if r := rows[2]; r.EndpointID != "a" || r.Span != Coarse || r.Attempts() != 3 {
		t.Fatalf("third row = %+v, want a's hour", r)
	}
	a.Add(Rollup([]Sample{at("c", 0, 404, herald.DeliveryFailed)}))
	if rows := a.Drain(); len(rows) != 2 || rows[0].GaveUp != 1 {
		t.Fatalf("an Accumulator drained and used again: %+v", rows)
	}
}
