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
