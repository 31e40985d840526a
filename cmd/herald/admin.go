package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/peterbourgon/ff/v4"
)

// The commands below call a running Herald through its API, for scripts
// and for people at a terminal: one table (calls) of verbs over the API's
// routes, each printing the API's JSON answer as it came (indented), so
// that its output can be piped to jq and never lacks or adds a field.

// kind is how a flag's value is read and goes into a request. Numbers and
// durations are parsed as the flag is read, so that a bad value is
// refused with the flag's name before anything is sent.
type kind int

const (
	text     kind = iota // a string
	integer              // a JSON whole number
	number               // a JSON number
	duration             // a Go duration (30s, 24h), sent as a string
	boolean              // a JSON true or false (--flag, or --flag=false)
	list                 // a repeatable flag, or comma-separated: a JSON array of strings
	object               // a JSON value given as text: '{"job":"j1"}'
)

// where says where a parameter goes.
type where int

const (
	body  where = iota // a field of the JSON body
	query              // a query parameter
)

// param is one flag of a call. The flag is named as the API's field, with
// dashes for underscores (field event_types is --event-types), so that
// what a person types at the terminal is what the API documents.
type param struct {
	field    string // the JSON field or query parameter, as api/openapi.yaml names it
	kind     kind
	in       where
	required bool
	help     string
}

// flag is the parameter's flag name, without the dashes.
func (p param) flag() string { return strings.ReplaceAll(p.field, "_", "-") }

// call is one verb: an API route, the flags that fill it, and the id the
// route names given as an argument before, after or among the flags (arg,
// "" for none). {tenant} in path comes from --tenant. A call with no verb
// is a command of its own (herald me).
type call struct {
	group, verb, method, path, help string
	arg                             string
	params                          []param
	fixed                           map[string]any // body fields the verb always sends
	// check, when set, judges the answer: an error makes the command exit
	// non-zero after printing it (a test event that failed).
	check func(json.RawMessage) error
}

// name is the call's words: "endpoint get", or "me".
func (c call) name() string { return strings.TrimSpace(c.group + " " + c.verb) }

// Common parameters.
var (
	pageParams = []param{{field: "limit", kind: integer, in: query, help: "page size, 1 to 250 (default 50)"},
		{field: "cursor", in: query, help: "next_cursor of the previous page"}}
	// endpointFields are the settings an endpoint is made or changed with.
	endpointFields = []param{
		{field: "url", help: "where webhooks go"},
		{field: "description", help: "free text"},
		{field: "event_types", kind: list, help: "event types to receive (repeatable, or comma-separated; none: every type)"},
		{field: "channels", kind: list, help: "channels to receive (repeatable, or comma-separated)"},
		{field: "headers", kind: object, help: `static headers, a JSON object: '{"X-Team":"ml"}' (answers show values as ••••••; on update null keeps one)`},
		{field: "retry_policy", kind: object, help: `a retry policy, JSON, or null for the default: '{"kind":"schedule","schedule":["10s","1m"]}'`},
		{field: "rate_limit", kind: object, help: `a rate limit, JSON, or null for none: '{"count":10,"per":"second"}'`},
		{field: "ordering", help: "fifo: one delivery at a time, in acceptance order; none: any order"},
		{field: "preset", help: "a provider contract: leapocr, leapocr-sdk, leonardo, leaperone, task-api, standard-webhooks"},
		{field: "format", help: "standard, flat, envelope or resource"},
		{field: "signature", help: "standard, ed25519, hmac-sha256-hex, hmac or none"},
		{field: "signature_scheme", kind: object, help: "the scheme of signature hmac, JSON"},
		{field: "signature_header", help: "the header of an hmac-sha256-hex signature"},
		{field: "bearer_token", help: `sent as "Authorization: Bearer <token>"; "" removes it`},
		{field: "path_suffix", help: "appended to the URL"},
		{field: "user_agent", help: "replaces Herald's User-Agent"},
		{field: "disable_after_failures", kind: integer, help: "disable after that many failed deliveries in a row (0: never)"},
		{field: "send_traceparent", kind: boolean, help: "send each attempt a W3C traceparent header"},
		{field: "paused", kind: boolean, help: "hold deliveries back, collecting them"},
		{field: "disabled", kind: boolean, help: "stop deliveries"},
	}
)

