package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"
)

// The alert rules (deploy/prometheus/herald-rules.yaml) and the Grafana
// dashboard (deploy/grafana/herald.json) name only series the real binary
// exports: a renamed metric breaks this test, not an operator's alert
// silently. The server is made to export its labelled series (an event
// delivered, a failed authentication) before its /metrics is read.
func TestMonitoringNamesAreExported(t *testing.T) {
	used := map[string][]string{} // metric name → where it is used
	for where, exprs := range monitoringExprs(t) {
		for _, e := range exprs {
			names := metricNameRE.FindAllString(e, -1)
			if len(names) == 0 {
				t.Errorf("%s: %q names no metric", where, e)
			}
			for _, n := range names {
				used[n] = append(used[n], where)
			}
		}
	}
	if len(used) < 10 {
		t.Fatalf("only %d metric names found in the rules and the dashboard: the files were not read as meant", len(used))
	}

	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer receiver.Close()
	// Rotated backups on, so that their series (HeraldBackupTooOld's)
	// are exported too.
	p := start(t, t.TempDir(), "--metrics-listen", "127.0.0.1:0", "--backup-every", "1h", "--backup-dir", t.TempDir())
	m := regexp.MustCompile(`msg="metrics listening".* addr=(\S+)`).FindStringSubmatch(p.log.String())
	if m == nil {
		t.Fatalf("no metrics address in the log:\n%s", p.log.String())
	}
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": receiver.URL})
	p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"type": "x", "data": map[string]any{}})
	req, _ := http.NewRequest("GET", "http://"+p.addr+"/v1/tenants", nil)
	req.Header.Set("Authorization", "Bearer hk_not_a_key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a wrong key answered %d, want 401", resp.StatusCode)
	}

	var exported map[string]bool
	deadline := time.Now().Add(20 * time.Second)
	for {
		exported = exportedNames(t, "http://"+m[1]+"/metrics")
		if exported["herald_attempts_total"] && exported["herald_auth_failures_total"] && exported["herald_backup_last_success_timestamp_seconds"] {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the attempt, the failed authentication and the first rotated backup were not counted within 20 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for name, where := range used {
		if !exported[name] {
			t.Errorf("%s, used in %s, is not a series Herald exports", name, strings.Join(where, ", "))
		}
	}
}

// metricNameRE finds the metric names in a PromQL expression: Herald's
// own and the Go client's process and runtime series (label names and
// functions have no such prefix).
var metricNameRE = regexp.MustCompile(`\b(?:herald|go|process)_[a-z0-9_]+\b`)

// monitoringExprs returns the PromQL expressions of the alert rules and of
// the dashboard's queries and variables, by where they are.
func monitoringExprs(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	raw, err := os.ReadFile("../../deploy/prometheus/herald-rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Groups []struct {
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatal(err)
	}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			out["alert "+r.Alert] = append(out["alert "+r.Alert], r.Expr)
		}
	}
	raw, err = os.ReadFile("../../deploy/grafana/herald.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Name       string `json:"name"`
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(raw, &dash); err != nil {
		t.Fatal(err)
	}
	for _, p := range dash.Panels {
		for _, tg := range p.Targets {
			out["panel "+p.Title] = append(out["panel "+p.Title], tg.Expr)
		}
	}
	for _, v := range dash.Templating.List {
		if v.Definition != "" {
			out["variable "+v.Name] = append(out["variable "+v.Name], v.Definition)
		}
	}
	return out
}

// exportedNames reads a /metrics page and returns the names of its series
// (a histogram's _bucket, _sum and _count included).
func exportedNames(t *testing.T, url string) map[string]bool {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	names := map[string]bool{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if i := strings.IndexAny(line, "{ "); i > 0 {
			names[line[:i]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}
