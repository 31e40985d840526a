package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/heraldhq/herald/api"
)

// loadSpec parses and validates the OpenAPI document.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("openapi.yaml does not parse: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

// The document and the server list the same routes.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadSpec(t)
	h := newHarness(t)
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	served := h.api.Routes()
	slices.Sort(documented)
	slices.Sort(served)
	for _, r := range served {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is served but not in openapi.yaml", r)
		}
	}
	for _, r := range documented {
		if !slices.Contains(served, r) {
			t.Errorf("openapi.yaml documents %s, which is not served", r)
		}
	}
}

// Each operation's x-herald-roles states the server's route × role table.
func TestOpenAPIRoles(t *testing.T) {
	doc := loadSpec(t)
	h := newHarness(t)
	table := h.api.Roles()
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			route := method + " " + path
			want, served := table[route]
			raw, stated := op.Extensions["x-herald-roles"]
			switch {
			case !served && stated:
				t.Errorf("%s states roles but is not behind a key", route)
			case !served:
				continue
			case !stated:
				t.Errorf("%s does not state x-herald-roles", route)
				continue
			}
			var got []string
			for _, r := range raw.([]any) {
				got = append(got, r.(string))
			}
			var wantNames []string
			for _, r := range want {
				wantNames = append(wantNames, string(r))
			}
			if !slices.Equal(got, wantNames) {
				t.Errorf("%s: x-herald-roles %v, the server's table %v", route, got, wantNames)
			}
		}
	}
}

// specCheck validates every exchange against the OpenAPI document: each
// request that succeeds must be one the document allows, and every answer,
// errors included, must match the document's schema for its status. It
// notes which operations were seen.
type specCheck struct {
	t      *testing.T
	base   http.RoundTripper
	router routers.Router
	seen   map[string]bool
}

func (c *specCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	respBody, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(respBody))

	check, _ := http.NewRequest(req.Method, req.URL.String(), bytes.NewReader(reqBody))
	check.Header = req.Header.Clone()
	route, params, err := c.router.FindRoute(check)
	if err != nil {
		c.t.Errorf("%s %s: not in openapi.yaml: %v", req.Method, req.URL.Path, err)
		return resp, nil
	}
	c.seen[route.Operation.OperationID] = true
	ctx := context.Background()
	in := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if resp.StatusCode < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			c.t.Errorf("%s %s: the request succeeded but openapi.yaml does not allow it: %v", req.Method, req.URL.Path, err)
		}
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(respBody)),
	})
	if err != nil {
		c.t.Errorf("%s %s answered %d with a body openapi.yaml does not describe: %v\n%s",
			req.Method, req.URL.Path, resp.StatusCode, err, respBody)
	}
	return resp, nil
}

