package store_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// The settings column holds every field of herald.Endpoint not kept in a
// column, under its JSON name, and never a secret: the fields the API
// never shows (json:"-") all have columns, sealed where they are secrets.
func TestEndpointSettingsJSONHoldsNoSecret(t *testing.T) {
	ep := &herald.Endpoint{ID: "ep_1", Secret: "whsec_SECRET", PreviousSecret: "whsec_PREVIOUS", BearerToken: "BEARER",
		Headers: map[string]string{"Authorization": "HEADER"}, Description: "d", SendTraceparent: true}
	b := store.EndpointSettingsJSON(ep)
	for _, secret := range []string{"SECRET", "PREVIOUS", "BEARER", "HEADER"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the settings column holds %s: %s", secret, b)
		}
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeFor[herald.Endpoint]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if key == "-" && !store.EndpointColumns[f.Name] {
			t.Errorf("%s is never shown (json:\"-\") but has no column", f.Name)
		}
		if _, in := doc[key]; in == store.EndpointColumns[f.Name] {
			t.Errorf("%s: in the settings column %v, a column of its own %v", f.Name, in, store.EndpointColumns[f.Name])
		}
	}
	var back herald.Endpoint
	if err := store.DecodeEndpointSettings(&back, b); err != nil || back.Description != "d" || !back.SendTraceparent {
		t.Errorf("read back %+v (%v)", back, err)
	}
	if err := store.DecodeEndpointSettings(&back, []byte(`{"format": 3}`)); err == nil {
		t.Error("a corrupt setting was read")
	}
}
