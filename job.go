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
	// EventEndpointDisabled is the operational event emitted when Herald
	// disables an endpoint, so that the platform can tell its customer.
	EventEndpointDisabled = "endpoint.disabled"
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
	// Attributes are fields of the platform's own that describe the job
	// (file_name, user_id, ...). Like the result's fields, they are shown
	// at the top level of the job's document.
	Attributes json.RawMessage `json:"attributes,omitempty"`
	Channels   []string        `json:"channels"`
	// Callback is the job's own callback, when it has one.
	Callback   *JobCallback `json:"callback,omitempty"`
	CreatedAt  time.Time    `json:"created_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
	StartedAt  *time.Time   `json:"started_at,omitempty"`
	FinishedAt *time.Time   `json:"finished_at,omitempty"`
}

// MarshalJSON renders the job's status document: its own fields, then the
// fields of its attributes and of its result (when they are objects) at the
// top level too, where they do not collide with the job's own. A receiver
// written for either shape reads it: one that expects "images" at the top
// and one that reads "result.videos".
func (j *Job) MarshalJSON() ([]byte, error) {
	type plain Job
	own, err := json.Marshal((*plain)(j))
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(own, &fields); err != nil {
		return nil, err
	}
	for _, extra := range []json.RawMessage{j.Attributes, j.Result} {
		var m map[string]json.RawMessage
		if len(extra) == 0 || extra[0] != '{' || json.Unmarshal(extra, &m) != nil {
			continue
		}
		for k, v := range m {
			if _, taken := fields[k]; !taken {
				fields[k] = v
			}
		}
	}
	return json.Marshal(fields)
}

// Callback states, as the job's status document shows them: a callback is
// a delivery, and its ended states have the delivery states' names.
const (
	CallbackWaiting   = "waiting"   // the job has not finished
	CallbackPending   = "pending"   // being delivered, or retrying
	CallbackSucceeded = "succeeded" // the receiver answered 2xx
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
		return CallbackSucceeded
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
	// Attributes replace the job's attributes; nil: unchanged.
	Attributes json.RawMessage
	At         time.Time
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
	if u.Attributes != nil {
		j.Attributes = u.Attributes
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
