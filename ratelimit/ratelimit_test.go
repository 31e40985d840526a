package ratelimit

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTake(t *testing.T) {
	t0 := time.Unix(1e9, 0)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	perSecond := func(n, burst int) Limit { return Limit{Count: n, Per: time.Second, Burst: burst} }
	for _, c := range []struct {
		name    string
		limit   Limit
		tat     time.Time
		now     time.Time
		ok      bool
		tat2    time.Time // after
		retryAt time.Time // when !ok
	}{
		{"first ever", perSecond(1, 0), time.Time{}, at(0), true, at(1000), time.Time{}},
		{"within the interval", perSecond(1, 0), at(1000), at(400), false, at(1000), at(1000)},
		{"at the interval", perSecond(1, 0), at(1000), at(1000), true, at(2000), time.Time{}},
		{"long idle: no credit beyond the burst", perSecond(1, 0), at(1000), at(60000), true, at(61000), time.Time{}},
		{"burst of 3: the second at once", perSecond(10, 3), at(100), at(0), true, at(200), time.Time{}},
		{"burst of 3: the third at once", perSecond(10, 3), at(200), at(0), true, at(300), time.Time{}},
		{"burst of 3: the fourth waits one interval", perSecond(10, 3), at(300), at(0), false, at(300), at(100)},
		{"per minute", Limit{Count: 6, Per: time.Minute}, at(10000), at(9999), false, at(10000), at(10000)},
		{"per minute, spaced", Limit{Count: 6, Per: time.Minute}, at(10000), at(10000), true, at(20000), time.Time{}},
	} {
		d := Take(c.limit, c.tat, c.now, 1)
		if d.OK() != c.ok || !d.TAT.Equal(c.tat2) || !d.RetryAt.Equal(c.retryAt) {
			t.Errorf("%s: Take = %+v, want ok %v, TAT %v, retry at %v", c.name, d, c.ok, c.tat2.Sub(t0), c.retryAt.Sub(t0))
		}
	}
}

// However the requests come, no window of one period holds more than
// Burst + Count - 1 of them, and a steady stream gets Count per period.
func TestTakeHoldsTheRate(t *testing.T) {
	l := Limit{Count: 5, Per: time.Second, Burst: 2}
	t0 := time.Unix(1e9, 0)
	var tat time.Time
	var sent []time.Time
	for ms := 0; ms < 10000; ms += 7 {
		now := t0.Add(time.Duration(ms) * time.Millisecond)
		if d := Take(l, tat, now, 1); d.OK() {
			sent = append(sent, now)
			tat = d.TAT
		} else {
			tat = d.TAT
		}
	}
	for i := range sent {
		n := 0
		for j := i; j < len(sent) && sent[j].Sub(sent[i]) < time.Second; j++ {
			n++
		}
		if n > l.Burst+l.Count-1 {
			t.Fatalf("%d requests within a second from %v", n, sent[i].Sub(t0))
		}
	}
	if len(sent) < 49 || len(sent) > 52 {
		t.Fatalf("%d requests in 10 s at 5/s", len(sent))
	}
}

// Asking for several at once grants what the burst holds, and the same
// as asking one at a time would.
func TestTakeSeveral(t *testing.T) {
	t0 := time.Unix(1e9, 0)
	l := Limit{Count: 10, Per: time.Second, Burst: 4}
	d := Take(l, time.Time{}, t0, 10)
	if d.Granted != 4 || !d.TAT.Equal(t0.Add(400*time.Millisecond)) {
		t.Fatalf("10 asked after a quiet spell: %+v, want the burst of 4", d)
	}
	if d := Take(l, d.TAT, t0, 3); d.Granted != 0 || !d.RetryAt.Equal(t0.Add(100*time.Millisecond)) {
		t.Fatalf("then at once: %+v, want none until one interval", d)
	}
	if d := Take(l, d.TAT, t0.Add(250*time.Millisecond), 5); d.Granted != 2 {
		t.Fatalf("250 ms later: %+v, want 2", d)
	}
	var tat time.Time
	one := 0
	for range 10 {
		d := Take(l, tat, t0, 1)
		one += d.Granted
		tat = d.TAT
	}
	if one != 4 {
		t.Fatalf("one at a time: %d granted, want the same 4", one)
	}
}

func TestPause(t *testing.T) {
	t0 := time.Unix(1e9, 0)
	l := Limit{Count: 10, Per: time.Second, Burst: 3}
	tat := Pause(l, t0, t0.Add(5*time.Second))
	if d := Take(l, tat, t0.Add(4999*time.Millisecond), 1); d.OK() || !d.RetryAt.Equal(t0.Add(5*time.Second)) {
		t.Fatalf("before the pause ends: %+v", d)
	}
	if d := Take(l, tat, t0.Add(5*time.Second), 1); !d.OK() {
		t.Fatalf("when the pause ends: %+v", d)
	}
	if got := Pause(l, t0.Add(time.Hour), t0.Add(time.Second)); !got.Equal(t0.Add(time.Hour)) {
		t.Fatalf("a pause shorter than what is already owed moved the TAT back: %v", got)
	}
}

func TestCheckAndJSON(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{`{"count": 10, "per": "second"}`, true},
		{`{"count": 600, "per": "minute", "burst": 20}`, true},
		{`{"count": 0, "per": "second"}`, false},
		{`{"count": 10, "per": "hour"}`, false},
		{`{"count": 10, "per": "second", "burst": 11}`, false},
		{`{"count": 10}`, false},
	} {
		var l Limit
		err := json.Unmarshal([]byte(c.in), &l)
		if err == nil {
			err = l.Check()
		}
		if (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok %v", c.in, err, c.ok)
		}
	}
	var l Limit
	if err := json.Unmarshal([]byte(`{"count": 10, "per": "second", "speed": 1}`), &l); err == nil {
		t.Error("an unknown field was taken")
	}
	out, _ := json.Marshal(Limit{Count: 6, Per: time.Minute})
	if string(out) != `{"count":6,"per":"minute","burst":1}` {
		t.Errorf("Marshal = %s", out)
	}
}

func TestHold(t *testing.T) {
	for _, c := range []struct {
		status     int
		retryAfter time.Duration
		want       time.Duration
	}{
		{429, 30 * time.Second, 30 * time.Second},
		{429, 0, 0},
		{429, 48 * time.Hour, time.Hour},
		{503, 30 * time.Second, 0},
		{200, 30 * time.Second, 0},
	} {
		if got := Hold(c.status, c.retryAfter, time.Hour); got != c.want {
			t.Errorf("Hold(%d, %v) = %v, want %v", c.status, c.retryAfter, got, c.want)
		}
	}
}
