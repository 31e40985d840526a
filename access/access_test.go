package access

import (
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
)

func TestDecide(t *testing.T) {
	tenantRead := Rule{Need: Read, Tenant: true}
	tenantManage := Rule{Need: Manage, Tenant: true}
	tenantWrite := Rule{Need: Write, Tenant: true}
	tenantOperate := Rule{Need: Operate, Tenant: true}
	global := Rule{Need: Operate}
	anyone := Rule{Need: Anyone}
	for _, c := range []struct {
		name       string
		role       herald.Role
		keyTenant  string
		rule       Rule
		pathTenant string
		want       Verdict
	}{
		{"admin on any tenant", herald.RoleAdmin, "", tenantOperate, "acme", Allow},
		{"admin on a global route", herald.RoleAdmin, "", global, "", Allow},
		{"a tenant-less key that is not an admin's", herald.RoleTenant, "", tenantRead, "acme", Forbidden},
		{"a tenant's key with the admin role is refused", herald.RoleAdmin, "acme", global, "", Forbidden},
		{"tenant writes its own", herald.RoleTenant, "acme", tenantWrite, "acme", Allow},
		{"tenant on another tenant", herald.RoleTenant, "acme", tenantRead, "other", Hidden},
		{"tenant may not manage keys", herald.RoleTenant, "acme", tenantOperate, "acme", Forbidden},
		{"tenant may not list tenants", herald.RoleTenant, "acme", global, "", Forbidden},
		{"portal manages endpoints", herald.RolePortal, "acme", tenantManage, "acme", Allow},
		{"portal reads", herald.RolePortal, "acme", tenantRead, "acme", Allow},
		{"portal may not send events", herald.RolePortal, "acme", tenantWrite, "acme", Forbidden},
		{"portal on another tenant: hidden before forbidden", herald.RolePortal, "acme", tenantWrite, "other", Hidden},
		{"read-only reads", herald.RoleReadOnly, "acme", tenantRead, "acme", Allow},
		{"read-only may not manage", herald.RoleReadOnly, "acme", tenantManage, "acme", Forbidden},
		{"read-only asks who it is", herald.RoleReadOnly, "acme", anyone, "", Allow},
		{"an unknown role gets nothing", herald.Role("root"), "acme", tenantRead, "acme", Forbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Decide(Key{Role: c.role, Tenant: c.keyTenant}, c.rule, Path{Tenant: c.pathTenant}); got != c.want {
				t.Fatalf("Decide = %v, want %v", got, c.want)
			}
		})
	}
}

func TestRoles(t *testing.T) {
	for need, want := range map[Need][]herald.Role{
		Anyone:  herald.Roles,
		Read:    herald.Roles,
		Manage:  {herald.RoleAdmin, herald.RoleTenant, herald.RolePortal},
		Write:   {herald.RoleAdmin, herald.RoleTenant},
		Operate: {herald.RoleAdmin},
	} {
		if got := Roles(need); !slices.Equal(got, want) {
			t.Errorf("Roles(%d) = %v, want %v", need, got, want)
		}
	}
}

func TestRefusalNamesRoleAndLack(t *testing.T) {
	m := Refusal(herald.RolePortal, Write)
	for _, want := range []string{`"portal"`, "send events", "admin or tenant"} {
		if !strings.Contains(m, want) {
			t.Errorf("%q lacks %q", m, want)
		}
	}
}

func TestDecideForALimitedKey(t *testing.T) {
	k := Key{Role: herald.RolePortal, Tenant: "acme", Endpoints: []string{"ep_1", "ep_2"}}
	for _, c := range []struct {
		name string
		rule Rule
		path Path
		want Verdict
	}{
		{"one of its endpoints", Rule{Need: Manage, Tenant: true, Scope: EndpointPath}, Path{"acme", "ep_2"}, Allow},
		{"another endpoint: as if it did not exist", Rule{Need: Read, Tenant: true, Scope: EndpointPath}, Path{"acme", "ep_3"}, Hidden},
		{"the endpoint list, narrowed by its handler", Rule{Need: Read, Tenant: true, Scope: Filtered}, Path{"acme", ""}, Allow},
		{"who am I", Rule{Need: Anyone, Scope: Free}, Path{}, Allow},
		{"the events: beyond its endpoints", Rule{Need: Read, Tenant: true}, Path{"acme", ""}, Forbidden},
		{"a new endpoint: beyond them too", Rule{Need: Manage, Tenant: true}, Path{"acme", ""}, Forbidden},
		{"its own endpoint, but a write the role lacks", Rule{Need: Write, Tenant: true, Scope: EndpointPath}, Path{"acme", "ep_1"}, Forbidden},
		{"another tenant first", Rule{Need: Read, Tenant: true, Scope: EndpointPath}, Path{"other", "ep_1"}, Hidden},
	} {
		if got := Decide(k, c.rule, c.path); got != c.want {
			t.Errorf("%s: Decide = %v, want %v", c.name, got, c.want)
		}
	}
	// Unlimited keys pass every scope.
	free := Key{Role: herald.RolePortal, Tenant: "acme"}
	if got := Decide(free, Rule{Need: Read, Tenant: true}, Path{"acme", ""}); got != Allow {
		t.Errorf("an unlimited portal key reading events: %v", got)
	}
	if limited, _ := free.Limited("ep_9"); limited {
		t.Error("a key with no endpoints counts as limited")
	}
}
