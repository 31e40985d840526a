package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

type jobView struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Status   string          `json:"status"`
	Progress *float64        `json:"progress"`
	Input    json.RawMessage `json:"input"`
	Result   json.RawMessage `json:"result"`
	Error    json.RawMessage `json:"error"`
	Callback *struct {
		URL        string `json:"url"`
		State      string `json:"state"`
		DeliveryID string `json:"delivery_id"`
		Attempts   int    `json:"attempts"`
	} `json:"callback"`
	StartedAt  *string `json:"started_at"`
	FinishedAt *string `json:"finished_at"`
}

// webhookOf decodes a Standard Webhooks body whose data is a job.
func webhookOf(t *testing.T, r request) (string, jobView) {
	t.Helper()
	var body struct {
		Type string  `json:"type"`
		Data jobView `json:"data"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("webhook body %s: %v", r.body, err)
	}
	return body.Type, body.Data
}

// A job's whole life: subscriptions get every lifecycle event, the job's
// own callback gets only the end, once, and the status document tells
// the callback's state.
func TestJobLifecycle(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	sub := newReceiver(t, nil)
	cb := newReceiver(t, nil)
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": sub.url, "event_types": []string{"job.created", "job.started", "job.completed", "job.failed"}})

	var job jobView
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs?include=callback", map[string]any{
		"id": "img-abc123", "type": "image.generation", "input": map[string]any{"prompt": "a neon city"}, "callback_url": cb.url + "/webhook/image",
	}, &job)
	if job.Status != "queued" || job.Callback == nil || job.Callback.State != "waiting" || string(job.Input) != `{"prompt":"a neon city"}` {
		t.Fatalf("new job = %+v", job)
	}
	r := sub.next()
	if typ, data := webhookOf(t, r); typ != "job.created" || data.ID != "img-abc123" || data.Status != "queued" || data.Callback != nil {
		t.Fatalf("first webhook: %s %+v", typ, data)
	}
	if id := r.header.Get("webhook-id"); id != "img-abc123.created" {
		t.Fatalf("webhook-id of job.created = %q", id)
	}

	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/img-abc123/status", map[string]any{"status": "processing", "progress": 10}, &job)
	if typ, data := webhookOf(t, sub.next()); typ != "job.started" || data.Status != "processing" || *data.Progress != 10 {
		t.Fatalf("second webhook: %s %+v", typ, data)
	}
	// An intermediate status of the platform's own changes the document only.
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/img-abc123/status", map[string]any{"status": "uploading", "progress": 90}, &job)
	if job.Status != "uploading" || job.StartedAt == nil {
		t.Fatalf("after uploading: %+v", job)
	}
	result := map[string]any{"images": []map[string]string{{"id": "img-file-1", "url": "https://cdn.example.com/abc123.png"}}}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/img-abc123/status?include=callback", map[string]any{"status": "completed", "result": result}, &job)
	if job.Status != "completed" || job.FinishedAt == nil || job.Callback.State != "pending" {
		t.Fatalf("after completion: %+v", job)
	}
	typ, data := webhookOf(t, sub.next())
	if typ != "job.completed" || !strings.Contains(string(data.Result), "abc123.png") {
		t.Fatalf("subscription's last webhook: %s %+v", typ, data)
	}
	got := cb.next()
	if got.header.Get("webhook-id") != "img-abc123.completed" {
		t.Fatalf("callback webhook-id = %q", got.header.Get("webhook-id"))
	}
	if typ, data := webhookOf(t, got); typ != "job.completed" || data.Status != "completed" {
		t.Fatalf("callback got %s %+v", typ, data)
	}
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs/img-abc123?include=callback", nil, &job)
		return job.Callback.State == "succeeded"
	}, "the callback to be shown as delivered")
	if job.Callback.Attempts != 1 {
		t.Fatalf("callback attempts = %d", job.Callback.Attempts)
	}

	// Terminal states are final; the same end again is an idempotent repeat.
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/img-abc123/status", map[string]any{"status": "completed", "result": result}, nil)
	var conflict apiError
	if code := h.call("POST", "/v1/tenants/acme/jobs/img-abc123/status", adminKey, map[string]any{"status": "failed", "error": "late"}, &conflict); code != http.StatusConflict || !strings.Contains(conflict.Error.Message, "final") {
		t.Fatalf("failing a completed job = %d %+v, want 409 saying terminal states are final", code, conflict)
	}
	// A repeated create answers the job as it is, creating nothing.
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "img-abc123", "type": "image.generation"}, &job)
	if job.Status != "completed" {
		t.Fatalf("repeated create answered %+v", job)
	}
	sentinel := h.event("acme", map[string]any{"type": "job.failed", "data": map[string]any{}})
	h.waitDelivery("acme", sentinel.Deliveries[0].ID, "succeeded")
	if n := sub.count(); n != 4 {
		t.Fatalf("the subscription got %d webhooks, want created, started, completed and the sentinel", n)
	}
	if n := cb.count(); n != 1 {
		t.Fatalf("the callback got %d webhooks, want exactly 1", n)
	}
	var list struct {
		Data []jobView `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs?status=completed", nil, &list)
	if len(list.Data) != 1 || list.Data[0].ID != "img-abc123" {
		t.Fatalf("completed jobs = %+v", list.Data)
	}
}

// A callback whose retries are exhausted shows failed, and the result can
// still be fetched by polling.
func TestJobCallbackGivesUp(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cb := newReceiver(t, status(http.StatusServiceUnavailable))
	h.tenant("acme")
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{
		"id": "t1", "type": "video", "callback_url": cb.url, "callback": map[string]any{"retry_policy": fastRetries(2)},
	}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/t1/status", map[string]any{"status": "completed", "result": map[string]any{"videos": []string{"v.mp4"}}}, nil)
	var job jobView
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs/t1?include=callback", nil, &job)
		return job.Callback.State == "failed"
	}, "the callback to give up")
	if job.Callback.Attempts != 3 || cb.count() != 3 || string(job.Result) != `{"videos":["v.mp4"]}` {
		t.Fatalf("job after its callback gave up: %+v (callback %+v, %d requests)", job, job.Callback, cb.count())
	}
}

