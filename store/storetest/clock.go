package storetest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock is a store's clock in the suite: it stands at base until a test
// moves it, so that nothing a store stamps by itself (an endpoint resumed,
// a secret rotated, an outcome recorded) depends on the day the suite runs.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now is the clock's time; pass it as the store's Now.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// ClockShiftEnv moves the suite's instants: with HERALD_TEST_CLOCK_SHIFT=+10y
// (or -10y, or a Go duration such as -87600h) every time the suite uses, and
// so every store's clock, is that far from its usual day. CI runs the suite
// shifted both ways, which proves it holds no date of its own.
const ClockShiftEnv = "HERALD_TEST_CLOCK_SHIFT"

// shiftedBase is day moved by the shift $HERALD_TEST_CLOCK_SHIFT names; a
// shift that does not parse stops the suite rather than running unshifted.
func shiftedBase(day time.Time) time.Time {
	v := strings.TrimSpace(os.Getenv(ClockShiftEnv))
	if v == "" {
		return day
	}
	t, err := shift(day, v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q: %v", ClockShiftEnv, v, err))
	}
	return t
}

// shift moves t by s: whole years ("+10y", "-3y") or a Go duration.
func shift(t time.Time, s string) (time.Time, error) {
	if years, ok := strings.CutSuffix(s, "y"); ok {
		n, err := strconv.Atoi(years)
		if err != nil {
			return time.Time{}, fmt.Errorf("want whole years such as +10y or a duration such as -87600h")
		}
		return t.AddDate(n, 0, 0), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want whole years such as +10y or a duration such as -87600h")
	}
	return t.Add(d), nil
}
