package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"retention", "retention", 0},
		{"retension", "retention", 1},
		{"tenent", "tenant", 1},
		{"lisen", "listen", 1},
		{"grace", "grace-period", 7},
		{"kitten", "sitting", 3},
		{"über", "uber", 1}, // letters, not bytes
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.b, c.a); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	serve := []string{"listen", "data-dir", "retention", "max-in-flight", "max-in-flight-slow", "max-held", "tls-cert", "tls-key", "config"}
	verbs := []string{"list", "get", "create", "update", "delete", "pause", "resume"}
	for _, c := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"retension", serve, "retention"},
		{"RETENTION", serve, "retention"}, // case is a slip too
		{"lisen", serve, "listen"},
		{"data_dir", serve, "data-dir"},
		{"tls-crt", serve, "tls-cert"},
		{"max-in-flite", serve, "max-in-flight"},
		{"max-inflight-slow", serve, "max-in-flight-slow"},
		{"rete", serve, "retention"}, // a prefix names it
		{"port", serve, ""},          // nothing close: no guess
		{"x", serve, ""},
		{"gett", verbs, "get"},
		{"lst", verbs, "list"},
		{"remove", verbs, ""},
		{"tls", serve, "tls-cert"},  // a prefix of two: the first in order
		{"listen", serve, "listen"}, // itself
		{"anything", nil, ""},
	} {
		if got := nearest(c.name, c.candidates); got != c.want {
			t.Errorf("nearest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSplitFlags(t *testing.T) {
	// --tenant and --limit take a value; --unhealthy is a bool.
	lookup := func(name string) (takes, isBool, ok bool) {
		switch name {
		case "tenant", "limit":
			return true, false, true
		case "unhealthy":
			return false, true, true
		}
		return false, false, false
	}
	for _, c := range []struct {
		args        []string
		flags, rest []string
	}{
		{[]string{"ep_1", "--tenant", "t"}, []string{"--tenant", "t"}, []string{"ep_1"}},
		{[]string{"--tenant", "t", "ep_1"}, []string{"--tenant", "t"}, []string{"ep_1"}},
		{[]string{"--tenant=t", "ep_1", "--limit", "5"}, []string{"--tenant=t", "--limit", "5"}, []string{"ep_1"}},
		{[]string{"--unhealthy", "ep_1"}, []string{"--unhealthy"}, []string{"ep_1"}},
		{[]string{"--unhealthy", "false", "ep_1"}, []string{"--unhealthy", "false"}, []string{"ep_1"}},
		{[]string{"--limit", "-1"}, []string{"--limit", "-1"}, nil}, // a value may start with a dash
		{[]string{"ep_1", "--", "--tenant"}, nil, []string{"ep_1", "--tenant"}},
		{[]string{"--nope", "ep_1"}, []string{"--nope"}, []string{"ep_1"}},     // ff refuses it, by name
		{[]string{"ep_1", "--tenant"}, []string{"--tenant"}, []string{"ep_1"}}, // ff says it needs a value
	} {
		flags, rest := splitFlags(c.args, lookup)
		if !slices.Equal(flags, c.flags) || !slices.Equal(rest, c.rest) {
			t.Errorf("splitFlags(%q) = %q, %q; want %q, %q", c.args, flags, rest, c.flags, c.rest)
		}
	}
}

// runCLI runs the command line in this process and returns what it
// printed and its error.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := runIO(context.Background(), args, &out)
	return out.String(), err
}

// A mistake in a flag, its value, the environment or the config file is
// one line that names it, with the nearest right name, and is a usage
// error (exit code 2); it is not the whole help.
func TestUsageErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	config := func(text string) string {
		path := filepath.Join(dir, strings.NewReplacer(" ", "", "=", "", `"`, "").Replace(text)+".toml")
		if err := os.WriteFile(path, []byte(text+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []struct {
		args []string
		env  []string
		want []string // each in the one line
	}{
		{[]string{"serve", "--retension", "1h"}, nil, []string{"unknown flag --retension", "did you mean --retention?", "herald serve --help"}},
		{[]string{"endpoint", "get", "ep_1", "--tenent", "acme"}, nil, []string{"unknown flag --tenent", "did you mean --tenant?", "herald endpoint get --help"}},
		{[]string{"endpoint", "list", "--tenant", "acme", "--limit", "ten"}, nil, []string{`--limit: "ten" is not a whole number`}},
		{[]string{"job", "status", "j1", "--tenant", "acme", "--status", "processing", "--progress", "half"}, nil, []string{`--progress: "half" is not a number`}},
		{[]string{"endpoint", "rotate-secret", "ep_1", "--tenant", "acme", "--grace-period", "2days"}, nil, []string{`--grace-period: "2days" is not a duration`}},
		{[]string{"serve", "--max-payload", "1MB"}, nil, []string{`--max-payload: "1MB" is not a whole number`}},
		{[]string{"serve"}, []string{"HERALD_RETENTION=forever"}, []string{`HERALD_RETENTION: "forever" is not a duration`}},
		{[]string{"serve", "--config", config(`retension = "1h"`)}, nil, []string{`unknown setting "retension"`, "did you mean retention?", ".toml"}},
		{[]string{"serve", "--config", config(`retention = "1x"`)}, nil, []string{`retention: "1x" is not a duration`}},
		{[]string{"serve", "--config", config(`max-payload = "lots"`)}, nil, []string{`max-payload: "lots" is not a whole number`}},
		{[]string{"serve", "--config", config(`listen = `)}, nil, []string{".toml: toml:"}},
		{[]string{"serve", "--listen"}, nil, []string{"--listen needs a value"}},
		// Values serve judges itself, before it opens anything.
		{[]string{"serve", "--log-level", "verbose"}, nil, []string{`--log-level must be debug, info, warn or error, not "verbose"`}},
		{[]string{"serve", "--keep-requests", "some"}, nil, []string{`--keep-requests must be all, failed or none`}},
		{[]string{"serve", "--tls-cert", "cert.pem"}, nil, []string{"--tls-cert and --tls-key go together"}},
		{[]string{"serve", "--backup-every", "1h"}, nil, []string{"--backup-every needs --backup-dir"}},
		{[]string{"serve", "--config", config(`allow-cidr = ["nope"]`)}, nil, []string{`--allow-cidr "nope" is not an address range`}},
		{[]string{"endpont", "list"}, nil, []string{`unknown command "endpont"`, "did you mean endpoint?"}},
		{[]string{"endpoint", "gett", "ep_1"}, nil, []string{`herald endpoint: unknown verb "gett"`, "did you mean get?", "herald help endpoint lists them"}},
		{[]string{"endpoint"}, nil, []string{"name a verb of herald endpoint: list, get,"}},
		{[]string{"endpoint", "get", "--tenant", "acme"}, nil, []string{"give the endpoint's id"}},
		{[]string{"endpoint", "get", "ep_1"}, nil, []string{"--tenant is required"}},
		{[]string{"event", "send", "--tenant", "acme"}, nil, []string{"--type is required"}},
		{[]string{"event", "send", "--tenant", "acme", "--type", "x", "--data", "{no"}, nil, []string{"--data must be JSON"}},
		{[]string{"tenant", "list", "extra"}, nil, []string{`takes no argument, got "extra"`}},
		{[]string{"healthcheck", "http://127.0.0.1:8080/readyz", "--timeout", "1s"}, nil, []string{`herald healthcheck takes no argument, got "http://127.0.0.1:8080/readyz"`}},
		{[]string{"serve", "now"}, nil, []string{`herald serve takes no argument, got "now"`}},
		{[]string{"backup", "--data-dir", "herald-data"}, nil, []string{"--out is required"}},
		{[]string{"restore", "--data-dir", "herald-data2"}, nil, []string{"--from is required"}},
		{[]string{"receive", "--signature-header", "X-Sig"}, nil, []string{"--signature-header and --signature-scheme need --secret"}},
		{[]string{"help", "endpont"}, nil, []string{`unknown command "endpont"`, "did you mean endpoint?"}},
		{[]string{"help", "endpoint", "gett"}, nil, []string{`herald endpoint: unknown verb "gett"`, "did you mean get?"}},
		{[]string{}, nil, []string{"name a command"}},
	} {
		for _, kv := range c.env {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		t.Setenv("HERALD_KEY", "hk_unused") // never sent: each fails first
		out, err := runCLI(t, c.args...)
		for _, kv := range c.env {
			k, _, _ := strings.Cut(kv, "=")
			os.Unsetenv(k)
		}
		if err == nil {
			t.Errorf("herald %s: no error", strings.Join(c.args, " "))
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || out != "" {
			t.Errorf("herald %s: more than one line:\n%s\n%s", strings.Join(c.args, " "), out, msg)
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("herald %s: %q lacks %q", strings.Join(c.args, " "), msg, w)
			}
		}
		if exitCode(err) != 2 {
			t.Errorf("herald %s: exit code %d, want 2 for a usage error (%v)", strings.Join(c.args, " "), exitCode(err), err)
		}
	}
}

// The real binary exits 2 on a usage error and prints one line, 1 when
// the call itself fails, 0 on success.
func TestExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	refused := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":{"code":"unauthorized","message":"unknown key"}}`)
	}))
	defer refused.Close()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"endpoint", "get", "ep_1", "--tenent", "acme"}, 2, "herald: unknown flag --tenent; did you mean --tenant? (herald endpoint get --help lists its flags)\n"},
		{[]string{"tenant", "list", "--limit", "many"}, 2, "herald: --limit: \"many\" is not a whole number\n"},
		{[]string{"endpoint", "get", "ep_1", "--tenant", "acme", "--server", refused.URL, "--key", "hk_x"}, 1, "herald: 401 unauthorized: unknown key\n"},
		{[]string{"help", "endpoint"}, 0, ""},
	} {
		cmd := exec.Command(heraldBinary(t), c.args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || stderr.String() != c.want {
			t.Errorf("herald %s: exit %d, stderr %q; want %d, %q", strings.Join(c.args, " "), code, stderr.String(), c.code, c.want)
		}
	}
}