// Channels bind subscriptions to one source, as a webhook URL bound to one
// production API key: a job tagged with the key's id reaches only that
// key's endpoint.
func TestJobChannels(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	key1, key2 := newReceiver(t, nil), newReceiver(t, nil)
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": key1.url, "channels": []string{"key_1"}, "headers": map[string]string{"Authorization": "Bearer abcd"}})
	h.endpoint("acme", map[string]any{"url": key2.url, "channels": []string{"key_2"}})
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "g1", "type": "image_generation", "channels": []string{"key_1"}}, nil)
	r := key1.next()
	if r.header.Get("Authorization") != "Bearer abcd" || r.header.Get("webhook-id") != "g1.created" {
		t.Fatalf("key_1's endpoint got %v", r.header)
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "g2", "type": "image_generation", "channels": []string{"key_2"}}, nil)
	if r := key2.next(); r.header.Get("webhook-id") != "g2.created" {
		t.Fatalf("key_2's endpoint got %v", r.header.Get("webhook-id"))
	}
	if key1.count() != 1 {
		t.Fatalf("key_1's endpoint got %d webhooks, want only its own job's", key1.count())
	}
}

func TestJobBadInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j1", "type": "ocr"}, nil)
	tests := []struct {
		name, path string
		body       any
		status     int
		mention    string
	}{
		{"type missing", "/v1/tenants/acme/jobs", map[string]any{"input": map[string]any{}}, 400, `"type"`},
		{"bad id", "/v1/tenants/acme/jobs", map[string]any{"id": "a b", "type": "x"}, 400, "id"},
		{"long id", "/v1/tenants/acme/jobs", map[string]any{"id": strings.Repeat("a", 120), "type": "x"}, 400, "at most"},
		{"private callback", "/v1/tenants/acme/jobs", map[string]any{"type": "x", "callback_url": "https://10.0.0.1/cb"}, 400, "callback_url"},
		{"settings without callback", "/v1/tenants/acme/jobs", map[string]any{"type": "x", "callback": map[string]any{"retry_policy": fastRetries(1)}}, 400, "callback_url"},
		{"callback url twice", "/v1/tenants/acme/jobs", map[string]any{"type": "x", "callback_url": "https://example.com", "callback": map[string]any{"url": "https://example.com"}}, 400, "callback_url"},
		{"bad callback format", "/v1/tenants/acme/jobs", map[string]any{"type": "x", "callback_url": "https://example.com", "callback": map[string]any{"format": "xml"}}, 400, "format"},
		{"attributes not an object", "/v1/tenants/acme/jobs", map[string]any{"type": "x", "attributes": []int{1}}, 400, "attributes"},
		{"status missing", "/v1/tenants/acme/jobs/j1/status", map[string]any{"progress": 5}, 400, `"status"`},
		{"failed without error", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "failed"}, 400, `"error"`},
		{"progress over 100", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "processing", "progress": 101}, 400, "percentage"},
		{"bad status", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "half done"}, 400, "status"},
		{"unknown job", "/v1/tenants/acme/jobs/nope/status", map[string]any{"status": "processing"}, 404, "nope"},
		{"unknown tenant", "/v1/tenants/nope/jobs", map[string]any{"type": "x"}, 404, "nope"},
	}
	for _, tt := range tests {
		var body apiError
		if code := h.call("POST", tt.path, adminKey, tt.body, &body); code != tt.status || !strings.Contains(body.Error.Message, tt.mention) {
			t.Errorf("%s: %d %q, want %d mentioning %s", tt.name, code, body.Error.Message, tt.status, tt.mention)
		}
	}
	var job jobView
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs/j1", nil, &job)
	if job.Status != "queued" {
		t.Fatalf("bad reports changed the job: %+v", job)
	}
}

