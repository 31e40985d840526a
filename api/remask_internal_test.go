package api

import (
	"testing"

	"github.com/heraldhq/herald"
)

// An attempt stored before the allow-list kept a credential under a name
// the old list of secret words missed: shown today, it is masked.
func TestRemaskStoredAttempts(t *testing.T) {
	old := &herald.Attempt{Request: &herald.AttemptRequest{Headers: map[string]string{
		"X-Access-Key": "stored-in-clear", "Authorization": "Bearer ••••••", "webhook-signature": "v1,abc=", "X-Api-Key": "••••••",
	}}}
	remask([]*herald.Attempt{old, {}}, nil)
	for k, want := range map[string]string{"X-Access-Key": "••••••", "Authorization": "Bearer ••••••", "webhook-signature": "v1,abc=", "X-Api-Key": "••••••"} {
		if got := old.Request.Headers[k]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}
