package layers

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/heraldhq/herald"

// layer is each package's layer, as docs/architecture.md lists them; a
// package not named here (test helpers, internal parts of a store) is not
// checked.
var layer = map[string]int{
	"retry": 1, "ratelimit": 1, "lane": 1, "backoff": 1, "header": 1, "egress": 1, "signing": 1, "seal": 1,
	"clientip": 1, "throttle": 1, "ratelog": 1, "sigscheme": 1, "tlscert": 1,
	"":       2, // the domain, package herald
	"access": 3, "health": 3, "schema": 3, "portal": 3, "preset": 3, "wire": 3, "endpointspec": 3, "opevent": 3,
	"sender": 3, "verify": 3,
	"store": 4, "store/sqlite": 4, "store/postgres": 4, "endpointcache": 4, "tracing": 4, "tenantfile": 4,
	"intake": 5, "delivery": 5, "retention": 5, "startgate": 5,
	"opevent/emitter": 6,
	"api":             7, "ui": 7, "client": 7,
	"cmd/herald": 8, "cmd/herald-bench": 8,
}

// apart is the layer whose packages import none of each other: the
// mechanisms on the store each stand on the layers below, so that the
// engine never reaches the intake (or the API) by an import.
const apart = 5

func TestNothingImportsUpward(t *testing.T) {
	cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...")
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		from, ok := name(fields[0])
		if !ok {
			continue
		}
		lf, known := layer[from]
		if !known {
			continue
		}
		checked++
		for _, imp := range fields[1:] {
			to, ok := name(imp)
			lt, known := layer[to]
			if !ok || !known {
				continue
			}
			if lt > lf || (lt == lf && lf == apart) {
				t.Errorf("%s (layer %d) imports %s (layer %d): nothing imports from a layer above its own, and the mechanisms of layer %d none of each other (docs/architecture.md, \"Layers\")",
					display(from), lf, display(to), lt, apart)
			}
		}
	}
	if checked < len(layer)/2 {
		t.Fatalf("checked %d packages of the %d listed: go list's answer is not what this test reads", checked, len(layer))
	}
}

// name is a package's path within the module ("" for the domain).
func name(path string) (string, bool) {
	if path == module {
		return "", true
	}
	rest, ok := strings.CutPrefix(path, module+"/")
	return rest, ok
}

func display(name string) string {
	if name == "" {
		return "herald"
	}
	return name
}