// Seed 004: "After 5 consecutive failed deliveries, the subscription is
// automatically disabled. Successful deliveries reset the counter." A
// disabled endpoint keeps what it missed, the platform hears of it, and
// after enabling, its failed deliveries can be replayed.
func TestAutoDisableAndReplay(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc, setAnswer := switchable(t, http.StatusBadRequest)
	ops := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url, "preset": "leapocr", "event_types": []string{"job.completed"}})
	h.endpoint("acme", map[string]any{"url": ops.url, "event_types": []string{"endpoint.disabled"}})
	send := func(i int) string {
		ev := h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{"i": i}})
		if len(ev.Deliveries) == 0 {
			return ""
		}
		return ev.Deliveries[0].ID
	}
	var endpointView struct {
		Disabled            bool   `json:"disabled"`
		DisabledReason      string `json:"disabled_reason"`
		ConsecutiveFailures int    `json:"consecutive_failures"`
	}
	// Four failures, then a success: the count starts again.
	for i := range 4 {
		h.waitDelivery("acme", send(i), "failed")
	}
	setAnswer(http.StatusOK)
	h.waitDelivery("acme", send(4), "succeeded")
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &endpointView)
	if endpointView.Disabled || endpointView.ConsecutiveFailures != 0 {
		t.Fatalf("after 4 failures and a success: %+v", endpointView)
	}
	setAnswer(http.StatusBadRequest)
	var failed []string
	for i := 5; i < 10; i++ {
		id := send(i)
		failed = append(failed, id)
		h.waitDelivery("acme", id, "failed")
	}
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &endpointView)
		return endpointView.Disabled
	}, "the endpoint to be disabled after 5 failures in a row")
	if endpointView.DisabledReason != "5 failed deliveries in a row" {
		t.Fatalf("reason = %q", endpointView.DisabledReason)
	}
	r := ops.next()
	var op struct {
		Type string `json:"type"`
		Data struct {
			EndpointID string `json:"endpoint_id"`
			Reason     string `json:"reason"`
		} `json:"data"`
	}
	if err := json.Unmarshal(r.body, &op); err != nil || op.Type != "endpoint.disabled" || op.Data.EndpointID != ep.ID {
		t.Fatalf("operational event = %s", r.body)
	}
	if id := send(10); id != "" {
		t.Fatal("an event made a delivery to the disabled endpoint")
	}
	// Fixed and enabled again: replay what failed.
	setAnswer(http.StatusOK)
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, map[string]any{"disabled": false}, &endpointView)
	if endpointView.ConsecutiveFailures != 0 {
		t.Fatalf("enabling kept the count at %d", endpointView.ConsecutiveFailures)
	}
	var replay struct {
		Replayed int `json:"replayed"`
	}
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/replay", map[string]any{"since": "2000-01-01T00:00:00Z"}, &replay)
	if replay.Replayed != 9 {
		t.Fatalf("replayed %d, want the 9 failed deliveries", replay.Replayed)
	}
	for _, id := range failed {
		h.waitDelivery("acme", id, "succeeded")
	}
	var e apiError
	if code := h.call("POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/replay", adminKey, map[string]any{}, &e); code != http.StatusBadRequest {
		t.Fatalf("replay without since = %d", code)
	}
}

