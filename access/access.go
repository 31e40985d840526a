// Package access decides who may make which API call. Every route states
// what it needs (a Rule); Decide answers for a key's role and tenant, so
// the grid of routes × roles lives in one table (the API's routes) and one
// pure function, not in handlers.
package access

import (
	"fmt"
	"strings"

	"github.com/heraldhq/herald"
)

// Need is what a call does, from least to most.
type Need int

const (
	// Anyone: any valid key (who am I, the event catalogue).
	Anyone Need = iota
	// Read reads a tenant's resources.
	Read
	// Manage changes a tenant's endpoints (create, edit, pause, delete,
	// test, rotate, replay) and retries its deliveries: what a platform's
	// customer does in the portal.
	Manage
	// Write sends events, runs jobs and changes the tenant's own secrets
	// and sessions: what the platform itself does for a tenant.
	Write
	// Operate manages tenants, keys and the event catalogue: admin keys
	// only.
	Operate
)

// what says, for a refusal, what a need is.
var what = map[Need]string{
	Read:    "read this tenant's resources",
	Manage:  "change endpoints or retry deliveries",
	Write:   "send events, run jobs, or change the tenant's secrets or portal sessions",
	Operate: "manage tenants, API keys or the event catalogue",
}

// grants holds, per role, the most it may do.
var grants = map[herald.Role]Need{
	herald.RoleAdmin:    Operate,
	herald.RoleTenant:   Write,
	herald.RolePortal:   Manage,
	herald.RoleReadOnly: Read,
}

// Allows reports whether role may make calls that need n, on its own
// tenant.
func Allows(role herald.Role, n Need) bool {
	most, ok := grants[role]
	return ok && n <= most
}

// Roles lists the roles that may make calls that need n, most first.
func Roles(n Need) []herald.Role {
	var out []herald.Role
	for _, r := range herald.Roles {
		if Allows(r, n) {
			out = append(out, r)
		}
	}
	return out
}

// Scope is what a route is to a key limited to some endpoints (a portal
// session made for them).
type Scope int

const (
	// Unscoped routes reach beyond endpoints (events, jobs, the tenant's
	// sums, new endpoints): refused to a limited key.
	Unscoped Scope = iota
	// Free routes reveal nothing of any endpoint (who am I, the
	// catalogue, the tenant's name).
	Free
	// EndpointPath routes name an endpoint in their path: only the key's.
	EndpointPath
	// Filtered routes narrow what they answer to the key's endpoints
	// themselves (the endpoint list, the deliveries).
	Filtered
)

// Rule is what a route needs: the Need, whether its path names a tenant
// ({tenant}), which a key of another tenant must not learn exists, and
// what it is to a key limited to some endpoints.
type Rule struct {
	Need   Need
	Tenant bool
	Scope  Scope
}

// Key is what Decide reads of an API key.
type Key struct {
	Role   herald.Role
	Tenant string // "" for an admin key
	// Endpoints, when not empty, limits the key to these endpoints.
	Endpoints []string
}

// KeyOf is what Decide reads of k.
func KeyOf(k *herald.APIKey) Key {
	return Key{Role: k.Role, Tenant: k.TenantID, Endpoints: k.EndpointIDs}
}

// Limited reports whether k sees only some endpoints, and whether id is
// one of them.
func (k Key) Limited(id string) (limited, allowed bool) {
	if len(k.Endpoints) == 0 {
		return false, true
	}
	for _, e := range k.Endpoints {
		if e == id {
			return true, true
		}
	}
	return true, false
}

// Path is what a request's path names.
type Path struct {
	Tenant, Endpoint string
}

// Verdict is Decide's answer.
type Verdict int

const (
	// Allow: the call goes ahead.
	Allow Verdict = iota
	// Hidden: the path names another tenant; answer as if it did not
	// exist (404), so that no key learns which tenants do.
	Hidden
	// Forbidden: the key's role may not make this call (403).
	Forbidden
)

// Decide says whether key k may call a route with rule r whose path
// names p.
func Decide(k Key, r Rule, p Path) Verdict {
	switch {
	case k.Tenant == "" && k.Role == herald.RoleAdmin:
		return Allow
	case k.Tenant == "" || k.Role == herald.RoleAdmin:
		// A key without a tenant that is not an admin's, or a tenant's
		// key with the admin role: never made, so refuse it everything
		// rather than guess.
		return Forbidden
	case r.Tenant && p.Tenant != k.Tenant:
		return Hidden
	case !Allows(k.Role, r.Need):
		return Forbidden
	}
	if limited, allowed := k.Limited(p.Endpoint); limited {
		switch r.Scope {
		case Unscoped:
			return Forbidden
		case EndpointPath:
			if !allowed {
				return Hidden
			}
		}
	}
	return Allow
}

// Limits is the message of a Forbidden verdict for a key limited to some
// endpoints on a route beyond them.
const Limits = "this portal session is limited to some endpoints; it may see and manage only those, and their deliveries"

// Refusal is the message of a Forbidden verdict: the role, what it lacks,
// and which roles have it.
func Refusal(role herald.Role, n Need) string {
	names := make([]string, 0, len(herald.Roles))
	for _, r := range Roles(n) {
		names = append(names, string(r))
	}
	return fmt.Sprintf("this key's role, %q, may not %s; that needs a key with the role %s", role, what[n], strings.Join(names, " or "))
}