var helpFlagRE = regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([\w-]+)`)

// helpFlags are the flags a help text lists.
func helpFlags(help string) []string {
	var names []string
	for _, m := range helpFlagRE.FindAllStringSubmatch(help, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return names
}

// herald <noun> <verb> --help lists that verb's flags and the global ones,
// nothing else; herald help <noun> <verb> says the same.
func TestVerbHelpListsItsFlags(t *testing.T) {
	global := []string{"key", "server", "version"}
	for _, c := range calls {
		words := strings.Fields(c.name())
		want := append([]string(nil), global...)
		if strings.Contains(c.path, "{tenant}") {
			want = append(want, "tenant")
		}
		for _, p := range c.params {
			want = append(want, p.flag())
		}
		sort.Strings(want)
		help, err := runCLI(t, append(words, "--help")...)
		if err != nil {
			t.Fatalf("herald %s --help: %v", c.name(), err)
		}
		if got := helpFlags(help); !slices.Equal(got, want) {
			t.Errorf("herald %s --help lists %q, want %q\n%s", c.name(), got, want, help)
		}
		if !strings.Contains(help, c.help) {
			t.Errorf("herald %s --help lacks its description %q", c.name(), c.help)
		}
		// A typed flag's zero means "not given": no "(default: 0)" beside
		// the default its help says in words.
		for _, line := range strings.Split(help, "\n") {
			if regexp.MustCompile(`\(default:? 0(s|\.0)?\)`).MatchString(line) {
				t.Errorf("herald %s --help gives a flag a zero default it does not have: %q", c.name(), strings.TrimSpace(line))
			}
		}
		again, err := runCLI(t, append([]string{"help"}, words...)...)
		if err != nil || again != help {
			t.Errorf("herald help %s (%v) differs from --help:\n%s", c.name(), err, again)
		}
	}
	// The words a person looks for.
	status, _ := runCLI(t, "job", "status", "--help")
	if !regexp.MustCompile(`--progress FLOAT64\s+percent done, 0 to 100`).MatchString(status) {
		t.Errorf("job status --help does not say --progress is 0 to 100:\n%s", status)
	}
	root, err := runCLI(t, "help")
	if err != nil || !strings.Contains(root, "endpoint") || !strings.Contains(root, "serve") || !strings.Contains(root, "me") {
		t.Errorf("herald help: %v\n%s", err, root)
	}
	noun, err := runCLI(t, "help", "endpoint")
	if err != nil || !strings.Contains(noun, "rotate-secret") || !strings.Contains(noun, "manage a tenant's endpoints") {
		t.Errorf("herald help endpoint: %v\n%s", err, noun)
	}
	if slow, _ := runCLI(t, "help", "serve"); strings.Contains(slow, "quarter of --max-in-flight) (default: 0)") {
		t.Errorf("serve --help says --max-in-flight-slow defaults to 0 beside its real default")
	}
	serve, err := runCLI(t, "help", "serve")
	if err != nil || !slices.Contains(helpFlags(serve), "retention") {
		t.Errorf("herald help serve: %v\n%s", err, serve)
	}
}

// Every flag of a verb is named as the field or query parameter it fills
// in api/openapi.yaml, with dashes for underscores.
func TestFlagsAreAPIFieldNames(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join("..", "..", "api", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		item := doc.Paths.Find(c.path)
		if item == nil {
			t.Errorf("herald %s: %s is not in api/openapi.yaml", c.name(), c.path)
			continue
		}
		op := item.GetOperation(c.method)
		if op == nil {
			t.Errorf("herald %s: %s %s is not in api/openapi.yaml", c.name(), c.method, c.path)
			continue
		}
		fields := map[string]bool{}
		for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
			for _, p := range params {
				if p.Value != nil && p.Value.In == "query" {
					fields["query "+p.Value.Name] = true
				}
			}
		}
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				schemaFields(mt.Schema.Value, fields, 0)
			}
		}
		for k := range c.fixed {
			if !fields["body "+k] {
				t.Errorf("herald %s always sends %q, which %s %s does not take", c.name(), k, c.method, c.path)
			}
		}
		for _, p := range c.params {
			where := "body "
			if p.in == query {
				where = "query "
			}
			if !fields[where+p.field] {
				var have []string
				for f := range fields {
					have = append(have, f)
				}
				sort.Strings(have)
				t.Errorf("herald %s --%s: %s%s is not a field of %s %s (it has %s)", c.name(), p.flag(), where, p.field, c.method, c.path, strings.Join(have, ", "))
			}
			if p.flag() != strings.ReplaceAll(p.field, "_", "-") {
				t.Errorf("herald %s --%s is not named as its field %s", c.name(), p.flag(), p.field)
			}
		}
	}
}

// schemaFields collects a request schema's property names, through
// allOf, oneOf and anyOf.
func schemaFields(s *openapi3.Schema, into map[string]bool, depth int) {
	if s == nil || depth > 5 {
		return
	}
	for name := range s.Properties {
		into["body "+name] = true
	}
	for _, refs := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, r := range refs {
			schemaFields(r.Value, into, depth+1)
		}
	}
}

// Numbers and durations are typed: what is sent is a JSON number, or the
// duration as Go writes it; a list flag takes repeats and commas; the id
// may come before, among or after the flags.
func TestTypedFlagsAndRequests(t *testing.T) {
	type seen struct {
		method, path string
		body         map[string]any
	}
	var got []seen
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		got = append(got, seen{r.Method, r.URL.RequestURI(), body})
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	}))
	defer api.Close()
	t.Setenv("HERALD_SERVER", api.URL)
	t.Setenv("HERALD_KEY", "hk_test")
	for _, c := range []struct {
		args       []string
		path       string
		body       string // the body as JSON, "" for none
		wantOutput string
	}{
		{[]string{"job", "status", "j1", "--tenant", "acme", "--status", "processing", "--progress", "42.5"},
			"/v1/tenants/acme/jobs/j1/status", `{"progress":42.5,"status":"processing"}`, "{\n  \"ok\": true\n}\n"},
		{[]string{"tenant", "create", "--name", "Acme", "--max-event-types", "20"}, "/v1/tenants", `{"max_event_types":20,"name":"Acme"}`, ""},
		{[]string{"endpoint", "rotate-secret", "--tenant", "acme", "ep_1", "--grace-period", "90m"},
			"/v1/tenants/acme/endpoints/ep_1/rotate-secret", `{"grace_period":"1h30m0s"}`, ""},
		{[]string{"endpoint", "update", "--tenant", "acme", "ep_1", "--event-types", "a.b,c.d", "--event-types", "e.f", "--paused=false"},
			"/v1/tenants/acme/endpoints/ep_1", `{"event_types":["a.b","c.d","e.f"],"paused":false}`, ""},
		{[]string{"endpoint", "list", "--unhealthy", "--tenant", "acme", "--limit", "5"}, "/v1/tenants/acme/endpoints?limit=5&unhealthy=true", "", ""},
		{[]string{"delivery", "get", "dlv 1/2", "--tenant", "a/b"}, "/v1/tenants/a%2Fb/deliveries/dlv%201%2F2", "", ""},
		{[]string{"me"}, "/v1/me", "", ""},
	} {
		got = nil
		out, err := runCLI(t, c.args...)
		if err != nil {
			t.Errorf("herald %s: %v", strings.Join(c.args, " "), err)
			continue
		}
		if len(got) != 1 || got[0].path != c.path {
			t.Errorf("herald %s called %+v, want %s", strings.Join(c.args, " "), got, c.path)
			continue
		}
		body := ""
		if got[0].body != nil {
			b, _ := json.Marshal(got[0].body)
			body = string(b)
		}
		if body != c.body {
			t.Errorf("herald %s sent %s, want %s", strings.Join(c.args, " "), body, c.body)
		}
		if c.wantOutput != "" && out != c.wantOutput {
			t.Errorf("herald %s printed %q, want %q", strings.Join(c.args, " "), out, c.wantOutput)
		}
	}
}

func TestJudgeAnswer(t *testing.T) {
	const u = "https://herald.example/v1/tenants"
	for _, c := range []struct {
		status      int
		contentType string
		body        string
		want        string // the error, "" for none
	}{
		{200, "application/json", `{"data":[]}`, ""},
		{204, "", ``, ""},
		{400, "application/json", `{"error":{"code":"invalid_request","message":"name is required"}}`, "400 invalid_request: name is required"},
		{502, "text/html", "<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>",
			`GET https://herald.example/v1/tenants: 502 Bad Gateway, an answer that is not Herald's JSON (text/html): "<html><head><title>502 Bad Gateway</title></head> <body>nginx</body></html>"`},
		{200, "text/html", "<html>Sign in to the corporate proxy</html>", "GET https://herald.example/v1/tenants: 200 OK, an answer that is not Herald's JSON (text/html)"},
		{503, "", "", "GET https://herald.example/v1/tenants: 503 Service Unavailable, an empty answer"},
		{500, "application/json", `{"message":"oops"}`, `500 Internal Server Error, JSON that is not Herald's error`},
	} {
		raw, err := judgeAnswer("GET", u, c.status, c.contentType, []byte(c.body))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%d %s: %v", c.status, c.body, err)
		case c.want == "" && string(raw) != c.body:
			t.Errorf("%d: raw %q, want %q", c.status, raw, c.body)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%d %s: %v, want %q", c.status, c.body, err, c.want)
		}
	}
}

