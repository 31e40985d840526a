package wire

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald"
)

// Body renders ev in ep's format. It depends only on the event and the
// endpoint's settings, so every retry sends the same bytes.
func Body(ep *herald.Endpoint, ev *herald.Event) ([]byte, error) {
	switch ep.Format {
	case "", herald.FormatStandard:
		return Standard(ev), nil
	case herald.FormatResource:
		return ev.Data, nil
	case herald.FormatFlat:
		return flat(ev)
	case herald.FormatEnvelope:
		return envelope(ep, ev)
	}
	return nil, fmt.Errorf("endpoint %s has an unknown format %q", ep.ID, ep.Format)
}

// Standard renders the Standard Webhooks payload: {"type", "timestamp",
// "data"}. The data is validated, compacted JSON, copied as is.
func Standard(ev *herald.Event) []byte {
	ts := ev.CreatedAt.UTC().Format(time.RFC3339Nano)
	b := make([]byte, 0, len(ev.Data)+len(ev.Type)+len(ts)+40)
	b = append(b, `{"type":`...)
	b = strconv.AppendQuote(b, ev.Type)
	b = append(b, `,"timestamp":"`...)
	b = append(b, ts...)
	b = append(b, `","data":`...)
	b = append(b, ev.Data...)
	return append(b, '}')
}

// jobFields returns the fields of a job event's data (its job's status
// document), or nil when ev is not a job event.
func jobFields(ev *herald.Event) map[string]json.RawMessage {
	if !strings.HasPrefix(ev.Type, "job.") {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(ev.Data, &m) != nil || m["id"] == nil || m["status"] == nil {
		return nil
	}
	return m
}

// flat renders one object: event_type, event_id and timestamp first, then
// the event's fields. A job event's document also gets the names a flat
// job event is read by: job_id, completed_at, error_message.
func flat(ev *herald.Event) ([]byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(ev.Data, &fields); err != nil {
		return nil, err
	}
	first := []string{"event_type", "event_id", "timestamp"}
	head := map[string]any{
		"event_type": ev.Type,
		"event_id":   ev.ID,
		"timestamp":  ev.CreatedAt.UTC().Format(time.RFC3339),
	}
	if job := jobFields(ev); job != nil {
		first = append(first, "job_id")
		head["job_id"] = job["id"]
		// The job's own times, as the flat payloads show them: to the
		// second ("2026-03-19T10:21:10Z"), like the timestamp.
		for _, k := range jobTimes {
			if v, ok := fields[k]; ok {
				fields[k] = toSecond(v)
			}
		}
		if ev.Type == herald.EventJobCompleted && job["finished_at"] != nil && fields["completed_at"] == nil {
			fields["completed_at"] = toSecond(job["finished_at"])
		}
		if e := job["error"]; e != nil && fields["error_message"] == nil {
			fields["error_message"] = e
		}
	}
	return ordered(first, head, fields)
}

// jobTimes are the times a job's status document holds of its own.
var jobTimes = []string{"created_at", "updated_at", "started_at", "finished_at"}

// toSecond renders a JSON time string to the second, in UTC; anything
// else (null, a value that is not a time) is returned as it is.
func toSecond(v json.RawMessage) json.RawMessage {
	var s string
	if json.Unmarshal(v, &s) != nil {
		return v
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return v
	}
	out, _ := json.Marshal(t.UTC().Format(time.RFC3339))
	return out
}

// envelope renders {"type", "object", "timestamp" (ms), "api_version",
// "data": {"object": ...}}. A job event names its job's type and what
// happened ("image_generation.complete"), and carries the job's result as
// the object when it has one, else the job's document.
func envelope(ep *herald.Endpoint, ev *herald.Event) ([]byte, error) {
	typ, resource := ev.Type, json.RawMessage(ev.Data)
	if job := jobFields(ev); job != nil {
		var jobType string
		if err := json.Unmarshal(job["type"], &jobType); err == nil && jobType != "" {
			typ = jobType + "." + envelopeVerb[ev.Type]
		}
		if r := job["result"]; len(r) > 0 && r[0] == '{' {
			resource = r
		}
	}
	object, version := ep.EnvelopeObject, ep.APIVersion
	if object == "" {
		object = "event"
	}
	if version == "" {
		version = "v1"
	}
	return json.Marshal(struct {
		Type       string `json:"type"`
		Object     string `json:"object"`
		Timestamp  int64  `json:"timestamp"`
		APIVersion string `json:"api_version"`
		Data       struct {
			Object json.RawMessage `json:"object"`
		} `json:"data"`
	}{typ, object, ev.CreatedAt.UnixMilli(), version, struct {
		Object json.RawMessage `json:"object"`
	}{resource}})
}

// envelopeVerb is how an envelope names what happened to a job.
var envelopeVerb = map[string]string{
	herald.EventJobCreated:   "created",
	herald.EventJobStarted:   "started",
	herald.EventJobCompleted: "complete",
	herald.EventJobFailed:    "failed",
}

// ordered writes a JSON object with the keys of first in that order
// (values from head), then the other fields sorted by key.
func ordered(first []string, head map[string]any, fields map[string]json.RawMessage) ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	write := func(k string, v []byte) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(v)
	}
	for _, k := range first {
		v, err := json.Marshal(head[k])
		if err != nil {
			return nil, err
		}
		write(k, v)
	}
	rest := make([]string, 0, len(fields))
	for k := range fields {
		if _, taken := head[k]; !taken {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		write(k, fields[k])
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
