package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/store"
)

// settingSample is a value other than the zero value for a field of
// herald.Endpoint of type t, which the store must give back as it was
// given. A field of a type this does not know fails the test: give it a
// sample here.
func settingSample(t *testing.T, name string, typ reflect.Type) reflect.Value {
	t.Helper()
	switch typ {
	case reflect.TypeFor[*retry.Policy]():
		return reflect.ValueOf(&retry.Policy{Kind: retry.KindExponential, Base: retry.Duration(2 * time.Second), Factor: 2,
			Cap: retry.Duration(30 * time.Second), MaxRetries: 5, Jitter: 0.1, RetryOn: retry.RetryServerErrors})
	case reflect.TypeFor[*sigscheme.Scheme]():
		return reflect.ValueOf(&sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}",
			Header: "X-Webhook-Signature", Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"})
	case reflect.TypeFor[*ratelimit.Limit]():
		return reflect.ValueOf(&ratelimit.Limit{Count: 10, Per: time.Minute, Burst: 3})
	case reflect.TypeFor[time.Time]():
		return reflect.ValueOf(base.Add(time.Hour))
	case reflect.TypeFor[[]string]():
		return reflect.ValueOf([]string{"a-" + name, "b-" + name})
	case reflect.TypeFor[map[string]string]():
		return reflect.ValueOf(map[string]string{"X-" + name: "v"})
	}
	v := reflect.New(typ).Elem()
	switch typ.Kind() {
	case reflect.String:
		v.SetString("s-" + name)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	default:
		t.Fatalf("storetest: no sample of %s for herald.Endpoint.%s: add one to settingSample", typ, name)
	}
	return v
}

// readFilled are fields of herald.Endpoint that reads fill in rather than
// keep as written: PublicKey (the API's, from the secret), BearerTokenSet
// (from the bearer token), JobID and TenantSecret (a job callback's, whose
// secret reads take from its tenant; testJobCallback covers them).
var readFilled = map[string]bool{"PublicKey": true, "BearerTokenSet": true, "JobID": true, "TenantSecret": true}

// testSettingsRoundTrip: every field of herald.Endpoint, set by reflection
// to a value other than its zero value, comes back from a create as it was
// written, whether it has a column or lives in the settings column; and
// every setting of the settings column (those not in
// store.EndpointColumns) is changed by an update through
// EndpointUpdate.Settings. A field added to herald.Endpoint that the store
// does not keep fails here, on both stores.
func testSettingsRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	full := &herald.Endpoint{}
	v := reflect.ValueOf(full).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if readFilled[f.Name] {
			continue
		}
		v.Field(i).Set(settingSample(t, f.Name, f.Type))
	}
	full.ID, full.TenantID, full.URL = herald.NewID(herald.PrefixEndpoint), "acme", "https://example.com/full"
	full.Secret, full.PreviousSecret, full.BearerTokenSet = signing.NewSecret(), signing.NewSecret(), true
	must(t, s.CreateEndpoint(ctx, full))
	got, err := s.FindEndpointByID(ctx, "acme", full.ID)
	must(t, err)
	gv := reflect.ValueOf(got).Elem()
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; !readFilled[name] && !reflect.DeepEqual(gv.Field(i).Interface(), v.Field(i).Interface()) {
			t.Errorf("%s: stored %#v, read back %#v", name, v.Field(i).Interface(), gv.Field(i).Interface())
		}
	}

	plain := newEndpoint(t, s, "acme")
	upd := store.EndpointUpdate{Settings: map[string]any{}}
	var names []string
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !store.EndpointColumns[f.Name] {
			upd.Settings[f.Name] = v.Field(i).Interface()
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		t.Fatal("no field of herald.Endpoint is kept in the settings column")
	}
	got, err = s.UpdateEndpoint(ctx, "acme", plain.ID, upd)
	must(t, err)
	gv = reflect.ValueOf(got).Elem()
	for _, name := range names {
		if want := v.FieldByName(name).Interface(); !reflect.DeepEqual(gv.FieldByName(name).Interface(), want) {
			t.Errorf("after an update of %s: read back %#v, want %#v", name, gv.FieldByName(name).Interface(), want)
		}
	}
	// Back to the zero values: nil pointers and empty strings are kept as
	// such, not as the previous values.
	for name := range upd.Settings {
		upd.Settings[name] = reflect.Zero(v.FieldByName(name).Type()).Interface()
	}
	got, err = s.UpdateEndpoint(ctx, "acme", plain.ID, upd)
	must(t, err)
	gv = reflect.ValueOf(got).Elem()
	for _, name := range names {
		if f := gv.FieldByName(name); !f.IsZero() {
			t.Errorf("after resetting %s: read back %s", name, fmt.Sprintf("%#v", f.Interface()))
		}
	}
}
