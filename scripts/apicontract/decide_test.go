package main

import (
	"reflect"
	"testing"
)

const changelog = "# Changelog\n\n" +
	"## Unreleased (0.1.0-dev)\n\n" +
	"### Renamed before the first release\n\n" +
	"- `GET /v1/x`: `from` is `since` (not a declaration: not under Breaking)\n\n" +
	"### Breaking\n\n" +
	"Text between items is allowed.\n\n" +
	"- `response-required-property-removed` `GET /v1/tenants/{tenant}/overview`: `from` and `till` are `since` and `until`\n" +
	"* `request-parameter-removed` `GET /v1/tenants/{tenant}/deliveries` — created_after is since\n\n" +
	"#### Breaking, details\n\n" +
	"- `api-path-removed-without-deprecation` `DELETE /v1/old`: nested under Breaking\n\n" +
	"### Fixed\n\n" +
	"- `api-path-removed-without-deprecation` `GET /v1/fixed`: under Fixed, not a declaration\n\n" +
	"## 0.0.9\n\n" +
	"### Breaking\n\n" +
	"- `api-path-removed-without-deprecation` `GET /v1/released`: a released version's, no longer in force\n"

func TestDeclarations(t *testing.T) {
	got, err := Declarations(changelog)
	if err != nil {
		t.Fatal(err)
	}
	want := []Declaration{
		{"response-required-property-removed", "GET", "/v1/tenants/{tenant}/overview"},
		{"request-parameter-removed", "GET", "/v1/tenants/{tenant}/deliveries"},
		{"api-path-removed-without-deprecation", "DELETE", "/v1/old"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Declarations =\n%v\nwant\n%v", got, want)
	}
}

func TestDeclarationsRefusesAMalformedItem(t *testing.T) {
	for _, text := range []string{
		"## Unreleased\n\n### Breaking\n\n- response-required-property-removed GET /v1/x: no backticks\n",
		"## Unreleased\n\n### Breaking\n\n- `response-required-property-removed` `/v1/x`: no method\n",
		"## Unreleased\n\n### Breaking\n\n- the overview's from is since\n",
	} {
		if _, err := Declarations(text); err == nil {
			t.Errorf("Declarations(%q) took a malformed item", text)
		}
	}
}

func TestUndeclared(t *testing.T) {
	decls, err := Declarations(changelog)
	if err != nil {
		t.Fatal(err)
	}
	overview := Change{ID: "response-required-property-removed", Level: 3, Operation: "GET", Path: "/v1/tenants/{tenant}/overview"}
	for _, tt := range []struct {
		name    string
		changes []Change
		want    []Change
	}{
		{"none", nil, nil},
		{"declared", []Change{overview}, nil},
		{"declared twice over (two properties, one rule)", []Change{overview, overview}, nil},
		{"another operation", []Change{{ID: overview.ID, Level: 3, Operation: "GET", Path: "/v1/tenants/{tenant}/endpoints/{endpoint}/stats"}},
			[]Change{{ID: overview.ID, Level: 3, Operation: "GET", Path: "/v1/tenants/{tenant}/endpoints/{endpoint}/stats"}}},
		{"another method", []Change{{ID: overview.ID, Level: 3, Operation: "POST", Path: overview.Path}},
			[]Change{{ID: overview.ID, Level: 3, Operation: "POST", Path: overview.Path}}},
		{"another rule", []Change{{ID: "response-property-type-changed", Level: 3, Operation: "GET", Path: overview.Path}},
			[]Change{{ID: "response-property-type-changed", Level: 3, Operation: "GET", Path: overview.Path}}},
		{"a warning needs no declaration", []Change{{ID: "response-property-enum-value-added", Level: 2, Operation: "GET", Path: "/v1/x"}}, nil},
		{"a released version's declaration is spent", []Change{{ID: "api-path-removed-without-deprecation", Level: 3, Operation: "GET", Path: "/v1/released"}},
			[]Change{{ID: "api-path-removed-without-deprecation", Level: 3, Operation: "GET", Path: "/v1/released"}}},
		{"an item under Fixed declares nothing", []Change{{ID: "api-path-removed-without-deprecation", Level: 3, Operation: "GET", Path: "/v1/fixed"}},
			[]Change{{ID: "api-path-removed-without-deprecation", Level: 3, Operation: "GET", Path: "/v1/fixed"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Undeclared(tt.changes, decls); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Undeclared = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestUnused(t *testing.T) {
	decls, err := Declarations(changelog)
	if err != nil {
		t.Fatal(err)
	}
	changes := []Change{
		{ID: "response-required-property-removed", Level: 3, Operation: "GET", Path: "/v1/tenants/{tenant}/overview"},
		// A warning with the rule and operation of a declaration does not
		// use it: only errors need one.
		{ID: "request-parameter-removed", Level: 2, Operation: "GET", Path: "/v1/tenants/{tenant}/deliveries"},
	}
	want := []Declaration{
		{"request-parameter-removed", "GET", "/v1/tenants/{tenant}/deliveries"},
		{"api-path-removed-without-deprecation", "DELETE", "/v1/old"},
	}
	if got := Unused(changes, decls); !reflect.DeepEqual(got, want) {
		t.Fatalf("Unused = %v, want %v", got, want)
	}
}
