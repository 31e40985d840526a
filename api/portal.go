package api

import (
	"net/http"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/portal"
	"github.com/heraldhq/herald/store"
)

// maxSessionEndpoints bounds the endpoints a session may be limited to.
const maxSessionEndpoints = 100

// createPortalSession makes a session and the link that opens it.
func (s *Server) createPortalSession(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Role     herald.Role `json:"role"`
		Lifetime string      `json:"lifetime"`
		Theme    string      `json:"theme"`
		Name     string      `json:"name"`
		// EndpointIDs limits the session to these of the tenant's
		// endpoints.
		EndpointIDs []string `json:"endpoint_ids"`
	}
	if s.cfg.PublicURL == "" {
		// Never the request's Host: a client chooses it, and a link built
		// from it could send the customer to any site.
		return errNoPublicURL
	}
	if r.ContentLength != 0 {
		if err := decode(w, r, &in, maxBody); err != nil {
			return err
		}
	}
	session, err := portal.Decide(portal.Request{Role: in.Role, Lifetime: in.Lifetime, Theme: in.Theme, Name: in.Name}, s.cfg.PortalSessionMax)
	if err != nil {
		return err
	}
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	if err := checkNames("endpoint_ids", in.EndpointIDs, maxSessionEndpoints); err != nil {
		return err
	}
	for i, id := range in.EndpointIDs {
		ep, err := s.cfg.Store.FindEndpointByID(r.Context(), tenant, id)
		if herald.ErrorCode(err) == herald.ENOTFOUND || (err == nil && ep.JobID != "") {
			return invalidf("endpoint_ids[%d]: the tenant has no endpoint %q", i, id)
		}
		if err != nil {
			return err
		}
		if access.Reports(access.Routing{EventTypes: ep.EventTypes}) {
			return invalidf("endpoint_ids[%d]: endpoint %s receives operational events (endpoint.*, delivery.*), which tell of every endpoint of the tenant; a session limited to some endpoints cannot manage it", i, id)
		}
		kept, err := s.keptOperational(r, tenant, id)
		if err != nil {
			return err
		}
		if kept {
			return invalidf("endpoint_ids[%d]: endpoint %s received operational events (endpoint.*, delivery.*), which tell of every endpoint of the tenant, and its deliveries keep them; a session limited to some endpoints would read, replay and retry them: use another endpoint, or make the session once --retention has deleted them", i, id)
		}
	}
	now := s.now()
	expires := now.Add(session.Lifetime)
	token := portal.NewToken()
	// The session's key is made when the link is used; until then its
	// hash is of bytes nobody ever sees.
	_, placeholder := NewAPIKey()
	k := &herald.APIKey{ID: herald.NewID(herald.PrefixSession), TenantID: tenant, Name: "portal session", Role: session.Role,
		Hash: placeholder, CreatedAt: now, ExpiresAt: &expires, Session: true, LinkHash: HashAPIKey(token), EndpointIDs: in.EndpointIDs}
	if err := s.cfg.Store.CreateAPIKey(r.Context(), k); err != nil {
		return err
	}
	// A key may have subscribed one of the endpoints to operational events
	// since the check above, having checked for sessions before this one
	// was stored: looked at again now, such a session is ended unused.
	for i, id := range in.EndpointIDs {
		ep, err := s.cfg.Store.FindEndpointByID(r.Context(), tenant, id)
		if err == nil && !access.Reports(access.Routing{EventTypes: ep.EventTypes}) || herald.ErrorCode(err) == herald.ENOTFOUND {
			continue
		}
		if _, derr := s.cfg.Store.DeletePortalSessions(r.Context(), tenant, k.ID); derr != nil {
			return derr
		}
		if err != nil {
			return err
		}
		return herald.Errorf(herald.ECONFLICT, "endpoint_ids[%d]: endpoint %s was just subscribed to operational events (endpoint.*, delivery.*), which tell of every endpoint of the tenant; no session was made", i, id)
	}
	writeJSON(w, http.StatusCreated, struct {
		herald.PortalSession
		Token string `json:"token"`
		URL   string `json:"url"`
	}{k.PortalSession(), token, portal.Link(s.cfg.PublicURL, token, session)})
	return nil
}

// errNoPublicURL refuses to make a portal link on a server that knows no
// address browsers reach it at.
var errNoPublicURL = herald.Errorf(herald.ECONFLICT, "this server makes no portal links: it knows no address browsers reach it at (it listens on every interface); start it with --public-url https://hooks.example.com")

func (s *Server) listPortalSessions(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	keys, err := s.cfg.Store.FindPortalSessions(r.Context(), tenant)
	if err != nil {
		return err
	}
	out := make([]herald.PortalSession, len(keys))
	for i, k := range keys {
		out[i] = k.PortalSession()
	}
	writeJSON(w, http.StatusOK, newList(out, ""))
	return nil
}

// revokePortalSessions ends every session of the tenant at once.
func (s *Server) revokePortalSessions(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	ids, err := s.cfg.Store.DeletePortalSessions(r.Context(), tenant, "")
	if err != nil {
		return err
	}
	for _, id := range ids {
		s.keys.forget(id)
	}
	writeJSON(w, http.StatusOK, map[string]int{"revoked": len(ids)})
	return nil
}

func (s *Server) deletePortalSession(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	id := r.PathValue("session")
	if _, err := s.cfg.Store.DeletePortalSessions(r.Context(), r.PathValue("tenant"), id); err != nil {
		return err
	}
	s.keys.forget(id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// exchangePortalLink signs a browser in with a link's token, once: it
// answers the session's key, which the dashboard keeps in its tab.
func (s *Server) exchangePortalLink(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token string `json:"token"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.Token == "" {
		return errMissing("token", `{"token": "hpl_..."}`)
	}
	key, hash := NewAPIKey()
	k, err := s.cfg.Store.ExchangePortalLink(r.Context(), HashAPIKey(in.Token), hash, s.now())
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return s.authFailed(r, herald.Errorf(herald.EUNAUTHORIZED,
			"this sign-in link has expired, was already used, or was revoked; ask for a new one"))
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		herald.PortalSession
		Key string `json:"key"`
	}{k.PortalSession(), key})
	return nil
}

// keptOperational reports whether endpoint id of tenant has deliveries
// of operational events kept (it received them before it unsubscribed):
// a session limited to it would read them in its delivery history. One
// small read per type, on a call made rarely.
func (s *Server) keptOperational(r *http.Request, tenant, id string) (bool, error) {
	for _, typ := range opevent.Types {
		ds, _, err := s.cfg.Store.FindDeliveries(r.Context(), store.DeliveryFilter{TenantID: tenant, EndpointID: id, EventType: typ, Page: store.Page{Limit: 1}})
		if err != nil || len(ds) > 0 {
			return len(ds) > 0, err
		}
	}
	return false, nil
}