// A proxy's HTML error page in front of Herald is reported with its status
// and URL, not as a JSON parse error.
func TestNonJSONAnswer(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	}))
	defer proxy.Close()
	_, err := runCLI(t, "endpoint", "get", "ep_1", "--tenant", "acme", "--server", proxy.URL, "--key", "hk_x")
	want := "GET " + proxy.URL + "/v1/tenants/acme/endpoints/ep_1: 502 Bad Gateway"
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "invalid character") || exitCode(err) != 1 {
		t.Fatalf("through a proxy answering HTML: %v (exit %d), want %q", err, exitCode(err), want)
	}
}

func TestDashboardLine(t *testing.T) {
	for _, c := range []struct {
		public, listen string
		tls            bool
		want           string
	}{
		{"", "127.0.0.1:8080", false, "Dashboard: http://127.0.0.1:8080/ui/"},
		{"", "127.0.0.1:8443", true, "Dashboard: https://127.0.0.1:8443/ui/"},
		{"", "[::1]:8080", false, "Dashboard: http://[::1]:8080/ui/"},
		{"https://hooks.example.com/", "0.0.0.0:8080", true, "Dashboard: https://hooks.example.com/ui/"},
		{"", "0.0.0.0:8080", false, "Dashboard: http://127.0.0.1:8080/ui/ on this machine (listening on every interface; set --public-url to the address others use)"},
		{"", "[::]:8080", false, "Dashboard: http://[::1]:8080/ui/ on this machine"},
	} {
		if got := dashboardLine(c.public, c.listen, c.tls); !strings.HasPrefix(got, c.want) {
			t.Errorf("dashboardLine(%q, %q, %v) = %q, want %q", c.public, c.listen, c.tls, got, c.want)
		}
	}
}

