package herald

import (
	"encoding/json"
	"testing"
	"time"
)

func TestJobUpdate(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := 50.0
	tests := []struct {
		name       string
		started    bool
		upd        JobUpdate
		event      string
		wantStart  bool
		wantFinish bool
	}{
		{"first processing starts it", false, JobUpdate{Status: JobProcessing, Progress: &p}, EventJobStarted, true, false},
		{"processing again emits nothing", true, JobUpdate{Status: JobProcessing}, "", true, false},
		{"an own status first also starts it", false, JobUpdate{Status: "uploading"}, EventJobStarted, true, false},
		{"an own status later emits nothing", true, JobUpdate{Status: "uploading"}, "", true, false},
		{"queued again emits nothing", false, JobUpdate{Status: JobQueued}, "", false, false},
		{"completed", true, JobUpdate{Status: JobCompleted, Result: []byte(`{}`)}, EventJobCompleted, true, true},
		{"failed straight from the queue", false, JobUpdate{Status: JobFailed, Error: []byte(`"x"`)}, EventJobFailed, true, true},
	}
	for _, tt := range tests {
		j := &Job{Status: JobQueued}
		if tt.started {
			j.StartedAt = &t0
		}
		tt.upd.At = t0.Add(time.Minute)
		if got := tt.upd.Event(j); got != tt.event {
			t.Errorf("%s: Event = %q, want %q", tt.name, got, tt.event)
		}
		tt.upd.Apply(j)
		if j.Status != tt.upd.Status || (j.StartedAt != nil) != tt.wantStart || (j.FinishedAt != nil) != tt.wantFinish {
			t.Errorf("%s: after Apply: status %q started %v finished %v", tt.name, j.Status, j.StartedAt, j.FinishedAt)
		}
		if tt.upd.Progress != nil && *j.Progress != p {
			t.Errorf("%s: progress not applied", tt.name)
		}
	}
	if !JobTerminal(JobCompleted) || !JobTerminal(JobFailed) || JobTerminal(JobProcessing) || JobTerminal("uploading") {
		t.Error("JobTerminal is wrong")
	}
}

func TestJobDocument(t *testing.T) {
	j := &Job{ID: "img-abc123", TenantID: "t", Type: "image", Status: JobCompleted, Channels: []string{},
		Result:     []byte(`{"images":[{"id":"img-file-1"}],"status":"not mine","id":"nor this"}`),
		Attributes: []byte(`{"file_name":"a.pdf","type":"nor this"}`)}
	b, err := j.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["id"] != "img-abc123" || doc["status"] != "completed" || doc["type"] != "image" {
		t.Fatalf("the job's own fields were overridden: %s", b)
	}
	if _, ok := doc["images"]; !ok || doc["file_name"] != "a.pdf" {
		t.Fatalf("result and attribute fields are not at the top level: %s", b)
	}
	if r, ok := doc["result"].(map[string]any); !ok || r["images"] == nil {
		t.Fatalf("the result is not kept whole under result: %s", b)
	}
}
