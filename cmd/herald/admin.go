package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald/client"
)

// The commands below call a running Herald through its API, for scripts
// and for people at a terminal: one table (calls) of verbs over the API's
// routes, each printing the API's JSON answer as it came (indented), so
// that its output can be piped to jq and never lacks or adds a field.

// kind is how a flag's value goes into a request.
type kind int

const (
	text    kind = iota // a string
	number              // a JSON number
	boolean             // a JSON true or false (--flag, or --flag=false)
	list                // a repeatable flag: a JSON array of strings
	object              // a JSON value given as text: '{"job":"j1"}'
)

// where says where a parameter goes.
type where int

const (
	body  where = iota // a field of the JSON body
	query              // a query parameter
)

// param is one flag of a call.
type param struct {
	flag     string
	field    string // the JSON field or query name; default: flag with - as _
	kind     kind
	in       where
	required bool
	help     string
}

func (p param) name() string {
	if p.field != "" {
		return p.field
	}
	return strings.ReplaceAll(p.flag, "-", "_")
}

// call is one verb: an API route, the flags that fill it, and the id the
// route names given as the one argument after the flags (arg, "" for
// none). {tenant} in path comes from --tenant.
type call struct {
	group, verb, method, path, help string
	arg                             string
	params                          []param
	fixed                           map[string]any // body fields the verb always sends
	// check, when set, judges the answer: an error makes the command exit
	// non-zero after printing it (a test event that failed).
	check func(json.RawMessage) error
}

// Common parameters.
var (
	pageParams = []param{{flag: "limit", kind: number, in: query, help: "page size, 1 to 250 (default 50)"},
		{flag: "cursor", in: query, help: "next_cursor of the previous page"}}
	// endpointFields are the settings an endpoint is made or changed with.
	endpointFields = []param{
		{flag: "url", help: "where webhooks go"},
		{flag: "description", help: "free text"},
		{flag: "event-type", field: "event_types", kind: list, help: "an event type to receive (repeatable; none: every type)"},
		{flag: "channel", field: "channels", kind: list, help: "a channel to receive (repeatable)"},
		{flag: "headers", kind: object, help: `static headers, a JSON object: '{"X-Team":"ml"}' (answers show values as ••••••; on update null keeps one)`},
		{flag: "retry-policy", kind: object, help: `a retry policy, JSON, or null for the default: '{"kind":"schedule","schedule":["10s","1m"]}'`},
		{flag: "rate-limit", kind: object, help: `a rate limit, JSON, or null for none: '{"count":10,"per":"second"}'`},
		{flag: "ordering", help: "fifo: one delivery at a time, in acceptance order; none: any order"},
		{flag: "preset", help: "a provider contract: leapocr, leapocr-sdk, leonardo, leaperone, task-api, standard-webhooks"},
		{flag: "format", help: "standard, flat, envelope or resource"},
		{flag: "signature", help: "standard, ed25519, hmac-sha256-hex, hmac or none"},
		{flag: "signature-scheme", kind: object, help: "the scheme of signature hmac, JSON"},
		{flag: "signature-header", help: "the header of an hmac-sha256-hex signature"},
		{flag: "bearer-token", help: `sent as "Authorization: Bearer <token>"; "" removes it`},
		{flag: "path-suffix", help: "appended to the URL"},
		{flag: "user-agent", help: "replaces Herald's User-Agent"},
		{flag: "disable-after-failures", kind: number, help: "disable after that many failed deliveries in a row (0: never)"},
		{flag: "send-traceparent", kind: boolean, help: "send each attempt a W3C traceparent header"},
		{flag: "paused", kind: boolean, help: "hold deliveries back, collecting them"},
		{flag: "disabled", kind: boolean, help: "stop deliveries"},
	}
)

func with(ps []param, more ...param) []param {
	return append(append([]param(nil), ps...), more...)
}

func required(p param) param { p.required = true; return p }