func TestHealthTarget(t *testing.T) {
	for _, c := range []struct {
		url, listen, cert, public string
		want, serverName          string
	}{
		{"http://10.0.0.1:9/readyz", "127.0.0.1:8080", "cert.pem", "", "http://10.0.0.1:9/readyz", ""}, // --url wins
		{"", "127.0.0.1:8080", "", "", "http://127.0.0.1:8080/readyz", ""},
		{"", "0.0.0.0:8080", "", "", "http://127.0.0.1:8080/readyz", ""},
		{"", "[::]:8080", "", "", "http://[::1]:8080/readyz", ""},
		{"", ":8080", "", "", "http://127.0.0.1:8080/readyz", ""},
		{"", "0.0.0.0:8443", "cert.pem", "", "https://127.0.0.1:8443/readyz", ""},
		{"", "0.0.0.0:8443", "cert.pem", "https://hooks.example.com", "https://127.0.0.1:8443/readyz", "hooks.example.com"},
		{"", "localhost:8080", "", "", "http://localhost:8080/readyz", ""},
	} {
		got, name, err := healthTarget(c.url, c.listen, c.cert, c.public)
		if err != nil || got != c.want || name != c.serverName {
			t.Errorf("healthTarget(%q, %q, %q, %q) = %q, %q, %v; want %q, %q", c.url, c.listen, c.cert, c.public, got, name, err, c.want, c.serverName)
		}
	}
	if _, _, err := healthTarget("", "8080", "", ""); exitCode(err) != 2 {
		t.Errorf("--listen 8080: %v, want a usage error", err)
	}
}

