package api_test

// Contract tests: for each seed document in ../shared/seeds, a receiver
// written from that document alone (its header names, body fields and
// verification recipe) receives real deliveries from Herald configured for
// it. Retry schedules are scaled from seconds to milliseconds, keeping
// their shape, so that the tests take milliseconds.

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// Seed 000 (LEAPERone): a per-request callbackUrl; payload {id, status,
// images[] | error}; no signature; non-2xx and timeouts retried with
// exponential backoff, then the callback is marked failed and the result
// is still there to poll; dedupe by id.
func TestContractSeed000(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	type payload struct {
		ID     string `json:"id"`
		Status string `json:"status"`
		Images []struct {
			ID  string `json:"id"`
			URL string `json:"url"`
		} `json:"images"`
		Error string `json:"error"`
	}
	var mu sync.Mutex
	got := map[string][]payload{}
	down := 2 // the receiver's first two answers are errors
	rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if n <= down {
			w.WriteHeader(http.StatusNotFound) // seed 000 retries any non-2xx
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	h.tenant("leaper")
	callback := map[string]any{"format": "resource", "signature": "none",
		"retry_policy": map[string]any{"kind": "exponential", "base": "2ms", "factor": 2, "cap": "30ms", "max_retries": 5, "jitter": 0, "retry_on": "any"}}
	h.must(http.StatusCreated, "POST", "/v1/tenants/leaper/jobs", map[string]any{"id": "img-abc123", "type": "image.generation",
		"input":        map[string]any{"model": "gpt-4o-image", "prompt": "A neon-lit cyberpunk cityscape"},
		"callback_url": rc.url + "/webhook/image", "callback": callback}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leaper/jobs/img-abc123/status", map[string]any{"status": "processing"}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leaper/jobs/img-abc123/status", map[string]any{"status": "completed",
		"result": map[string]any{"images": []map[string]string{{"id": "img-file-1", "url": "https://cdn.leaper.one/images/abc123.png"}}}}, nil)
	for range 3 {
		r := rc.next()
		var p payload
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatalf("payload %s: %v", r.body, err)
		}
		got[p.ID] = append(got[p.ID], p)
		if r.header.Get("webhook-signature") != "" {
			t.Fatal("seed 000 sends no signature")
		}
	}
	ps := got["img-abc123"]
	if len(ps) != 3 || ps[2].Status != "completed" || len(ps[2].Images) != 1 || ps[2].Images[0].URL != "https://cdn.leaper.one/images/abc123.png" {
		t.Fatalf("payloads by id = %+v, want three deliveries of the completed job (two retried)", got)
	}

	// Give-up: five retries, then the callback is failed and the job can
	// still be polled, failed payload and all.
	dead := newReceiver(t, status(http.StatusInternalServerError))
	h.must(http.StatusCreated, "POST", "/v1/tenants/leaper/jobs", map[string]any{"id": "img-def456", "type": "image.generation",
		"callback_url": dead.url, "callback": callback}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leaper/jobs/img-def456/status", map[string]any{"status": "failed", "error": "Content policy violation"}, nil)
	var job jobView
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/leaper/jobs/img-def456?include=callback", nil, &job)
		return job.Callback.State == "failed"
	}, "the callback to give up")
	var p payload
	if err := json.Unmarshal(dead.next().body, &p); err != nil || p.Status != "failed" || p.Error != "Content policy violation" {
		t.Fatalf("failed payload = %+v %v", p, err)
	}
	if job.Callback.Attempts != 6 || dead.count() != 6 {
		t.Fatalf("attempts = %d (receiver %d), want 1 + 5 retries", job.Callback.Attempts, dead.count())
	}
}

