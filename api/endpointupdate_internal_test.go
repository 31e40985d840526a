package api

import (
	"reflect"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/endpointspec"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/store"
)

// Every setting reaches the store: an update from settings cur to next,
// applied to an endpoint with cur (as both stores apply it), gives one
// with next, for a next that differs from cur in every setting. A setting
// added to endpointspec.Settings but not to store.EndpointUpdate (or its
// Apply) fails here. The same settings give an update that changes
// nothing.
func TestEndpointUpdateCarriesEverySetting(t *testing.T) {
	cur := endpointspec.Defaults()
	cur.URL = "https://example.com/a"
	next := endpointspec.Settings{
		URL: "https://example.com/b", Description: "d", EventTypes: []string{"a"}, Channels: []string{"c"},
		Headers: map[string]string{"X": "y"}, RetryPolicy: &retry.Policy{Kind: retry.KindSchedule}, Disabled: true, Paused: true,
		DisableAfterFailures: 3, Format: herald.FormatEnvelope, EnvelopeObject: "o", APIVersion: "v2",
		Signature: herald.SignatureHMAC, SignatureScheme: &sigscheme.Scheme{Algorithm: "sha256"}, SignatureHeader: "X-H",
		PathSuffix: "/p", UserAgent: "ua", BearerToken: "tok", RateLimit: &ratelimit.Limit{Count: 1, Per: time.Second, Burst: 1},
		Ordering: endpointspec.OrderingFIFO, SendTraceparent: true,
	}
	v := reflect.ValueOf(next)
	for i := range v.NumField() {
		if reflect.DeepEqual(v.Field(i).Interface(), reflect.ValueOf(cur).Field(i).Interface()) {
			t.Fatalf("the test leaves %s as it was", v.Type().Field(i).Name)
		}
	}
	u := endpointUpdate(cur, next)
	var ep herald.Endpoint
	cur.Fill(&ep)
	u.Apply(&ep)
	if got := endpointspec.FromEndpoint(&ep); !reflect.DeepEqual(got, next) {
		t.Errorf("after the update:\n%+v\nwant\n%+v", got, next)
	}
	if ep.DisabledReason != "disabled by request" {
		t.Errorf("disabled_reason %q", ep.DisabledReason)
	}
	if same := endpointUpdate(next, next); !reflect.DeepEqual(same, store.EndpointUpdate{}) {
		t.Errorf("no change made an update: %+v", same)
	}
	back := endpointUpdate(next, cur)
	if !back.SetRetryPolicy || back.RetryPolicy != nil || !back.SetRateLimit || back.SignatureScheme == nil || *back.SignatureScheme != nil {
		t.Errorf("resetting the nullable settings: %+v", back)
	}
}
