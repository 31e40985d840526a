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
			if got := Decide(c.role, c.keyTenant, c.rule, c.pathTenant); got != c.want {
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