// Seed 003: the webhook is a base URL and /callback is appended; the payload
// is what Get Task Status returns; only terminal states are pushed; 5xx
// and timeouts retried three times at 10, 30, 60 s; 4xx never retried.
func TestContractSeed003(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var mu sync.Mutex
	answers := []int{http.StatusServiceUnavailable, http.StatusOK}
	rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path != "/api/callback" {
			t.Errorf("POST to %s, want /api/callback", r.URL.Path)
		}
		w.WriteHeader(answers[min(n-1, len(answers)-1)])
	})
	h.tenant("tasks")
	callback := map[string]any{"format": "resource", "path_suffix": "/callback",
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"10ms", "30ms", "60ms"}, "jitter": 0, "retry_on": "server-errors"}}
	h.must(http.StatusCreated, "POST", "/v1/tenants/tasks/jobs", map[string]any{"id": "task_1", "type": "video",
		"callback_url": rc.url + "/api/", "callback": callback}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/tasks/jobs/task_1/status", map[string]any{"status": "processing"}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/tasks/jobs/task_1/status", map[string]any{"status": "completed",
		"result": map[string]any{"videos": []map[string]any{{"url": []string{"https://cdn.example.com/v.mp4"}, "expires_at": 1795449000}}}}, nil)
	first, second := rc.next(), rc.next()
	if string(first.body) != string(second.body) {
		t.Fatal("the retry's payload differs")
	}
	var pushed, polled map[string]any
	if err := json.Unmarshal(second.body, &pushed); err != nil {
		t.Fatal(err)
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/tasks/jobs/task_1", nil, &polled)
	// The push is the Get Task Status document: the same fields with the
	// same values (the callback's state only on ?include=callback).
	if !reflect.DeepEqual(pushed, polled) {
		pj, _ := json.Marshal(pushed)
		gj, _ := json.Marshal(polled)
		t.Fatalf("pushed %s\npolled %s", pj, gj)
	}
	if pushed["status"] != "completed" || pushed["result"].(map[string]any)["videos"] == nil {
		t.Fatalf("pushed = %s", second.body)
	}
	// 4xx: given up at once.
	no := newReceiver(t, status(http.StatusBadRequest))
	h.must(http.StatusCreated, "POST", "/v1/tenants/tasks/jobs", map[string]any{"id": "task_2", "type": "audio",
		"callback_url": no.url, "callback": callback}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/tasks/jobs/task_2/status", map[string]any{"status": "failed", "error": map[string]any{"code": "bad_input"}}, nil)
	var job jobView
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/tasks/jobs/task_2?include=callback", nil, &job)
		return job.Callback.State == "failed"
	}, "the callback to give up")
	if job.Callback.Attempts != 1 || rc.count() != 2 {
		t.Fatalf("4xx attempts = %d (want 1); terminal pushes = %d (want 2: one retried)", job.Callback.Attempts, rc.count())
	}
}

