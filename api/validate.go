package api

import (
	"bytes"
	"encoding/json"
	"net/textproto"
	"strings"
)

// Limits on what callers send.
const (
	maxNameLen     = 128 // event types, channels, ids
	maxChannels    = 10
	maxEventTypes  = 100
	maxHeaders     = 20
	maxHeaderValue = 1024
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

// reservedHeaders are set by Herald on every attempt; an endpoint's static
// headers may not replace them, or signatures and framing would break.
var reservedHeaders = map[string]bool{
	"Content-Type": true, "Content-Length": true, "Host": true, "User-Agent": true,
	"Webhook-Id": true, "Webhook-Timestamp": true, "Webhook-Signature": true,
	"Connection": true, "Transfer-Encoding": true, "Te": true, "Trailer": true,
	"Upgrade": true, "Keep-Alive": true, "Proxy-Authorization": true, "Proxy-Connection": true,
}

func checkHeaders(h map[string]string) error {
	if len(h) > maxHeaders {
		return invalidf("headers may hold at most %d entries", maxHeaders)
	}
	for k, v := range h {
		if k == "" || strings.ContainsFunc(k, func(c rune) bool { return c <= ' ' || c >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c) }) {
			return invalidf("header name %q is not a valid HTTP header name", k)
		}
		if reservedHeaders[textproto.CanonicalMIMEHeaderKey(k)] {
			return invalidf("header %q is set by Herald and cannot be overridden", k)
		}
		if len(v) > maxHeaderValue || strings.ContainsAny(v, "\r\n\x00") {
			return invalidf("header %q must be at most %d characters with no line breaks", k, maxHeaderValue)
		}
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
