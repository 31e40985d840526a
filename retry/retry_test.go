package retry

import (
	"encoding/json"
	"testing"
	"time"
)

func half() float64 { return 0.5 } // no jitter: 1 + j*(2*0.5-1) = 1

func TestDefaultSchedule(t *testing.T) {
	p := Default()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour}
	for i, w := range want {
		got, ok := p.Delay(i+1, half)
		if !ok || got != w {
			t.Errorf("retry %d: delay %v %v, want %v", i+1, got, ok, w)
		}
	}
	if _, ok := p.Delay(len(want)+1, half); ok {
		t.Error("a retry beyond the schedule was allowed")
	}
}

func TestJitterBounds(t *testing.T) {
	p := Default()
	lo, _ := p.Delay(2, func() float64 { return 0 })
	hi, _ := p.Delay(2, func() float64 { return 0.999999 })
	if lo != 4*time.Minute || hi < 5*time.Minute+59*time.Second || hi > 6*time.Minute {
		t.Fatalf("±20%% jitter on 5m gave [%v, %v], want [4m, 6m)", lo, hi)
	}
}

func TestExponential(t *testing.T) {
	// Seed 000: 2 s doubling, capped at 30 s, 5 retries.
	p := Policy{Kind: KindExponential, Base: Duration(2 * time.Second), Factor: 2, Cap: Duration(30 * time.Second), MaxRetries: 5}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second}
	for i, w := range want {
		if got, ok := p.Delay(i+1, half); !ok || got != w {
			t.Errorf("retry %d: %v %v, want %v", i+1, got, ok, w)
		}
	}
	if _, ok := p.Delay(6, half); ok {
		t.Error("a sixth retry was allowed with max_retries 5")
	}
}

func TestValidate(t *testing.T) {
	bad := []Policy{
		{},
		{Kind: "linear"},
		{Kind: KindSchedule, Jitter: 1.5},
		{Kind: KindSchedule, Schedule: []Duration{Duration(-time.Second)}},
		{Kind: KindSchedule, Schedule: make([]Duration, MaxRetries+1)},
		{Kind: KindExponential, Base: 0, Factor: 2, Cap: Duration(time.Second), MaxRetries: 3},
		{Kind: KindExponential, Base: Duration(time.Second), Factor: 0.5, Cap: Duration(time.Minute), MaxRetries: 3},
		{Kind: KindExponential, Base: Duration(time.Minute), Factor: 2, Cap: Duration(time.Second), MaxRetries: 3},
		{Kind: KindExponential, Base: Duration(time.Second), Factor: 2, Cap: Duration(time.Minute), MaxRetries: -1},
	}
	for _, p := range bad {
		if p.Validate() == nil {
			t.Errorf("Validate(%+v) = nil, want an error", p)
		}
	}
}

func TestDurationJSON(t *testing.T) {
	var p Policy
	if err := json.Unmarshal([]byte(`{"kind":"schedule","schedule":["10s","30s","1m"],"jitter":0}`), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Schedule) != 3 || p.Schedule[2] != Duration(time.Minute) {
		t.Fatalf("schedule = %v", p.Schedule)
	}
	b, _ := json.Marshal(p)
	if string(b) != `{"kind":"schedule","schedule":["10s","30s","1m0s"],"jitter":0,"retry_on":"default"}` {
		t.Fatalf("marshalled = %s", b)
	}
	if err := json.Unmarshal([]byte(`{"kind":"schedule","schedule":[10]}`), &p); err == nil {
		t.Fatal("a number was taken as a duration")
	}
}

// A policy renders every field of its kind, defaults spelled out, and
// reads back as itself: an empty schedule (no retries) keeps its key, and
// the default class of failures is "default", not absent.
func TestPolicyJSONIsExplicit(t *testing.T) {
	for _, c := range []struct {
		p    Policy
		want string
	}{
		{Policy{Kind: KindSchedule}, `{"kind":"schedule","schedule":[],"jitter":0,"retry_on":"default"}`},
		{Policy{Kind: KindSchedule, Schedule: []Duration{}, RetryOn: RetryAny}, `{"kind":"schedule","schedule":[],"jitter":0,"retry_on":"any"}`},
		{Policy{Kind: KindExponential, Base: Duration(time.Second), Factor: 2, Cap: Duration(time.Minute), Jitter: 0.1},
			`{"kind":"exponential","base":"1s","factor":2,"cap":"1m0s","max_retries":0,"jitter":0.1,"retry_on":"default"}`},
	} {
		b, err := json.Marshal(c.p)
		if err != nil || string(b) != c.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", c.p, b, err, c.want)
			continue
		}
		var back Policy
		if err := json.Unmarshal(b, &back); err != nil || back.Validate() != nil && c.p.Validate() == nil {
			t.Errorf("%s does not read back: %v", b, err)
		}
		if again, _ := json.Marshal(back); string(again) != c.want {
			t.Errorf("%s read back renders %s", b, again)
		}
	}
}

