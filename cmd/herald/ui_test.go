package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heraldhq/herald/internal/testenv"
	"github.com/heraldhq/herald/verify"
)

// chromium finds the browser for the dashboard's tests: HERALD_TEST_CHROMIUM,
// or chromium on the PATH. Without one the tests skip, except in CI.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HERALD_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	testenv.Missing(t, "Chromium", "none found (install the chromium package, as .ci/run does, or set HERALD_TEST_CHROMIUM)")
	return ""
}

// browser starts a headless Chromium of the test's own. It may resolve no
// host name but localhost, so that nothing it does can leave the machine.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first run starts the browser, which lives as long as ctx; steps
	// then run with timeouts of their own.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// apiJSON calls the API with the admin key and decodes the answer.
func (p *process) apiJSON(t *testing.T, method, path string, body, out any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, "http://"+p.addr+path, r)
	req.Header.Set("Authorization", "Bearer "+testAdminKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s = %d: %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
}

type uiDelivery struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Attempts int    `json:"attempts"`
}

func (p *process) waitDelivery(t *testing.T, id string, ok func(uiDelivery) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var d uiDelivery
		p.apiJSON(t, "GET", "/v1/tenants/acme/deliveries/"+id, nil, &d)
		if ok(d) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivery %s: %s did not happen: %+v", id, what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDashboard drives the dashboard in a real browser against the real
// binary: signing in, browsing tenants, endpoints, deliveries and events,
// actions that reach the API, a tenant key's narrower view, and that
// hostile payloads and receiver answers are shown as text and never run.
// page drives the browser of one test, each step bounded, so that a page
// that never shows what the test waits for fails the test in seconds with
// the page and Herald's log in hand.
type page struct {
	t   *testing.T
	ctx context.Context
	p   *process
}

func (g *page) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(g.ctx, 15*time.Second)
}

func (g *page) failed(what string, err error) {
	g.t.Helper()
	sctx, cancel := g.step()
	defer cancel()
	body, _ := chromedp.Run(sctx, chromedp.OuterHTML(chromedp.CSS("body")))
	g.t.Fatalf("%s: %v\npage: %s\nherald log:\n%s", what, err, body, g.p.log.String())
}

// run runs steps, each within the step's bound.
func (g *page) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	g.t.Helper()
	for i, s := range steps {
		sctx, cancel := g.step()
		err := chromedp.Do(sctx, s)
		cancel()
		if err != nil {
			g.failed(fmt.Sprintf("%s, step %d", what, i+1), err)
		}
	}
}

// text reads the text of the element css selects.
func (g *page) text(css string) string {
	g.t.Helper()
	return eval[string](g, "reading "+css, chromedp.Text(chromedp.CSS(css)))
}

// present reports whether the page holds an element css selects, now.
func (g *page) present(css string) bool {
	g.t.Helper()
	return eval[bool](g, "looking for "+css, chromedp.Evaluate[bool](`document.querySelector(`+strconv.Quote(css)+`) !== null`))
}

// eval runs one action that reads a value, within the step's bound.
func eval[T any](g *page, what string, a chromedp.Action[T]) T {
	g.t.Helper()
	sctx, cancel := g.step()
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		g.failed(what, err)
	}
	return v
}

