package herald

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// ID prefixes name the kind of resource an id belongs to, so that an id
// pasted in the wrong place is recognisable at a glance.
const (
	PrefixTenant   = "tnt_"
	PrefixAPIKey   = "key_"
	PrefixSession  = "ps_"
	PrefixEndpoint = "ep_"
	PrefixEvent    = "evt_"
	PrefixDelivery = "dlv_"
	PrefixAttempt  = "att_"
	PrefixJob      = "job_"
)

var (
	idMu      sync.Mutex
	idEntropy = ulid.Monotonic(rand.Reader, 0)
)

// NewID returns prefix followed by a lowercase ULID. IDs made by one process
// sort in creation order, which cursor pagination relies on.
func NewID(prefix string) string {
	idMu.Lock()
	id := ulid.MustNew(ulid.Timestamp(time.Now()), idEntropy)
	idMu.Unlock()
	// One allocation: a fan-out of a thousand deliveries makes a thousand.
	var buf [16 + ulid.EncodedSize]byte
	b := append(buf[:0], prefix...)
	b = b[:len(prefix)+ulid.EncodedSize]
	_ = id.MarshalTextTo(b[len(prefix):]) // the size is right
	for i := len(prefix); i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
