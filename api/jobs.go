package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/endpointspec"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// createJob registers a job and emits job.created. A job may name its own
// callback URL, which receives its terminal state once.
func (s *Server) createJob(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		ID          string          `json:"id"`
		Type        string          `json:"type"`
		Input       json.RawMessage `json:"input"`
		Channels    []string        `json:"channels"`
		Attributes  json.RawMessage `json:"attributes"`
		CallbackURL string          `json:"callback_url"`
		// Callback holds the callback's settings: every endpoint setting
		// (format, signature, retry_policy, ...) but the URL, which is
		// callback_url, and the types and channels it would match.
		Callback *endpointspec.Patch `json:"callback"`
	}
	withCallback, err := includeCallback(r)
	if err != nil {
		return err
	}
	if err := decode(w, r, &in, s.cfg.MaxPayloadBytes); err != nil {
		return err
	}
	if in.Type == "" {
		return errMissing("type", `{"type": "image.generation"}`)
	}
	if err := checkName("type", in.Type); err != nil {
		return err
	}
	if in.ID == "" {
		in.ID = herald.NewID(herald.PrefixJob)
	} else if err := checkJobID(in.ID); err != nil {
		return err
	}
	if err := checkNames("channels", in.Channels, maxChannels); err != nil {
		return err
	}
	if in.Channels == nil {
		in.Channels = []string{}
	}
	input, err := checkJSON("input", in.Input)
	if err != nil {
		return err
	}
	attrs, err := checkAttributes(in.Attributes)
	if err != nil {
		return err
	}
	ctx, tenant, now := r.Context(), r.PathValue("tenant"), s.now()
	job := &herald.Job{ID: in.ID, TenantID: tenant, Type: in.Type, Status: herald.JobQueued, Input: input,
		Attributes: attrs, Channels: in.Channels, CreatedAt: now, UpdatedAt: now}
	callback, err := s.jobCallback(ctx, job, in.CallbackURL, in.Callback)
	if err != nil {
		return err
	}
	ev, err := jobEvent(job, herald.EventJobCreated)
	if err != nil {
		return err
	}
	if err := s.checkSchema(ctx, ev, ""); err != nil {
		return err
	}
	var created bool
	err = s.cfg.Intake.Admit(ctx, []*herald.Event{ev}, nil, func(ctx context.Context, b intake.Batch) (intake.Stored, error) {
		var err error
		created, err = s.cfg.Store.CreateJob(ctx, job, callback, b.Events[0])
		return intake.Stored{Created: []bool{created}}, err
	})
	if err != nil {
		return err
	}
	s.countAccepted("job", []bool{created})
	if !created {
		// The same id again: the job as it is (its callback's secret was
		// shown when it was made).
		return s.answerJob(ctx, w, http.StatusOK, tenant, job.ID, withCallback, "", "")
	}
	name, value, err := callbackKey(callback)
	if err != nil {
		return err
	}
	return s.answerJob(ctx, w, http.StatusCreated, tenant, job.ID, withCallback, name, value)
}

// callbackKey is what a new job's answer shows, once, of its callback's
// signing: the secret for the platform to hand to whoever verifies it, or
// for ed25519 the public key (the signing key stays Herald's); nothing for
// an unsigned callback, none, or one the tenant's callback secret signs
// (shown when it was made).
func callbackKey(callback *herald.Endpoint) (name, value string, err error) {
	switch {
	case callback == nil || callback.Signature == herald.SignatureNone || callback.TenantSecret:
		return "", "", nil
	case callback.Signature == herald.SignatureEd25519:
		pub, err := signing.PublicKey(callback.Secret)
		return "callback_public_key", pub, err
	default:
		return "callback_secret", callback.Secret, nil
	}
}

// withField adds a field to a JSON object.
func withField(obj []byte, name string, value any) ([]byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(obj, &fields); err != nil {
		return nil, err
	}
	v, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	fields[name] = v
	return json.Marshal(fields)
}

