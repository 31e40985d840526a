package tenantfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
)

// Found red-teaming the tenant move: a file of one tenant (exported
// without --all) carried admin keys through Decode, and herald tenant
// import wrote them into the store it imports into. Whoever made the file
// with the export key (the operator of the installation a tenant leaves)
// would hold an admin key of every tenant of the installation that takes
// it in, from what its operator imports as one tenant. A tenant's file
// carries no admin key, and a tenant's key holds a tenant's role only.
func TestDecodeRefusesWhatATenantsFileCannotHold(t *testing.T) {
	b := box(t)
	tests := []struct {
		name string
		edit func(c *Contents)
		want string
	}{
		{"an admin key in a tenant's file", func(c *Contents) { c.All = false }, "admin key"},
		{"a tenant's key with the admin role", func(c *Contents) { c.Tenants[0].Keys[0].Role = herald.RoleAdmin }, "role"},
		{"a tenant's key of no role", func(c *Contents) { c.Tenants[0].Keys[0].Role = "root" }, "role"},
		{"an admin key of another role", func(c *Contents) { c.AdminKeys[0].Role = herald.RoleTenant }, "role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := contents()
			tt.edit(c)
			var buf bytes.Buffer
			if err := Encode(&buf, c, b); err != nil {
				t.Fatal(err)
			}
			got, err := Decode(bytes.NewReader(buf.Bytes()), b)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode = %v (admin keys %d), want an error naming %q", err, len(adminKeys(got)), tt.want)
			}
		})
	}
}

func adminKeys(c *Contents) []*herald.APIKey {
	if c == nil {
		return nil
	}
	return c.AdminKeys
}
