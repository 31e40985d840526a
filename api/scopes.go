package api

import "github.com/heraldhq/herald/access"

// Scopes lists, for each route of Routes under /v1, what it is to a key
// limited to some endpoints (access.Scope): the scope half of the route
// table, which a test walks with limited sessions.
func (s *Server) Scopes() map[string]access.Scope {
	out := make(map[string]access.Scope, len(s.rules))
	for p, r := range s.rules {
		out[p] = r.Scope
	}
	return out
}
