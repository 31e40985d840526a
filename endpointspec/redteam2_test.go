package endpointspec

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/heraldhq/herald/header"
)

// Found red-teaming the PATCH that takes back what answers show: a static
// header's value sent as the mask (••••••) keeps the stored one, but a
// bearer token sent as the mask was stored as the token itself, so a
// client treating both credentials alike sent "Authorization: Bearer
// ••••••" from then on and lost the real token. The mask keeps a stored
// token as it keeps a header, and is refused where there is none to keep.
func TestMaskedBearerTokenKeepsTheStoredOne(t *testing.T) {
	stored := valid()
	stored.BearerToken = "rt2-token"
	var p Patch
	if err := json.Unmarshal([]byte(`{"bearer_token": "`+header.Masked+`"}`), &p); err != nil {
		t.Fatal(err)
	}
	got, err := p.Apply(stored)
	if err != nil || got.BearerToken != "rt2-token" {
		t.Fatalf("Apply of the masked bearer token = %q, %v; want the stored token kept", got.BearerToken, err)
	}
	_, err = p.Apply(Defaults())
	if err == nil || !strings.Contains(err.Error(), "bearer_token") {
		t.Fatalf("Apply of the masked bearer token with none stored = %v; want an error naming bearer_token", err)
	}
}
