package retry

import (
	"fmt"
	"time"
)

// Outcome is what became of one attempt, as far as retrying is concerned.
type Outcome struct {
	// StatusCode is the receiver's HTTP status, or 0 when no response came.
	StatusCode int
	// Err names the failure when no response came: "timeout",
	// "connection refused", ... Empty when StatusCode is set.
	Err string
	// Blocked is set when the egress policy refused the destination. Such an
	// attempt failed for a reason that waiting will not change.
	Blocked bool
	// RetryAfter is the receiver's Retry-After, or 0 when absent.
	RetryAfter time.Duration
}

// Verdict is what to do with a delivery after an attempt.
type Verdict int

// Verdicts.
const (
	Succeed Verdict = iota // the receiver took it
	Retry                  // attempt again after Decision.Delay
	Fail                   // give up: no more attempts
)

// String names the verdict as logs and metrics show it: succeeded, retry,
// failed.
func (v Verdict) String() string {
	switch v {
	case Succeed:
		return "succeeded"
	case Retry:
		return "retry"
	default:
		return "failed"
	}
}

// Decision is the result of Decide.
type Decision struct {
	Verdict Verdict
	Delay   time.Duration // before the next attempt, when Verdict is Retry
	// DisableEndpoint is set when the receiver said the endpoint is gone for
	// good (410 Gone): no further delivery to it should be tried.
	DisableEndpoint bool
	Reason          string // why, in a few words, for logs and the API
}

// MaxRetryAfter bounds how far a receiver's Retry-After may push a retry,
// so that a misconfigured receiver cannot park deliveries for weeks.
const MaxRetryAfter = time.Hour

// Decide applies the policy to an attempt's outcome. retriesDone is the
// number of attempts before this one (0 for the first attempt).
//
// 2xx succeeds. Timeouts and transport errors are retried. Which statuses
// are retried depends on p.RetryOn; by default 408, 429 and 5xx are, other
// statuses (3xx: redirects are never followed, and 4xx) end the delivery,
// and 410 also disables the endpoint. A Retry-After on 429 or 503 delays
// the retry at least that long, within MaxRetryAfter.
func Decide(p Policy, retriesDone int, o Outcome, rnd func() float64) Decision {
	switch {
	case o.StatusCode >= 200 && o.StatusCode < 300:
		return Decision{Verdict: Succeed, Reason: fmt.Sprintf("HTTP %d", o.StatusCode)}
	case o.Blocked:
		return Decision{Verdict: Fail, Reason: "blocked by policy"}
	case o.StatusCode == 410 && (p.RetryOn == "" || p.RetryOn == RetryDefault):
		return Decision{Verdict: Fail, DisableEndpoint: true, Reason: "HTTP 410 Gone: the receiver retired this endpoint"}
	}
	reason := o.Err
	if o.StatusCode != 0 {
		reason = fmt.Sprintf("HTTP %d", o.StatusCode)
		if !retryableStatus(p.RetryOn, o.StatusCode) {
			return Decision{Verdict: Fail, Reason: reason + " is not retried"}
		}
	}
	delay, ok := p.Delay(retriesDone+1, rnd)
	if !ok {
		return Decision{Verdict: Fail, Reason: reason + "; retries exhausted"}
	}
	if (o.StatusCode == 429 || o.StatusCode == 503) && o.RetryAfter > delay {
		delay = min(o.RetryAfter, MaxRetryAfter)
	}
	return Decision{Verdict: Retry, Delay: delay, Reason: reason}
}

func retryableStatus(retryOn string, code int) bool {
	switch retryOn {
	case RetryAny:
		return true
	case RetryServerErrors:
		return code >= 500
	}
	return code == 408 || code == 429 || code >= 500
}