func with(ps []param, more ...param) []param {
	return append(append([]param(nil), ps...), more...)
}

func required(p param) param { p.required = true; return p }

// calls is every verb of the resource commands.
var calls = []call{
	{group: "me", method: "GET", path: "/v1/me", help: "the calling key: its tenant, role and the endpoints it is limited to"},

	{group: "tenant", verb: "list", method: "GET", path: "/v1/tenants", help: "list tenants (admin key)", params: pageParams},
	{group: "tenant", verb: "create", method: "POST", path: "/v1/tenants", help: "create a tenant (admin key)", params: []param{
		required(param{field: "name", help: "display name"}), {field: "id", help: "your own id for it (default: one is made)"},
		{field: "max_event_types", kind: integer, help: "the most event types one of its endpoints may subscribe to"}}},
	{group: "tenant", verb: "get", method: "GET", path: "/v1/tenants/{tenant}", help: "one tenant"},
	{group: "tenant", verb: "update", method: "PATCH", path: "/v1/tenants/{tenant}", help: "change a tenant (admin key)", params: []param{
		{field: "name", help: "display name"}, {field: "max_event_types", kind: integer, help: "the most event types per endpoint"}}},
	{group: "tenant", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}", help: "delete a tenant with everything it has (admin key)"},
	{group: "tenant", verb: "overview", method: "GET", path: "/v1/tenants/{tenant}/overview", help: "the tenant's health and the endpoints that need care",
		params: []param{{field: "window", in: query, help: "1h, 24h (default) or 7d"}}},
	{group: "tenant", verb: "rotate-callback-secret", method: "POST", path: "/v1/tenants/{tenant}/rotate-callback-secret",
		help:   "make or rotate the secret that signs the tenant's job callbacks; the answer shows it, once",
		params: []param{{field: "grace_period", kind: duration, help: "how long the replaced secret keeps signing, e.g. 24h (default: the server's)"}}},

	{group: "key", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/keys", help: "list a tenant's API keys (admin key)"},
	{group: "key", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/keys", help: "make a tenant API key; the answer shows it, once (admin key)",
		params: []param{{field: "name", help: "what it is for"}, {field: "role", help: "tenant (default), portal or read-only"}}},
	{group: "key", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}/keys/{key}", arg: "key", help: "delete an API key (admin key)"},

	{group: "event-type", verb: "list", method: "GET", path: "/v1/event-types", help: "the event type catalogue"},
	{group: "event-type", verb: "create", method: "POST", path: "/v1/event-types", help: "add or replace an event type (admin key)", params: []param{
		required(param{field: "name", help: "the type, such as job.completed"}), {field: "description", help: "what it means"},
		{field: "examples", kind: object, help: "example payloads, a JSON array of objects"},
		{field: "schema", kind: object, help: "the JSON Schema of its data"},
		{field: "schemas", kind: object, help: `other versions of the schema, a JSON object: '{"v1": {...}}'`},
		{field: "validate", kind: boolean, help: "refuse events whose data does not match the schema"}}},

	{group: "endpoint", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/endpoints", help: "list endpoints",
		params: with(pageParams, param{field: "unhealthy", kind: boolean, in: query, help: "only those that need care"})},
	{group: "endpoint", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint", help: "one endpoint"},
	{group: "endpoint", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/endpoints",
		help: "add an endpoint; the answer shows its signing secret, once", params: with(endpointFields, param{field: "secret", help: "bring your own whsec_ secret"})},
	{group: "endpoint", verb: "update", method: "PATCH", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint",
		help: "change the settings given", params: endpointFields},
	{group: "endpoint", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint", help: "delete an endpoint with its deliveries"},
	{group: "endpoint", verb: "pause", method: "PATCH", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint",
		help: "hold deliveries back, still collecting them", fixed: map[string]any{"paused": true}},
	{group: "endpoint", verb: "resume", method: "PATCH", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint",
		help: "let paused deliveries go", fixed: map[string]any{"paused": false}},
	{group: "endpoint", verb: "disable", method: "PATCH", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint",
		help: "stop deliveries", fixed: map[string]any{"disabled": true}},
	{group: "endpoint", verb: "enable", method: "PATCH", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint",
		help: "deliver again", fixed: map[string]any{"disabled": false}},
	{group: "endpoint", verb: "rotate-secret", method: "POST", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/rotate-secret", arg: "endpoint",
		help:   "a new signing secret (shown once); the old one signs on for --grace-period",
		params: []param{{field: "grace_period", kind: duration, help: "e.g. 24h (default: the server's); 0s stops the old one at once"}}},
	{group: "endpoint", verb: "replay", method: "POST", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/replay", arg: "endpoint",
		help: "make failed deliveries created in a time range due again", params: []param{
			required(param{field: "since", help: "RFC 3339 time"}), {field: "until", help: "RFC 3339 time (default: now)"}}},
	{group: "endpoint", verb: "test", method: "POST", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/test", arg: "endpoint",
		help:   "send a test event now and show the answer; exits non-zero when it failed",
		params: []param{{field: "event_type", help: "the test event's type (default webhook.test)"}},
		check: func(raw json.RawMessage) error {
			var r struct {
				Succeeded bool `json:"succeeded"`
			}
			if err := json.Unmarshal(raw, &r); err != nil || !r.Succeeded {
				return errors.New("the test attempt failed")
			}
			return nil
		}},
	{group: "endpoint", verb: "stats", method: "GET", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/stats", arg: "endpoint",
		help: "the endpoint's health", params: []param{{field: "window", in: query, help: "1h, 24h (default) or 7d"}}},

	{group: "event", verb: "send", method: "POST", path: "/v1/tenants/{tenant}/events", help: "report one event", params: []param{
		required(param{field: "type", help: "event type"}), {field: "data", kind: object, help: `the event's data, a JSON object (default {})`},
		{field: "id", help: "your id for it, which makes a repeat harmless"}, {field: "channels", kind: list, help: "channels (repeatable, or comma-separated)"},
		{field: "schema_version", help: "the version of the type's schema the data follows"}},
		fixed: map[string]any{"data": map[string]any{}}},
	{group: "event", verb: "batch", method: "POST", path: "/v1/tenants/{tenant}/events/batch", help: "report up to 1,000 events in one transaction",
		params: []param{required(param{field: "events", kind: object, help: `a JSON array of events: '[{"type":"x","data":{}}]'`})}},
	{group: "event", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/events", help: "list events",
		params: with(pageParams, param{field: "type", in: query, help: "only this type"})},
	{group: "event", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/events/{event}", arg: "event", help: "an event with its deliveries"},

	{group: "job", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/jobs", help: "start tracking a job", params: []param{
		required(param{field: "type", help: "the job's type, such as ocr"}), {field: "id", help: "your id for it"},
		{field: "input", kind: object, help: "what the job was given, JSON"}, {field: "attributes", kind: object, help: "your fields, a JSON object"},
		{field: "callback_url", help: "where the job's end is pushed"}, {field: "callback", kind: object, help: "the callback's delivery settings, JSON"},
		{field: "channels", kind: list, help: "channels (repeatable, or comma-separated)"}}},
	{group: "job", verb: "status", method: "POST", path: "/v1/tenants/{tenant}/jobs/{job}/status", arg: "job", help: "report a job's status", params: []param{
		required(param{field: "status", help: "processing, completed or failed"}), {field: "progress", kind: number, help: "percent done, 0 to 100"},
		{field: "result", kind: object, help: "the job's result, JSON"}, {field: "error", kind: object, help: "why it failed, JSON"}}},
	{group: "job", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/jobs/{job}", arg: "job", help: "a job's status document",
		params: []param{{field: "include", in: query, help: "callback: with the callback's state"}}},
	{group: "job", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/jobs", help: "list jobs",
		params: with(pageParams, param{field: "status", in: query, help: "only jobs in this status"})},

	{group: "delivery", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/deliveries", help: "list deliveries", params: with(pageParams,
		param{field: "status", in: query, help: "pending, succeeded, failed or paused"},
		param{field: "endpoint_id", in: query, help: "only this endpoint's"},
		param{field: "event_id", in: query, help: "only this event's"},
		param{field: "event_type", in: query, help: "only deliveries of events of this type"},
		param{field: "since", in: query, help: "RFC 3339 time: only deliveries made at or after it"},
		param{field: "until", in: query, help: "RFC 3339 time: only deliveries made before it"})},
	{group: "delivery", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/deliveries/{delivery}", arg: "delivery", help: "a delivery with its attempt_log, every attempt and its answer"},
	{group: "delivery", verb: "retry", method: "POST", path: "/v1/tenants/{tenant}/deliveries/{delivery}/retry", arg: "delivery", help: "attempt a delivery again now"},

	{group: "portal-session", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/portal-sessions",
		help: "a customer's single-use sign-in link to their own dashboard", params: []param{
			{field: "lifetime", kind: duration, help: "how long the session lasts, e.g. 1h"}, {field: "role", help: "portal (default) or read-only"},
			{field: "name", help: "who it is for"}, {field: "theme", help: "light or dark"},
			{field: "endpoint_ids", kind: list, help: "limit it to these endpoints (repeatable, or comma-separated)"}}},
	{group: "portal-session", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/portal-sessions", help: "the tenant's portal sessions"},
	{group: "portal-session", verb: "revoke", method: "POST", path: "/v1/tenants/{tenant}/portal-sessions/revoke", help: "end every portal session of the tenant"},
	{group: "portal-session", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}/portal-sessions/{session}", arg: "session", help: "end one portal session"},
}

var groupHelp = map[string]string{
	"tenant": "manage tenants", "key": "manage a tenant's API keys (admin key)", "event-type": "the event type catalogue",
	"endpoint": "manage a tenant's endpoints", "event": "report and read events", "job": "track jobs",
	"delivery": "inspect and retry deliveries", "portal-session": "customers' sign-in links to their portal",
}

// adminCommands returns the resource commands, one per group of calls
// with a verb each, and one per call without a verb (me), writing the
// API's answers to out.
func adminCommands(parent *ff.FlagSet, out io.Writer) []*ff.Command {
	var server, key string
	common := ff.NewFlagSet("api").SetParent(parent)
	common.StringVar(&server, 0, "server", "http://127.0.0.1:8080", "the Herald to call")
	common.StringVar(&key, 0, "key", "", "API key (or HERALD_KEY)")
	var groups []*ff.Command
	byName := map[string]*ff.Command{}
	for _, c := range calls {
		if c.verb == "" {
			groups = append(groups, c.command(common, &server, &key, out))
			continue
		}
		g := byName[c.group]
		if g == nil {
			name := c.group
			g = &ff.Command{Name: name, Usage: "herald " + name + " <verb> [flags]", ShortHelp: groupHelp[name],
				Flags: ff.NewFlagSet(name).SetParent(common)}
			g.Exec = func(_ context.Context, args []string) error {
				if len(args) > 0 {
					return unknownCommand("herald "+name, g, args[0])
				}
				return usagef("name a verb of herald %s: %s (herald help %s says what each does)", name, strings.Join(subcommandNames(g), ", "), name)
			}
			byName[name] = g
			groups = append(groups, g)
		}
		g.Subcommands = append(g.Subcommands, c.command(common, &server, &key, out))
	}
	return groups
}

// flagValue is where a parameter's flag keeps its value.
type flagValue struct {
	p param
	v any // *string, *int, *float64, *time.Duration, *bool or *[]string
}

// command makes the ff command of a call.
func (c call) command(common *ff.FlagSet, server, key *string, out io.Writer) *ff.Command {
	name := c.verb
	if name == "" {
		name = c.group
	}
	fs := ff.NewFlagSet(name).SetParent(common)
	var tenant string
	if strings.Contains(c.path, "{tenant}") {
		fs.StringVar(&tenant, 0, "tenant", "", "the tenant's id (required)")
	}
	values := make([]flagValue, len(c.params))
	for i, p := range c.params {
		help := p.help
		if p.required {
			help += " (required)"
		}
		values[i].p = p
		// A typed flag's zero is "not given" (the request leaves the field
		// out, and the server's default holds), never a default of its
		// own: its help says the default in words, and ff's "(default:
		// 0)" beside it would say otherwise.
		typed := ff.FlagConfig{LongName: p.flag(), Usage: help, NoDefault: true}
		switch p.kind {
		case integer:
			values[i].v = fs.IntConfig(typed, 0)
		case number:
			values[i].v = fs.Float64Config(typed, 0)
		case duration:
			values[i].v = fs.DurationConfig(typed, 0)
		case boolean:
			values[i].v = fs.BoolLong(p.flag(), help)
		case list:
			values[i].v = fs.StringListLong(p.flag(), help)
		default:
			values[i].v = fs.StringLong(p.flag(), "", help)
		}
	}
	usage := "herald " + c.name() + " [flags]"
	if c.arg != "" {
		usage = "herald " + c.name() + " " + strings.ToUpper(c.arg) + " [flags]"
	}
	return &ff.Command{Name: name, Usage: usage, ShortHelp: c.help, Flags: &anywhere{FlagSet: fs},
		Exec: func(ctx context.Context, args []string) error {
			path, err := c.route(tenant, args)
			if err != nil {
				return err
			}
			reqBody, q, err := c.request(fs, values)
			if err != nil {
				return err
			}
			if *key == "" {
				return usagef("no API key: pass --key or set HERALD_KEY")
			}
			if len(q) > 0 {
				path += "?" + q.Encode()
			}
			raw, err := callAPI(ctx, *server, *key, c.method, path, reqBody)
			if err != nil {
				return err
			}
			if len(raw) > 0 {
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, raw, "", "  "); err != nil {
					return err
				}
				pretty.WriteByte('\n')
				if _, err := out.Write(pretty.Bytes()); err != nil {
					return err
				}
			}
			if c.check != nil {
				return c.check(raw)
			}
			return nil
		}}
}

// route fills the call's path with the tenant and the argument.
func (c call) route(tenant string, args []string) (string, error) {
	path := c.path
	if strings.Contains(path, "{tenant}") {
		if tenant == "" {
			return "", usagef("--tenant is required (herald %s --help lists its flags)", c.name())
		}
		path = strings.Replace(path, "{tenant}", url.PathEscape(tenant), 1)
	}
	switch {
	case c.arg != "" && len(args) != 1:
		return "", usagef("give the %s's id, and only that: herald %s %s [flags]", c.arg, c.name(), strings.ToUpper(c.arg))
	case c.arg == "" && len(args) > 0:
		return "", usagef("herald %s takes no argument, got %q", c.name(), args[0])
	case c.arg != "":
		path = strings.Replace(path, "{"+c.arg+"}", url.PathEscape(args[0]), 1)
	}
	return path, nil
}

// request builds the body (nil when the verb sends none) and the query
// from the flags that were given: a flag left out sends nothing, so an
// update changes only what it names.
func (c call) request(fs *ff.FlagSet, values []flagValue) (map[string]any, url.Values, error) {
	var b map[string]any
	if c.fixed != nil || c.method != "GET" && c.method != "DELETE" {
		b = map[string]any{}
		for k, v := range c.fixed {
			b[k] = v
		}
	}
	q := url.Values{}
	for _, fv := range values {
		p := fv.p
		f, _ := fs.GetFlag(p.flag())
		if !f.IsSet() {
			if p.required {
				return nil, nil, usagef("--%s is required (herald %s --help lists its flags)", p.flag(), c.name())
			}
			continue
		}
		var v any
		switch val := fv.v.(type) {
		case *string:
			v = *val
			if p.kind == object {
				var raw json.RawMessage
				if err := json.Unmarshal([]byte(*val), &raw); err != nil {
					return nil, nil, usagef("--%s must be JSON, such as '{\"job\":\"j1\"}': %v", p.flag(), err)
				}
				v = raw
			}
		case *int:
			v = *val
		case *float64:
			v = *val
		case *time.Duration:
			v = val.String()
		case *bool:
			v = *val
		case *[]string:
			v = splitList(*val)
		}
		if p.in == query {
			if l, ok := v.([]string); ok {
				v = strings.Join(l, ",")
			}
			q.Set(p.field, fmt.Sprint(v))
			continue
		}
		b[p.field] = v
	}
	return b, q, nil
}

// callAPI sends one request to the API and returns its JSON answer (nil
// for none). An answer that is not JSON, such as a proxy's HTML error
// page, is reported with its status and URL rather than as a parse error.
func callAPI(ctx context.Context, server, key, method, path string, payload map[string]any) (json.RawMessage, error) {
	var body io.Reader
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	target := strings.TrimSuffix(server, "/") + path
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, usagef("--server %q: %v", server, err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// Errors show the URL with a password in it redacted: they reach
	// terminals and CI logs.
	target = req.URL.Redacted()
	resp, err := (&http.Client{Timeout: 60 * time.Second}).Do(req)
	if err != nil {
		shown := server
		if u, perr := url.Parse(server); perr == nil {
			shown = u.Redacted()
		}
		return nil, fmt.Errorf("%w (is Herald serving at --server %s?)", err, shown)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %d %s, and reading the answer failed: %w", method, target, resp.StatusCode, http.StatusText(resp.StatusCode), err)
	}
	return judgeAnswer(method, target, resp.StatusCode, resp.Header.Get("Content-Type"), raw)
}

// judgeAnswer decides what an answer means for the command: a 2xx JSON
// answer (or none) is printed, an API error is its code and message, and
// anything else names the status and the URL with the start of the text.
func judgeAnswer(method, target string, status int, contentType string, raw []byte) (json.RawMessage, error) {
	isJSON := len(bytes.TrimSpace(raw)) == 0 || json.Valid(raw)
	if status/100 == 2 && isJSON {
		if len(bytes.TrimSpace(raw)) == 0 {
			return nil, nil
		}
		return raw, nil
	}
	var apiErr struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if isJSON && json.Unmarshal(raw, &apiErr) == nil && apiErr.Error.Code != "" {
		return nil, fmt.Errorf("%d %s: %s", status, apiErr.Error.Code, apiErr.Error.Message)
	}
	what := "an empty answer"
	if len(bytes.TrimSpace(raw)) > 0 {
		ct := contentType
		if ct == "" {
			ct = "no Content-Type"
		}
		snippet := strings.Join(strings.Fields(string(raw)), " ")
		if r := []rune(snippet); len(r) > 120 {
			snippet = string(r[:120]) + "…"
		}
		what = fmt.Sprintf("an answer that is not Herald's JSON (%s): %q", ct, snippet)
		if isJSON {
			what = fmt.Sprintf("JSON that is not Herald's error: %q", snippet)
		}
	}
	return nil, fmt.Errorf("%s %s: %d %s, %s; is --server the Herald API, and is the proxy in front of it up?", method, target, status, http.StatusText(status), what)
}