// Every command of the tree, whoever adds it, answers --help with its own
// flags and a mistyped flag with one line naming the nearest one (exit 2).
func TestEveryCommandHelpsAndHints(t *testing.T) {
	tested := map[string]bool{}
	var walk func(path []string, names []string)
	walk = func(path []string, names []string) {
		for _, name := range names {
			words := append(append([]string(nil), path...), name)
			help, err := runCLI(t, append(words, "--help")...)
			if err != nil || !strings.Contains(help, "USAGE") {
				t.Errorf("herald %s --help: %v\n%s", strings.Join(words, " "), err, help)
				continue
			}
			if subs := subcommandsIn(help); len(subs) > 0 {
				walk(words, subs)
				continue
			}
			flags := helpFlags(help)
			for _, f := range flags {
				if f == "version" || f == "help" {
					continue
				}
				typo := f[:len(f)-1] + "q" // one letter off
				if len(f) < 4 {
					continue
				}
				_, err := runCLI(t, append(words, "--"+typo)...)
				want := "unknown flag --" + typo + "; did you mean --" + f + "?"
				if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") || exitCode(err) != 2 {
					t.Errorf("herald %s --%s: %v, want one line with %q and exit 2", strings.Join(words, " "), typo, err, want)
				}
				tested[strings.Join(words, " ")] = true
				break // one flag a command is enough to prove the path
			}
		}
	}
	top, err := runCLI(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	walk(nil, subcommandsIn(top))
	for _, must := range []string{"serve", "healthcheck", "backup", "restore", "receive", "demo", "endpoint get", "me", "tenant export", "tenant import"} {
		if !tested[must] {
			t.Errorf("herald %s was not reached from herald help (reached %d commands)", must, len(tested))
		}
	}
}

