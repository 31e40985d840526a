package wire

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

func jobEvent(t *testing.T, typ string, job *herald.Job) *herald.Event {
	t.Helper()
	data, err := json.Marshal(job)
	if err != nil {
		t.Fatal(err)
	}
	return &herald.Event{ID: job.ID + "." + strings.TrimPrefix(typ, "job."), TenantID: "t", Type: typ, Data: data,
		CreatedAt: time.Date(2026, 3, 19, 10, 21, 44, 123456000, time.UTC)}
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return m
}

func TestFormats(t *testing.T) {
	done := time.Date(2026, 3, 19, 10, 21, 44, 987654000, time.UTC)
	completed := &herald.Job{ID: "6d3e2a79", TenantID: "t", Type: "ocr", Status: herald.JobCompleted, Channels: []string{},
		CreatedAt: time.Date(2026, 3, 19, 10, 21, 10, 456789000, time.UTC), UpdatedAt: done,
		Result: []byte(`{"total_pages":3}`), Attributes: []byte(`{"file_name":"invoice.pdf","job_id":"not this"}`), FinishedAt: &done}
	failed := &herald.Job{ID: "img-abc123", TenantID: "t", Type: "image_generation", Status: herald.JobFailed, Channels: []string{},
		Error: []byte(`"Content policy violation"`)}

	// flat (seed 004): the event's names first, the job's fields beside them.
	b, err := Body(&herald.Endpoint{Format: herald.FormatFlat}, jobEvent(t, herald.EventJobCompleted, completed))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"event_type":"job.completed","event_id":"6d3e2a79.completed","timestamp":"2026-03-19T10:21:44Z","job_id":"6d3e2a79"`) {
		t.Fatalf("flat body starts %s", b)
	}
	m := decode(t, b)
	if m["status"] != "completed" || m["file_name"] != "invoice.pdf" || m["total_pages"] != float64(3) || m["completed_at"] != "2026-03-19T10:21:44Z" {
		t.Fatalf("flat body = %s", b)
	}
	// Seed 004 shows the job's times to the second.
	if m["created_at"] != "2026-03-19T10:21:10Z" || m["updated_at"] != "2026-03-19T10:21:44Z" || m["finished_at"] != "2026-03-19T10:21:44Z" {
		t.Fatalf("flat body's times are not to the second: %s", b)
	}
	b, _ = Body(&herald.Endpoint{Format: herald.FormatFlat}, jobEvent(t, herald.EventJobFailed, failed))
	if m := decode(t, b); m["error_message"] != "Content policy violation" || m["job_id"] != "img-abc123" {
		t.Fatalf("flat failed body = %s", b)
	}

	// resource (seeds 000, 003): the job's document itself.
	b, _ = Body(&herald.Endpoint{Format: herald.FormatResource}, jobEvent(t, herald.EventJobFailed, failed))
	if m := decode(t, b); m["id"] != "img-abc123" || m["status"] != "failed" || m["error"] != "Content policy violation" || m["event_type"] != nil {
		t.Fatalf("resource body = %s", b)
	}

	// envelope (seeds 001, 002): the job's type and what happened; the
	// result as the object.
	gen := &herald.Job{ID: "g1", TenantID: "t", Type: "image_generation", Status: herald.JobCompleted, Channels: []string{},
		Result: []byte(`{"id":"g1","status":"COMPLETE"}`)}
	b, _ = Body(&herald.Endpoint{Format: herald.FormatEnvelope, EnvelopeObject: "generation"}, jobEvent(t, herald.EventJobCompleted, gen))
	m = decode(t, b)
	obj := m["data"].(map[string]any)["object"].(map[string]any)
	if m["type"] != "image_generation.complete" || m["object"] != "generation" || m["api_version"] != "v1" ||
		m["timestamp"] != float64(1773915704123) || obj["status"] != "COMPLETE" {
		t.Fatalf("envelope body = %s", b)
	}

	// A plain event keeps its own type and data in every format.
	plain := &herald.Event{ID: "e1", Type: "invoice.paid", Data: []byte(`{"amount":5}`), CreatedAt: done}
	for _, f := range []string{"", herald.FormatStandard, herald.FormatFlat, herald.FormatEnvelope, herald.FormatResource} {
		b, err := Body(&herald.Endpoint{Format: f}, plain)
		if err != nil || !strings.Contains(string(b), `"amount":5`) {
			t.Errorf("format %q: %s %v", f, b, err)
		}
	}
	if _, err := Body(&herald.Endpoint{Format: "xml"}, plain); err == nil {
		t.Error("an unknown format was accepted")
	}
	// Every retry sends the same bytes.
	ev := jobEvent(t, herald.EventJobCompleted, completed)
	a1, _ := Body(&herald.Endpoint{Format: herald.FormatFlat}, ev)
	a2, _ := Body(&herald.Endpoint{Format: herald.FormatFlat}, ev)
	if string(a1) != string(a2) {
		t.Error("the flat body differs between two renderings")
	}
}
