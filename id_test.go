package herald

import (
	"regexp"
	"testing"
)

// Ids are the prefix and a lowercase ULID, and sort in the order made.
func TestNewID(t *testing.T) {
	shape := regexp.MustCompile(`^dlv_[0-9a-hjkmnp-tv-z]{26}$`)
	prev := ""
	for range 1000 {
		id := NewID(PrefixDelivery)
		if !shape.MatchString(id) {
			t.Fatalf("NewID = %q", id)
		}
		if id <= prev {
			t.Fatalf("%q made after %q sorts before it", id, prev)
		}
		prev = id
	}
}
