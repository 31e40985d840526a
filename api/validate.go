package api

import (
	"bytes"
	"encoding/json"

	"github.com/heraldhq/herald/endpointspec"
)

// Limits on what callers send: the rules of names are those of an
// endpoint's settings (package endpointspec), so that an event's channels
// and an endpoint's are checked alike.
const (
	maxNameLen     = endpointspec.MaxNameLen // event types, channels, ids
	maxChannels    = endpointspec.MaxChannels
	maxEventTypes  = endpointspec.MaxEventTypes
	maxDescription = endpointspec.MaxDescription
)

// validName reports whether s may be an id, an event type or a channel
// (endpointspec.ValidName).
func validName(s string) bool { return endpointspec.ValidName(s) }

// validID reports whether s may be an id a client chooses (a tenant, an
// event, a job): a name that starts with a letter or a digit. So no id is
// "." or "..", which URL paths resolve away, and none starts with
// punctuation that reads as an option or a hidden file.
func validID(s string) bool {
	return validName(s) && isAlnum(s[0])
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// checkID checks an id a client chose, with the one rule docs/api.md gives.
func checkID(field, s string) error {
	if !validID(s) {
		return invalidf("%s %q is not valid: use 1 to %d letters, digits, '.', '_', ':' or '-', starting with a letter or a digit", field, s, maxNameLen)
	}
	return nil
}

func checkName(field, s string) error { return endpointspec.CheckName(field, s) }

func checkNames(field string, list []string, limit int) error {
	return endpointspec.CheckNames(field, list, limit)
}

// checkData requires a JSON object and returns it compacted, so stored and
// signed bodies carry no incidental whitespace.
func checkData(raw json.RawMessage) (json.RawMessage, error) {
	data, err := checkJSON("data", raw)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, errMissing("data", `{"data": {"id": "job_123"}}`)
	}
	if data[0] != '{' {
		return nil, invalidf("field \"data\" must be a JSON object, such as {\"id\": \"job_123\"}")
	}
	return data, nil
}

// checkJSON accepts any JSON value (absent or null: nil) and returns it
// compacted.
func checkJSON(field string, raw json.RawMessage) (json.RawMessage, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return nil, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(trimmed))
	if err := json.Compact(&buf, trimmed); err != nil {
		return nil, invalidf("field %q is not valid JSON: %v", field, err)
	}
	return buf.Bytes(), nil
}