// Seed 004 (LeapOCR): subscriptions to job.* events; a flat body with
// event_type, event_id and the job's fields; X-R2-Signature, the lowercase
// hex HMAC-SHA256 of the raw body; its User-Agent; event_id stable across
// retries.
func TestContractSeed004(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	type event struct {
		EventType    string `json:"event_type"`
		EventID      string `json:"event_id"`
		Timestamp    string `json:"timestamp"`
		JobID        string `json:"job_id"`
		UserID       string `json:"user_id"`
		Status       string `json:"status"`
		FileName     string `json:"file_name"`
		TotalPages   int    `json:"total_pages"`
		CreditsUsed  int    `json:"credits_used"`
		CreatedAt    string `json:"created_at"`
		CompletedAt  string `json:"completed_at"`
		ErrorMessage string `json:"error_message"`
	}
	var secret string
	var mu sync.Mutex
	var events []event
	seen := map[string]int{}
	// The receiver of the seed's Go example, answering 503 once to test
	// that a retry carries the same event_id.
	rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
		rawBody, _ := io.ReadAll(r.Body)
		signature := r.Header.Get("X-R2-Signature")
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(rawBody)
		if !hmac.Equal([]byte(signature), []byte(hex.EncodeToString(m.Sum(nil)))) {
			http.Error(w, "Invalid signature", http.StatusUnauthorized)
			return
		}
		var ev event
		if err := json.Unmarshal(rawBody, &ev); err != nil {
			http.Error(w, "Invalid JSON", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		seen[ev.EventID]++
		if ev.EventType == "job.completed" && seen[ev.EventID] == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		events = append(events, ev)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"received": true, "eventType": ev.EventType})
	})
	h.tenant("leapocr")
	ep := h.endpoint("leapocr", map[string]any{"url": rc.url + "/leapocr/webhooks",
		"event_types": []string{"job.created", "job.started", "job.completed", "job.failed"},
		"format":      "flat", "signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature", "user_agent": "LeapOCR-Webhook/1.0",
		"retry_policy": fastRetries(3)})
	secret = ep.Secret
	h.must(http.StatusCreated, "POST", "/v1/tenants/leapocr/jobs", map[string]any{"id": "6d3e2a79-8f80-4d71-9ab9-b8410d14ed1d", "type": "ocr",
		"attributes": map[string]any{"user_id": "user_123", "team_id": "team_456", "file_name": "invoice.pdf", "file_size": 483920, "total_pages": 3}}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leapocr/jobs/6d3e2a79-8f80-4d71-9ab9-b8410d14ed1d/status", map[string]any{"status": "processing"}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leapocr/jobs/6d3e2a79-8f80-4d71-9ab9-b8410d14ed1d/status", map[string]any{"status": "completed",
		"result": map[string]any{"processed_pages": 3, "success_pages": 3, "total_tokens": 1842, "credits_used": 3}}, nil)
	for range 4 { // created, started, completed (503), completed again
		r := rc.next()
		if ua := r.header.Get("User-Agent"); ua != "LeapOCR-Webhook/1.0" {
			t.Fatalf("User-Agent = %q", ua)
		}
	}
	// A request is recorded before its handler runs: wait for the handler.
	eventually(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(events) == 3 }, "three events to be accepted")
	mu.Lock()
	defer mu.Unlock()
	// Webhooks to one endpoint are not ordered (they go out concurrently);
	// receivers order by status, as the seed's do.
	byType := map[string]event{}
	for _, e := range events {
		byType[e.EventType] = e
	}
	if len(events) != 3 || len(byType) != 3 {
		t.Fatalf("accepted events = %+v", events)
	}
	for _, want := range []string{"job.created", "job.started", "job.completed"} {
		e, ok := byType[want]
		if !ok || e.JobID != "6d3e2a79-8f80-4d71-9ab9-b8410d14ed1d" || e.UserID != "user_123" || e.FileName != "invoice.pdf" || e.TotalPages != 3 {
			t.Fatalf("%s = %+v, want it for the job with its fields", want, e)
		}
		for name, v := range map[string]string{"timestamp": e.Timestamp, "created_at": e.CreatedAt} {
			if _, err := time.Parse(time.RFC3339, v); err != nil || len(v) != len("2026-03-19T10:21:44Z") || !strings.HasSuffix(v, "Z") {
				t.Fatalf("%s %q is not like 2026-03-19T10:21:44Z", name, v)
			}
		}
	}
	done := byType["job.completed"]
	if done.Status != "completed" || done.CreditsUsed != 3 || len(done.CompletedAt) != len("2026-03-19T10:21:44Z") || seen[done.EventID] != 2 {
		t.Fatalf("job.completed = %+v, seen %d times (want 2: the same event_id on the retry)", done, seen[done.EventID])
	}
}

