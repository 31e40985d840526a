package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

func TestChecks(t *testing.T) {
	for _, c := range []struct {
		schema, typ, operator, want bool
	}{
		{false, false, false, false},
		{false, true, true, false}, // nothing to check against
		{true, false, false, false},
		{true, true, false, true},
		{true, false, true, true},
		{true, true, true, true},
	} {
		if got := Checks(c.schema, c.typ, c.operator); got != c.want {
			t.Errorf("Checks(schema %v, type %v, operator %v) = %v, want %v", c.schema, c.typ, c.operator, got, c.want)
		}
	}
}

func TestCompileRefusesWhatIsNoSelfContainedSchema(t *testing.T) {
	for _, raw := range []string{
		`{"type": 12}`,
		`{"minimum": "one"}`,
		`"object"`,
		`[]`,
		`{"$ref": "file:///etc/passwd"}`,
		`{"$ref": "https://127.0.0.1:1/schema.json"}`,
		`{"$ref": "#/$defs/missing"}`,
		`{"type": "object"`,
	} {
		if _, err := Compile(context.Background(), json.RawMessage(raw)); err == nil {
			t.Errorf("Compile(%s) = nil error, want a refusal", raw)
		}
	}
	for _, raw := range []string{`true`, `{}`, `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}`} {
		if _, err := Compile(context.Background(), json.RawMessage(raw)); err != nil {
			t.Errorf("Compile(%s) = %v, want a schema", raw, err)
		}
	}
}

