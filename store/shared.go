package store

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/sigscheme"
)

// Logic that every backend applies the same way, kept here so that the
// backends differ only in how they read and write.

// Apply sets on ep the fields that u changes. Enabling a disabled endpoint
// forgives the failures that disabled it.
func (u EndpointUpdate) Apply(ep *herald.Endpoint) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&ep.URL, u.URL)
	if u.SignatureScheme != nil {
		ep.SignatureScheme = *u.SignatureScheme
	}
	set(&ep.Description, u.Description)
	if u.EventTypes != nil {
		ep.EventTypes = *u.EventTypes
	}
	if u.Channels != nil {
		ep.Channels = *u.Channels
	}
	if u.Headers != nil {
		ep.Headers = *u.Headers
	}
	if u.SetRetryPolicy {
		ep.RetryPolicy = u.RetryPolicy
	}
	if u.Disabled != nil {
		if ep.Disabled && !*u.Disabled {
			ep.DisabledReason, ep.ConsecutiveFailures = "", 0
		}
		ep.Disabled = *u.Disabled
	}
	if u.DisableAfterFailures != nil {
		ep.DisableAfterFailures = *u.DisableAfterFailures
	}
	if u.SetRateLimit {
		ep.RateLimit = u.RateLimit
	}
	set(&ep.Ordering, u.Ordering)
	if u.SendTraceparent != nil {
		ep.SendTraceparent = *u.SendTraceparent
	}
	if u.Paused != nil {
		ep.Paused = *u.Paused
	}
	set(&ep.Signature, u.Signature)
	set(&ep.SignatureHeader, u.SignatureHeader)
	set(&ep.PathSuffix, u.PathSuffix)
	set(&ep.UserAgent, u.UserAgent)
	set(&ep.BearerToken, u.BearerToken)
	set(&ep.Format, u.Format)
	set(&ep.EnvelopeObject, u.EnvelopeObject)
	set(&ep.APIVersion, u.APIVersion)
	set(&ep.DisabledReason, u.DisabledReason)
	ev := reflect.ValueOf(ep).Elem()
	for name, v := range u.Settings {
		f := ev.FieldByName(name)
		if !f.IsValid() {
			panic("store: EndpointUpdate.Settings names " + name + ", which herald.Endpoint has no field of")
		}
		if v == nil {
			f.SetZero()
			continue
		}
		f.Set(reflect.ValueOf(v))
	}
}

// FailureTally is how one batch of completions moves an endpoint's count of
// failed deliveries in a row.
type FailureTally struct {
	EndpointID string
	// Reset: a success came, so the count becomes Fails (the failures
	// after the last success); otherwise Fails is added to it.
	Reset bool
	Fails int
}

// FailureTallies returns the tallies of the deliveries that end in cs (a
// success or a final failure after an attempt), one per endpoint, in the
// order the endpoints first appear.
func FailureTallies(cs []Completion) []FailureTally {
	var out []FailureTally
	at := map[string]int{}
	for _, c := range cs {
		if c.Attempt == nil || c.EndpointID == "" || (c.Status != herald.DeliverySucceeded && c.Status != herald.DeliveryFailed) {
			continue
		}
		i, ok := at[c.EndpointID]
		if !ok {
			i = len(out)
			at[c.EndpointID] = i
			out = append(out, FailureTally{EndpointID: c.EndpointID})
		}
		if c.Status == herald.DeliverySucceeded {
			out[i].Reset, out[i].Fails = true, 0
		} else {
			out[i].Fails++
		}
	}
	return out
}

// DisableReason is the reason an endpoint is disabled after count failed
// deliveries in a row.
func DisableReason(count int) string { return fmt.Sprintf("%d failed deliveries in a row", count) }

// SchemeText is a signature scheme as its column holds it: JSON, or NULL
// (nil) for none.
func SchemeText(s *sigscheme.Scheme) *string {
	if s == nil {
		return nil
	}
	b, _ := json.Marshal(s) // a struct of strings cannot fail
	t := string(b)
	return &t
}

// DecodeScheme reads a signature scheme column (nil: none).
func DecodeScheme(endpointID string, text *string) (*sigscheme.Scheme, error) {
	if text == nil {
		return nil, nil
	}
	s := new(sigscheme.Scheme)
	if err := json.Unmarshal([]byte(*text), s); err != nil {
		return nil, fmt.Errorf("endpoint %s has a corrupt signature scheme: %w", endpointID, err)
	}
	return s, nil
}

// JSONText renders a list or map column as JSON; nil becomes an empty array
// or object rather than null, so that readers never see null.
func JSONText(v any) string {
	switch x := v.(type) {
	case []string:
		if x == nil {
			return "[]"
		}
	case map[string]string:
		if x == nil {
			return "{}"
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("store: cannot render %T as JSON: %v", v, err))
	}
	return string(b)
}

// MarkCreated sets created[i] for each of evs whose tenant and id the store
// found new (fresh holds those it inserted) and returns the deliveries of
// those events, to store with them, and those of them whose deliveries are
// deferred, to store as fan-out markers. Of two events with one id in evs,
// only the first is new.
func MarkCreated(evs []NewEvent, fresh map[[2]string]bool, created []bool) (ds []*herald.Delivery, deferred []NewEvent) {
	for i, ne := range evs {
		k := [2]string{ne.Event.TenantID, ne.Event.ID}
		created[i] = fresh[k]
		if !created[i] {
			continue
		}
		delete(fresh, k) // a second event with this id is a repeat
		if ne.Defer && len(ne.Deliveries) > 0 {
			deferred = append(deferred, ne)
		} else {
			ds = append(ds, ne.Deliveries...)
		}
	}
	return ds, deferred
}