// Seeds 001 and 002 (Leonardo.Ai): a webhook URL and API key bound to one
// production API key; "authorization: Bearer <key>" on every callback; the
// envelope {type, object, timestamp (ms), api_version, data: {object}},
// valid against the AsyncAPI schema of seed 002.
func TestContractSeed001And002(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer abcd" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	other := newReceiver(t, nil)
	h.tenant("leonardo")
	var otherID string
	for _, ep := range []map[string]any{
		{"url": rc.url + "/leonardo/webhook", "channels": []string{leonardoKeyID}, "format": "envelope", "envelope_object": "generation",
			"api_version": "v1", "signature": "none", "bearer_token": "abcd", "event_types": []string{"job.completed"}},
		{"url": other.url, "channels": []string{"apikey_2"}, "format": "envelope", "envelope_object": "generation", "signature": "none"},
	} {
		otherID = h.endpoint("leonardo", ep).ID // the last: other's
	}
	generation := leonardoSample(t)
	h.must(http.StatusCreated, "POST", "/v1/tenants/leonardo/jobs", map[string]any{"id": generation["id"], "type": "image_generation", "channels": []string{leonardoKeyID}}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/leonardo/jobs/"+generation["id"].(string)+"/status", map[string]any{"status": "completed", "result": generation}, nil)
	r := rc.next()
	var body map[string]any
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	validate(t, "envelope", body, leonardoEnvelopeSchema)
	validate(t, "generation", body["data"].(map[string]any)["object"].(map[string]any), leonardoGenerationSchema)
	// Deliveries are stored with the event they deliver, so once the
	// generation arrived, the other key's endpoint has a delivery of it or
	// never will.
	if ds := h.deliveriesOf("leonardo", otherID); len(ds) != 0 || other.count() != 0 {
		t.Fatalf("another API key's webhook URL got the generation: %d deliveries, %d requests", len(ds), other.count())
	}
}

// leonardoKeyID is the production API key of the Leonardo samples: its
// id, a UUID as seed 002 has it, is the endpoint's and the jobs' channel.
const leonardoKeyID = "9e4a7c12-5f83-4d6b-8e2a-1c7f0b3d5a96"

// leonardoSample is the generation of seed 001's sample request (a subset
// of its fields, each of the type seed 002 gives it, with real UUIDs where
// the seed's own examples have placeholders that fail its format: uuid).
func leonardoSample(t *testing.T) map[string]any {
	var g map[string]any
	err := json.Unmarshal([]byte(`{"id":"d2e7c4d8-2f0b-4a1e-9a6a-1f9b5d3c7e21","createdAt":"2023-11-09T00:42:22.707Z",
		"updatedAt":"2023-11-09T00:42:26.740Z","userId":"3b9d2f6e-8a41-4c7b-b5e0-92f1d6c8a7e4","public":false,"flagged":false,"nsfw":false,"status":"COMPLETE",
		"coreModel":"SD","guidanceScale":7,"imageHeight":512,"imageWidth":512,"inferenceSteps":30,"initStrength":null,
		"modelId":"6bef9f1b-29cb-40c7-b9df-32b51c1f67d3","negativePrompt":"","prompt":"An oil painting of a cat","quantity":1,
		"sdVersion":"v2","tiling":false,"tokenCost":0,"seed":"905778432","scheduler":"EULER_DISCRETE","api":true,
		"apiDollarCost":"9","photoReal":false,"imageToImage":false,"controlnetsUsed":false,
		"images":[{"id":"c5e81f4a-6d29-4b3e-a017-8f4c2d9e6b15","createdAt":"2023-11-09T00:42:26.733Z","url":"https://cdn.leonardo.ai/users/u1/generations/g/cat_0.jpg",
		"generationId":"d2e7c4d8-2f0b-4a1e-9a6a-1f9b5d3c7e21","nobgId":null,"nsfw":false,"likeCount":0,"trendingScore":0,"public":false}],
		"apiKey":{"id":"`+leonardoKeyID+`","name":"webhook with key","type":"PRODUCTION","webhookCallbackUrl":"https://example.com/leonardo/webhook","webhookCallbackApiKey":"abcd"}}`), &g)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// schema is the part of a JSON schema these tests check: required fields,
// and each listed property's type (with "?" for nullable) and enum.
type schema struct {
	required []string
	types    map[string]string
	enums    map[string][]any
}

// From seed 002: components.schemas.ImageGenerationCompleteEnvelope.
var leonardoEnvelopeSchema = schema{
	required: []string{"type", "object", "timestamp", "api_version", "data"},
	types:    map[string]string{"type": "string", "object": "string", "timestamp": "integer", "api_version": "string", "data": "object"},
	enums:    map[string][]any{"type": {"image_generation.complete"}, "object": {"generation"}, "api_version": {"v1"}},
}

// From seed 002: components.schemas.Generation (the properties the sample
// carries).
var leonardoGenerationSchema = schema{
	types: map[string]string{"id": "string", "createdAt": "string", "status": "string", "imageHeight": "integer",
		"imageWidth": "integer", "guidanceScale": "number", "initStrength": "number?", "prompt": "string", "seed": "string",
		"public": "boolean", "apiDollarCost": "string", "images": "array", "apiKey": "object", "tokenCost": "number"},
}

func validate(t *testing.T, name string, v map[string]any, s schema) {
	t.Helper()
	for _, f := range s.required {
		if _, ok := v[f]; !ok {
			t.Fatalf("%s: required field %q is missing: %v", name, f, v)
		}
	}
	for f, typ := range s.types {
		x, ok := v[f]
		if !ok {
			continue
		}
		nullable := strings.HasSuffix(typ, "?")
		typ = strings.TrimSuffix(typ, "?")
		if x == nil {
			if !nullable {
				t.Fatalf("%s: %q is null, which the schema does not allow", name, f)
			}
			continue
		}
		okType := false
		switch typ {
		case "string":
			_, okType = x.(string)
		case "boolean":
			_, okType = x.(bool)
		case "number":
			_, okType = x.(float64)
		case "integer":
			n, isNum := x.(float64)
			okType = isNum && n == float64(int64(n))
		case "object":
			_, okType = x.(map[string]any)
		case "array":
			_, okType = x.([]any)
		}
		if !okType {
			t.Fatalf("%s: %q = %v is not of type %s", name, f, x, typ)
		}
	}
	for f, allowed := range s.enums {
		found := false
		for _, a := range allowed {
			if v[f] == a {
				found = true
			}
		}
		if !found {
			t.Fatalf("%s: %q = %v, the schema allows %v", name, f, v[f], allowed)
		}
	}
}

// Each preset, named in one word, configures what the contract tests above
// set by hand.
func TestPresets(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	type view struct {
		Format          string `json:"format"`
		Signature       string `json:"signature"`
		SignatureHeader string `json:"signature_header"`
		UserAgent       string `json:"user_agent"`
		PathSuffix      string `json:"path_suffix"`
		EnvelopeObject  string `json:"envelope_object"`
		RetryPolicy     *struct {
			Kind    string `json:"kind"`
			RetryOn string `json:"retry_on"`
		} `json:"retry_policy"`
	}
	var ep view
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": "https://example.com/h", "preset": "leapocr"}, &ep)
	if ep.Format != "flat" || ep.Signature != "hmac-sha256-hex" || ep.SignatureHeader != "X-R2-Signature" || ep.UserAgent != "LeapOCR-Webhook/1.0" {
		t.Fatalf("leapocr preset = %+v", ep)
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": "https://example.com/h", "preset": "task-api"}, &ep)
	if ep.PathSuffix != "/callback" || ep.Format != "resource" || ep.RetryPolicy == nil || ep.RetryPolicy.RetryOn != "server-errors" {
		t.Fatalf("task-api preset = %+v", ep)
	}
	// The request's own settings win over the preset's.
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": "https://example.com/h", "preset": "leonardo", "format": "standard"}, &ep)
	if ep.Format != "standard" || ep.EnvelopeObject != "generation" || ep.Signature != "none" {
		t.Fatalf("leonardo preset with a format of its own = %+v", ep)
	}
	var e apiError
	if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, map[string]any{"url": "https://example.com/h", "preset": "stripe"}, &e); code != http.StatusBadRequest || !strings.Contains(e.Error.Message, "leapocr") {
		t.Fatalf("an unknown preset = %d %q, want 400 listing the presets", code, e.Error.Message)
	}
	// A job's callback takes a preset too.
	rc := newReceiver(t, nil)
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "img-1", "type": "image", "callback_url": rc.url + "/cb",
		"callback": map[string]any{"preset": "leaperone"}}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/img-1/status", map[string]any{"status": "completed", "result": map[string]any{"images": []any{}}}, nil)
	r := rc.next()
	var p map[string]any
	if err := json.Unmarshal(r.body, &p); err != nil || p["id"] != "img-1" || p["status"] != "completed" || r.header.Get("webhook-signature") != "" {
		t.Fatalf("leaperone callback: %s %v", r.body, r.header)
	}
}