func TestValidateSaysWhereAndWhichRule(t *testing.T) {
	s, err := Compile(context.Background(), json.RawMessage(`{
		"type": "object", "required": ["id"],
		"properties": {
			"id": {"type": "string"},
			"pages": {"type": "array", "items": {"$ref": "#/$defs/page"}},
			"a/b": {"enum": ["x"]}
		},
		"$defs": {"page": {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}}}}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		data, pointer, keyword, message string
	}{
		{`{"id": "a", "pages": [{"n": 1}]}`, "", "", ""},
		{`{"pages": []}`, "", "/required", "id"},
		{`{"id": 7}`, "/id", "/properties/id/type", "string"},
		{`{"id": "a", "pages": [{"n": 1}, {"n": 0}]}`, "/pages/1/n", "/$defs/page/properties/n/minimum", "minimum"},
		{`{"id": "a", "a/b": "y"}`, "/a~1b", "/properties/a~1b/enum", "x"},
		{`[1]`, "", "/type", "object"},
	} {
		err := s.Validate([]byte(c.data))
		if c.pointer == "" && c.keyword == "" {
			if err != nil {
				t.Errorf("Validate(%s) = %v, want nil", c.data, err)
			}
			continue
		}
		var v *Violation
		if !errors.As(err, &v) {
			t.Fatalf("Validate(%s) = %v, want a *Violation", c.data, err)
		}
		if v.Pointer != c.pointer || v.Keyword != c.keyword || !strings.Contains(v.Message, c.message) {
			t.Errorf("Validate(%s) = %+v, want pointer %q, keyword %q, a message with %q", c.data, v, c.pointer, c.keyword, c.message)
		}
	}
}

// The catalogue reads the store once per TTL, compiles a schema once,
// keeps serving its last copy while the store fails, and sees a change at
// once after Invalidate.
func TestCatalog(t *testing.T) {
	now := time.Unix(1e9, 0)
	types := []*herald.EventType{
		{Name: "checked", Schema: json.RawMessage(`{"required": ["id"]}`), Validate: true},
		{Name: "described", Schema: json.RawMessage(`{"required": ["id"]}`)},
		{Name: "free"},
	}
	reads := 0
	var fail error
	c := NewCatalog(func(context.Context) ([]*herald.EventType, error) {
		reads++
		return types, fail
	}, false, time.Second, func() time.Time { return now })
	ctx := context.Background()
	bad := []byte(`{"other": 1}`)

	if err := c.Check(ctx, "checked", "", bad); err == nil {
		t.Fatal("checked type: no violation")
	}
	for _, typ := range []string{"described", "free", "unknown"} {
		if err := c.Check(ctx, typ, "", bad); err != nil {
			t.Fatalf("%s: %v, want nil", typ, err)
		}
	}
	if reads != 1 {
		t.Fatalf("%d reads within the TTL, want 1", reads)
	}
	first := c.types["checked"].schema

	now = now.Add(time.Second)
	fail = errors.New("store down")
	if err := c.Check(ctx, "checked", "", bad); err == nil {
		t.Fatal("with the store down: no violation, want the last copy's")
	}
	if reads != 2 {
		t.Fatalf("reads = %d, want a second one after the TTL", reads)
	}

	fail = nil
	types = append(types[:1:1], &herald.EventType{Name: "described", Schema: types[1].Schema, Validate: true})
	c.Invalidate()
	if err := c.Check(ctx, "described", "", bad); err == nil {
		t.Fatal("after Invalidate: the change to validate is not seen")
	}
	if c.types["checked"].schema != first {
		t.Fatal("an unchanged schema was compiled again")
	}

	empty := NewCatalog(func(context.Context) ([]*herald.EventType, error) { return nil, errors.New("down") }, true, 0, nil)
	if err := empty.Check(ctx, "checked", "", bad); err == nil || err.Error() != "down" {
		t.Fatalf("no copy yet and the store down: %v, want the store's error", err)
	}
}

// An event that names a schema version is checked against that version;
// a version the type lacks is an error of its own.
func TestCatalogVersions(t *testing.T) {
	types := []*herald.EventType{{Name: "order.paid", Validate: true,
		Schema:  json.RawMessage(`{"required": ["amount_cents"]}`),
		Schemas: map[string]json.RawMessage{"v1": json.RawMessage(`{"required": ["amount"]}`)}}}
	c := NewCatalog(func(context.Context) ([]*herald.EventType, error) { return types, nil }, false, time.Hour, nil)
	ctx := context.Background()
	v1, v2 := []byte(`{"amount": 10}`), []byte(`{"amount_cents": 1000}`)
	if err := c.Check(ctx, "order.paid", "", v2); err != nil {
		t.Fatalf("the current shape against the current schema: %v", err)
	}
	if err := c.Check(ctx, "order.paid", "", v1); err == nil {
		t.Fatal("the old shape passed the current schema")
	}
	if err := c.Check(ctx, "order.paid", "v1", v1); err != nil {
		t.Fatalf("the old shape against v1: %v", err)
	}
	if err := c.Check(ctx, "order.paid", "v1", v2); err == nil {
		t.Fatal("the current shape passed v1")
	}
	var u *UnknownVersion
	if err := c.Check(ctx, "order.paid", "v9", v2); !errors.As(err, &u) || !strings.Contains(err.Error(), "it has v1") {
		t.Fatalf("an unknown version: %v", err)
	}
	if err := c.Check(ctx, "other", "v1", v2); !errors.As(err, &u) {
		t.Fatalf("a version of a type without schemas: %v", err)
	}
}

// nested is a schema of n "properties" levels, 2n+1 objects deep.
func nested(n int) string {
	return strings.Repeat(`{"properties":{"a":`, n) + `{}` + strings.Repeat(`}}`, n)
}

// defs is a schema of n JSON objects: itself, its $defs and n-2 others.
func defs(n int) string {
	parts := make([]string, n-2)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"d%d":{}`, i)
	}
	return `{"$defs":{` + strings.Join(parts, ",") + `}}`
}

