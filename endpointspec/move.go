package endpointspec

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/heraldhq/herald/header"
)

// SameOrigin reports whether URLs a and b are on the same origin: the
// same scheme, host and port (a port left out is the scheme's default),
// as browsers judge where a credential may go. A URL that cannot be read
// is on no origin, not even its own.
func SameOrigin(a, b string) bool {
	oa, okA := origin(a)
	ob, okB := origin(b)
	return okA && okB && oa == ob
}

func origin(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", false
	}
	scheme, host, port := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + host + ":" + port, true
}

// Carried lists the stored credentials of base that PATCH body p leaves
// in place without giving them: "bearer_token" when a token is stored and
// p leaves it out or sends the mask, and "headers" when a static header
// is stored and p leaves headers out, or keeps a header's value with null
// or the mask. A client never reads these values back (they are
// write-only for every key), so what p carries it does not know.
func (p Patch) Carried(base Settings) (fields []string, headers []string) {
	if base.BearerToken != "" && (p.BearerToken == nil || *p.BearerToken == header.Masked) {
		fields = append(fields, "bearer_token")
	}
	if p.Headers == nil {
		for k := range base.Headers {
			headers = append(headers, k)
		}
	} else {
		for k, v := range *p.Headers {
			if _, stored := storedHeader(base.Headers, k); stored && (v == nil || *v == header.Masked) {
				headers = append(headers, k)
			}
		}
	}
	if len(headers) > 0 {
		fields = append(fields, "headers")
		slices.Sort(headers)
	}
	return fields, headers
}

// CheckMove refuses a PATCH p that moves an endpoint from base's URL to
// next's on another origin while it carries stored credentials it does
// not give (Carried): they were given for the old receiver, and whoever
// may change the URL (a portal session limited to the endpoint among
// them) could otherwise send a credential the platform placed, unseen,
// to a host of their choosing. The request succeeds when it gives them
// again, or removes them ("" for bearer_token, headers without them), in
// the same body. A path on the same origin reaches the same receiver:
// credentials follow it. The rule is the same for every key: none can
// read the values, so none can tell where they would be going.
func CheckMove(p Patch, base, next Settings) error {
	if p.URL == nil || SameOrigin(base.URL, next.URL) {
		return nil
	}
	fields, headers := p.Carried(base)
	if len(fields) == 0 {
		return nil
	}
	var what []string
	if slices.Contains(fields, "bearer_token") {
		what = append(what, "its bearer_token")
	}
	if len(headers) > 0 {
		what = append(what, fmt.Sprintf("the values of headers %s", strings.Join(headers, ", ")))
	}
	return invalidf("url: moving the endpoint to another origin (scheme, host or port) would send %s, stored for the old URL and not given in this request, to the new one; "+
		"give %s again in the same request (bearer_token: \"\" removes the token; headers: a header left out is removed, {} removes all; null or %q keeps a value and is refused here), "+
		"or keep the URL's scheme, host and port",
		strings.Join(what, " and "), strings.Join(fields, " and "), header.Masked)
}
