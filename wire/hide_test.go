package wire

import "testing"

// Static headers are masked in the request as sent whatever their names:
// the allow-list of safe names is for the headers Herald writes.
func TestSentHidesStaticHeaders(t *testing.T) {
	sent := map[string]string{"X-Shared-Signature": "shared", "X-Client-Id": "cid", "webhook-signature": "v1,abc=", "webhook-id": "evt_1"}
	got := Sent("https://h/x", sent, map[string]string{"x-shared-signature": "shared", "X-CLIENT-ID": "cid"}, nil).Headers
	for k, want := range map[string]string{"X-Shared-Signature": masked, "X-Client-Id": masked, "webhook-signature": "v1,abc=", "webhook-id": "evt_1"} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	if sent["X-Shared-Signature"] != "shared" {
		t.Error("Sent changed the headers it was given")
	}
}
