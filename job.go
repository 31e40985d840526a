package herald

import (
	"encoding/json"
	"time"
)

// Job statuses Herald knows. A platform may report other, intermediate
// statuses of its own (such as "uploading"); completed and failed are
// terminal: once there, a job never changes again.
const (
	JobQueued     = "queued"
	JobProcessing = "processing"
	JobCompleted  = "completed"
	JobFailed     = "failed"
)

// JobTerminal reports whether status ends a job.
func JobTerminal(status string) bool { return status == JobCompleted || status == JobFailed }

// Event types of a job's life, delivered to subscribed endpoints.
const (
	EventJobCreated   = "job.created"
	EventJobStarted   = "job.started"
	EventJobCompleted = "job.completed"
	EventJobFailed    = "job.failed"
)

// Job is an asynchronous piece of work the platform runs for a tenant, as
// its customer sees it: the status document they can poll, and the source
// of the job.* events and the job's own callback.
type Job struct {
	ID       string          `json:"id"`
	TenantID string          `json:"tenant_id"`
	Type     string          `json:"type"`
	Status   string          `json:"status"`
	Progress *float64        `json:"progress,omitempty"`
	Input    json.RawMessage `json:"input,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Error    json.RawMessage `json:"error,omitempty"`
	Channels []string        `json:"channels"`
	// Callback is the job's own callback, when it has one.
	Callback   *JobCallback `json:"callback,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
	StartedAt  *time.Time   `json:"started_at,omitempty"`
	FinishedAt *time.Time   `json:"finished_at,omitempty"`
}

// Callback states, as the job's status document shows them.
const (
	CallbackWaiting   = "waiting"   // the job has not finished
	CallbackPending   = "pending"   // being delivered, or retrying
	CallbackDelivered = "delivered" // the receiver answered 2xx
	CallbackFailed    = "failed"    // retries exhausted, or a final answer; poll the job instead
)

// JobCallback is a job's own callback: a URL that receives the job's
// terminal state once, retried per its policy. It is delivered through a
// hidden endpoint owned by the job, so it has every setting an endpoint has.
type JobCallback struct {
	URL        string `json:"url"`
	EndpointID string `json:"-"`
	DeliveryID string `json:"delivery_id,omitempty"`
	State      string `json:"state"`
	Attempts   int    `json:"attempts"`
}

// CallbackState maps the callback delivery's status to the state shown.
func CallbackState(d DeliveryStatus) string {
	switch d {
	case DeliverySucceeded:
		return CallbackDelivered
	case DeliveryFailed:
		return CallbackFailed
	}
	return CallbackPending
}

// JobUpdate is a status report about a job.
type JobUpdate struct {
	Status   string
	Progress *float64        // nil: unchanged
	Result   json.RawMessage // nil: unchanged
	Error    json.RawMessage // nil: unchanged
	At       time.Time
}

// Apply changes j as the report says: the status, what the report gives,
// when the job started (its first status after queued) and finished.
func (u JobUpdate) Apply(j *Job) {
	at := u.At
	j.Status, j.UpdatedAt = u.Status, at
	if u.Progress != nil {
		j.Progress = u.Progress
	}
	if u.Result != nil {
		j.Result = u.Result
	}
	if u.Error != nil {
		j.Error = u.Error
	}
	if j.StartedAt == nil && u.Status != JobQueued {
		j.StartedAt = &at
	}
	if JobTerminal(u.Status) {
		j.FinishedAt = &at
	}
}

// Event returns the event type a report emits for a job in its state
// before the report, or "" for none: job.started the first time it
// leaves the queue, job.completed and job.failed when it ends.
// Intermediate statuses and progress change the job's document only.
func (u JobUpdate) Event(before *Job) string {
	switch {
	case u.Status == JobCompleted:
		return EventJobCompleted
	case u.Status == JobFailed:
		return EventJobFailed
	case u.Status != JobQueued && before.StartedAt == nil:
		return EventJobStarted
	}
	return ""
}