// calls is every verb of the resource commands.
var calls = []call{
	{group: "tenant", verb: "list", method: "GET", path: "/v1/tenants", help: "list tenants (admin key)", params: pageParams},
	{group: "tenant", verb: "create", method: "POST", path: "/v1/tenants", help: "create a tenant (admin key)", params: []param{
		required(param{flag: "name", help: "display name"}), {flag: "id", help: "your own id for it (default: one is made)"},
		{flag: "max-event-types", kind: number, help: "the most event types one of its endpoints may subscribe to"}}},
	{group: "tenant", verb: "get", method: "GET", path: "/v1/tenants/{tenant}", help: "one tenant"},
	{group: "tenant", verb: "update", method: "PATCH", path: "/v1/tenants/{tenant}", help: "change a tenant (admin key)", params: []param{
		{flag: "name", help: "display name"}, {flag: "max-event-types", kind: number, help: "the most event types per endpoint"}}},
	{group: "tenant", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}", help: "delete a tenant with everything it has (admin key)"},
	{group: "tenant", verb: "overview", method: "GET", path: "/v1/tenants/{tenant}/overview", help: "the tenant's health and the endpoints that need care",
		params: []param{{flag: "window", in: query, help: "1h, 24h (default) or 7d"}}},
	{group: "tenant", verb: "rotate-callback-secret", method: "POST", path: "/v1/tenants/{tenant}/rotate-callback-secret",
		help:   "make or rotate the secret that signs the tenant's job callbacks; the answer shows it, once",
		params: []param{{flag: "grace", field: "grace_period", help: "how long the replaced secret keeps signing, e.g. 24h (default: the server's)"}}},

	{group: "key", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/keys", help: "list a tenant's API keys (admin key)"},
	{group: "key", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/keys", help: "make a tenant API key; the answer shows it, once (admin key)",
		params: []param{{flag: "name", help: "what it is for"}, {flag: "role", help: "tenant (default), portal or read-only"}}},
	{group: "key", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}/keys/{key}", arg: "key", help: "delete an API key (admin key)"},

	{group: "event-type", verb: "list", method: "GET", path: "/v1/event-types", help: "the event type catalogue"},
	{group: "event-type", verb: "create", method: "POST", path: "/v1/event-types", help: "add or replace an event type (admin key)", params: []param{
		required(param{flag: "name", help: "the type, such as job.completed"}), {flag: "description", help: "what it means"},
		{flag: "examples", kind: object, help: "example payloads, a JSON array of objects"},
		{flag: "schema", kind: object, help: "the JSON Schema of its data"},
		{flag: "schemas", kind: object, help: `other versions of the schema, a JSON object: '{"v1": {...}}'`},
		{flag: "validate", kind: boolean, help: "refuse events whose data does not match the schema"}}},

	{group: "endpoint", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/endpoints", help: "list endpoints",
		params: with(pageParams, param{flag: "unhealthy", kind: boolean, in: query, help: "only those that need care"})},
	{group: "endpoint", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/endpoints/{endpoint}", arg: "endpoint", help: "one endpoint"},
	{group: "endpoint", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/endpoints",
		help: "add an endpoint; the answer shows its signing secret, once", params: with(endpointFields, param{flag: "secret", help: "bring your own whsec_ secret"})},
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
		help:   "a new signing secret (shown once); the old one signs on for --grace",
		params: []param{{flag: "grace", field: "grace_period", help: "e.g. 24h (default: the server's); 0s stops the old one at once"}}},
	{group: "endpoint", verb: "replay", method: "POST", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/replay", arg: "endpoint",
		help: "make failed deliveries created in a time range due again", params: []param{
			required(param{flag: "since", help: "RFC 3339 time"}), {flag: "until", help: "RFC 3339 time (default: now)"}}},
	{group: "endpoint", verb: "test", method: "POST", path: "/v1/tenants/{tenant}/endpoints/{endpoint}/test", arg: "endpoint",
		help:   "send a test event now and show the answer; exits non-zero when it failed",
		params: []param{{flag: "event-type", help: "the test event's type (default webhook.test)"}},
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
		help: "the endpoint's health", params: []param{{flag: "window", in: query, help: "1h, 24h (default) or 7d"}}},

	{group: "event", verb: "send", method: "POST", path: "/v1/tenants/{tenant}/events", help: "report one event", params: []param{
		required(param{flag: "type", help: "event type"}), {flag: "data", kind: object, help: `the event's data, a JSON object (default {})`},
		{flag: "id", help: "your id for it, which makes a repeat harmless"}, {flag: "channel", field: "channels", kind: list, help: "a channel (repeatable)"},
		{flag: "schema-version", help: "the version of the type's schema the data follows"}},
		fixed: map[string]any{"data": map[string]any{}}},
	{group: "event", verb: "batch", method: "POST", path: "/v1/tenants/{tenant}/events/batch", help: "report up to 1,000 events in one transaction",
		params: []param{required(param{flag: "events", kind: object, help: `a JSON array of events: '[{"type":"x","data":{}}]'`})}},
	{group: "event", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/events", help: "list events",
		params: with(pageParams, param{flag: "type", in: query, help: "only this type"})},
	{group: "event", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/events/{event}", arg: "event", help: "an event with its deliveries"},

	{group: "job", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/jobs", help: "start tracking a job", params: []param{
		required(param{flag: "type", help: "the job's type, such as ocr"}), {flag: "id", help: "your id for it"},
		{flag: "input", kind: object, help: "what the job was given, JSON"}, {flag: "attributes", kind: object, help: "your fields, a JSON object"},
		{flag: "callback-url", help: "where the job's end is pushed"}, {flag: "callback", kind: object, help: "the callback's delivery settings, JSON"},
		{flag: "channel", field: "channels", kind: list, help: "a channel (repeatable)"}}},
	{group: "job", verb: "status", method: "POST", path: "/v1/tenants/{tenant}/jobs/{job}/status", arg: "job", help: "report a job's status", params: []param{
		required(param{flag: "status", help: "processing, completed or failed"}), {flag: "progress", kind: number, help: "0 to 1"},
		{flag: "result", kind: object, help: "the job's result, JSON"}, {flag: "error", kind: object, help: "why it failed, JSON"}}},
	{group: "job", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/jobs/{job}", arg: "job", help: "a job's status document",
		params: []param{{flag: "include", in: query, help: "callback: with the callback's state"}}},
	{group: "job", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/jobs", help: "list jobs",
		params: with(pageParams, param{flag: "status", in: query, help: "only jobs in this status"})},

	{group: "delivery", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/deliveries", help: "list deliveries", params: with(pageParams,
		param{flag: "status", in: query, help: "pending, succeeded, failed or paused"},
		param{flag: "endpoint", field: "endpoint_id", in: query, help: "only this endpoint's"},
		param{flag: "event", field: "event_id", in: query, help: "only this event's"},
		param{flag: "event-type", in: query, help: "only deliveries of events of this type"},
		param{flag: "created-after", in: query, help: "RFC 3339 time"}, param{flag: "created-before", in: query, help: "RFC 3339 time"})},
	{group: "delivery", verb: "get", method: "GET", path: "/v1/tenants/{tenant}/deliveries/{delivery}", arg: "delivery", help: "a delivery with its attempts"},
	{group: "delivery", verb: "retry", method: "POST", path: "/v1/tenants/{tenant}/deliveries/{delivery}/retry", arg: "delivery", help: "attempt a delivery again now"},

	{group: "portal-session", verb: "create", method: "POST", path: "/v1/tenants/{tenant}/portal-sessions",
		help: "a customer's single-use sign-in link to their own dashboard", params: []param{
			{flag: "lifetime", help: "how long the session lasts, e.g. 1h"}, {flag: "role", help: "portal (default) or read-only"},
			{flag: "name", help: "who it is for"}, {flag: "theme", help: "light or dark"},
			{flag: "endpoint-id", field: "endpoint_ids", kind: list, help: "limit it to this endpoint (repeatable)"}}},
	{group: "portal-session", verb: "list", method: "GET", path: "/v1/tenants/{tenant}/portal-sessions", help: "the tenant's portal sessions"},
	{group: "portal-session", verb: "revoke", method: "POST", path: "/v1/tenants/{tenant}/portal-sessions/revoke", help: "end every portal session of the tenant"},
	{group: "portal-session", verb: "delete", method: "DELETE", path: "/v1/tenants/{tenant}/portal-sessions/{session}", arg: "session", help: "end one portal session"},
}

