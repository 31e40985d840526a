package main

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A portal link, in a real browser: it opens a signed-in portal dressed as
// the platform asked, which cannot send events; it cannot be used twice; a
// revoked or ended session says so and links back to the platform; and the
// portal works inside a frame of an allowed origin (another loopback port)
// and is refused in a frame of any other.
func TestPortalLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary and a browser")
	}
	ctx := browser(t)
	// Two platforms' pages that frame whatever link they are given: one
	// the operator allows, one it does not.
	framer := func() *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(`<!doctype html><title>platform</title><h1>Settings</h1><iframe id="portal" width="1000" height="700" src="` +
				html.EscapeString(r.URL.Query().Get("src")) + `"></iframe>`))
		}))
	}
	allowed, stranger := framer(), framer()
	defer allowed.Close()
	defer stranger.Close()

	p := start(t, t.TempDir(), "--portal-frame-ancestors", allowed.URL, "--portal-return-url", allowed.URL+"/settings")
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer rcv.Close()
	var ep struct{ ID string }
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/hook"}, &ep)
	p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"type": "job.completed", "data": map[string]any{"n": 1}})

	type session struct {
		ID       string `json:"id"`
		URL      string `json:"url"`
		Token    string `json:"token"`
		LinkUsed bool   `json:"link_used"`
	}
	link := func(body map[string]any) session {
		t.Helper()
		var s session
		p.apiJSON(t, "POST", "/v1/tenants/acme/portal-sessions", body, &s)
		return s
	}
	linkUsed := func(id string) bool {
		t.Helper()
		var list struct{ Data []session }
		p.apiJSON(t, "GET", "/v1/tenants/acme/portal-sessions", nil, &list)
		for _, s := range list.Data {
			if s.ID == id {
				return s.LinkUsed
			}
		}
		return false
	}
	pg := &page{t: t, ctx: ctx, p: p}
	signedIn := chromedp.WaitVisible(chromedp.CSS(`tr[data-id="` + ep.ID + `"]`))
	ended := chromedp.WaitVisible(chromedp.CSS(`section.ended`))

	// The link opens a signed-in portal, dressed as asked, its token gone
	// from the address bar.
	first := link(map[string]any{"theme": "dark", "name": "Acme Cloud"})
	if u, _ := url.Parse(first.URL); u.RawQuery != "" || !strings.Contains(u.EscapedFragment(), "portal=hpl_") {
		t.Fatalf("the link %s does not carry its token in the fragment alone", first.URL)
	}
	pg.run("opening a portal link", chromedp.Navigate(first.URL), signedIn)
	if href := eval(pg, "reading the address", chromedp.Evaluate[string](`location.href`)); strings.Contains(href, "hpl_") {
		t.Fatalf("the token stays in the address bar: %s", href)
	}
	if brand := pg.text(`header .brand`); brand != "Acme Cloud" {
		t.Fatalf("the header shows %q, want the platform's name", brand)
	}
	if !pg.present(`html.dark`) {
		t.Fatal("the dark theme the link asked for is not applied")
	}
	screenshot(t, ctx, "portal-link-dark")

	// It manages endpoints, and cannot send events: no button, and the API
	// refuses the session's key.
	pg.run("the portal's endpoint page", chromedp.Navigate(strings.Split(first.URL, "#")[0]+"#/t/acme/endpoints/"+ep.ID),
		chromedp.WaitVisible(chromedp.CSS(`.actions button.primary`)))
	status := eval(pg, "posting an event with the session's key", chromedp.Evaluate[int](`fetch("/v1/tenants/acme/events", {method: "POST",
		headers: {"Authorization": "Bearer " + sessionStorage.getItem("herald.key"), "Content-Type": "application/json"},
		body: JSON.stringify({type: "job.completed", data: {}})}).then((r) => r.status)`, chromedp.EvalAwaitPromise))
	if status != http.StatusForbidden {
		t.Fatalf("the portal session posting an event = %d, want 403", status)
	}
	pg.run("the portal's jobs page", chromedp.Navigate(strings.Split(first.URL, "#")[0]+"#/t/acme/jobs"),
		chromedp.WaitVisible(chromedp.CSS(`.callback-signing p`)))
	if pg.present(`.callback-signing button`) {
		t.Fatal("the portal offers to rotate the tenant's callback secret")
	}

	// The same link again: it signed in once, so now it says so, with the
	// way back to the platform.
	pg.run("opening the link a second time", chromedp.Navigate(first.URL), ended)
	if msg := pg.text(`section.ended`); !strings.Contains(msg, "already used") {
		t.Fatalf("a used link shows %q", msg)
	}
	back := eval(pg, "reading the way back", chromedp.Evaluate[string](`document.querySelector("section.ended a.button").href`))
	if back != allowed.URL+"/settings" || !strings.Contains(pg.text(`section.ended a.button`), "Acme Cloud") {
		t.Fatalf("the way back is %q (%q), want %s/settings named after the platform", back, pg.text(`section.ended a.button`), allowed.URL)
	}
	screenshot(t, ctx, "portal-link-used")

	// Revoked while open: the next page says the session ended.
	revoked := link(map[string]any{})
	pg.run("opening a link to revoke", chromedp.Navigate(revoked.URL), signedIn)
	p.apiJSON(t, "POST", "/v1/tenants/acme/portal-sessions/revoke", nil, nil)
	pg.run("moving on after the revocation", chromedp.Click(chromedp.CSS(`nav a[href$="/deliveries"]`)), ended)
	if pg.present(`form.login`) {
		t.Fatal("a revoked portal shows the API key sign-in form")
	}

	// A read-only session's portal offers no change.
	readOnly := link(map[string]any{"role": "read-only"})
	pg.run("opening a read-only session's link", chromedp.Navigate(readOnly.URL), signedIn)
	if pg.present(`form.inline`) {
		t.Fatal("a read-only session's endpoint list offers to add an endpoint")
	}
	// Signing out ends the session on the server, not only in the tab:
	// its key no longer works (issue 25). The page shows the end once the
	// server has answered.
	roKey := eval(pg, "reading the session's key", chromedp.Evaluate[string](`sessionStorage.getItem("herald.key")`))
	pg.run("signing out", chromedp.Click(chromedp.CSS(`#logout`)), ended)
	if msg := pg.text(`section.ended`); !strings.Contains(msg, "signed out") {
		t.Fatalf("signing out shows %q", msg)
	}
	req, _ := http.NewRequest("GET", "http://"+p.addr+"/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+roKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if roKey == "" || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the session's key (%d characters) after signing out: GET /v1/me = %d, want 401", len(roKey), resp.StatusCode)
	}
	pg.run("opening another read-only session's link", chromedp.Navigate(link(map[string]any{"role": "read-only"}).URL), signedIn)

	// Ended: a session of seconds, once its end has passed, is refused.
	// The test uses its link itself, at once, rather than have the browser
	// open it within those seconds (a slow machine might not); the page
	// is then given the session's key, as the link gives it.
	short := link(map[string]any{"lifetime": "3s", "role": "read-only"})
	var signedInShort struct {
		Key string `json:"key"`
	}
	p.apiJSON(t, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": short.Token}, &signedInShort)
	key := signedInShort.Key
	deadline := time.Now().Add(30 * time.Second)
	for {
		req, _ := http.NewRequest("GET", "http://"+p.addr+"/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a 3-second session still works after 30 s")
		}
		time.Sleep(100 * time.Millisecond) // polling the server's clock past the session's end
	}
	eval(pg, "giving the page the session's key", chromedp.Evaluate[bool](`sessionStorage.setItem("herald.key", `+strconv.Quote(key)+`), true`))
	pg.run("moving on after the end", chromedp.Click(chromedp.CSS(`nav a[href$="/deliveries"]`)), ended)
	if msg := pg.text(`section.ended`); !strings.Contains(msg, "ended at") {
		t.Fatalf("an ended session shows %q", msg)
	}
	screenshot(t, ctx, "portal-ended")

	// A session limited to one endpoint shows that endpoint and its
	// deliveries only, with no tab for what it may not see.
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/other"}, nil)
	one := link(map[string]any{"endpoint_ids": []string{ep.ID}})
	pg.run("opening a link limited to one endpoint", chromedp.Navigate(one.URL), signedIn)
	if rows := eval(pg, "counting endpoints", chromedp.Evaluate[int](`document.querySelectorAll("main tbody tr").length`)); rows != 1 {
		t.Fatalf("a session limited to one endpoint lists %d endpoints", rows)
	}
	if pg.present(`nav a[href$="/events"]`) || pg.present(`nav a[href$="/overview"]`) || pg.present(`form.inline`) {
		t.Fatal("a session limited to one endpoint offers events, the overview or a new endpoint")
	}
	pg.run("its deliveries", chromedp.Click(chromedp.CSS(`nav a[href$="/deliveries"]`)), chromedp.WaitVisible(chromedp.CSS(`form.filters`)),
		chromedp.WaitVisible(chromedp.CSS(`main tbody tr`)))
	screenshot(t, ctx, "portal-limited-deliveries")

	// In a frame of the allowed origin, the portal signs in and works.
	framed := link(map[string]any{"name": "Acme Cloud"})
	pg.run("a portal framed by the allowed platform", chromedp.Navigate(allowed.URL+"/?src="+url.QueryEscape(framed.URL)),
		chromedp.WaitVisible(chromedp.CSS(`iframe#portal`)))
	frames := eval(pg, "finding the frame", chromedp.Nodes(chromedp.CSS(`iframe#portal`)))
	pg.run("the framed portal", chromedp.WaitVisible(chromedp.CSS(`tr[data-id="`+ep.ID+`"]`), chromedp.FromNode(frames[0])))
	screenshot(t, ctx, "portal-framed")
	if !linkUsed(framed.ID) {
		t.Fatal("the framed portal showed the endpoints but its link is not used")
	}

	// In a frame of another origin, the browser refuses to show it: the
	// frame holds the browser's error page, and the link stays unused.
	refused := link(map[string]any{})
	pg.run("a portal framed by another origin", chromedp.Navigate(stranger.URL+"/?src="+url.QueryEscape(refused.URL)),
		chromedp.WaitVisible(chromedp.CSS(`iframe#portal`)))
	var frameURL string
	deadline = time.Now().Add(15 * time.Second)
	for {
		frames := eval(pg, "finding the frame", chromedp.Nodes(chromedp.CSS(`iframe#portal`)))
		if doc := frames[0].ContentDocument; doc != nil {
			doc.RLock()
			frameURL = doc.DocumentURL
			doc.RUnlock()
		}
		if strings.HasPrefix(frameURL, "chrome-error:") || strings.HasPrefix(frameURL, "http") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond) // polling the frame until it has loaded something
	}
	if !strings.HasPrefix(frameURL, "chrome-error:") {
		t.Fatalf("a frame of another origin holds %q, want the browser's refusal", frameURL)
	}
	if linkUsed(refused.ID) {
		t.Fatal("a portal framed by another origin signed in")
	}
}
