package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// A customer limited to one endpoint edits it in the dashboard: widening
// its channels to another sub-customer's is refused beside the field;
// narrowing and other settings save, and its static header, shown masked,
// keeps its value (issue 25).
func TestPortalLimitedSessionEditsItsEndpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary and a browser")
	}
	ctx := browser(t)
	var mu sync.Mutex
	var got http.Header
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.Header.Clone()
		mu.Unlock()
	}))
	defer rcv.Close()
	p := start(t, t.TempDir())
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var ep struct{ ID string }
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/hook", "channels": []string{"cust-a", "cust-a2"},
		"headers": map[string]string{"X-Api-Key": "portal-header-value"}}, &ep)
	var s struct{ URL string }
	p.apiJSON(t, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"endpoint_ids": []string{ep.ID}}, &s)

	pg := &page{t: t, ctx: ctx, p: p}
	pg.run("opening the limited link", chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+ep.ID+`"]`)))
	base := s.URL[:strings.Index(s.URL, "/ui/")]
	pg.run("editing its endpoint's channels to another customer's",
		chromedp.Navigate(base+"/ui/#/t/acme/endpoints/"+ep.ID),
		chromedp.WaitVisible(`//button[text()="Edit"]`),
		chromedp.Click(`//button[text()="Edit"]`),
		chromedp.WaitVisible(chromedp.CSS(`form.edit input[name=channels]`)),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=channels]`), "cust-a, cust-a2, cust-b"),
		chromedp.Click(chromedp.CSS(`form.edit button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.edit label:has(input[name=channels]) + .field-error`)),
	)
	if msg := pg.text(`form.edit .field-error`); !strings.Contains(msg, "limited to some endpoints") {
		t.Fatalf("the refusal reads %q", msg)
	}
	if lines := eval(pg, "reading the headers field", chromedp.Evaluate[string](`document.querySelector("form.edit textarea[name=headers]").value`)); lines != "X-Api-Key: ••••••" {
		t.Fatalf("the headers field reads %q", lines)
	}
	screenshot(t, ctx, "portal-limited-widen-refused")
	pg.run("narrowing them instead",
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=channels]`), "cust-a"),
		chromedp.SetValue(chromedp.CSS(`form.edit input[name=description]`), "narrowed"),
		chromedp.Click(chromedp.CSS(`form.edit button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form.edit`)),
	)
	var after struct {
		Description string            `json:"description"`
		Channels    []string          `json:"channels"`
		Headers     map[string]string `json:"headers"`
	}
	p.apiJSON(t, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &after)
	if after.Description != "narrowed" || len(after.Channels) != 1 || after.Channels[0] != "cust-a" || after.Headers["X-Api-Key"] != "••••••" {
		t.Fatalf("after the edit the endpoint is %+v", after)
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", nil, nil)
	mu.Lock()
	defer mu.Unlock()
	if v := got.Get("X-Api-Key"); v != "portal-header-value" {
		t.Fatalf("after the portal's edit the endpoint sends X-Api-Key %q, want the value kept", v)
	}
}