var groupHelp = map[string]string{
	"tenant": "manage tenants", "key": "manage a tenant's API keys (admin key)", "event-type": "the event type catalogue",
	"endpoint": "manage a tenant's endpoints", "event": "report and read events", "job": "track jobs",
	"delivery": "inspect and retry deliveries", "portal-session": "customers' sign-in links to their portal",
}

// adminCommands returns the resource commands, one group per resource,
// made from calls.
func adminCommands(parent *ff.FlagSet) []*ff.Command {
	var server, key string
	common := ff.NewFlagSet("api").SetParent(parent)
	common.StringVar(&server, 0, "server", "http://127.0.0.1:8080", "the Herald to call")
	common.StringVar(&key, 0, "key", "", "API key (or HERALD_KEY)")
	var groups []*ff.Command
	byName := map[string]*ff.Command{}
	for _, c := range calls {
		g := byName[c.group]
		if g == nil {
			name := c.group
			g = &ff.Command{Name: name, Usage: "herald " + name + " <verb> [flags]", ShortHelp: groupHelp[name],
				Flags: ff.NewFlagSet(name).SetParent(common),
				Exec: func(context.Context, []string) error {
					return fmt.Errorf("name a verb; try: herald %s --help", name)
				}}
			byName[name] = g
			groups = append(groups, g)
		}
		g.Subcommands = append(g.Subcommands, c.command(common, &server, &key, os.Stdout))
	}
	return groups
}

