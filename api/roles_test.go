package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
)

// Every route × every role, against the running server: a role the
// OpenAPI document lists for an operation (x-herald-roles) gets past
// authorization (any answer but 401 or 403), any other role gets 403
// naming it, and what a refused call asked for does not happen.
func TestRouteRoleMatrix(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	h := newHarness(t)
	h.tenant("acme")
	h.tenant("spare") // the admin's cells act on it, so that acme's keys live on
	keys := map[herald.Role]string{herald.RoleAdmin: adminKey}
	for _, role := range []herald.Role{herald.RoleTenant, herald.RolePortal, herald.RoleReadOnly} {
		var k struct {
			Key  string      `json:"key"`
			Role herald.Role `json:"role"`
		}
		h.must(http.StatusCreated, "POST", "/v1/tenants/acme/keys", map[string]any{"name": string(role), "role": role}, &k)
		if k.Role != role {
			t.Fatalf("a key made with role %s has role %s", role, k.Role)
		}
		keys[role] = k.Key
	}
	var me struct {
		Role herald.Role `json:"role"`
	}
	h.must(http.StatusOK, "GET", "/v1/me", nil, &me)
	if me.Role != herald.RoleAdmin {
		t.Fatalf("GET /v1/me with the admin key: role %q", me.Role)
	}

	cells, refused := 0, 0
	table := h.api.Roles()
	for _, route := range h.api.Routes() {
		method, pattern, _ := strings.Cut(route, " ")
		if _, behindKey := table[route]; !behindKey {
			continue // health, the document, a link's exchange
		}
		op := doc.Paths.Find(pattern).GetOperation(method)
		var allowed []herald.Role
		for _, r := range op.Extensions["x-herald-roles"].([]any) {
			allowed = append(allowed, herald.Role(r.(string)))
		}
		for _, role := range herald.Roles {
			tenant := "acme"
			if role == herald.RoleAdmin {
				tenant = "spare"
			}
			path := strings.ReplaceAll(pattern, "{tenant}", tenant)
			for _, p := range []string{"{endpoint}", "{event}", "{job}", "{delivery}", "{key}", "{session}"} {
				path = strings.ReplaceAll(path, p, "nope")
			}
			var body any
			if method != "GET" && method != "DELETE" {
				body = map[string]any{}
			}
			if route == "POST /v1/tenants/{tenant}/events" {
				// A valid event, so that only the role can stop it.
				body = map[string]any{"id": "by-" + string(role), "type": "job.completed", "data": map[string]any{}}
			}
			var answer apiError
			code := h.call(method, path, keys[role], body, &answer)
			cells++
			switch {
			case slices.Contains(allowed, role) && (code == http.StatusForbidden || code == http.StatusUnauthorized):
				t.Errorf("%s %s as %s = %d %+v; the table allows it", method, path, role, code, answer)
			case !slices.Contains(allowed, role):
				refused++
				if code != http.StatusForbidden || answer.Error.Code != "forbidden" || !strings.Contains(answer.Error.Message, `"`+string(role)+`"`) {
					t.Errorf("%s %s as %s = %d %+v; want 403 naming the role", method, path, role, code, answer)
				}
			}
		}
	}
	// Every route behind a key × 4 roles, of which portal and read-only
	// are refused the writes: the test walked the whole table.
	if len(table) < 35 || cells != len(table)*4 || refused < 20 {
		t.Fatalf("walked %d cells, %d refused; the table has %d routes × 4 roles", cells, refused, len(table))
	}
	t.Logf("%d cells, %d refused, %d allowed", cells, refused, cells-refused)

	// The refused events were not stored; the allowed one was.
	for role, want := range map[herald.Role]int{herald.RoleTenant: http.StatusOK, herald.RolePortal: http.StatusNotFound, herald.RoleReadOnly: http.StatusNotFound} {
		if code := h.call("GET", "/v1/tenants/acme/events/by-"+string(role), adminKey, nil, nil); code != want {
			t.Errorf("the event a %s key sent: GET answered %d, want %d", role, code, want)
		}
	}
	// A role that names another tenant still learns nothing: 404.
	for _, role := range []herald.Role{herald.RoleTenant, herald.RolePortal, herald.RoleReadOnly} {
		var answer apiError
		if code := h.call("POST", "/v1/tenants/spare/events", keys[role], map[string]any{"type": "x", "data": map[string]any{}}, &answer); code != http.StatusNotFound {
			t.Errorf("a %s key posting to another tenant = %d %+v, want 404", role, code, answer)
		}
	}
	// A key cannot be made with the admin role or an unknown one.
	for _, role := range []string{"admin", "root"} {
		var answer apiError
		if code := h.call("POST", "/v1/tenants/acme/keys", adminKey, map[string]any{"name": "x", "role": role}, &answer); code != http.StatusBadRequest {
			t.Errorf("a key with role %q: %d %+v, want 400", role, code, answer)
		}
	}
}
