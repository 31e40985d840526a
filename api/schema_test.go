package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

// seedGeneration reads seed 002's Generation object (the resource of
// Leonardo.Ai's image_generation.complete) as a JSON Schema, and the seed's
// sample of it, from the seed's own AsyncAPI document.
func seedGeneration(t *testing.T) (schema, sample json.RawMessage) {
	t.Helper()
	raw, err := os.ReadFile("testdata/leonardo-asyncapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas  map[string]any `yaml:"schemas"`
			Messages map[string]struct {
				Examples []struct {
					Payload struct {
						Data struct {
							Object any `yaml:"object"`
						} `yaml:"data"`
					} `yaml:"payload"`
				} `yaml:"examples"`
			} `yaml:"messages"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Components.Schemas["Generation"] == nil {
		t.Fatal("seed 002 has no Generation schema")
	}
	nullable(doc.Components.Schemas)
	// The seed's schemas refer to each other inside the AsyncAPI document;
	// a platform exporting one as a standalone schema moves them to $defs.
	defs, err := json.Marshal(doc.Components.Schemas)
	if err != nil {
		t.Fatal(err)
	}
	defs = []byte(strings.ReplaceAll(string(defs), `"#/components/schemas/`, `"#/$defs/`))
	schema = json.RawMessage(`{"$ref":"#/$defs/Generation","$defs":` + string(defs) + `}`)
	for _, m := range doc.Components.Messages {
		if len(m.Examples) > 0 {
			if sample, err = json.Marshal(m.Examples[0].Payload.Data.Object); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(sample) < 10 {
		t.Fatal("seed 002 has no sample of a Generation")
	}
	return schema, sample
}

// withField returns obj (a JSON object) with key set to v.
func withField(t *testing.T, obj json.RawMessage, key string, v any) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(obj, &m); err != nil {
		t.Fatal(err)
	}
	m[key] = v
	return m
}

// An event type saved with seed 002's Generation schema and validate on
// takes the seed's sample, refuses a payload that breaks the schema with a
// 400 naming the JSON pointer and the rule, single or in a batch (where
// nothing of the batch is stored), and a schema that is no schema is
// refused when saved.
func TestEventTypeSchemaIsEnforcedAtIngest(t *testing.T) {
	h := newHarness(t)
	schema, sample := seedGeneration(t)
	h.tenant("acme")
	rx := newReceiver(t, nil)
	h.endpoint("acme", map[string]any{"url": rx.url})

	var bad apiError
	for name, body := range map[string]map[string]any{
		"a schema that is not one":       {"name": "image_generation.complete", "schema": map[string]any{"type": 12}},
		"a reference to a file":          {"name": "image_generation.complete", "schema": map[string]any{"$ref": "file:///etc/passwd"}},
		"a reference to a URL":           {"name": "image_generation.complete", "schema": map[string]any{"$ref": "http://127.0.0.1:1/s.json"}},
		"an example that does not fit":   {"name": "image_generation.complete", "schema": json.RawMessage(schema), "examples": []any{withField(t, sample, "imageHeight", "tall")}},
		"validate without a schema":      {"name": "image_generation.complete", "validate": true},
		"a schema that is not an object": {"name": "image_generation.complete", "schema": "string"},
	} {
		if code := h.call("POST", "/v1/event-types", adminKey, body, &bad); code != http.StatusBadRequest || bad.Error.Code != "invalid_request" {
			t.Fatalf("%s: %d %+v, want 400 invalid", name, code, bad)
		}
	}

	h.must(http.StatusCreated, "POST", "/v1/event-types", map[string]any{"name": "image_generation.complete",
		"schema": json.RawMessage(schema), "validate": true, "examples": []json.RawMessage{sample}}, nil)
	var et struct {
		Data []struct {
			Name     string          `json:"name"`
			Schema   json.RawMessage `json:"schema"`
			Validate bool            `json:"validate"`
		} `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/event-types", nil, &et)
	if len(et.Data) != 1 || !et.Data[0].Validate || !strings.Contains(string(et.Data[0].Schema), `"imageHeight"`) {
		t.Fatalf("event types = %+v", et.Data)
	}

	h.event("acme", map[string]any{"type": "image_generation.complete", "data": json.RawMessage(sample)})
	// Another type has no schema: anything goes.
	h.event("acme", map[string]any{"type": "other.thing", "data": map[string]any{"imageHeight": "tall"}})

	code := h.call("POST", "/v1/tenants/acme/events", adminKey, map[string]any{"type": "image_generation.complete",
		"data": withField(t, sample, "imageHeight", "tall")}, &bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "at /imageHeight") ||
		!strings.Contains(bad.Error.Message, "/properties/imageHeight/type") || !strings.Contains(bad.Error.Message, "integer") {
		t.Fatalf("a string for imageHeight: %d %+v; want 400 naming /imageHeight, its rule and the type wanted", code, bad)
	}
	code = h.call("POST", "/v1/tenants/acme/events", adminKey, map[string]any{"type": "image_generation.complete",
		"data": withField(t, sample, "initStrength", nil)}, &bad)
	if code != http.StatusAccepted {
		t.Fatalf("a null initStrength (nullable in the seed): %d %+v, want 202", code, bad)
	}

	code = h.call("POST", "/v1/tenants/acme/events/batch", adminKey, map[string]any{"events": []map[string]any{
		{"id": "ok-1", "type": "image_generation.complete", "data": json.RawMessage(sample)},
		{"id": "bad-2", "type": "image_generation.complete", "data": withField(t, sample, "public", "yes")},
	}}, &bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "events[1]") || !strings.Contains(bad.Error.Message, "/public") {
		t.Fatalf("a batch with one bad event: %d %+v; want 400 naming events[1] and /public", code, bad)
	}
	if code := h.call("GET", "/v1/tenants/acme/events/ok-1", adminKey, nil, nil); code != http.StatusNotFound {
		t.Fatalf("the batch's good event: GET = %d, want 404: nothing of a refused batch is stored", code)
	}

	// A test event of the type carries its example, which matches.
	ep := h.endpoint("acme", map[string]any{"url": rx.url, "event_types": []string{"image_generation.complete"}})
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", map[string]any{"event_type": "image_generation.complete"}, nil)
}

// A job's lifecycle events carry the job document; a schema on
// job.completed refuses a completion whose result breaks it, and the job
// stays as it was.
func TestJobEventsAreCheckedAgainstTheirSchema(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	h.must(http.StatusCreated, "POST", "/v1/event-types", map[string]any{"name": "job.completed", "validate": true,
		"schema": map[string]any{"type": "object", "required": []string{"result"},
			"properties": map[string]any{"result": map[string]any{"type": "object", "required": []string{"pages"},
				"properties": map[string]any{"pages": map[string]any{"type": "integer", "minimum": 1}}}}}}, nil)
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "ocr-1", "type": "ocr"}, nil)
	var bad apiError
	code := h.call("POST", "/v1/tenants/acme/jobs/ocr-1/status", adminKey, map[string]any{"status": "completed", "result": map[string]any{"pages": 0}}, &bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "at /result/pages") || !strings.Contains(bad.Error.Message, "minimum") {
		t.Fatalf("a completion with 0 pages: %d %+v; want 400 naming /result/pages and minimum", code, bad)
	}
	var job struct {
		Status string `json:"status"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs/ocr-1", nil, &job)
	if job.Status != "queued" {
		t.Fatalf("job after a refused completion: %s, want queued", job.Status)
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/ocr-1/status", map[string]any{"status": "completed", "result": map[string]any{"pages": 3}}, nil)
}

// A type saved with a schema but validate off is checked only when the
// operator checks every type (--validate-payloads).
func TestValidatePayloadsChecksEveryTypeWithASchema(t *testing.T) {
	body := map[string]any{"name": "order.paid", "schema": map[string]any{"type": "object", "required": []string{"order_id"}}}
	missing := map[string]any{"type": "order.paid", "data": map[string]any{"amount": 1}}

	h := newHarness(t)
	h.tenant("acme")
	h.must(http.StatusCreated, "POST", "/v1/event-types", body, nil)
	h.event("acme", missing)

	strict := newHarness(t, func(o *options) { o.validatePayloads = true })
	strict.tenant("acme")
	strict.must(http.StatusCreated, "POST", "/v1/event-types", body, nil)
	var bad apiError
	if code := strict.call("POST", "/v1/tenants/acme/events", adminKey, missing, &bad); code != http.StatusBadRequest ||
		!strings.Contains(bad.Error.Message, "order_id") {
		t.Fatalf("with --validate-payloads: %d %+v, want 400 naming order_id", code, bad)
	}
}

// A type with an earlier version of its schema checks an event that names
// the version against it, and the rest against the current one; a
// version the type lacks is a 400 that lists those it has.
func TestSchemaVersions(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": newReceiver(t, nil).url})
	h.must(http.StatusCreated, "POST", "/v1/event-types", map[string]any{"name": "order.paid", "validate": true,
		"schema":  map[string]any{"type": "object", "required": []string{"amount_cents"}},
		"schemas": map[string]any{"v1": map[string]any{"type": "object", "required": []string{"amount"}}}}, nil)
	var et struct {
		Data []struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/event-types", nil, &et)
	if len(et.Data) != 1 || !strings.Contains(string(et.Data[0].Schemas["v1"]), `"amount"`) {
		t.Fatalf("event types = %+v", et.Data)
	}
	old, current := map[string]any{"amount": 10}, map[string]any{"amount_cents": 1000}
	h.event("acme", map[string]any{"type": "order.paid", "data": current})
	h.event("acme", map[string]any{"type": "order.paid", "data": old, "schema_version": "v1"})
	var bad apiError
	for _, c := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"type": "order.paid", "data": old}, "amount_cents"},
		{map[string]any{"type": "order.paid", "data": current, "schema_version": "v1"}, `version "v1"`},
		{map[string]any{"type": "order.paid", "data": current, "schema_version": "v9"}, "it has v1"},
	} {
		if code := h.call("POST", "/v1/tenants/acme/events", adminKey, c.body, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, c.want) {
			t.Fatalf("%v: %d %+v, want 400 naming %s", c.body, code, bad, c.want)
		}
	}
	code := h.call("POST", "/v1/tenants/acme/events/batch", adminKey, map[string]any{"events": []map[string]any{
		{"type": "order.paid", "data": old, "schema_version": "v1"}, {"type": "order.paid", "data": old}}}, &bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "events[1]") {
		t.Fatalf("a batch whose second event breaks the current schema: %d %+v", code, bad)
	}
	for _, body := range []map[string]any{
		{"name": "x.y", "schemas": map[string]any{"v1": map[string]any{}}},
		{"name": "x.y", "schema": map[string]any{}, "schemas": map[string]any{"v1": map[string]any{"type": 7}}},
		{"name": "x.y", "schema": map[string]any{}, "schemas": map[string]any{"bad name!": map[string]any{}}},
	} {
		if code := h.call("POST", "/v1/event-types", adminKey, body, &bad); code != http.StatusBadRequest {
			t.Fatalf("%v: %d %+v, want 400", body, code, bad)
		}
	}
}

// Issue 25: a 5,000-level schema of about 45 KB ran the compiler for
// minutes at 1.5 cores and outlived the request. It is a 400 naming the
// bound, as the current schema and as a version, and nothing is saved.
// The client's deadline only bounds a broken build.
func TestDeeplyNestedSchemaIsRefused(t *testing.T) {
	h := newHarness(t)
	bomb := strings.Repeat(`{"items":`, 5000) + `{}` + strings.Repeat(`}`, 5000)
	doubling := doublingSchema()
	for _, c := range []struct{ body, bound string }{
		{`{"name":"bomb.current","schema":` + bomb + `}`, "nest objects and arrays at most"},
		{`{"name":"bomb.version","schema":{"type":"object"},"schemas":{"v1":` + bomb + `}}`, "nest objects and arrays at most"},
		{`{"name":"bomb.refs","validate":true,"schema":` + doubling + `}`, "references ($ref) unfolded"},
	} {
		body := c.body
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		req, _ := http.NewRequestWithContext(ctx, "POST", h.url+"/v1/event-types", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+adminKey)
		resp, err := h.client.Do(req)
		if err != nil {
			cancel()
			t.Fatalf("POST /v1/event-types with a %d-byte nested schema: %v", len(body), err)
		}
		var e errorAnswer
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		cancel()
		if resp.StatusCode != 400 || !strings.Contains(e.Error.Message, c.bound) {
			t.Errorf("POST a %d-byte schema bomb = %d %+v, want 400 naming the bound (%q)", len(body), resp.StatusCode, e, c.bound)
		}
	}
	var types struct {
		Data []struct {
			Name string `json:"name"`
		} `json:"data"`
	}
	h.must(200, "GET", "/v1/event-types", nil, &types)
	for _, et := range types.Data {
		if strings.HasPrefix(et.Name, "bomb.") {
			t.Errorf("event type %s was saved", et.Name)
		}
	}
}

// A schema stored before the bounds that is beyond them (saved by an
// older build) is not compiled: its type's events answer 409 saying an
// admin must save the type again, not a 500 nor a 40 s check, on both
// stores. Saving it again through the API is refused as any bomb is.
func TestStoredSchemaBeyondTheBounds(t *testing.T) {
	var db store.Store
	h := newHarness(t, func(o *options) {
		o.store = func(t *testing.T, box *seal.Box) store.Store { db = openStore(t, box); return db }
	})
	h.tenant("acme")
	if err := db.CreateEventType(context.Background(), &herald.EventType{Name: "old.bomb", Validate: true, Schema: json.RawMessage(doublingSchema()), CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var e errorAnswer
	code := h.call("POST", "/v1/tenants/acme/events", adminKey, map[string]any{"type": "old.bomb", "data": map[string]any{}}, &e)
	if code != http.StatusConflict || !strings.Contains(e.Error.Message, "save the type again") {
		t.Errorf("an event of a type whose stored schema is beyond the bounds = %d %+v, want 409", code, e)
	}
}

// doublingSchema is references that double at each of 20 levels: 1.5 KB
// that stood for a million subschemas and took 40 s to check an event
// against.
func doublingSchema() string {
	defs := make([]string, 0, 21)
	for i := range 20 {
		defs = append(defs, fmt.Sprintf(`"d%d":{"anyOf":[{"$ref":"#/$defs/d%d"},{"$ref":"#/$defs/d%d","minimum":0}]}`, i, i+1, i+1))
	}
	return `{"$ref":"#/$defs/d0","$defs":{` + strings.Join(append(defs, `"d20":{"type":"string"}`), ",") + `}}`
}
