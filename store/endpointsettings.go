package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/heraldhq/herald"
)

// EndpointColumns are the fields of herald.Endpoint that the endpoints
// table keeps in columns of their own: the row's identity and state, what
// a query reads (routing, URL, disabled and paused, the failure count and
// its limit, ordering), and the sealed values (secrets, bearer token,
// headers). PublicKey and BearerTokenSet are no row's: reads fill them in.
//
// Every other field of herald.Endpoint is a setting no query reads, kept
// in the endpoint's one settings column as JSON (EndpointSettingsJSON), so
// a new such setting needs no migration and no line in the stores.
var EndpointColumns = map[string]bool{
	"ID": true, "TenantID": true, "URL": true, "EventTypes": true, "Channels": true, "Headers": true,
	"Disabled": true, "DisabledReason": true, "DisableAfterFailures": true, "ConsecutiveFailures": true, "Paused": true,
	"Secret": true, "PreviousSecret": true, "PreviousSecretExpiresAt": true, "PublicKey": true,
	"BearerToken": true, "BearerTokenSet": true, "Ordering": true, "JobID": true, "TenantSecret": true,
	"CreatedAt": true, "UpdatedAt": true,
}

// settingField is a field of herald.Endpoint kept in the settings column,
// under key.
type settingField struct {
	index int
	key   string
}

// settingFields are the fields EndpointSettingsJSON writes, in the
// struct's order; each is keyed by its JSON name, which is the name of
// the column that held it before the settings column.
var settingFields = func() []settingField {
	var out []settingField
	t := reflect.TypeFor[herald.Endpoint]()
	for i := range t.NumField() {
		f := t.Field(i)
		if EndpointColumns[f.Name] || !f.IsExported() {
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if key == "-" {
			// A field the API never shows may be a secret: it has a column
			// (sealed if it is one), never a place in the clear JSON.
			panic("store: herald.Endpoint." + f.Name + " is json:\"-\" but not in store.EndpointColumns: give it a column, sealed if it is a secret")
		}
		if key == "" {
			key = f.Name
		}
		out = append(out, settingField{i, key})
	}
	return out
}()

// EndpointSettingsJSON renders the settings of ep that no query reads (the
// fields not in EndpointColumns), whole, for the endpoint's settings
// column: an object with every one of them, zero values included.
func EndpointSettingsJSON(ep *herald.Endpoint) []byte {
	v := reflect.ValueOf(ep).Elem()
	doc := make(map[string]any, len(settingFields))
	for _, f := range settingFields {
		doc[f.key] = v.Field(f.index).Interface()
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(fmt.Sprintf("store: cannot render the settings of endpoint %s: %v", ep.ID, err))
	}
	return b
}

// DecodeEndpointSettings reads an endpoint's settings column into ep. A
// setting the column does not hold (one added since the row was written)
// keeps its zero value, which is its default; a key no field has (one a
// newer version wrote) is ignored.
func DecodeEndpointSettings(ep *herald.Endpoint, b []byte) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("endpoint %s has a corrupt settings column: %w", ep.ID, err)
	}
	v := reflect.ValueOf(ep).Elem()
	for _, f := range settingFields {
		raw, ok := doc[f.key]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, v.Field(f.index).Addr().Interface()); err != nil {
			return fmt.Errorf("endpoint %s has a corrupt setting %s: %w", ep.ID, f.key, err)
		}
	}
	return nil
}
