package api

import (
	"net/http"

	"github.com/heraldhq/herald"
)

// signOut ends the portal session whose key makes the call, on the
// server, so that the key (in the tab that signed out, or copied from
// it) no longer works anywhere: the dashboard's "Sign out" calls it. An
// API key is no session and is not ended this way.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	if !key.Session {
		return herald.Errorf(herald.ECONFLICT, "this key is an API key, not a portal session; an admin revokes it with DELETE /v1/tenants/{tenant}/keys/{key}")
	}
	if _, err := s.cfg.Store.DeletePortalSessions(r.Context(), key.TenantID, key.ID); err != nil {
		return err
	}
	s.keys.forget(key.ID)
	w.WriteHeader(http.StatusNoContent)
	return nil
}
