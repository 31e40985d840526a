package herald

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendDeliveryJSON appends d's JSON to b exactly as encoding/json renders
// it from its field tags, by hand: an event's answer lists up to a
// thousand deliveries, and encoding/json's reflection over them, with
// their three times, was a third of the CPU of accepting a large fan-out.
// It is a function, not a MarshalJSON method, which every struct that
// embeds a Delivery would take for its own, and which encoding/json would
// compact again.
func AppendDeliveryJSON(b []byte, d *Delivery) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, d.ID)
	b = append(b, `,"tenant_id":`...)
	b = appendJSONString(b, d.TenantID)
	b = append(b, `,"event_id":`...)
	b = appendJSONString(b, d.EventID)
	b = append(b, `,"endpoint_id":`...)
	b = appendJSONString(b, d.EndpointID)
	b = append(b, `,"status":`...)
	b = appendJSONString(b, string(d.Status))
	b = append(b, `,"attempts":`...)
	b = strconv.AppendInt(b, int64(d.Attempts), 10)
	var err error
	if d.NextAttemptAt != nil {
		b = append(b, `,"next_attempt_at":`...)
		if b, err = appendJSONTime(b, *d.NextAttemptAt); err != nil {
			return nil, err
		}
	}
	if d.LastStatusCode != 0 {
		b = append(b, `,"last_status_code":`...)
		b = strconv.AppendInt(b, int64(d.LastStatusCode), 10)
	}
	if d.LastError != "" {
		b = append(b, `,"last_error":`...)
		b = appendJSONString(b, d.LastError)
	}
	b = append(b, `,"created_at":`...)
	if b, err = appendJSONTime(b, d.CreatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"updated_at":`...)
	if b, err = appendJSONTime(b, d.UpdatedAt); err != nil {
		return nil, err
	}
	if d.EventType != "" {
		b = append(b, `,"event_type":`...)
		b = appendJSONString(b, d.EventType)
	}
	return append(b, '}'), nil
}

// AppendEventJSON appends ev's JSON to b exactly as encoding/json renders
// it from its field tags: the answer to every accepted event holds one, and
// reflection over it was most of rendering that answer.
func AppendEventJSON(b []byte, ev *Event) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, ev.ID)
	b = append(b, `,"tenant_id":`...)
	b = appendJSONString(b, ev.TenantID)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, ev.Type)
	b = append(b, `,"channels":`...)
	if ev.Channels == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range ev.Channels {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, c)
		}
		b = append(b, ']')
	}
	b = append(b, `,"data":`...)
	b, err := appendRawJSON(b, ev.Data)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"created_at":`...)
	if b, err = appendJSONTime(b, ev.CreatedAt); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendRawJSON appends raw as encoding/json renders a RawMessage field:
// compacted, with <, >, & and U+2028/U+2029 escaped (null when nil). raw
// that is compact already and holds none of those is appended as it is,
// without encoding/json's validating pass: an event's data was validated
// (and compacted) when it was accepted, and is the common case.
func appendRawJSON(b []byte, raw json.RawMessage) ([]byte, error) {
	if raw == nil {
		return append(b, "null"...), nil
	}
	if plainCompact(raw) {
		return append(b, raw...), nil
	}
	q, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	return append(b, q...), nil
}

// plainCompact reports whether raw has no whitespace outside its strings
// and nothing encoding/json would escape: no <, > or &, and no byte 0xE2
// (which starts U+2028 and U+2029, and a few other characters that are
// then left to encoding/json), and whose brackets balance. It does not
// otherwise validate raw: a cut-off value goes to encoding/json, which
// refuses it, but one that is wrong inside is passed on as it is.
func plainCompact(raw []byte) bool {
	inString, escaped, depth := false, false, 0
	for _, c := range raw {
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = inString
		case c == '"':
			inString = !inString
		case c == '<' || c == '>' || c == '&' || c == 0xE2:
			return false
		case inString:
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return false
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return len(raw) > 0 && !inString && depth == 0
}

// appendJSONString appends s as a JSON string: directly when it needs no
// escaping (ids, statuses), through encoding/json otherwise.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string cannot fail
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONTime appends t as time.Time's MarshalJSON does, without its
// allocation.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		_, err := t.MarshalJSON() // its error names the range
		return nil, err
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}
