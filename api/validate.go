package api

import (
	"bytes"
	"encoding/json"

	"github.com/heraldhq/herald/header"
)

// Limits on what callers send.
const (
	maxNameLen     = 128 // event types, channels, ids
	maxChannels    = 10
	maxEventTypes  = 100
	maxDescription = 1024
)

// validName reports whether s may be an id, an event type or a channel:
// letters, digits and . _ : - only, so that it is safe in URLs and logs.
func validName(s string) bool {
	if s == "" || len(s) > maxNameLen {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}

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

func checkName(field, s string) error {
	if !validName(s) {
		return invalidf("%s %q is not valid: use 1 to %d letters, digits, '.', '_', ':' or '-'", field, s, maxNameLen)
	}
	return nil
}

func checkNames(field string, list []string, limit int) error {
	if len(list) > limit {
		return invalidf("%s may list at most %d entries, not %d", field, limit, len(list))
	}
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if err := checkName(field+" entry", s); err != nil {
			return err
		}
		if seen[s] {
			return invalidf("%s lists %q twice", field, s)
		}
		seen[s] = true
	}
	return nil
}

// checkHeaders checks static headers with the one rule of header names
// and values (package header). A nil value (PATCH: keep the stored one)
// is checked as its name only.
func checkHeaders(field string, h map[string]*string) error {
	plain := make(map[string]string, len(h))
	for k, v := range h {
		if v != nil {
			plain[k] = *v
		} else {
			plain[k] = ""
		}
	}
	if err := header.Check(field, plain); err != nil {
		return invalidf("%v", err)
	}
	return nil
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
