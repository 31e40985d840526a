package api

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald/access"
)

// Every field of an endpoint's body is placed in the access table, so
// that a new field cannot reach a limited session unconsidered.
func TestEndpointFieldsAllPlaced(t *testing.T) {
	var names []string
	typ := reflect.TypeFor[endpointInput]()
	for i := range typ.NumField() {
		if name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ","); name != "" {
			names = append(names, name)
			if _, ok := access.EndpointFields[name]; !ok {
				t.Errorf("field %q of the endpoint body is not in access.EndpointFields", name)
			}
		}
	}
	for name := range access.EndpointFields {
		if !slices.Contains(names, name) {
			t.Errorf("access.EndpointFields names %q, which the endpoint body lacks", name)
		}
	}
}
