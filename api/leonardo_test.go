package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"
)

// leonardoMessage compiles, with a JSON Schema validator that asserts
// formats, the payload schema of the one message seed 002 defines,
// image_generation.complete, from the seed's own AsyncAPI document
// (testdata/leonardo-asyncapi.yaml, copied verbatim from the seed).
func leonardoMessage(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := os.ReadFile("testdata/leonardo-asyncapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	nullable(doc)
	// The validator takes JSON values: the document through JSON.
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("leonardo-asyncapi.json", parsed); err != nil {
		t.Fatal(err)
	}
	var msg struct {
		Components struct {
			Messages map[string]struct {
				Payload struct {
					Ref string `json:"$ref"`
				} `json:"payload"`
			} `json:"messages"`
		} `json:"components"`
	}
	if err := json.Unmarshal(js, &msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Components.Messages) != 1 {
		t.Fatalf("seed 002 defines %d messages, this test expects one", len(msg.Components.Messages))
	}
	var ref string
	for _, m := range msg.Components.Messages {
		ref = m.Payload.Ref
	}
	s, err := c.Compile("leonardo-asyncapi.json" + ref)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// nullable rewrites the seed's `nullable: true` (OpenAPI's keyword, which
// JSON Schema lacks) as a type that also admits null, as Ajv reads it.
func nullable(v any) {
	switch v := v.(type) {
	case map[string]any:
		if v["nullable"] == true {
			if typ, ok := v["type"].(string); ok {
				v["type"] = []any{typ, "null"}
			}
		}
		for _, x := range v {
			nullable(x)
		}
	case []any:
		for _, x := range v {
			nullable(x)
		}
	}
}

// An endpoint configured as docs/compat.md says for Leonardo.Ai (the
// preset, the bearer token, the API key's id as channel, no event types)
// receives, over a whole job life, only requests that validate against the
// seed's one message.
func TestLeonardoPresetSendsOnlyTheSeedsMessage(t *testing.T) {
	t.Parallel()
	schema := leonardoMessage(t)
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("leo")
	ep := h.endpoint("leo", map[string]any{"url": rc.url + "/webhook", "preset": "leonardo", "bearer_token": "abcd",
		"channels": []string{leonardoKeyID}})
	gen := leonardoSample(t)
	id := gen["id"].(string)
	h.must(http.StatusCreated, "POST", "/v1/tenants/leo/jobs", map[string]any{"id": id, "type": "image_generation", "channels": []string{leonardoKeyID}}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leo/jobs/"+id+"/status", map[string]any{"status": "processing", "progress": 0.5}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leo/jobs/"+id+"/status", map[string]any{"status": "completed", "result": gen}, nil)
	// Deliveries are made when their event is accepted: once the job has
	// completed, the list is every request this endpoint will ever get.
	var list struct {
		Data []deliveryView `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/leo/deliveries?endpoint_id="+ep.ID, nil, &list)
	if len(list.Data) != 1 {
		t.Fatalf("the job's life made %d deliveries to the Leonardo endpoint, want 1 (image_generation.complete)", len(list.Data))
	}
	h.waitDelivery("leo", list.Data[0].ID, "succeeded")
	r := rc.next()
	if got := r.header.Get("Authorization"); got != "Bearer abcd" {
		t.Fatalf("Authorization = %q", got)
	}
	body, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(body); err != nil {
		t.Fatalf("the request does not validate against seed 002's image_generation.complete: %v\n%s", err, r.body)
	}
	// The validator is not lenient: the envelope of a job event outside the
	// seed (its document, not a generation, as data.object) fails it.
	bad, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"type":"image_generation.started","object":"generation",
		"timestamp":1773915704000,"api_version":"v1","data":{"object":{"id":"` + id + `","status":"processing"}}}`)))
	if schema.Validate(bad) == nil {
		t.Fatal("an image_generation.started envelope validated against the seed's message")
	}
}
