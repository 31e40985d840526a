// Package ui is Herald's dashboard: static pages that call the REST API
// with the key the user gives, so the dashboard can do exactly what that
// key may do and nothing more. An admin key sees every tenant; a tenant
// key sees its own tenant only, which makes the same pages a portal that a
// platform can hand to its customers.
//
// The pages hold no secrets of their own and need no build step. Every
// value from the API is rendered as text (never as HTML), and the Content
// Security Policy allows scripts from this origin only, so a payload or a
// receiver's answer cannot run script in the dashboard.
package ui

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var static embed.FS

// Handler serves the dashboard under prefix (such as "/ui/").
func Handler(prefix string) http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("ui: the embedded files are missing: " + err.Error())
	}
	files := http.StripPrefix(prefix, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
