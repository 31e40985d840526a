// Package retry decides what happens after a webhook attempt: success,
// another attempt later (and when), or giving up. Policies are data, so an
// endpoint stores its own and the decisions are pure functions that tests
// can table without a network.
package retry

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// Kinds of policy.
const (
	KindSchedule    = "schedule"    // an explicit list of delays
	KindExponential = "exponential" // base × factor^n, capped
)

// Policy says how long to wait before each retry of a delivery and when to
// stop. The zero value is not valid; use Default or a validated literal.
type Policy struct {
	Kind string `json:"kind"`

	// Schedule lists the delay before each retry; its length is the number
	// of retries. Used when Kind is "schedule".
	Schedule []Duration `json:"schedule,omitempty"`

	// Base, Factor, Cap and MaxRetries describe an exponential policy: the
	// n-th retry (from 1) waits min(Base × Factor^(n-1), Cap).
	Base       Duration `json:"base,omitempty"`
	Factor     float64  `json:"factor,omitempty"`
	Cap        Duration `json:"cap,omitempty"`
	MaxRetries int      `json:"max_retries,omitempty"`

	// Jitter spreads each delay uniformly over ±Jitter of itself (0.2 is
	// ±20 %), so that endpoints that failed together do not retry together.
	Jitter float64 `json:"jitter"`

	// RetryOn says which failures are retried: RetryDefault (empty), RetryAny
	// or RetryServerErrors.
	RetryOn string `json:"retry_on,omitempty"`
}

// MarshalJSON writes p with every field of its kind, defaults spelled out:
// a schedule's list even when it is empty (no retries), an exponential
// policy's base, factor, cap and max_retries, and retry_on "default" for
// the empty class, so that what an answer shows is what is in force and
// reads back as the same policy.
func (p Policy) MarshalJSON() ([]byte, error) {
	type exponential struct {
		Base       Duration `json:"base"`
		Factor     float64  `json:"factor"`
		Cap        Duration `json:"cap"`
		MaxRetries int      `json:"max_retries"`
	}
	out := struct {
		Kind     string      `json:"kind"`
		Schedule *[]Duration `json:"schedule,omitempty"`
		*exponential
		Jitter  float64 `json:"jitter"`
		RetryOn string  `json:"retry_on"`
	}{Kind: p.Kind, Jitter: p.Jitter, RetryOn: p.RetryOn}
	if out.RetryOn == "" {
		out.RetryOn = RetryDefault
	}
	switch p.Kind {
	case KindExponential:
		out.exponential = &exponential{p.Base, p.Factor, p.Cap, p.MaxRetries}
	default:
		schedule := p.Schedule
		if schedule == nil {
			schedule = []Duration{}
		}
		out.Schedule = &schedule
	}
	return json.Marshal(out)
}

// Which failures a policy retries. Every class retries timeouts and
// connection errors; none retries a destination the egress policy refused.
const (
	// RetryDefault retries 408, 429 and 5xx; other statuses end the
	// delivery, and 410 Gone also disables the endpoint.
	RetryDefault = "default"
	// RetryAny retries every answer that is not 2xx, 4xx included.
	RetryAny = "any"
	// RetryServerErrors retries 5xx only; every 4xx ends the delivery.
	RetryServerErrors = "server-errors"
)

// Default is the policy of an endpoint that names none: the first attempt at
// once, then retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h,
// each ±20 %. That spans about a day and a half, long enough to ride out
// an outage of the receiver's whole weekend on-call rotation.
func Default() Policy {
	return Policy{
		Kind: KindSchedule,
		Schedule: []Duration{
			Duration(5 * time.Second), Duration(5 * time.Minute), Duration(30 * time.Minute),
			Duration(2 * time.Hour), Duration(5 * time.Hour), Duration(10 * time.Hour), Duration(10 * time.Hour),
		},
		Jitter: 0.2,
	}
}

// Limits on policies a user may set; beyond them a policy is more likely a
// mistake than an intent.
const (
	MaxRetries = 50
	MaxDelay   = 7 * 24 * time.Hour
)

// Validate reports what is wrong with p in words a user can act on.
func (p Policy) Validate() error {
	if p.Jitter < 0 || p.Jitter > 1 {
		return fmt.Errorf("jitter must be between 0 and 1 (0.2 means ±20%%), not %g", p.Jitter)
	}
	switch p.Kind {
	case KindSchedule:
		if len(p.Schedule) > MaxRetries {
			return fmt.Errorf("a schedule may list at most %d retries, not %d", MaxRetries, len(p.Schedule))
		}
		for i, d := range p.Schedule {
			if d < 0 || time.Duration(d) > MaxDelay {
				return fmt.Errorf("schedule[%d] must be between 0s and %s", i, MaxDelay)
			}
		}
	case KindExponential:
		if p.Base <= 0 || time.Duration(p.Base) > MaxDelay {
			return fmt.Errorf("base must be a positive duration up to %s, such as \"2s\"", MaxDelay)
		}
		if p.Factor < 1 || p.Factor > 100 {
			return fmt.Errorf("factor must be between 1 and 100 (2 doubles each delay), not %g", p.Factor)
		}
		if p.Cap < p.Base || time.Duration(p.Cap) > MaxDelay {
			return fmt.Errorf("cap must be at least base and at most %s", MaxDelay)
		}
		if p.MaxRetries < 0 || p.MaxRetries > MaxRetries {
			return fmt.Errorf("max_retries must be between 0 and %d", MaxRetries)
		}
	case "":
		return errors.New(`kind is required: "schedule" or "exponential"`)
	default:
		return fmt.Errorf(`kind %q is unknown; use "schedule" or "exponential"`, p.Kind)
	}
	switch p.RetryOn {
	case "", RetryDefault, RetryAny, RetryServerErrors:
	default:
		return fmt.Errorf(`retry_on %q is unknown; use "default", "any" or "server-errors"`, p.RetryOn)
	}
	return nil
}

// Retries returns how many retries p allows after the first attempt.
func (p Policy) Retries() int {
	if p.Kind == KindExponential {
		return p.MaxRetries
	}
	return len(p.Schedule)
}

// Delay returns the wait before retry number n (1 for the first retry) and
// whether that retry is allowed at all. rnd returns a number in [0, 1) and
// drives the jitter; pass a fixed function in tests.
func (p Policy) Delay(n int, rnd func() float64) (time.Duration, bool) {
	if n < 1 || n > p.Retries() {
		return 0, false
	}
	var d time.Duration
	switch p.Kind {
	case KindExponential:
		f := float64(p.Base) * math.Pow(p.Factor, float64(n-1))
		if f > float64(p.Cap) {
			f = float64(p.Cap)
		}
		d = time.Duration(f)
	default:
		d = time.Duration(p.Schedule[n-1])
	}
	if p.Jitter > 0 && d > 0 {
		d = time.Duration(float64(d) * (1 + p.Jitter*(2*rnd()-1)))
	}
	return d, true
}