// updateJob records a status report: processing, an intermediate status
// of the platform's own, completed with a result, or failed with an error.
func (s *Server) updateJob(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Status     string          `json:"status"`
		Progress   *float64        `json:"progress"`
		Result     json.RawMessage `json:"result"`
		Error      json.RawMessage `json:"error"`
		Attributes json.RawMessage `json:"attributes"`
	}
	withCallback, err := includeCallback(r)
	if err != nil {
		return err
	}
	if err := decode(w, r, &in, s.cfg.MaxPayloadBytes); err != nil {
		return err
	}
	if in.Status == "" {
		return errMissing("status", `{"status": "processing"}`)
	}
	if err := checkName("status", in.Status); err != nil {
		return err
	}
	if in.Progress != nil && (*in.Progress < 0 || *in.Progress > 100) {
		return invalidf("progress must be a percentage from 0 to 100, not %g", *in.Progress)
	}
	result, err := checkJSON("result", in.Result)
	if err != nil {
		return err
	}
	jobErr, err := checkJSON("error", in.Error)
	if err != nil {
		return err
	}
	attrs, err := checkAttributes(in.Attributes)
	if err != nil {
		return err
	}
	if in.Status == herald.JobFailed && jobErr == nil {
		return errMissing("error", `{"status": "failed", "error": "the model refused the prompt"}`)
	}
	ctx, tenant, id := r.Context(), r.PathValue("tenant"), r.PathValue("job")
	job, err := s.cfg.Store.FindJobByID(ctx, tenant, id)
	if err != nil {
		return err
	}
	if herald.JobTerminal(job.Status) {
		return s.finished(w, job, in.Status, withCallback)
	}
	upd := herald.JobUpdate{Status: in.Status, Progress: in.Progress, Result: result, Error: jobErr, Attributes: attrs, At: s.now()}
	var evs []*herald.Event
	if typ := upd.Event(job); typ != "" {
		after := *job
		upd.Apply(&after)
		ev, err := jobEvent(&after, typ)
		if err != nil {
			return err
		}
		if err := s.checkSchema(ctx, ev, ""); err != nil {
			return err
		}
		evs = append(evs, ev)
	}
	var cbEndpoint *herald.Endpoint
	if herald.JobTerminal(in.Status) && job.Callback != nil {
		if cbEndpoint, err = s.cfg.Endpoints.Get(ctx, job.Callback.EndpointID); err != nil {
			return err
		}
	}
	var updated *herald.Job
	err = s.cfg.Intake.Admit(ctx, evs, cbEndpoint, func(ctx context.Context, b intake.Batch) (intake.Stored, error) {
		var ev *store.NewEvent
		if len(b.Events) > 0 {
			ev = &b.Events[0]
		}
		var err error
		updated, err = s.cfg.Store.UpdateJob(ctx, tenant, id, upd, ev, b.Callback)
		return intake.Stored{Created: []bool{true}, Callback: b.Callback != nil}, err
	})
	if herald.ErrorCode(err) == herald.ECONFLICT {
		// Another report finished the job meanwhile.
		if job, ferr := s.cfg.Store.FindJobByID(ctx, tenant, id); ferr == nil {
			return s.finished(w, job, in.Status, withCallback)
		}
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, jobDocument(updated, withCallback))
	return nil
}

// jobCallback makes the hidden endpoint of a job's callback, or nil for a
// job without one.
func (s *Server) jobCallback(ctx context.Context, job *herald.Job, url string, settings *endpointspec.Patch) (*herald.Endpoint, error) {
	if url == "" {
		if settings != nil {
			return nil, invalidf("callback needs a callback_url")
		}
		return nil, nil
	}
	if settings == nil {
		settings = &endpointspec.Patch{}
	}
	if settings.URL != nil || settings.EventTypes != nil || settings.Channels != nil || settings.Disabled != nil || settings.Paused != nil || settings.Ordering != nil {
		return nil, invalidf("callback takes delivery settings only; give the URL as callback_url, and no event_types, channels, disabled, paused or ordering (a callback carries one delivery)")
	}
	settings.URL = &url
	set, err := s.endpointSettings(ctx, settings, nil)
	if err == nil && settings.Secret != nil {
		err = endpointspec.CheckSecret(*settings.Secret, set.Signature == herald.SignatureEd25519)
	}
	if err != nil {
		return nil, invalidf("callback: %s", strings.Replace(herald.ErrorMessage(err), "url is", "callback_url is", 1))
	}
	ep := newEndpoint(set, job.TenantID, settings.Secret, job.CreatedAt)
	if settings.Secret == nil && ep.Signature != herald.SignatureEd25519 && ep.Signature != herald.SignatureNone {
		// No secret of its own: the tenant's callback secret signs it, if
		// the tenant has one.
		t, err := s.cfg.Store.FindTenantByID(ctx, job.TenantID)
		if err != nil {
			return nil, err
		}
		if t.CallbackSecret != "" {
			ep.Secret, ep.TenantSecret = t.CallbackSecret, true
		}
	}
	ep.JobID, ep.Description = job.ID, "callback of job "+job.ID
	job.Callback = &herald.JobCallback{URL: ep.URL, EndpointID: ep.ID, State: herald.CallbackWaiting}
	return ep, nil
}