// CutPage trims rows, read one beyond the page's size, to the page, and
// returns the cursor of the next page ("" on the last).
func CutPage[T any](rows []T, page Page, key func(T) (time.Time, string)) ([]T, string) {
	if len(rows) <= page.Size() {
		return rows, ""
	}
	rows = rows[:page.Size()]
	return rows, EncodeCursor(key(rows[len(rows)-1]))
}

// CheckRequeue says whether a manual retry of d may start at now: not while
// its endpoint holds it paused, and not while an attempt holds its lease.
func CheckRequeue(d *herald.Delivery, now time.Time) error {
	if d.Status == herald.DeliveryPaused {
		return herald.Errorf(herald.ECONFLICT, "delivery %s is paused because its endpoint is disabled; enable the endpoint first", d.ID)
	}
	if d.LeaseOwner != "" && d.NextAttemptAt != nil && d.NextAttemptAt.After(now) {
		return herald.Errorf(herald.ECONFLICT, "delivery %s has an attempt in progress; try again when it has finished", d.ID)
	}
	return nil
}

// OpenTenantSecrets unseals a tenant's callback secrets into t (nil
// columns: none).
func OpenTenantSecrets(box Sealer, t *herald.Tenant, secret, previous []byte, previousUntil time.Time) error {
	if secret == nil {
		return nil
	}
	plain, err := box.Open(secret)
	if err != nil {
		return fmt.Errorf("tenant %s: %w", t.ID, err)
	}
	t.CallbackSecret, t.CallbackSecretSet = string(plain), true
	if previous == nil {
		return nil
	}
	if plain, err = box.Open(previous); err != nil {
		return fmt.Errorf("tenant %s: %w", t.ID, err)
	}
	t.CallbackPreviousSecret, t.CallbackPreviousSecretExpiresAt = string(plain), previousUntil
	return nil
}

// UseTenantSecret gives a TenantSecret endpoint its tenant's callback
// secrets, reading the tenant with find. A tenant that has none (it cannot
// lose one once set) leaves the endpoint's own.
func UseTenantSecret(ctx context.Context, ep *herald.Endpoint, find func(ctx context.Context, id string) (*herald.Tenant, error)) (*herald.Endpoint, error) {
	if !ep.TenantSecret {
		return ep, nil
	}
	t, err := find(ctx, ep.TenantID)
	if err != nil {
		return nil, err
	}
	if t.CallbackSecret != "" {
		ep.Secret = t.CallbackSecret
		ep.PreviousSecret, ep.PreviousSecretExpiresAt = t.CallbackPreviousSecret, t.CallbackPreviousSecretExpiresAt
	}
	return ep, nil
}

// Deref is *p, or T's zero value when p is nil: a nullable column's value.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// NullText is s for a nullable text column: nil (NULL) for "".
func NullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// NullJSON renders v as JSON for a nullable column: nil (NULL) when
// empty says there is nothing to keep.
func NullJSON(v any, empty bool) *string {
	if empty {
		return nil
	}
	t := JSONText(v)
	return &t
}

// DecodeNullJSON reads a nullable JSON column into a T, what naming it
// for an error: T's zero value for NULL (nil) or "".
func DecodeNullJSON[T any](text *string, what string) (T, error) {
	var v T
	if text == nil || *text == "" {
		return v, nil
	}
	if err := json.Unmarshal([]byte(*text), &v); err != nil {
		return v, fmt.Errorf("%s is not valid JSON: %w", what, err)
	}
	return v, nil
}

// DecodeEventType fills an event type's JSON columns (sqlcols.EventType's
// examples, schema and schema versions, nullable) into et.
func DecodeEventType(et *herald.EventType, examples, schema, versions *string) error {
	var err error
	if et.Examples, err = DecodeNullJSON[[]json.RawMessage](examples, "an event type's examples"); err != nil {
		return err
	}
	if schema != nil && *schema != "" {
		et.Schema = json.RawMessage(*schema)
	}
	et.Schemas, err = DecodeNullJSON[map[string]json.RawMessage](versions, "an event type's schema versions")
	return err
}

// EventTypeArgs are the values of sqlcols.EventType's columns after
// created_at, for an insert.
func EventTypeArgs(et *herald.EventType) []any {
	var schema *string
	if len(et.Schema) > 0 {
		s := string(et.Schema)
		schema = &s
	}
	return []any{NullJSON(et.Examples, len(et.Examples) == 0), schema, et.Validate, NullJSON(et.Schemas, len(et.Schemas) == 0)}
}

// RateLimitText encodes an endpoint's rate limit for its column (NULL for
// none).
func RateLimitText(l *ratelimit.Limit) *string {
	return NullJSON(l, l == nil)
}

// DecodeRateLimit reads an endpoint's rate limit column.
func DecodeRateLimit(endpointID string, text *string) (*ratelimit.Limit, error) {
	l, err := DecodeNullJSON[*ratelimit.Limit](text, "the rate limit of endpoint "+endpointID)
	return l, err
}