// command makes the ff command of a call.
func (c call) command(common *ff.FlagSet, server, key *string, out io.Writer) *ff.Command {
	fs := ff.NewFlagSet(c.verb).SetParent(common)
	var tenant string
	if strings.Contains(c.path, "{tenant}") {
		fs.StringVar(&tenant, 0, "tenant", "", "the tenant's id (required)")
	}
	values := make([]any, len(c.params))
	for i, p := range c.params {
		help := p.help
		if p.required {
			help += " (required)"
		}
		switch p.kind {
		case boolean:
			values[i] = fs.BoolLong(p.flag, help)
		case list:
			values[i] = fs.StringListLong(p.flag, help)
		default:
			values[i] = fs.StringLong(p.flag, "", help)
		}
	}
	usage := "herald " + c.group + " " + c.verb + " [flags]"
	if c.arg != "" {
		usage += " " + strings.ToUpper(c.arg)
	}
	return &ff.Command{Name: c.verb, Usage: usage, ShortHelp: c.help, Flags: fs,
		Exec: func(ctx context.Context, args []string) error {
			if *key == "" {
				return errors.New("no API key: pass --key or set HERALD_KEY")
			}
			path, err := c.route(tenant, args)
			if err != nil {
				return err
			}
			reqBody, q, err := c.request(fs, values)
			if err != nil {
				return err
			}
			if len(q) > 0 {
				path += "?" + q.Encode()
			}
			var payload any
			if reqBody != nil {
				payload = reqBody
			}
			raw, err := client.New(*server, *key).Raw(ctx, c.method, path, payload)
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
			return "", errors.New("--tenant is required")
		}
		path = strings.Replace(path, "{tenant}", url.PathEscape(tenant), 1)
	}
	switch {
	case c.arg != "" && len(args) != 1:
		return "", fmt.Errorf("give the %s's id, and only that, after the flags", c.arg)
	case c.arg == "" && len(args) > 0:
		return "", fmt.Errorf("%s %s takes no argument, got %q", c.group, c.verb, args[0])
	case c.arg != "":
		path = strings.Replace(path, "{"+c.arg+"}", url.PathEscape(args[0]), 1)
	}
	return path, nil
}

// request builds the body (nil when the verb sends none) and the query
// from the flags that were given: a flag left out sends nothing, so an
// update changes only what it names.
func (c call) request(fs *ff.FlagSet, values []any) (map[string]any, url.Values, error) {
	var b map[string]any
	if c.fixed != nil || c.method != "GET" && c.method != "DELETE" {
		b = map[string]any{}
		for k, v := range c.fixed {
			b[k] = v
		}
	}
	q := url.Values{}
	for i, p := range c.params {
		f, _ := fs.GetFlag(p.flag)
		if !f.IsSet() {
			if p.required {
				return nil, nil, fmt.Errorf("--%s is required", p.flag)
			}
			continue
		}
		var v any
		switch p.kind {
		case text:
			v = *values[i].(*string)
		case number:
			s := *values[i].(*string)
			n, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("--%s must be a number, not %q", p.flag, s)
			}
			v = n
		case boolean:
			v = *values[i].(*bool)
		case list:
			v = *values[i].(*[]string)
		case object:
			s := *values[i].(*string)
			var raw json.RawMessage
			if err := json.Unmarshal([]byte(s), &raw); err != nil {
				return nil, nil, fmt.Errorf("--%s must be JSON, such as '{\"job\":\"j1\"}': %v", p.flag, err)
			}
			v = raw
		}
		if p.in == query {
			q.Set(p.name(), fmt.Sprint(v))
			continue
		}
		b[p.name()] = v
	}
	return b, q, nil
}
