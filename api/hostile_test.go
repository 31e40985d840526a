package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/heraldhq/herald"
)

// refusingResolver resolves no name: the fuzz saves URLs with made-up
// host names, and a test must never ask a real resolver.
type refusingResolver struct{}

func (refusingResolver) LookupNetIP(context.Context, string, string) ([]netip.Addr, error) {
	return nil, errors.New("the test resolver resolves no names")
}

// loopbackOnly dials loopback and fails the test on anything else.
func loopbackOnly(t *testing.T) func(*options) {
	return func(o *options) {
		o.resolver = refusingResolver{}
		o.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
				t.Errorf("an attempt dialled %s", addr)
				return nil, errors.New("refused by the test")
			}
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}
	}
}

// rawCall sends body exactly as given, with the admin key.
func (h *harness) rawCall(method, path string, body []byte, contentType string) (int, string) {
	h.t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, h.url+path, r)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+adminKey)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

// Control characters in text fields, paths and query filters, invalid
// UTF-8 and lone surrogates, and ids that paths resolve away are each a
// 400 that names what is wrong, on both stores (PostgreSQL answered 500
// to a NUL in any of them). Nothing is stored.
func TestHostileInputIsRefused(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": "http://127.0.0.1:1/hook"})
	h.must(201, "POST", "/v1/event-types", map[string]any{"name": "job.completed"}, nil)

	for _, c := range []struct {
		method, path, body string
		want               int
		mention            string // the answer's message must contain it
	}{
		{"POST", "/v1/tenants", `{"name":"a\u0000b"}`, 400, `"name"`},
		{"POST", "/v1/tenants", `{"name":"a\u001bb"}`, 400, `"name"`},
		{"PATCH", "/v1/tenants/acme", `{"name":"a\u0000b"}`, 400, `"name"`},
		{"POST", "/v1/tenants/acme/keys", `{"name":"ci\u0000"}`, 400, `"name"`},
		{"POST", "/v1/tenants/acme/endpoints", `{"url":"http://127.0.0.1:1/x","description":"a\u0000b"}`, 400, `"description"`},
		{"PATCH", "/v1/tenants/acme/endpoints/" + ep.ID, `{"description":"\u0007"}`, 400, `"description"`},
		{"POST", "/v1/event-types", `{"name":"job.failed","description":"a\u0000b"}`, 400, `"description"`},
		{"POST", "/v1/tenants/acme/events/batch", `{"events":[{"type":"job.completed","data":{}},{"type":"job\u0000","data":{}}]}`, 400, `events[1].type`},
		{"POST", "/v1/tenants/acme/jobs", `{"type":"ocr","callback":{"user_agent":"x\u0000"}}`, 400, `callback.user_agent`},

		{"GET", "/v1/tenants/a%00b", "", 400, "tenant id"},
		{"GET", "/v1/tenants/acme/events/e%00", "", 400, "event id"},
		{"GET", "/v1/tenants/acme/jobs/%ff", "", 400, "job id"},
		{"GET", "/v1/tenants/acme/deliveries/d%20x", "", 400, "delivery id"},
		{"DELETE", "/v1/tenants/acme/endpoints/%00", "", 400, "endpoint id"},
		{"GET", "/v1/tenants/acme/events?type=a%00", "", 400, `"type"`},
		{"GET", "/v1/tenants/acme/jobs?status=%00", "", 400, `"status"`},
		{"GET", "/v1/tenants/acme/deliveries?status=%ff", "", 400, `"status"`},
		{"GET", "/v1/tenants?cursor=%00", "", 400, `"cursor"`},

		{"POST", "/v1/tenants/acme/events", "{\"type\":\"job.completed\",\"data\":{\"x\":\"\xff\xfe\"}}", 400, "UTF-8"},
		{"POST", "/v1/tenants", "{\"name\":\"\xc3\"}", 400, "UTF-8"},
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"\ud800"}}`, 400, "surrogate"},
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"\udc00\ud800"}}`, 400, "surrogate"},
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"\ud800\u0041"}}`, 400, "surrogate"},
		{"POST", "/v1/tenants/acme/jobs", `{"type":"ocr","input":{"x":"\uDBFF"}}`, 400, "surrogate"},

		{"POST", "/v1/tenants", `{"id":".","name":"Dot"}`, 400, "starting with a letter or a digit"},
		{"POST", "/v1/tenants", `{"id":"..","name":"Dots"}`, 400, "starting with a letter or a digit"},
		{"POST", "/v1/tenants/acme/events", `{"id":"..","type":"job.completed","data":{}}`, 400, "starting with a letter or a digit"},
		{"POST", "/v1/tenants/acme/events", `{"id":"-rf","type":"job.completed","data":{}}`, 400, "starting with a letter or a digit"},
		{"POST", "/v1/tenants/acme/jobs", `{"id":".","type":"ocr"}`, 400, "starting with a letter or a digit"},

		// What is valid stays valid: a surrogate pair, an escaped
		// backslash before "u", a NUL escaped inside free JSON data, tabs
		// and line breaks in a description, ids with inner dots.
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"\ud83d\ude00"}}`, 202, ""},
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"\\ud800"}}`, 202, ""},
		{"POST", "/v1/tenants/acme/events", `{"type":"job.completed","data":{"x":"a\u0000b"}}`, 202, ""},
		{"POST", "/v1/tenants/acme/events", `{"id":"a..b","type":"job.completed","data":{}}`, 202, ""},
		{"PATCH", "/v1/tenants/acme/endpoints/" + ep.ID, `{"description":"line one\nline two\tend"}`, 200, ""},
		{"POST", "/v1/tenants", `{"id":"v1.2","name":"Ünïcödé 名前"}`, 201, ""},
	} {
		code, body := h.rawCall(c.method, c.path, []byte(c.body), "application/json")
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		_ = json.Unmarshal([]byte(body), &e)
		if code != c.want || !strings.Contains(e.Error.Message, c.mention) {
			t.Errorf("%s %s %q = %d %s, want %d mentioning %q", c.method, c.path, c.body, code, body, c.want, c.mention)
		}
		if c.want == 400 && !strings.Contains(body, `"invalid_request"`) {
			t.Errorf("%s %s %q: the 400 is not the API's JSON error: %s", c.method, c.path, c.body, body)
		}
	}
	// Nothing refused was stored: acme's events are the five valid ones.
	var evs struct {
		Data []eventView `json:"data"`
	}
	h.must(200, "GET", "/v1/tenants/acme/events", nil, &evs)
	if len(evs.Data) != 4 {
		t.Errorf("acme has %d events, want the 4 valid ones", len(evs.Data))
	}
	var tenants struct {
		Data []tenant `json:"data"`
	}
	h.must(200, "GET", "/v1/tenants", nil, &tenants)
	if len(tenants.Data) != 2 {
		t.Errorf("%d tenants, want acme and v1.2: %+v", len(tenants.Data), tenants.Data)
	}
}

// craftedCursors are cursors that decode as base64 but to no position a
// list could have made: an id part of invalid UTF-8, a NUL or other
// control bytes, spaces, nothing; a time that is no number or out of any
// store's range. PostgreSQL answered 500 to the first two (issue 25).
var craftedCursors = []string{
	cursorOf("1733500000000000:\xff\xfe"),
	cursorOf("1733500000000000:evt_\x00"),
	cursorOf("1733500000000000:a\x00b"),
	cursorOf("1733500000000000:\x1b[31m"),
	cursorOf("1733500000000000:"),
	cursorOf("1733500000000000:a b c"),
	cursorOf("1733500000000000:" + strings.Repeat("x", 300)),
	cursorOf("x:evt_1"),
	cursorOf(":evt_1"),
	cursorOf("9223372036854775807:evt_1"),
	cursorOf("-9223372036854775808:evt_1"),
	cursorOf("\xff:evt_1"),
}

func cursorOf(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }

// Every list answers a cursor that does not decode to a valid position
// with a 400 naming the cursor, on both stores and for any key, and a
// real next_cursor still pages.
func TestCraftedCursorsAreRefused(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": "http://127.0.0.1:1/hook"})
	h.must(201, "POST", "/v1/tenants/acme/jobs", map[string]any{"type": "ocr"}, nil)
	var k struct {
		Key string `json:"key"`
	}
	h.must(201, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "reader", "role": herald.RoleReadOnly}, &k)
	reader := k.Key
	lists := []string{
		"/v1/tenants", "/v1/tenants/acme/endpoints", "/v1/tenants/acme/events", "/v1/tenants/acme/jobs",
		"/v1/tenants/acme/deliveries", "/v1/tenants/acme/deliveries?event_type=job.completed",
	}
	for _, list := range lists {
		sep := "?"
		if strings.Contains(list, "?") {
			sep = "&"
		}
		for _, c := range craftedCursors {
			for _, key := range []string{adminKey, reader} {
				if key == reader && list == "/v1/tenants" {
					continue // the platform's list, not a tenant's
				}
				var e errorAnswer
				code := h.call("GET", list+sep+"cursor="+c, key, nil, &e)
				if code != 400 || e.Error.Code != "invalid_request" || !strings.Contains(e.Error.Message, "cursor") {
					t.Errorf("GET %s with cursor %q = %d %+v, want 400 invalid_request naming the cursor", list, c, code, e)
				}
			}
		}
	}
	// A real cursor pages on.
	for range 2 {
		h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{}})
	}
	var page struct {
		Data       []eventView `json:"data"`
		NextCursor string      `json:"next_cursor"`
	}
	h.must(200, "GET", "/v1/tenants/acme/events?limit=1", nil, &page)
	if page.NextCursor == "" {
		t.Fatal("no next_cursor after the first of two events")
	}
	h.must(200, "GET", "/v1/tenants/acme/events?limit=1&cursor="+page.NextCursor, nil, &page)
	if len(page.Data) != 1 {
		t.Errorf("the second page holds %d events, want 1", len(page.Data))
	}
}

// A body without Content-Type is read as JSON, as docs/api.md says; one
// that names another media type is 415.
func TestContentType(t *testing.T) {
	h := newHarness(t)
	if code, body := h.rawCall("POST", "/v1/tenants", []byte(`{"id":"plain","name":"Plain"}`), ""); code != 201 {
		t.Errorf("POST without Content-Type = %d %s, want 201", code, body)
	}
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "json"} {
		if code, body := h.rawCall("POST", "/v1/tenants", []byte(`{"name":"X"}`), ct); code != 415 || !strings.Contains(body, "unsupported_media_type") {
			t.Errorf("POST with Content-Type %q = %d %s, want 415", ct, code, body)
		}
	}
	if code, _ := h.rawCall("POST", "/v1/tenants", []byte(`{"name":"Vendor"}`), "application/vnd.api+json; charset=utf-8"); code != 201 {
		t.Errorf("POST with a +json media type = %d, want 201", code)
	}
}

// TestFuzzEveryOperation sends every operation of openapi.yaml a bounded
// number of generated requests: path ids and query values drawn from
// valid, unknown and hostile ones, bodies built from the operation's
// schema with wrong types, missing and extra fields, boundary numbers,
// control characters, invalid UTF-8 and lone surrogates. No answer may be
// a 5xx, and every answer must be JSON. CI runs it on both stores. The
// seed is logged; HERALD_FUZZ_SEED replays one.
func TestFuzzEveryOperation(t *testing.T) {
	doc := loadSpec(t)
	h := newHarness(t, loopbackOnly(t))
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url})
	ev := h.event("acme", map[string]any{"id": "evt-1", "type": "job.completed", "data": map[string]any{}})
	h.must(201, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-1", "type": "ocr"}, nil)
	var key struct {
		ID string `json:"id"`
	}
	h.must(201, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "k"}, &key)

	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HERALD_FUZZ_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("HERALD_FUZZ_SEED=%q is not a seed (an unsigned decimal number): %v", s, err)
		}
	}
	t.Logf("seed %d (HERALD_FUZZ_SEED=%d replays it)", seed, seed)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("this run failed: HERALD_FUZZ_SEED=%d go test -run '^TestFuzzEveryOperation$' ./api/ replays it", seed)
		}
	})
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), url: rc.url, ids: map[string]string{
		"tenant": "acme", "endpoint": ep.ID, "event": ev.ID, "job": "job-1", "key": key.ID, "delivery": ev.Deliveries[0].ID,
	}}

	const perOperation = 60
	var requests int
	paths := doc.Paths.Map()
	names := make([]string, 0, len(paths))
	for p := range paths {
		names = append(names, p)
	}
	slices.Sort(names) // the same order for a given seed
	for _, path := range names {
		item := paths[path]
		for _, method := range []string{"GET", "POST", "PATCH", "DELETE"} {
			op := item.GetOperation(method)
			if op == nil {
				continue
			}
			for range perOperation {
				p, body := g.request(method, path, op, item.Parameters)
				code, answer := h.rawCall(method, p, body, "application/json")
				requests++
				if code >= 500 {
					t.Errorf("%s %s answered %d: %s\nbody: %q", method, p, code, answer, body)
				}
				if !json.Valid([]byte(answer)) && answer != "" && !strings.HasPrefix(path, "/openapi") {
					t.Errorf("%s %s answered %d with a body that is not JSON: %q", method, p, code, answer)
				}
			}
		}
	}
	t.Logf("%d requests, none answered 5xx", requests)
}

// gen makes requests from the document's schemas.
type gen struct {
	r   *rand.Rand
	url string            // a receiver on loopback, for URL fields
	ids map[string]string // a real id for each path parameter
}

// hostileStrings are the values most likely to break a store or a parser.
// BADUTF8 and LONESURROGATE are replaced in the encoded body with bytes
// that json.Marshal cannot produce.
var hostileStrings = []string{
	"", " ", "a\x00b", "\x00", "\x1b[31m", "\x7f", ".", "..", "../../etc/passwd", "%00", "é", "名前", "\u202e",
	"BADUTF8", "LONESURROGATE", strings.Repeat("x", 129), strings.Repeat("y", 5000), "null", "0", "-1",
	"'; DROP TABLE tenants; --", `{"a":1}`, "job.completed", "*",
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) request(method, path string, op *openapi3.Operation, shared openapi3.Parameters) (string, []byte) {
	params := append(slices.Clone(shared), op.Parameters...)
	values := map[string]string{}
	q := []string{}
	for _, pr := range params {
		p := pr.Value
		if p == nil {
			continue
		}
		var v string
		switch {
		case p.In == "path" && method != "DELETE" && g.r.IntN(2) == 0:
			v = g.ids[p.Name] // a real id, so the request reaches the handler's checks
		case p.In == "path":
			v = g.pick(append([]string{"nope", "a.b", strings.Repeat("z", 200)}, hostileStrings...))
		case p.Name == "cursor" && g.r.IntN(2) == 0:
			v = g.pick(craftedCursors) // base64 of no position a list makes
		default:
			if g.r.IntN(3) == 0 {
				continue
			}
			v = fmt.Sprint(g.value(p.Schema, 0))
		}
		if p.In == "path" {
			values[p.Name] = v
		} else if p.In == "query" {
			q = append(q, p.Name+"="+escape(v))
		}
	}
	if g.r.IntN(8) == 0 {
		q = append(q, "extra="+escape(g.pick(hostileStrings)))
	}
	out := path
	for name, v := range values {
		if v == "" {
			v = "x"
		}
		out = strings.ReplaceAll(out, "{"+name+"}", escape(v))
	}
	if len(q) > 0 {
		out += "?" + strings.Join(q, "&")
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil || method == "GET" || method == "DELETE" {
		return out, nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return out, nil
	}
	body, err := json.Marshal(g.value(mt.Schema, 0))
	if err != nil {
		panic(err)
	}
	body = bytes.ReplaceAll(body, []byte("BADUTF8"), []byte("\xff\xfe"))
	body = bytes.ReplaceAll(body, []byte("LONESURROGATE"), []byte(`\ud800`))
	switch g.r.IntN(20) {
	case 0:
		body = body[:g.r.IntN(len(body)+1)] // cut short
	case 1:
		body = append(body, " {}"...) // something after the object
	}
	return out, body
}

// escape percent-encodes bytes a URL cannot carry as they are, keeping
// invalid UTF-8 and control characters as the raw bytes they stand for.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~:", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	if s == "BADUTF8" {
		return "%FF%FE"
	}
	return b.String()
}

// value makes a value for schema: most often one it allows, sometimes
// one of another type or a hostile one.
func (g *gen) value(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil || depth > 4 {
		return g.anyValue()
	}
	s := ref.Value
	if g.r.IntN(12) == 0 {
		return g.anyValue()
	}
	switch {
	case len(s.OneOf) > 0:
		return g.value(s.OneOf[g.r.IntN(len(s.OneOf))], depth)
	case len(s.AnyOf) > 0:
		return g.value(s.AnyOf[g.r.IntN(len(s.AnyOf))], depth)
	case len(s.AllOf) > 0:
		merged := map[string]any{}
		for _, part := range s.AllOf {
			if m, ok := g.value(part, depth).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		return merged
	}
	if len(s.Enum) > 0 && g.r.IntN(4) != 0 {
		return s.Enum[g.r.IntN(len(s.Enum))]
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		m := map[string]any{}
		for name, prop := range s.Properties {
			required := slices.Contains(s.Required, name)
			if (required && g.r.IntN(10) != 0) || (!required && g.r.IntN(2) == 0) {
				m[name] = g.value(prop, depth+1)
			}
		}
		if g.r.IntN(10) == 0 {
			m["unexpected_field"] = g.pick(hostileStrings)
		}
		return m
	case s.Type.Is("array"):
		n := g.r.IntN(4)
		if g.r.IntN(20) == 0 {
			n = 1001
		}
		a := make([]any, n)
		for i := range a {
			a[i] = g.value(s.Items, depth+1)
		}
		return a
	case s.Type.Is("integer"):
		return []any{0, 1, -1, 2, 5, 100, 1001, 1 << 31, -(1 << 31), int64(1) << 53, 1.5}[g.r.IntN(11)]
	case s.Type.Is("number"):
		return []any{0, -1, 0.5, 100, 101, 1e308, -1e308}[g.r.IntN(7)]
	case s.Type.Is("boolean"):
		return g.r.IntN(2) == 0
	case s.Type.Is("string"):
		switch {
		case s.Format == "uri" || strings.Contains(strings.ToLower(s.Description), "url"):
			return g.pick([]string{g.url, g.url + "/x?y=1", "http://127.0.0.1:1/", "https://hooks.example.test/x", "ftp://x", "http://[::1]:1/", "not a url", "http://127.0.0.1:1/\x00"})
		case s.Format == "date-time":
			return g.pick([]string{time.Now().Add(-time.Hour).Format(time.RFC3339), "2026-13-45T99:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"})
		}
		if g.r.IntN(2) == 0 {
			return g.pick([]string{"job.completed", "a", "1h", "5s", "schedule", "exponential", "standard", "processing", "completed"})
		}
		return g.pick(hostileStrings)
	}
	return g.anyValue()
}

func (g *gen) anyValue() any {
	switch g.r.IntN(7) {
	case 0:
		return nil
	case 1:
		return g.r.IntN(3) - 1
	case 2:
		return true
	case 3:
		return []any{g.pick(hostileStrings)}
	case 4:
		return map[string]any{"k": g.pick(hostileStrings)}
	case 5:
		return 1e300
	}
	return g.pick(hostileStrings)
}
