package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
)

// The route table's scope, against the running server: every route behind
// a key × a portal and a read-only session limited to one endpoint. A
// route that reaches beyond endpoints is a 403 saying the session is
// limited; one that names an endpoint in its path is a 404 for another
// endpoint and reaches its own; one that filters or reveals nothing
// reaches. What the role itself may not do stays a 403 naming the role.
func TestRouteScopeMatrix(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	mine := h.endpoint("acme", map[string]any{"url": rc.url + "/mine"})
	theirs := h.endpoint("acme", map[string]any{"url": rc.url + "/theirs"})
	sessions := map[herald.Role]string{
		herald.RolePortal:   h.session("acme", herald.RolePortal, mine.ID),
		herald.RoleReadOnly: h.session("acme", herald.RoleReadOnly, mine.ID),
	}
	scopes, roles := h.api.Scopes(), h.api.Roles()
	routes := slices.DeleteFunc(h.api.Routes(), func(r string) bool { _, behindKey := scopes[r]; return !behindKey })
	// Deletions last (one may end the endpoint, or the session itself).
	slices.SortStableFunc(routes, func(a, b string) int {
		return boolInt(strings.HasPrefix(a, "DELETE ")) - boolInt(strings.HasPrefix(b, "DELETE "))
	})
	cells := 0
	var apart []string
	for _, route := range routes {
		method, pattern, _ := strings.Cut(route, " ")
		if route == "DELETE /v1/tenants/{tenant}/endpoints/{endpoint}" || method == "DELETE" && !strings.Contains(pattern, "{tenant}") {
			// Walked apart, below, so that the walk keeps its endpoint
			// and its sessions (a sign-out ends the caller's own).
			apart = append(apart, route)
			continue
		}
		for role, key := range sessions {
			allowed := slices.Contains(roles[route], role)
			for _, ep := range []string{theirs.ID, mine.ID} {
				if ep == mine.ID && !strings.Contains(pattern, "{endpoint}") {
					continue
				}
				path := strings.ReplaceAll(strings.ReplaceAll(pattern, "{tenant}", "acme"), "{endpoint}", ep)
				for _, p := range []string{"{event}", "{job}", "{delivery}", "{key}", "{session}"} {
					path = strings.ReplaceAll(path, p, "nope")
				}
				var body any
				if method != "GET" && method != "DELETE" {
					body = map[string]any{}
				}
				var answer apiError
				code := h.call(method, path, key, body, &answer)
				cells++
				scope := scopes[route]
				switch {
				case !allowed:
					if code != http.StatusForbidden || !strings.Contains(answer.Error.Message, `"`+string(role)+`"`) {
						t.Errorf("%s %s as a limited %s session = %d %+v; want 403 naming the role", method, path, role, code, answer)
					}
				case scope == access.Unscoped:
					if code != http.StatusForbidden || answer.Error.Message != access.Limits {
						t.Errorf("%s %s as a limited %s session = %d %+v; want 403, limited", method, path, role, code, answer)
					}
				case scope == access.EndpointPath && ep == theirs.ID:
					if code != http.StatusNotFound {
						t.Errorf("%s %s (another endpoint) as a limited %s session = %d %+v; want 404", method, path, role, code, answer)
					}
				default:
					if code == http.StatusForbidden || code == http.StatusUnauthorized {
						t.Errorf("%s %s as a limited %s session = %d %+v; the table lets it through", method, path, role, code, answer)
					}
				}
			}
		}
	}
	// Deleting: another endpoint is as if it did not exist; its own goes.
	portal := sessions[herald.RolePortal]
	if code := h.call("DELETE", "/v1/tenants/acme/endpoints/"+theirs.ID, portal, nil, nil); code != http.StatusNotFound {
		t.Errorf("a limited session deleting another endpoint = %d, want 404", code)
	}
	if code := h.call("DELETE", "/v1/tenants/acme/endpoints/"+mine.ID, sessions[herald.RoleReadOnly], nil, nil); code != http.StatusForbidden {
		t.Errorf("a limited read-only session deleting its endpoint = %d, want 403", code)
	}
	if code := h.call("DELETE", "/v1/tenants/acme/endpoints/"+mine.ID, portal, nil, nil); code != http.StatusNoContent {
		t.Errorf("a limited session deleting its own endpoint = %d, want 204", code)
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+theirs.ID, nil, nil)
	// Last, what ends the caller's session, open to any key.
	for _, route := range apart {
		method, pattern, _ := strings.Cut(route, " ")
		if strings.Contains(pattern, "{tenant}") {
			continue
		}
		for role, key := range sessions {
			if code := h.call(method, pattern, key, nil, nil); code == http.StatusForbidden || code == http.StatusUnauthorized {
				t.Errorf("%s as a limited %s session = %d; the table lets it through", route, role, code)
			}
		}
	}
	if len(scopes) < 35 || cells < len(scopes)*2 {
		t.Fatalf("walked %d cells over %d routes", cells, len(scopes))
	}
	t.Logf("%d cells", cells)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