func TestDecide(t *testing.T) {
	p := Policy{Kind: KindSchedule, Schedule: []Duration{Duration(5 * time.Second), Duration(time.Minute)}}
	tests := []struct {
		name    string
		done    int
		o       Outcome
		verdict Verdict
		delay   time.Duration
		disable bool
	}{
		{"200 succeeds", 0, Outcome{StatusCode: 200}, Succeed, 0, false},
		{"204 succeeds", 0, Outcome{StatusCode: 204}, Succeed, 0, false},
		{"299 succeeds", 0, Outcome{StatusCode: 299}, Succeed, 0, false},
		{"300 fails: not a 2xx", 0, Outcome{StatusCode: 300}, Fail, 0, false},
		{"500 retries", 0, Outcome{StatusCode: 500}, Retry, 5 * time.Second, false},
		{"503 retries second time", 1, Outcome{StatusCode: 503}, Retry, time.Minute, false},
		{"500 out of retries", 2, Outcome{StatusCode: 500}, Fail, 0, false},
		{"408 retries", 0, Outcome{StatusCode: 408}, Retry, 5 * time.Second, false},
		{"429 retries", 0, Outcome{StatusCode: 429}, Retry, 5 * time.Second, false},
		{"timeout retries", 0, Outcome{Err: "timeout"}, Retry, 5 * time.Second, false},
		{"refused retries", 0, Outcome{Err: "connection refused"}, Retry, 5 * time.Second, false},
		{"400 fails", 0, Outcome{StatusCode: 400}, Fail, 0, false},
		{"404 fails", 0, Outcome{StatusCode: 404}, Fail, 0, false},
		{"301 fails: redirects are not followed", 0, Outcome{StatusCode: 301}, Fail, 0, false},
		{"410 fails and disables", 0, Outcome{StatusCode: 410}, Fail, 0, true},
		{"blocked fails", 0, Outcome{Err: "blocked by policy: x", Blocked: true}, Fail, 0, false},
		{"Retry-After longer than the schedule", 0, Outcome{StatusCode: 429, RetryAfter: 30 * time.Second}, Retry, 30 * time.Second, false},
		{"Retry-After shorter than the schedule", 0, Outcome{StatusCode: 503, RetryAfter: time.Second}, Retry, 5 * time.Second, false},
		{"Retry-After capped", 0, Outcome{StatusCode: 429, RetryAfter: 48 * time.Hour}, Retry, MaxRetryAfter, false},
		{"Retry-After on 503 longer than the schedule", 0, Outcome{StatusCode: 503, RetryAfter: 30 * time.Second}, Retry, 30 * time.Second, false},
		{"Retry-After on 503 capped", 0, Outcome{StatusCode: 503, RetryAfter: 48 * time.Hour}, Retry, MaxRetryAfter, false},
		{"Retry-After ignored on 502", 0, Outcome{StatusCode: 502, RetryAfter: time.Hour}, Retry, 5 * time.Second, false},
		{"Retry-After ignored on 408", 0, Outcome{StatusCode: 408, RetryAfter: time.Hour}, Retry, 5 * time.Second, false},
		{"Retry-After ignored on 500", 0, Outcome{StatusCode: 500, RetryAfter: time.Hour}, Retry, 5 * time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(p, tt.done, tt.o, half)
			if d.Verdict != tt.verdict || d.Delay != tt.delay || d.DisableEndpoint != tt.disable {
				t.Fatalf("Decide = %+v, want verdict %v delay %v disable %v", d, tt.verdict, tt.delay, tt.disable)
			}
			if d.Reason == "" {
				t.Fatal("no reason given")
			}
		})
	}
}

func TestRetryOn(t *testing.T) {
	base := Policy{Kind: KindSchedule, Schedule: []Duration{Duration(time.Second)}}
	tests := []struct {
		on      string
		code    int
		err     string
		verdict Verdict
		disable bool
	}{
		{RetryAny, 400, "", Retry, false},
		{RetryAny, 404, "", Retry, false},
		{RetryAny, 410, "", Retry, false},
		{RetryAny, 302, "", Retry, false},
		{RetryAny, 500, "", Retry, false},
		{RetryAny, 0, "timeout", Retry, false},
		{RetryServerErrors, 500, "", Retry, false},
		{RetryServerErrors, 0, "connection refused", Retry, false},
		{RetryServerErrors, 429, "", Fail, false},
		{RetryServerErrors, 408, "", Fail, false},
		{RetryServerErrors, 410, "", Fail, false},
		{RetryServerErrors, 400, "", Fail, false},
		{RetryDefault, 429, "", Retry, false},
		{RetryDefault, 410, "", Fail, true},
		{"", 410, "", Fail, true},
	}
	for _, tt := range tests {
		p := base
		p.RetryOn = tt.on
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		d := Decide(p, 0, Outcome{StatusCode: tt.code, Err: tt.err}, half)
		if d.Verdict != tt.verdict || d.DisableEndpoint != tt.disable {
			t.Errorf("retry_on %q, status %d %s: %v disable %v, want %v disable %v", tt.on, tt.code, tt.err, d.Verdict, d.DisableEndpoint, tt.verdict, tt.disable)
		}
	}
	blocked := base
	blocked.RetryOn = RetryAny
	if d := Decide(blocked, 0, Outcome{Err: "blocked by policy: x", Blocked: true}, half); d.Verdict != Fail {
		t.Error("retry_on any retried a destination the egress policy refused")
	}
	base.RetryOn = "sometimes"
	if base.Validate() == nil {
		t.Error("an unknown retry_on was accepted")
	}
}