// subcommandsIn lists the SUBCOMMANDS section of a help text.
func subcommandsIn(help string) []string {
	_, rest, ok := strings.Cut(help, "SUBCOMMANDS\n")
	if !ok {
		return nil
	}
	var names []string
	for _, line := range strings.Split(rest, "\n") {
		if strings.TrimSpace(line) == "" {
			break
		}
		if f := strings.Fields(line); len(f) > 0 && f[0] != "help" {
			names = append(names, f[0])
		}
	}
	return names
}

// docs/cli.md names every command and verb the binary has.
func TestCLIDocNamesEveryCommand(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	top, err := runCLI(t, "help")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range subcommandsIn(top) {
		noun, err := runCLI(t, "help", name)
		if err != nil {
			t.Fatal(err)
		}
		verbs := subcommandsIn(noun)
		if len(verbs) == 0 && !strings.Contains(string(doc), "herald "+name) {
			t.Errorf("docs/cli.md never shows herald %s", name)
		}
		for _, v := range verbs {
			// The table of every verb says what the verb's help says.
			if short := shortHelpIn(noun, v); !strings.Contains(string(doc), "` | "+short+" |") {
				t.Errorf("docs/cli.md's table does not describe herald %s %s as its help does: %q", name, v, short)
			}
			// Named in an example, or among the verbs a comment lists.
			if !regexp.MustCompile(`herald `+regexp.QuoteMeta(name)+` `+regexp.QuoteMeta(v)+`\b`).Match(doc) &&
				!regexp.MustCompile(`herald `+regexp.QuoteMeta(name)+` \w[\w-]* .*# .*\b`+regexp.QuoteMeta(v)+`\b`).Match(doc) {
				t.Errorf("docs/cli.md never shows herald %s %s", name, v)
			}
		}
	}
}

// shortHelpIn is the description of sub in a help text's SUBCOMMANDS.
func shortHelpIn(help, sub string) string {
	_, rest, _ := strings.Cut(help, "SUBCOMMANDS\n")
	for _, line := range strings.Split(rest, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == sub {
			return strings.Join(f[1:], " ")
		}
	}
	return ""
}
