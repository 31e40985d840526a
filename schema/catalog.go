package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/heraldhq/herald"
)

// Catalog is one node's compiled view of the event types' schemas, read
// from the store at most once per TTL, so that an ingest costs a map
// lookup for a type without a schema. A schema saved through this node is
// seen at once (Invalidate); one saved on another node within the TTL.
type Catalog struct {
	load func(context.Context) ([]*herald.EventType, error)
	ttl  time.Duration
	now  func() time.Time
	// all checks every type that has a schema, whatever the type says.
	all bool

	mu    sync.Mutex
	types map[string]compiled
	until time.Time
	// loaded is closed when the read under way ends; nil when none is.
	loaded chan struct{}
}

type compiled struct {
	raw      json.RawMessage
	schema   *Schema
	validate bool
	err      error // the stored schema does not compile (saved by an older build)
	// versions are the type's other schemas, by version name.
	versions map[string]compiled
}

// UnknownVersion is the error of a check that names a schema version its
// type does not have.
type UnknownVersion struct {
	Type, Version string
	Known         []string
}

func (u *UnknownVersion) Error() string {
	if len(u.Known) == 0 {
		return fmt.Sprintf("event type %q has no schema versions, so schema_version %q names none", u.Type, u.Version)
	}
	return fmt.Sprintf("event type %q has no schema version %q; it has %s", u.Type, u.Version, strings.Join(u.Known, ", "))
}

// StoredSchemaError is the error of a check against a stored schema that
// does not compile: saved by an older build, or beyond bounds a newer one
// set (a schema bomb saved before them is refused, not compiled). Events
// of the type cannot be checked until an admin saves the type again.
type StoredSchemaError struct {
	Type string
	Err  error
}

func (e *StoredSchemaError) Error() string {
	return fmt.Sprintf("the stored schema of event type %q does not compile (%v); an admin must save the type again with POST /v1/event-types", e.Type, e.Err)
}

func (e *StoredSchemaError) Unwrap() error { return e.Err }

// NewCatalog returns a Catalog over load (the store's FindEventTypes).
// validateAll is the operator's choice to check every type that has a
// schema; ttl 0 means one second.
func NewCatalog(load func(context.Context) ([]*herald.EventType, error), validateAll bool, ttl time.Duration, now func() time.Time) *Catalog {
	if ttl <= 0 {
		ttl = time.Second
	}
	if now == nil {
		now = time.Now
	}
	return &Catalog{load: load, all: validateAll, ttl: ttl, now: now}
}

// Invalidate makes the next check read the catalogue again.
func (c *Catalog) Invalidate() {
	c.mu.Lock()
	c.until = time.Time{}
	c.mu.Unlock()
}

// Check checks data of an event of type typ against the type's schema,
// or the schema of version when not "": nil when the type is not checked
// (Checks) or the data matches, a *Violation when it does not, an
// *UnknownVersion when the type has no such version, or the store's error
// when the catalogue cannot be read and no earlier copy of it is at hand.
func (c *Catalog) Check(ctx context.Context, typ, version string, data []byte) error {
	types, err := c.current(ctx)
	if err != nil {
		return err
	}
	t, ok := types[typ]
	if version != "" {
		v, found := t.versions[version]
		if !found {
			return &UnknownVersion{Type: typ, Version: version, Known: slices.Sorted(maps.Keys(t.versions))}
		}
		v.validate = t.validate
		t = v
	}
	if !ok || !Checks(true, t.validate, c.all) {
		return nil
	}
	if t.err != nil {
		return &StoredSchemaError{Type: typ, Err: t.err}
	}
	return t.schema.Validate(data)
}

// current returns the compiled catalogue, reading it again when it is
// older than the TTL; concurrent checks share one read.
func (c *Catalog) current(ctx context.Context) (map[string]compiled, error) {
	for {
		c.mu.Lock()
		if c.types != nil && c.now().Before(c.until) {
			types := c.types
			c.mu.Unlock()
			return types, nil
		}
		if wait := c.loaded; wait != nil {
			c.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		done := make(chan struct{})
		c.loaded = done
		old := c.types
		c.mu.Unlock()

		ets, err := c.load(ctx)
		c.mu.Lock()
		c.loaded = nil
		close(done)
		if err != nil {
			c.mu.Unlock()
			if old != nil {
				// A stale catalogue beats refusing every event while the
				// store hiccups; the next check tries again.
				return old, nil
			}
			return nil, err
		}
		c.types = compileAll(ets, old)
		c.until = c.now().Add(c.ttl)
		types := c.types
		c.mu.Unlock()
		return types, nil
	}
}

// compileAll compiles the schemas of ets, reusing what old compiled of a
// schema that did not change.
func compileAll(ets []*herald.EventType, old map[string]compiled) map[string]compiled {
	types := make(map[string]compiled)
	for _, et := range ets {
		if len(et.Schema) == 0 {
			continue
		}
		o := old[et.Name]
		t := reuse(o, et.Schema)
		t.validate = et.Validate
		for name, raw := range et.Schemas {
			if t.versions == nil {
				t.versions = make(map[string]compiled, len(et.Schemas))
			}
			t.versions[name] = reuse(o.versions[name], raw)
		}
		types[et.Name] = t
	}
	return types
}

// reuse returns old when it compiled raw already, or raw compiled.
func reuse(old compiled, raw json.RawMessage) compiled {
	if old.raw != nil && bytes.Equal(old.raw, raw) {
		old.versions = nil
		return old
	}
	// Not the request's context: what compiles here serves every check
	// until the schema changes, and the bounds keep it short.
	s, err := Compile(context.Background(), raw)
	return compiled{raw: raw, schema: s, err: err}
}
