package endpointspec_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald/access"
	"github.com/heraldhq/herald/endpointspec"
)

// Every field of an endpoint's body is placed in the access table, so
// that a new setting cannot reach a session limited to some endpoints
// unconsidered, and the table names no field the body lacks.
func TestEndpointFieldsAllPlaced(t *testing.T) {
	var names []string
	typ := reflect.TypeFor[endpointspec.Patch]()
	for i := range typ.NumField() {
		if name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
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