// A job's document is the same in every answer as in its webhooks; its
// callback's state is added only on ?include=callback, on every job
// operation, and any other include is refused.
func TestJobCallbackOnlyWhenIncluded(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cb := newReceiver(t, nil)
	h.tenant("acme")
	has := func(doc map[string]any) bool { _, ok := doc["callback"]; return ok }
	var doc map[string]any
	doc = nil
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j1", "type": "ocr", "callback_url": cb.url}, &doc)
	if has(doc) {
		t.Fatalf("create answered the callback unasked: %v", doc)
	}
	doc = nil
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs?include=callback", map[string]any{"id": "j1", "type": "ocr", "callback_url": cb.url}, &doc)
	if !has(doc) {
		t.Fatalf("create with include=callback: %v", doc)
	}
	for _, path := range []string{"/v1/tenants/acme/jobs/j1", "/v1/tenants/acme/jobs/j1?include=callback"} {
		doc = nil // a map decoded into keeps its old keys
		h.must(http.StatusOK, "GET", path, nil, &doc)
		if has(doc) != strings.Contains(path, "include") {
			t.Fatalf("GET %s: %v", path, doc)
		}
	}
	var list struct {
		Data []map[string]any `json:"data"`
	}
	for _, path := range []string{"/v1/tenants/acme/jobs", "/v1/tenants/acme/jobs?include=callback"} {
		list.Data = nil
		h.must(http.StatusOK, "GET", path, nil, &list)
		if len(list.Data) != 1 || has(list.Data[0]) != strings.Contains(path, "include") {
			t.Fatalf("GET %s: %v", path, list.Data)
		}
	}
	doc = nil
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "completed"}, &doc)
	if has(doc) {
		t.Fatalf("status answer with the callback unasked: %v", doc)
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/j1/status?include=callback", map[string]any{"status": "completed"}, &doc)
	if !has(doc) {
		t.Fatalf("repeated completion with include=callback: %v", doc)
	}
	var bad errorAnswer
	if code := h.call("GET", "/v1/tenants/acme/jobs/j1?include=attempts", adminKey, nil, &bad); code != http.StatusBadRequest ||
		bad.Error.Code != "invalid_request" || !strings.Contains(bad.Error.Message, "callback") {
		t.Fatalf("include=attempts: %d %+v", code, bad)
	}
}

// A job's default callback (no callback settings) is signed the Standard
// Webhooks way with a secret of its own, which the create answer shows
// once: the official library verifies the callback with it. A repeated
// create does not show it again, nor does any other answer; an unsigned
// callback has none to show; a secret the platform brings signs instead.
func TestJobCallbackSecretIsShownOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	cb := newReceiver(t, nil)
	h.tenant("acme")
	var made map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j1", "type": "ocr", "callback_url": cb.url}, &made)
	secret, _ := made["callback_secret"].(string)
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("create answered no callback_secret: %v", made)
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "completed", "result": map[string]any{"pages": 3}}, nil)
	verifySignature(t, secret, cb.next())
	for _, call := range []struct{ method, path string }{{"POST", "/v1/tenants/acme/jobs"}, {"GET", "/v1/tenants/acme/jobs/j1?include=callback"}} {
		var again map[string]any
		var body any
		if call.method == "POST" {
			body = map[string]any{"id": "j1", "type": "ocr", "callback_url": cb.url}
		}
		h.must(http.StatusOK, call.method, call.path, body, &again)
		if _, shown := again["callback_secret"]; shown || strings.Contains(fmt.Sprint(again), secret) {
			t.Fatalf("%s %s shows the callback's secret again: %v", call.method, call.path, again)
		}
	}
	var unsigned map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j2", "type": "ocr", "callback_url": cb.url,
		"callback": map[string]any{"signature": "none"}}, &unsigned)
	if _, shown := unsigned["callback_secret"]; shown {
		t.Fatalf("an unsigned callback's job shows a secret: %v", unsigned)
	}
	own := "whsec_" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	var brought map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j3", "type": "ocr", "callback_url": cb.url,
		"callback": map[string]any{"secret": own}}, &brought)
	if brought["callback_secret"] != own {
		t.Fatalf("a brought secret: create answered %v", brought["callback_secret"])
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/j3/status", map[string]any{"status": "failed", "error": "bad scan"}, nil)
	verifySignature(t, own, cb.next())
}