// TestOpenAPIMatchesBehaviour drives every operation of the document
// through the real server and validates each request and answer against
// it, so that the document cannot drift from what the API does.
func TestOpenAPIMatchesBehaviour(t *testing.T) {
	doc := loadSpec(t)
	h := newHarness(t)
	doc.Servers = openapi3.Servers{{URL: h.url}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	check := &specCheck{t: t, base: h.client.Transport, router: router, seen: map[string]bool{}}
	h.client = &http.Client{Transport: check}
	rc := newReceiver(t, nil)

	for _, p := range []string{"/healthz", "/readyz", "/openapi.yaml"} {
		if code := h.call("GET", p, "", nil, nil); code != http.StatusOK {
			t.Fatalf("GET %s = %d", p, code)
		}
	}
	var me struct {
		Admin bool `json:"admin"`
	}
	h.must(200, "GET", "/v1/me", nil, &me)
	if !me.Admin {
		t.Error("GET /v1/me with the admin key: admin = false")
	}
	h.must(201, "POST", "/v1/event-types", map[string]any{"name": "job.completed", "description": "A job finished.",
		"examples": []map[string]any{{"job_id": "j_123", "pages": 3}}}, nil)
	h.must(201, "POST", "/v1/event-types", map[string]any{"name": "order.paid", "validate": true,
		"schema":  map[string]any{"type": "object", "required": []string{"amount_cents"}},
		"schemas": map[string]any{"v1": map[string]any{"type": "object"}}}, nil)
	h.must(200, "GET", "/v1/event-types", nil, nil)

	h.must(201, "POST", "/v1/tenants", map[string]any{"id": "acme", "name": "Acme", "max_event_types": 5}, nil)
	h.must(201, "POST", "/v1/tenants", map[string]any{"name": "Doomed"}, nil)
	h.must(200, "GET", "/v1/tenants?limit=1", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme", nil, nil)
	h.must(200, "PATCH", "/v1/tenants/acme", map[string]any{"name": "Acme Inc."}, nil)

	var key struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	h.must(201, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "ci"}, &key)
	h.must(200, "GET", "/v1/tenants/acme/keys", nil, nil)
	var tenantMe struct {
		TenantID string `json:"tenant_id"`
		Admin    bool   `json:"admin"`
	}
	if code := h.call("GET", "/v1/me", key.Key, nil, &tenantMe); code != 200 || tenantMe.TenantID != "acme" || tenantMe.Admin {
		t.Errorf("GET /v1/me with acme's key = %d %+v, want acme's and not admin", code, tenantMe)
	}
	h.must(204, "DELETE", "/v1/tenants/acme/keys/"+key.ID, nil, nil)
	h.must(200, "POST", "/v1/tenants/acme/rotate-callback-secret", nil, nil)
	h.must(200, "POST", "/v1/tenants/acme/rotate-callback-secret", map[string]any{"grace_period": "1h"}, nil)

	var ps struct {
		ID    string `json:"id"`
		Token string `json:"token"`
		URL   string `json:"url"`
	}
	h.must(201, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"role": "read-only", "lifetime": "30m", "theme": "dark", "name": "Acme"}, &ps)
	h.must(201, "POST", "/v1/tenants/acme/portal-sessions", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/portal-sessions", nil, nil)
	h.must(200, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": ps.Token}, nil)
	if code := h.call("POST", "/v1/portal-sessions/exchange", "", map[string]any{"token": ps.Token}, nil); code != 401 {
		t.Errorf("a link used twice = %d, want 401", code)
	}
	h.must(204, "DELETE", "/v1/tenants/acme/portal-sessions/"+ps.ID, nil, nil)
	h.must(200, "POST", "/v1/tenants/acme/portal-sessions/revoke", nil, nil)

	ep := h.endpoint("acme", map[string]any{"url": rc.url, "description": "main", "event_types": []string{"job.completed", "job.created", "job.started"},
		"headers": map[string]string{"X-Team": "ml"}, "retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"1s"}, "jitter": 0}})
	h.must(200, "GET", "/v1/tenants/acme/endpoints", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, nil)
	var limited struct {
		Token string `json:"token"`
	}
	h.must(201, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"endpoint_ids": []string{ep.ID}}, &limited)
	var limitedKey struct {
		Key string `json:"key"`
	}
	h.must(200, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": limited.Token}, &limitedKey)
	if code := h.call("GET", "/v1/me", limitedKey.Key, nil, nil); code != 200 {
		t.Errorf("GET /v1/me with a limited session = %d", code)
	}
	if code := h.call("DELETE", "/v1/me", adminKey, nil, nil); code != 409 {
		t.Errorf("DELETE /v1/me with an API key = %d, want 409", code)
	}
	if code := h.call("DELETE", "/v1/me", limitedKey.Key, nil, nil); code != 204 {
		t.Errorf("DELETE /v1/me with a portal session = %d, want 204", code)
	}
	h.must(200, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, map[string]any{"retry_policy": nil, "bearer_token": "abcd", "disable_after_failures": 5}, nil)
	h.must(200, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/rotate-secret", map[string]any{"grace_period": "1h"}, nil)
	h.must(200, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", nil, nil)
	h.must(200, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", map[string]any{"event_type": "job.completed"}, nil)

	ev := h.event("acme", map[string]any{"id": "evt-1", "type": "job.completed", "data": map[string]any{"job": "j1"}})
	h.must(200, "POST", "/v1/tenants/acme/events", map[string]any{"id": "evt-1", "type": "job.completed", "data": map[string]any{"job": "j1"}}, nil)
	h.must(202, "POST", "/v1/tenants/acme/events/batch", map[string]any{"events": []map[string]any{
		{"type": "job.completed", "data": map[string]any{"n": 1}}, {"id": "evt-1", "type": "job.completed", "data": map[string]any{}}}}, nil)
	h.must(200, "GET", "/v1/tenants/acme/events?type=job.completed", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/events/evt-1", nil, nil)

	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "succeeded")
	h.must(200, "GET", "/v1/tenants/acme/deliveries?status=succeeded&endpoint_id="+ep.ID, nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/endpoints/"+ep.ID+"/stats?window=1h", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/endpoints/"+ep.ID+"/stats", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/overview?window=7d", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/endpoints?unhealthy=true", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/deliveries?event_type=job.completed&limit=1", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/deliveries?since="+time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)+"&until="+time.Now().Add(time.Hour).UTC().Format(time.RFC3339), nil, nil)
	h.must(202, "POST", "/v1/tenants/acme/deliveries/"+d.ID+"/retry", nil, nil)
	eventually(t, func() bool { return len(h.delivery("acme", d.ID).AttemptLog) == 2 }, "the manual retry's attempt")

	h.must(201, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-1", "type": "image_generation", "input": map[string]any{"prompt": "a cat"},
		"attributes": map[string]any{"user_id": "u1"}, "callback_url": rc.url, "callback": map[string]any{"format": "resource"}}, nil)
	h.must(200, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-1", "type": "image_generation"}, nil)
	h.must(200, "POST", "/v1/tenants/acme/jobs/job-1/status", map[string]any{"status": "processing", "progress": 40}, nil)
	h.must(200, "POST", "/v1/tenants/acme/jobs/job-1/status", map[string]any{"status": "completed", "result": map[string]any{"images": []string{"https://cdn.example/1.png"}}}, nil)
	h.must(200, "GET", "/v1/tenants/acme/jobs/job-1", nil, nil)
	h.must(200, "GET", "/v1/tenants/acme/jobs?status=completed", nil, nil)

	h.must(202, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/replay", map[string]any{"since": time.Now().Add(-time.Hour).Format(time.RFC3339)}, nil)

	// Errors answer in the documented shape too.
	if code := h.call("GET", "/v1/tenants/nope", adminKey, nil, nil); code != 404 {
		t.Errorf("GET an unknown tenant = %d, want 404", code)
	}
	if code := h.call("POST", "/v1/tenants", adminKey, `{"name":`, nil); code != 400 {
		t.Errorf("POST malformed JSON = %d, want 400", code)
	}
	if code := h.call("GET", "/v1/tenants", "", nil, nil); code != 401 {
		t.Errorf("GET without a key = %d, want 401", code)
	}
	for _, list := range []string{"/v1/tenants", "/v1/tenants/acme/events", "/v1/tenants/acme/deliveries?event_type=job.completed&"} {
		if !strings.Contains(list, "?") {
			list += "?"
		}
		if code := h.call("GET", list+"cursor="+craftedCursors[1], adminKey, nil, nil); code != 400 {
			t.Errorf("GET %s with a cursor holding a NUL = %d, want 400", list, code)
		}
	}

	h.must(204, "DELETE", "/v1/tenants/acme/endpoints/"+ep.ID, nil, nil)
	var tenants struct {
		Data []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"data"`
	}
	h.must(200, "GET", "/v1/tenants", nil, &tenants)
	for _, tn := range tenants.Data {
		if tn.Name == "Doomed" {
			h.must(204, "DELETE", "/v1/tenants/"+tn.ID, nil, nil)
		}
	}

	var missing []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if !check.seen[op.OperationID] {
				missing = append(missing, op.OperationID)
			}
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("operations this test never called, so never checked: %s", strings.Join(missing, ", "))
	}
}
