// Package ui is Herald's dashboard: static pages that call the REST API
// with the key the user gives, so the dashboard can do exactly what that
// key may do and nothing more. An admin key sees every tenant; a tenant
// key sees its own tenant only, which makes the same pages a portal that a
// platform can hand to its customers.
//
// A platform can also hand a customer a portal session's link instead of a
// key: the pages exchange its one-time token for a session key that ends
// with the session (package portal), and may then be embedded in a frame
// of the origins the operator allows.
//
// The pages hold no secrets of their own and need no build step. Every
// value from the API is rendered as text (never as HTML), and the Content
// Security Policy allows scripts from this origin only, so a payload or a
// receiver's answer cannot run script in the dashboard.
package ui

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
)

//go:embed static
var static embed.FS

// Options shape the dashboard for the portals a platform hands out.
type Options struct {
	// FrameAncestors is the CSP frame-ancestors value: who may embed the
	// dashboard in a frame ("" or "'none'": nobody). See
	// portal.FrameAncestors.
	FrameAncestors string
	// ReturnURL is where a customer whose portal session ended is sent
	// back to ("" for no link).
	ReturnURL string
}

// Handler serves the dashboard under prefix (such as "/ui/"), and at
// prefix+"config.json" what the pages need to know of o.
func Handler(prefix string, o Options) http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("ui: the embedded files are missing: " + err.Error())
	}
	if o.FrameAncestors == "" {
		o.FrameAncestors = "'none'"
	}
	csp := "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors " +
		o.FrameAncestors + "; base-uri 'none'"
	config, _ := json.Marshal(map[string]string{"portal_return_url": o.ReturnURL}) // strings cannot fail
	files := http.StripPrefix(prefix, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		if r.URL.Path == prefix+"config.json" {
			h.Set("Content-Type", "application/json")
			_, _ = w.Write(config)
			return
		}
		files.ServeHTTP(w, r)
	})
}