// A tenant's callback secret signs every job callback of the tenant that
// brings no secret of its own, across rotations: during a grace period
// both secrets sign (a receiver holding either verifies with the official
// Standard Webhooks library), a callback whose retries are pending follows
// each rotation at once, and after a rotation without grace only the new
// secret verifies.
func TestTenantCallbackSecretAcrossRotation(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	// j2's receiver fails its first two attempts.
	var mu sync.Mutex
	j2Attempts := 0
	cb := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if bytes.Contains(body, []byte(`"j2"`)) {
			if j2Attempts++; j2Attempts <= 2 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
	h.tenant("acme")
	rotate := func(body any) map[string]any {
		t.Helper()
		var out map[string]any
		h.must(http.StatusOK, "POST", "/v1/tenants/acme/rotate-callback-secret", body, &out)
		if s, _ := out["callback_secret"].(string); !strings.HasPrefix(s, "whsec_") {
			t.Fatalf("rotation answered no callback_secret: %v", out)
		}
		return out
	}
	first := rotate(nil)
	if _, ok := first["callback_previous_secret_expires_at"]; ok {
		t.Fatalf("the first callback secret has a previous one: %v", first)
	}
	a := first["callback_secret"].(string)
	var tenant map[string]any
	h.must(http.StatusOK, "GET", "/v1/tenants/acme", nil, &tenant)
	if tenant["callback_secret_set"] != true || strings.Contains(fmt.Sprint(tenant), a) {
		t.Fatalf("GET tenant after the rotation: %v", tenant)
	}
	job := func(id string, callback map[string]any) {
		t.Helper()
		var made map[string]any
		h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": id, "type": "ocr", "callback_url": cb.url, "callback": callback}, &made)
		if _, shown := made["callback_secret"]; shown && callback["secret"] == nil {
			t.Fatalf("job %s signed by the tenant's secret shows a secret of its own: %v", id, made)
		}
	}
	next := func(id string) request {
		t.Helper()
		r := cb.next()
		if got := jobOf(t, r); got != id {
			t.Fatalf("callback of job %q, want %q", got, id)
		}
		return r
	}
	finish := func(id string) request {
		t.Helper()
		h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/"+id+"/status", map[string]any{"status": "completed", "result": map[string]any{"pages": 1}}, nil)
		return next(id)
	}
	refused := func(secret string, r request) {
		t.Helper()
		wh, err := standardwebhooks.NewWebhook(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := wh.Verify(r.body, r.header); err == nil {
			t.Fatalf("a secret rotated out without grace still verifies (%v)", r.header.Values("webhook-signature"))
		}
	}
	// retry waits for the callback's failed attempt to be written, then
	// asks for the next one at once (its own next is an hour away).
	var j2Delivery string
	retry := func(attempts int) request {
		t.Helper()
		eventually(t, func() bool {
			d := h.delivery("acme", j2Delivery)
			return d.Status == "pending" && d.Attempts == attempts
		}, "j2's callback to have failed %d times", attempts)
		h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/deliveries/"+j2Delivery+"/retry", nil, nil)
		return next("j2")
	}

	job("j1", nil)
	job("j2", map[string]any{"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"1h", "1h", "1h"}, "jitter": 0, "retry_on": "any"}})
	verifySignature(t, a, finish("j1"))
	verifySignature(t, a, finish("j2")) // fails at the receiver
	var j2 jobView
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/jobs/j2?include=callback", nil, &j2)
	j2Delivery = j2.Callback.DeliveryID

	second := rotate(map[string]any{"grace_period": "1h"})
	b := second["callback_secret"].(string)
	if _, ok := second["callback_previous_secret_expires_at"]; !ok || b == a {
		t.Fatalf("second rotation: %v", second)
	}
	r := retry(1) // fails again
	if sigs := strings.Fields(r.header.Get("webhook-signature")); len(sigs) != 2 {
		t.Fatalf("during the grace period webhook-signature = %q, want two signatures", r.header.Get("webhook-signature"))
	}
	verifySignature(t, a, r)
	verifySignature(t, b, r)

	c := rotate(map[string]any{"grace_period": "0s"})["callback_secret"].(string)
	r = retry(2)
	verifySignature(t, c, r)
	refused(b, r)
	refused(a, r)
	h.waitDelivery("acme", j2Delivery, "succeeded")
	job("j3", nil)
	verifySignature(t, c, finish("j3"))

	// A job that brings its own secret keeps it.
	own := "whsec_" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 32))
	job("j4", map[string]any{"secret": own})
	r = finish("j4")
	verifySignature(t, own, r)
	refused(c, r)

	var bad map[string]any
	if got := h.call("POST", "/v1/tenants/acme/rotate-callback-secret", adminKey, map[string]any{"grace_period": "-1s"}, &bad); got != http.StatusBadRequest {
		t.Fatalf("a negative grace period = %d %v, want 400", got, bad)
	}
	if got := h.call("POST", "/v1/tenants/nope/rotate-callback-secret", adminKey, nil, &bad); got != http.StatusNotFound {
		t.Fatalf("rotating an unknown tenant's callback secret = %d, want 404", got)
	}
}

// jobOf reads the job id of a default (Standard Webhooks) job callback.
func jobOf(t *testing.T, r request) string {
	t.Helper()
	var body struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("callback body %s: %v", r.body, err)
	}
	return body.Data.ID
}
