package api

import (
	"testing"

	"github.com/heraldhq/herald"
)

// An attempt stored before static headers were hidden kept the value of
// one whose name the allow-list shows: shown today, the endpoint's static
// headers are masked whatever their names and case; its own headers stay.
func TestRemaskHidesStaticHeaders(t *testing.T) {
	old := &herald.Attempt{Request: &herald.AttemptRequest{Headers: map[string]string{
		"X-Shared-Signature": "stored-in-clear", "x-client-id": "cid-in-clear", "webhook-signature": "v1,abc=",
	}}}
	ep := &herald.Endpoint{Headers: map[string]string{"X-Shared-Signature": "s", "X-Client-Id": "c"}}
	remask([]*herald.Attempt{old, {}}, ep)
	for k, want := range map[string]string{"X-Shared-Signature": "••••••", "x-client-id": "••••••", "webhook-signature": "v1,abc="} {
		if got := old.Request.Headers[k]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}