// checkAttributes accepts a JSON object (absent: nil).
func checkAttributes(raw json.RawMessage) (json.RawMessage, error) {
	attrs, err := checkJSON("attributes", raw)
	if err != nil || attrs == nil {
		return attrs, err
	}
	if attrs[0] != '{' {
		return nil, invalidf(`field "attributes" must be a JSON object, such as {"file_name": "invoice.pdf"}`)
	}
	return attrs, nil
}

// finished answers a report about a job that has already ended: the same
// end again is an idempotent repeat; anything else is a conflict.
func (s *Server) finished(w http.ResponseWriter, job *herald.Job, status string, withCallback bool) error {
	if status == job.Status {
		writeJSON(w, http.StatusOK, jobDocument(job, withCallback))
		return nil
	}
	return herald.Errorf(herald.ECONFLICT, "job %s is already %s; terminal states are final, so it cannot become %q", job.ID, job.Status, status)
}

func (s *Server) getJob(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	withCallback, err := includeCallback(r)
	if err != nil {
		return err
	}
	return s.answerJob(r.Context(), w, http.StatusOK, r.PathValue("tenant"), r.PathValue("job"), withCallback, "", "")
}

// answerJob answers the job as stored, with the field extra set to value
// beside the job's own when extra is not "".
func (s *Server) answerJob(ctx context.Context, w http.ResponseWriter, status int, tenant, id string, withCallback bool, extra, value string) error {
	job, err := s.cfg.Store.FindJobByID(ctx, tenant, id)
	if err != nil {
		return err
	}
	if extra == "" {
		writeJSON(w, status, jobDocument(job, withCallback))
		return nil
	}
	doc, err := json.Marshal(jobDocument(job, withCallback))
	if err == nil {
		doc, err = withField(doc, extra, value)
	}
	if err != nil {
		return err
	}
	writeJSON(w, status, json.RawMessage(doc))
	return nil
}

// includeCallback reads ?include=callback, which adds the job's callback
// and its state to the job's document. Without it the document is exactly
// what the job's webhooks and its callback carry (seed 003: the push is
// the Get Task Status document).
func includeCallback(r *http.Request) (bool, error) {
	with := false
	for _, v := range r.URL.Query()["include"] {
		for _, f := range strings.Split(v, ",") {
			if f != "callback" {
				return false, invalidf(`include %q is unknown; the one value is "callback"`, f)
			}
			with = true
		}
	}
	return with, nil
}

// jobDocument is the job as an answer shows it: with its callback only
// when asked.
func jobDocument(job *herald.Job, withCallback bool) *herald.Job {
	if withCallback || job.Callback == nil {
		return job
	}
	doc := *job
	doc.Callback = nil
	return &doc
}

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	withCallback, err := includeCallback(r)
	if err != nil {
		return err
	}
	tenant, page, err := s.tenantPage(r)
	if err != nil {
		return err
	}
	jobs, next, err := s.cfg.Store.FindJobs(r.Context(), store.JobFilter{TenantID: tenant, Status: r.URL.Query().Get("status"), Page: page})
	if err != nil {
		return err
	}
	for i, j := range jobs {
		jobs[i] = jobDocument(j, withCallback)
	}
	writeJSON(w, http.StatusOK, newList(jobs, next))
	return nil
}

// jobEvent makes a lifecycle event of a job. Its id is derived from the job
// and the type ("<job>.completed"), so that it is stable: a repeated
// report cannot emit it twice, and receivers see the same id on retries.
// Its data is the job's status document, without the callback's state.
func jobEvent(job *herald.Job, typ string) (*herald.Event, error) {
	data, err := json.Marshal(jobDocument(job, false))
	if err != nil {
		return nil, err
	}
	return &herald.Event{ID: job.ID + "." + strings.TrimPrefix(typ, "job."), TenantID: job.TenantID, Type: typ,
		Channels: job.Channels, Data: data, CreatedAt: job.UpdatedAt}, nil
}

// checkJobID leaves room in the id for the lifecycle events' suffixes.
func checkJobID(id string) error {
	if len(id) > maxNameLen-len(".completed") {
		return invalidf("id must be at most %d characters", maxNameLen-len(".completed"))
	}
	return checkID("id", id)
}