// The bounds are checked before compiling: issue 25's 5,000-level schema
// (45 KB) ran the compiler for minutes; now it is refused as it is read.
func TestCompileBounds(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, raw string
		refuse    string // "" compiles
	}{
		{"issue 25's bomb", nested(5000), "bytes long"},
		{"its 45 KB form", strings.Repeat(`{"items":`, 5000) + `{}` + strings.Repeat(`}`, 5000), "nest"},
		{"nested properties past the depth", nested(MaxDepth / 2), "nest"},
		{"nested properties at the depth", nested(MaxDepth/2 - 1), ""},
		{"arrays count", `{"allOf":` + strings.Repeat(`[{"allOf":`, MaxDepth/2) + `[]` + strings.Repeat(`}]`, MaxDepth/2) + `}`, "nest"},
		{"objects at the bound", defs(MaxObjects), ""},
		{"objects past the bound", defs(MaxObjects + 1), "JSON objects"},
		{"too long", `{"description":"` + strings.Repeat("x", MaxSize) + `"}`, "bytes long"},
		{"not JSON", `{"type":`, "not JSON"},
	} {
		_, err := Compile(ctx, json.RawMessage(c.raw))
		switch {
		case c.refuse == "" && err != nil:
			t.Errorf("%s: %v, want it compiled", c.name, err)
		case c.refuse != "" && (err == nil || !strings.Contains(err.Error(), c.refuse)):
			t.Errorf("%s: %v, want a refusal mentioning %q", c.name, err, c.refuse)
		}
	}
	// A request that has ended stops the compile: Compile answers the
	// context's error rather than compiling.
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Compile(ended, json.RawMessage(nested(10))); !errors.Is(err, context.Canceled) {
		t.Errorf("Compile with an ended context = %v, want context.Canceled", err)
	}
}

// doubling is a schema of k definitions, each referring twice to the
// next: 2^k subschemas unfolded in about 80 bytes a level.
func doubling(k int) string {
	defs := make([]string, 0, k+1)
	for i := range k {
		defs = append(defs, fmt.Sprintf(`"d%d":{"anyOf":[{"$ref":"#/$defs/d%d"},{"$ref":"#/$defs/d%d","minimum":0}]}`, i, i+1, i+1))
	}
	defs = append(defs, fmt.Sprintf(`"d%d":{"type":"string"}`, k))
	return `{"$ref":"#/$defs/d0","$defs":{` + strings.Join(defs, ",") + `}}`
}

// References that each lead to several others stand for a schema
// exponentially larger than their text: 20 levels, 1.5 KB, took 40 s to
// check one value. Compile refuses them past MaxUnfolded; recursion and a
// definition shared by many properties are no such case.
func TestCompileBoundsUnfoldedReferences(t *testing.T) {
	ctx := context.Background()
	shared := make([]string, 300)
	for i := range shared {
		shared[i] = fmt.Sprintf(`"p%d":{"$ref":"#/$defs/address"}`, i)
	}
	for _, c := range []struct {
		name, raw string
		refuse    bool
	}{
		{"doubling 9 deep (about 2,000 unfolded)", doubling(9), false},
		{"doubling 10 deep (about 4,100)", doubling(10), true},
		{"doubling 20 deep", doubling(20), true},
		{"a recursive tree", `{"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"}`, false},
		{"a definition shared by 300 properties", `{"$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"},"zip":{"type":"string"}}}},"properties":{` + strings.Join(shared, ",") + `}}`, false},
	} {
		_, err := Compile(ctx, json.RawMessage(c.raw))
		if refused := err != nil && strings.Contains(err.Error(), "unfolded"); refused != c.refuse || (err != nil && !refused) {
			t.Errorf("%s: %v, want refused %v", c.name, err, c.refuse)
		}
	}
}

// A stored schema that no longer compiles (saved before the bounds, a
// bomb among them) is never compiled past them: a check of its type's
// events answers a StoredSchemaError naming the type, at once.
func TestCatalogStoredSchemaBeyondTheBounds(t *testing.T) {
	types := []*herald.EventType{{Name: "bomb", Validate: true, Schema: json.RawMessage(doubling(20))},
		{Name: "fine", Validate: true, Schema: json.RawMessage(`{"required": ["id"]}`)}}
	c := NewCatalog(func(context.Context) ([]*herald.EventType, error) { return types, nil }, false, time.Hour, nil)
	var stored *StoredSchemaError
	if err := c.Check(context.Background(), "bomb", "", []byte(`1`)); !errors.As(err, &stored) || stored.Type != "bomb" || !strings.Contains(err.Error(), "save the type again") {
		t.Errorf("checking the bomb's event: %v, want a StoredSchemaError naming it", err)
	}
	if err := c.Check(context.Background(), "fine", "", []byte(`{"id": 1}`)); err != nil {
		t.Errorf("the other type: %v", err)
	}
}