// screenshot saves the page as name.png in $HERALD_SCREENSHOTS, when set,
// for a person to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("HERALD_SCREENSHOTS")
	if dir == "" {
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary and a browser")
	}
	ctx := browser(t)
	var okHits atomic.Int64
	var lastMu sync.Mutex
	var lastHeader http.Header
	var lastBody []byte
	type got struct {
		header http.Header
		body   []byte
	}
	lastAt := map[string]got{} // by path
	okRcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		lastMu.Lock()
		lastHeader, lastBody = r.Header.Clone(), body
		lastAt[r.URL.Path] = got{lastHeader, body}
		lastMu.Unlock()
		okHits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer okRcv.Close()
	const hostile = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`
	badRcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, hostile)
	}))
	defer badRcv.Close()

	p := start(t, t.TempDir())
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var okEp, badEp struct {
		ID string `json:"id"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": okRcv.URL + "/ok"}, &okEp)
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": badRcv.URL + "/bad",
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"1h"}}}, &badEp)
	var ev struct {
		Deliveries []struct {
			ID         string `json:"id"`
			EndpointID string `json:"endpoint_id"`
		} `json:"deliveries"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/events", map[string]any{"id": "e1", "type": "job.completed",
		"data": map[string]any{"note": hostile}}, &ev)
	var okID, badID string
	for _, d := range ev.Deliveries {
		if d.EndpointID == badEp.ID {
			badID = d.ID
		} else {
			okID = d.ID
		}
	}
	p.waitDelivery(t, okID, func(d uiDelivery) bool { return d.Status == "succeeded" }, "success")
	p.waitDelivery(t, badID, func(d uiDelivery) bool { return d.Attempts == 1 }, "a first failed attempt")
	// An endpoint paused for maintenance: the overview lists it as one
	// that needs care.
	var pausedEp struct {
		ID string `json:"id"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": okRcv.URL + "/later", "paused": true,
		"event_types": []string{"nothing.yet"}, "headers": map[string]string{"X-Api-Key": "ui-header-value"}}, &pausedEp)
	p.apiJSON(t, "POST", "/v1/event-types", map[string]any{"name": "job.completed", "description": "A job finished, with its result."}, nil)

	// The pages carry a Content Security Policy that allows no inline script.
	resp, err := http.Get("http://" + p.addr + "/ui/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("GET /ui/: Content-Security-Policy = %q", csp)
	}

	base := "http://" + p.addr
	pg := &page{t: t, ctx: ctx, p: p}
	step, failed, run, textOf, present := pg.step, pg.failed, pg.run, pg.text, pg.present
	noScriptRan := func(where string) {
		t.Helper()
		sctx, cancel := step()
		defer cancel()
		xss, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`window.__xss !== undefined || document.querySelector("main img, main script") !== null`))
		if err != nil {
			failed("reading window.__xss", err)
		}
		if xss {
			t.Fatalf("%s: hostile content was rendered as HTML", where)
		}
	}

	// Sign in with the admin key; the root redirects to the dashboard.
	run("signing in",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`form.login input[name=key]`)),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=key]`), testAdminKey),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="acme"]`)),
		chromedp.Click(chromedp.CSS(`tr[data-id="acme"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+badEp.ID+`"]`)),
		chromedp.Click(chromedp.CSS(`tr[data-id="`+badEp.ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+badID+`"]`)),
		chromedp.Click(chromedp.CSS(`tr[data-id="`+badID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.attempts pre.body`)),
	)
	if text := textOf(`table.attempts pre.body`); text != hostile {
		t.Fatalf("the failed attempt's response body shows %q, want the receiver's answer as text: %q", text, hostile)
	}
	noScriptRan("the delivery page")
	run("opening what the attempt sent",
		chromedp.Click(chromedp.CSS(`details.request summary`)),
		chromedp.WaitVisible(chromedp.CSS(`details.request pre.request-body`)),
	)
	if sent := textOf(`details.request`); !strings.Contains(sent, "webhook-signature: v1,") || !strings.Contains(sent, "POST "+badRcv.URL+"/bad") ||
		!strings.Contains(sent, `\u003cscript\u003ewindow.__xss=2`) {
		t.Fatalf("the attempt's request reads %q, want its URL, its signature and the body as sent (JSON escapes <, > and &)", sent)
	}
	noScriptRan("the attempt's request")
	screenshot(t, ctx, "delivery-request")

	// Retry from the page: a second attempt is made.
	run("retrying", chromedp.Click(`//button[text()="Retry now"]`))
	p.waitDelivery(t, badID, func(d uiDelivery) bool { return d.Attempts == 2 }, "the retry clicked in the dashboard")

	// Health at a glance: the failing endpoint's charts hold its attempts,
	// and the tenant's overview both endpoints' and the one that needs care.
	run("the failing endpoint's health",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+badEp.ID),
		chromedp.WaitVisible(chromedp.CSS(`section.health svg.chart rect.o-5xx`)),
	)
	if rate := textOf(`section.health .tile .value`); rate != "0 %" {
		t.Fatalf("the failing endpoint's success rate reads %q, want 0 %%", rate)
	}
	screenshot(t, ctx, "endpoint-health")
	run("the week's health",
		chromedp.Click(chromedp.CSS(`section.health button[data-window="7d"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.health button.primary[data-window="7d"]`)),
		chromedp.WaitVisible(chromedp.CSS(`section.health svg.chart rect.o-5xx`)),
	)
	run("the tenant's overview",
		chromedp.Navigate(base+"/ui/#/t/acme/overview"),
		chromedp.WaitVisible(chromedp.CSS(`svg.chart rect.o-ok`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+pausedEp.ID+`"]`)),
	)
	screenshot(t, ctx, "overview")

	// Deliveries read as a person would (event type, endpoint URL) and
	// filter by endpoint, the filter kept in the address.
	run("filtering deliveries by endpoint",
		chromedp.Navigate(base+"/ui/#/t/acme/deliveries"),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+okID+`"]`)),
		chromedp.SetValue(chromedp.CSS(`form.filters select[name=endpoint_id]`), badEp.ID),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`tr[data-id="`+okID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+badID+`"]`)),
	)
	if row := textOf(`tr[data-id="` + badID + `"]`); !strings.Contains(row, "job.completed") || !strings.Contains(row, badRcv.URL+"/bad") {
		t.Fatalf("the filtered delivery's row reads %q, want its event type and its endpoint's URL", row)
	}
	if href := eval(pg, "reading the address", chromedp.Evaluate[string](`location.hash`)); !strings.Contains(href, "endpoint_id="+badEp.ID) {
		t.Fatalf("the filter is not in the address: %s", href)
	}
	// The page before had the filters too: wait for the new page's own.
	run("filtering deliveries by event type",
		chromedp.Navigate(base+"/ui/#/t/acme/deliveries?event_type=job.created"),
		chromedp.Poll[chromedp.Void](`document.querySelector("form.filters input[name=event_type]")?.value === "job.created"`,
			chromedp.WithPollingTimeout(15*time.Second)),
	)
	if rows := textOf(`main`); strings.Contains(rows, "job.completed") && !strings.Contains(rows, "Nothing yet") {
		t.Fatalf("deliveries of job.created list a job.completed one: %q", rows)
	}
	screenshot(t, ctx, "deliveries")

	// Editing an endpoint: the API's refusal shows next to its field; the
	// catalogue's types are offered by name and description.
	run("editing an endpoint with a URL the policy refuses",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+pausedEp.ID),
		chromedp.WaitVisible(`//button[text()="Edit"]`),
		chromedp.Click(`//button[text()="Edit"]`),
		chromedp.WaitVisible(chromedp.CSS(`form.edit input[name=url]`)),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=url]`), "http://10.1.2.3/hook"),
		chromedp.Click(chromedp.CSS(`form.edit input[name=event_type][value="job.completed"]`)),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=disable_after_failures]`), "3"),
		chromedp.Click(chromedp.CSS(`form.edit button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.edit label:has(input[name=url]) + .field-error`)),
	)
	if msg := textOf(`form.edit .field-error`); !strings.Contains(msg, "url is not allowed") {
		t.Fatalf("the URL's error reads %q", msg)
	}
	// The form shows a static header's name, never its value (issue 25).
	headerLines := eval(pg, "reading the headers field", chromedp.Evaluate[string](`document.querySelector("form.edit textarea[name=headers]").value`))
	if headerLines != "X-Api-Key: ••••••" {
		t.Fatalf("the headers field reads %q, want the name with its value masked", headerLines)
	}
	screenshot(t, ctx, "endpoint-edit-error")
	run("saving it with a good URL, a bearer token, a rate limit, FIFO order and trace context",
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=url]`), okRcv.URL+"/later/v2"),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=bearer_token]`), "ui-token"),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=rate_count]`), "5"),
		chromedp.SetValue(chromedp.CSS(`form.edit select[name=rate_per]`), "minute"),
		chromedp.SetValue(chromedp.CSS(`form.edit select[name=ordering]`), "fifo"),
		chromedp.Click(chromedp.CSS(`form.edit input[name=send_traceparent]`)),
		chromedp.Click(chromedp.CSS(`form.edit button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form.edit`)),
	)
	var edited struct {
		URL          string   `json:"url"`
		EventTypes   []string `json:"event_types"`
		DisableAfter int      `json:"disable_after_failures"`
		RateLimit    struct {
			Count int    `json:"count"`
			Per   string `json:"per"`
		} `json:"rate_limit"`
		Ordering        string `json:"ordering"`
		SendTraceparent bool   `json:"send_traceparent"`
	}
	p.apiJSON(t, "GET", "/v1/tenants/acme/endpoints/"+pausedEp.ID, nil, &edited)
	if edited.URL != okRcv.URL+"/later/v2" || len(edited.EventTypes) != 2 || edited.DisableAfter != 3 ||
		edited.RateLimit.Count != 5 || edited.RateLimit.Per != "minute" || edited.Ordering != "fifo" || !edited.SendTraceparent {
		t.Fatalf("after the edit the endpoint is %+v, want the new URL, nothing.yet and job.completed, disabled after 3, 5/minute, FIFO, traceparent sent", edited)
	}
	// Saving the form with the masked header kept its value: a test
	// attempt carries it.
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints/"+pausedEp.ID+"/test", nil, nil)
	lastMu.Lock()
	kept := lastAt["/later/v2"].header.Get("X-Api-Key")
	token := lastAt["/later/v2"].header.Get("Authorization")
	lastMu.Unlock()
	if kept != "ui-header-value" {
		t.Fatalf("after saving the form, the endpoint sends X-Api-Key %q, want the value kept", kept)
	}
	if token != "Bearer ui-token" {
		t.Fatalf("after saving the form with a bearer token, the endpoint sends Authorization %q, want Bearer ui-token", token)
	}
	// Opened again, the form offers to remove the token and shows none of
	// it; saved with the token field empty and a new description, the
	// description changes and the token is kept. (The page may render
	// again after the last save: Edit is clicked until its form is there,
	// and the form is filled and sent in the same moment.)
	run("editing it again without touching the token",
		chromedp.Poll[chromedp.Void](`(() => {
			const f = document.querySelector("form.edit");
			if (f && f.querySelector("input[name=remove_bearer_token]")) {
				if (f.querySelector("input[name=bearer_token]").value !== "") throw new Error("the token field shows a value");
				f.querySelector("input[name=description]").value = "second edit";
				f.querySelector("button[type=submit]").click();
				return true;
			}
			const edit = [...document.querySelectorAll("button")].find((b) => b.textContent === "Edit");
			if (edit && !f) edit.click();
			return false;
		})()`, chromedp.WithPollingTimeout(15*time.Second)),
		chromedp.WaitNotPresent(chromedp.CSS(`form.edit`)),
	)
	var again struct {
		Description    string `json:"description"`
		BearerTokenSet bool   `json:"bearer_token_set"`
	}
	savedBy := time.Now().Add(15 * time.Second)
	for p.apiJSON(t, "GET", "/v1/tenants/acme/endpoints/"+pausedEp.ID, nil, &again); again.Description != "second edit"; p.apiJSON(t, "GET", "/v1/tenants/acme/endpoints/"+pausedEp.ID, nil, &again) {
		if time.Now().After(savedBy) {
			t.Fatal("the second edit's description was not saved within 15 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !again.BearerTokenSet {
		t.Fatal("saving the form with the token field empty removed the bearer token")
	}

	// A FIFO endpoint whose head fails: its page says it is blocked, by
	// which delivery, and how many wait behind it.
	var fifoEp struct {
		ID string `json:"id"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": badRcv.URL + "/ordered", "ordering": "fifo",
		"event_types": []string{"order.paid"}, "retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"1h"}}}, &fifoEp)
	var head struct {
		Deliveries []struct {
			ID string `json:"id"`
		} `json:"deliveries"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/events", map[string]any{"type": "order.paid", "data": map[string]any{"order": 1}}, &head)
	for i := 2; i <= 4; i++ {
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"type": "order.paid", "data": map[string]any{"order": i}})
	}
	p.waitDelivery(t, head.Deliveries[0].ID, func(d uiDelivery) bool { return d.Attempts == 1 }, "the FIFO head's first failed attempt")
	run("the blocked FIFO endpoint",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+fifoEp.ID),
		chromedp.WaitVisible(chromedp.CSS(`.fifo.blocked a`)),
	)
	if text := textOf(`.fifo.blocked`); !strings.Contains(text, head.Deliveries[0].ID) || !strings.Contains(text, "3 waiting behind it") ||
		!strings.Contains(text, "HTTP 500") {
		t.Fatalf("the blocked FIFO endpoint's panel reads %q, want its head, its last answer and 3 waiting", text)
	}
	{
		sctx, cancel := step()
		waiting, err := chromedp.Run(sctx, chromedp.Evaluate[int](`[...document.querySelectorAll("table .badge")].filter((b) => b.textContent === "waiting").length`))
		cancel()
		if err != nil {
			failed("counting waiting deliveries", err)
		}
		if waiting != 3 {
			t.Fatalf("the endpoint's deliveries show %d as waiting, want the 3 behind the head", waiting)
		}
	}
	screenshot(t, ctx, "endpoint-fifo-blocked")

	// The event's data, hostile too, is shown as JSON text.
	run("opening the event",
		chromedp.Navigate(base+"/ui/#/t/acme/events/e1"),
		chromedp.WaitVisible(chromedp.CSS(`pre.json`)),
	)
	if text := textOf(`pre.json`); !strings.Contains(text, `<script>window.__xss=2</script>`) {
		t.Fatalf("the event page shows %q, want the data with its markup as text", text)
	}
	noScriptRan("the event page")

	// A job with a callback: the list and the job's page show the
	// callback's state, and the status document shown is the one its
	// webhooks carry, without it.
	p.mustPost(t, "/v1/tenants/acme/jobs", map[string]any{"id": "render-1", "type": "image.generation",
		"callback_url": okRcv.URL + "/callback", "input": map[string]any{"prompt": "a lighthouse at dusk"}})
	run("opening the jobs", chromedp.Navigate(base+"/ui/#/t/acme/jobs"), chromedp.WaitVisible(chromedp.CSS(`tr[data-id="render-1"]`)))
	if row := textOf(`tr[data-id="render-1"]`); !strings.Contains(row, "waiting") || !strings.Contains(row, "queued") {
		t.Fatalf("the jobs list shows %q for a queued job whose callback waits", row)
	}
	screenshot(t, ctx, "jobs")
	run("opening a job", chromedp.Click(chromedp.CSS(`tr[data-id="render-1"]`)), chromedp.WaitVisible(chromedp.CSS(`pre.json`)))
	if text := textOf(`main`); !strings.Contains(text, okRcv.URL+"/callback (waiting)") {
		t.Fatalf("the job page shows %q, want its callback's URL and state", text)
	}
	if doc := textOf(`pre.json`); strings.Contains(doc, `"callback"`) || !strings.Contains(doc, "a lighthouse at dusk") {
		t.Fatalf("the job page's status document is %q, want the job's document without the callback", doc)
	}
	if sent := textOf(`main table`); !strings.Contains(sent, "job.created") || !strings.Contains(sent, "render-1.created") || !strings.Contains(sent, okRcv.URL+"/ok") {
		t.Fatalf("the job page's webhooks read %q, want its job.created deliveries with their endpoints", sent)
	}
	screenshot(t, ctx, "job")

	// The jobs page makes the tenant's callback secret, shown once; it then
	// signs the callback of a job that brings no secret of its own.
	run("making the tenant's callback secret",
		chromedp.Navigate(base+"/ui/#/t/acme/jobs"),
		chromedp.WaitVisible(`//button[text()="Make a callback secret"]`),
		chromedp.Click(`//button[text()="Make a callback secret"]`),
		chromedp.WaitVisible(chromedp.CSS(`.callback-signing .secret-value`)),
		chromedp.WaitVisible(`//button[text()="Rotate callback secret"]`),
	)
	callbackSecret := textOf(`.callback-signing .secret-value`)
	if text := textOf(`.callback-signing p`); !strings.Contains(text, "signed with this tenant's callback secret") {
		t.Fatalf("after making it the jobs page says %q", text)
	}
	screenshot(t, ctx, "jobs-callback-secret")
	p.mustPost(t, "/v1/tenants/acme/jobs", map[string]any{"id": "render-2", "type": "image.generation", "callback_url": okRcv.URL + "/callback-2"})
	p.mustPost(t, "/v1/tenants/acme/jobs/render-2/status", map[string]any{"status": "completed", "result": map[string]any{"images": 1}})
	deadline := time.Now().Add(20 * time.Second)
	for {
		var job struct {
			Callback struct{ State string } `json:"callback"`
		}
		p.apiJSON(t, "GET", "/v1/tenants/acme/jobs/render-2?include=callback", nil, &job)
		if job.Callback.State == "succeeded" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("render-2's callback was not delivered: %+v", job)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cv, err := verify.New(callbackSecret)
	if err != nil {
		t.Fatalf("the dashboard showed %q as the callback secret: %v", callbackSecret, err)
	}
	lastMu.Lock()
	cb := lastAt["/callback-2"]
	lastMu.Unlock()
	err = cv.Verify(cb.header, cb.body)
	body := string(cb.body)
	if err != nil || !strings.Contains(body, "render-2") {
		t.Fatalf("render-2's callback (%s) does not verify with the callback secret the dashboard showed: %v", body, err)
	}

	// An ed25519 endpoint's page shows the public key its receivers verify
	// with.
	var edEp struct {
		ID        string `json:"id"`
		PublicKey string `json:"public_key"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": okRcv.URL + "/ed", "signature": "ed25519"}, &edEp)
	// Wait for the endpoint's own page (the job page before it has fields
	// too): its Rotate button.
	run("opening an ed25519 endpoint", chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+edEp.ID),
		chromedp.WaitVisible(`//button[text()="Rotate secret"]`))
	if text := textOf(`dl.fields`); edEp.PublicKey == "" || !strings.Contains(text, edEp.PublicKey) {
		t.Fatalf("the ed25519 endpoint's page shows %q, want its public key %q", text, edEp.PublicKey)
	}
	screenshot(t, ctx, "endpoint-ed25519")

	// An hmac endpoint's page shows its scheme in one line.
	var sdkEp struct{ ID string }
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": okRcv.URL + "/sdk", "preset": "leapocr-sdk"}, &sdkEp)
	run("opening an hmac endpoint", chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+sdkEp.ID),
		chromedp.WaitVisible(`//code[contains(., "X-Webhook-Signature")]`))
	if text := textOf(`dl.fields`); !strings.Contains(text, "X-Webhook-Signature: {signature}, X-Webhook-Timestamp: {timestamp}") ||
		!strings.Contains(text, "HMAC-SHA256 hex of {timestamp}.{body}") {
		t.Fatalf("the hmac endpoint's page shows %q", text)
	}
	screenshot(t, ctx, "endpoint-hmac")

	// Add an endpoint from the form, then send it a test event.
	hits := okHits.Load()
	run("adding an endpoint",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=url]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=url]`), okRcv.URL+"/from-the-dashboard"),
		chromedp.Click(chromedp.CSS(`form.inline button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.secret-value`)),
		chromedp.WaitVisible(`//button[text()="Send test event"]`),
		chromedp.Click(`//button[text()="Send test event"]`),
		chromedp.WaitVisible(chromedp.CSS(`.result .ok`)),
	)
	secret := textOf(`.secret-value`)
	var eps struct {
		Data []struct {
			ID  string `json:"id"`
			URL string `json:"url"`
		} `json:"data"`
	}
	p.apiJSON(t, "GET", "/v1/tenants/acme/endpoints", nil, &eps)
	if len(eps.Data) != 7 || eps.Data[0].URL != okRcv.URL+"/from-the-dashboard" { // ok, bad, paused, fifo, ed25519, hmac and this one
		t.Fatalf("after adding one in the dashboard the tenant has %+v", eps.Data)
	}
	// The secret the dashboard showed once is the one that signs: the test
	// event the receiver got verifies with it.
	v, err := verify.New(secret)
	if err != nil {
		t.Fatalf("the dashboard showed %q as the new endpoint's secret: %v", secret, err)
	}
	lastMu.Lock()
	err = v.Verify(lastHeader, lastBody)
	lastMu.Unlock()
	if err != nil {
		t.Fatalf("the test event does not verify with the secret the dashboard showed: %v", err)
	}
	if okHits.Load() != hits+1 {
		t.Fatalf("the test event reached the receiver %d times, want once", okHits.Load()-hits)
	}

	// An admin makes a key for the tenant on its keys page, shown once;
	// that key then opens the tenant's own dashboard, with no tenant list.
	run("making a tenant key",
		chromedp.Navigate(base+"/ui/#/t/acme/keys"),
		chromedp.WaitVisible(chromedp.CSS(`form.inline input[name=name]`)),
		chromedp.SendKeys(chromedp.CSS(`form.inline input[name=name]`), "portal"),
		chromedp.SetValue(chromedp.CSS(`form.inline select[name=role]`), "portal"),
		chromedp.Click(chromedp.CSS(`form.inline button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.secret-value`)),
	)
	key := struct{ Key string }{textOf(`.secret-value`)}
	var keys struct {
		Data []struct{ Name, Role string } `json:"data"`
	}
	p.apiJSON(t, "GET", "/v1/tenants/acme/keys", nil, &keys)
	if len(keys.Data) != 1 || keys.Data[0].Name != "portal" || keys.Data[0].Role != "portal" || !strings.HasPrefix(key.Key, "hk_") {
		t.Fatalf("after making a key in the dashboard: shown %q, the tenant has %+v", key.Key, keys.Data)
	}
	// signInWith signs out and in again with key, and waits for the
	// tenant's endpoint list.
	signInWith := func(what, key string) {
		t.Helper()
		run("signing in with "+what,
			chromedp.Click(chromedp.CSS(`#logout`)),
			chromedp.WaitVisible(chromedp.CSS(`form.login input[name=key]`)),
			chromedp.SendKeys(chromedp.CSS(`form.login input[name=key]`), key),
			chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+okEp.ID+`"]`)),
		)
	}
	signInWith("a portal key", key.Key)
	sctx, cancel := step()
	defer cancel()
	tenantsLink, err := chromedp.Run(sctx, chromedp.Evaluate[bool](`document.querySelector('nav a[href="#/tenants"]') !== null`))
	if err != nil {
		failed("reading the navigation", err)
	}
	if tenantsLink {
		t.Fatal("a tenant key's dashboard links to the tenant list")
	}
	// The portal role manages endpoints but may not rotate the tenant's
	// callback secret: the page shows what the role can do, nothing more.
	run("a portal key on an endpoint's page",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+okEp.ID),
		chromedp.WaitVisible(chromedp.CSS(`.actions button.primary`)),
	)
	screenshot(t, ctx, "portal-endpoint")
	run("a portal key on the jobs page",
		chromedp.Navigate(base+"/ui/#/t/acme/jobs"),
		chromedp.WaitVisible(chromedp.CSS(`.callback-signing p`)),
	)
	if present(`.callback-signing button`) {
		t.Fatal("a portal key's jobs page offers to rotate the tenant's callback secret")
	}
	if who := textOf(`#who`); !strings.Contains(who, "portal") {
		t.Fatalf("the header says %q for a portal key", who)
	}
	// A read-only key sees the endpoint and changes nothing.
	var ro struct{ Key string }
	p.apiJSON(t, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "auditor", "role": "read-only"}, &ro)
	signInWith("a read-only key", ro.Key)
	if present(`form.inline`) {
		t.Fatal("a read-only key's endpoint list offers to add an endpoint")
	}
	run("a read-only key on an endpoint's page",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+okEp.ID),
		chromedp.WaitVisible(chromedp.CSS(`dl.fields`)),
	)
	if present(`.actions`) {
		t.Fatal("a read-only key's endpoint page offers actions")
	}
	run("a read-only key on a delivery's page",
		chromedp.Navigate(base+"/ui/#/t/acme/deliveries/"+badID),
		chromedp.WaitVisible(chromedp.CSS(`dl.fields`)),
	)
	if present(`.actions`) {
		t.Fatal("a read-only key's delivery page offers a retry")
	}

	// A wrong key is refused with the API's message.
	run("signing in with a wrong key",
		chromedp.Click(chromedp.CSS(`#logout`)),
		chromedp.WaitVisible(chromedp.CSS(`form.login input[name=key]`)),
		chromedp.SendKeys(chromedp.CSS(`form.login input[name=key]`), "hk_wrong"),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.login .error`)),
	)
	if text := textOf(`.login .error`); !strings.Contains(strings.ToLower(text), "key") {
		t.Fatalf("a wrong key shows %q", text)
	}
}
