// Package tenantfile is the file tenants move between Herald installations
// in (herald tenant export and import): what a move carries of a tenant,
// the file's versioned format, the sealing of its secrets under a key the
// operator gives, and the checks a file passes before anything of it is
// written. It does no I/O of its own: the caller reads the stores and the
// files.
//
// The file is JSON. Its objects are the API's (a tenant, an endpoint, an
// event, a delivery as GET answers them; a job as stored) with the fields
// the API never shows added beside them: every secret (signing secrets, the previous
// one during a rotation, bearer tokens, static headers, tenants' callback
// secrets) sealed with AES-256-GCM under the export key, never in clear;
// keys and portal links as their SHA-256 hashes, which is all a store
// holds of them either. Version says which shape it is; a reader refuses
// a version it does not know.
package tenantfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// Format is the file's "format" field: what it is.
const Format = "herald-tenants"

// Version is the version of the format this package writes and reads.
// A change to the shape of the file that an older reader would misread
// takes the next number.
const Version = 1

// Needed are the statuses of the deliveries a move carries: those still to
// be made (pending, and paused behind a paused or disabled endpoint) and
// the failed ones, which an operator may replay. Succeeded deliveries, and
// events whose deliveries all succeeded, are history that stays behind
// (as retention would purge it).
var Needed = []herald.DeliveryStatus{herald.DeliveryPending, herald.DeliveryPaused, herald.DeliveryFailed}

// Sealer is the part of seal.Box the file needs.
type Sealer interface {
	Seal(plaintext []byte) []byte
	Open(sealed []byte) ([]byte, error)
}

// keyCheckText begins what a file's key_check seals: opening it tells
// whether the key given is the file's before any secret is tried. The
// SHA-256 of the rest of the file follows it, so that what is not sealed
// (ids, key hashes, payloads) cannot be altered either: a key hash added
// on the way would otherwise be a key that works after the import.
const keyCheckText = "herald tenant file v1"

// digest is the SHA-256 of f without its key check, in hex.
func digest(f file) (string, error) {
	f.KeyCheck = nil
	b, err := json.Marshal(f)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// ErrAltered says a file's contents are not those it was sealed with.
var ErrAltered = errors.New("the file was altered after it was exported: its contents do not match what its export key sealed; export it again")

// ErrWrongKey says the key given does not open the file.
var ErrWrongKey = errors.New("the export key does not open this file: it was sealed under another key; " +
	"give the key it was exported with (--key-file or HERALD_EXPORT_KEY)")

// Contents is what a file holds, with secrets in clear: what an export
// reads from a store and an import writes into one.
type Contents struct {
	// All says the file holds a whole store: every tenant and the admin
	// keys.
	All bool
	// ExportedAt is when the file was made; HeraldVersion by which Herald.
	ExportedAt    time.Time
	HeraldVersion string
	Tenants       []*store.TenantState
	// EventTypes is the exporting store's catalogue (one for all its
	// tenants); an import adds the types its store lacks.
	EventTypes []*herald.EventType
	// AdminKeys are the keys without a tenant, in a file of a whole store.
	AdminKeys []*herald.APIKey
}

// file is the document on disk.
type file struct {
	Format        string              `json:"format"`
	Version       int                 `json:"version"`
	ExportedAt    time.Time           `json:"exported_at"`
	HeraldVersion string              `json:"herald_version,omitempty"`
	All           bool                `json:"all"`
	KeyCheck      []byte              `json:"key_check"`
	EventTypes    []*herald.EventType `json:"event_types"`
	AdminKeys     []key               `json:"admin_keys,omitempty"`
	Tenants       []tenant            `json:"tenants"`
}

// header is what is read of a file before the rest, to refuse one of
// another kind or version with a message that says so.
type header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

type tenant struct {
	herald.Tenant
	SealedCallbackSecret            []byte     `json:"sealed_callback_secret,omitempty"`
	SealedCallbackPreviousSecret    []byte     `json:"sealed_callback_previous_secret,omitempty"`
	CallbackPreviousSecretExpiresAt *time.Time `json:"callback_previous_secret_expires_at,omitempty"`
	Keys                            []key      `json:"keys"`
	Endpoints                       []endpoint `json:"endpoints"`
	Events                          []event    `json:"events"`
	Deliveries                      []delivery `json:"deliveries"`
	Jobs                            []job      `json:"jobs"`
}

type key struct {
	herald.APIKey
	KeyHash  []byte `json:"hash"`
	Session  bool   `json:"session"`
	LinkHash []byte `json:"link_hash,omitempty"`
}

type endpoint struct {
	herald.Endpoint
	SealedSecret            []byte     `json:"sealed_secret"`
	SealedPreviousSecret    []byte     `json:"sealed_previous_secret,omitempty"`
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at,omitempty"`
	SealedBearerToken       []byte     `json:"sealed_bearer_token,omitempty"`
	SealedHeaders           []byte     `json:"sealed_headers,omitempty"`
	// JobID names the job of a job's callback endpoint, which
	// TenantSecret signs with the tenant's callback secret.
	JobID        string `json:"job_id,omitempty"`
	TenantSecret bool   `json:"tenant_secret,omitempty"`
}

// job is a job as stored, not its status document (herald.Job's JSON),
// which flattens its attributes and result into its own fields. Its JSON
// values are kept as the bytes given.
type job struct {
	ID                 string     `json:"id"`
	TenantID           string     `json:"tenant_id"`
	Type               string     `json:"type"`
	Status             string     `json:"status"`
	Progress           *float64   `json:"progress,omitempty"`
	Input              *string    `json:"input,omitempty"`
	Result             *string    `json:"result,omitempty"`
	Error              *string    `json:"error,omitempty"`
	Attributes         *string    `json:"attributes,omitempty"`
	Channels           []string   `json:"channels"`
	CallbackEndpointID string     `json:"callback_endpoint_id,omitempty"`
	CallbackDeliveryID string     `json:"callback_delivery_id,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
	StartedAt          *time.Time `json:"started_at,omitempty"`
	FinishedAt         *time.Time `json:"finished_at,omitempty"`
}

func rawText(r json.RawMessage) *string {
	if r == nil {
		return nil
	}
	s := string(r)
	return &s
}

func textRaw(s *string) json.RawMessage {
	if s == nil {
		return nil
	}
	return json.RawMessage(*s)
}

func jobOut(j *herald.Job) job {
	out := job{ID: j.ID, TenantID: j.TenantID, Type: j.Type, Status: j.Status, Progress: j.Progress, Input: rawText(j.Input),
		Result: rawText(j.Result), Error: rawText(j.Error), Attributes: rawText(j.Attributes), Channels: j.Channels,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt}
	if j.Callback != nil {
		out.CallbackEndpointID, out.CallbackDeliveryID = j.Callback.EndpointID, j.Callback.DeliveryID
	}
	return out
}

func jobIn(j job) *herald.Job {
	out := &herald.Job{ID: j.ID, TenantID: j.TenantID, Type: j.Type, Status: j.Status, Progress: j.Progress, Input: textRaw(j.Input),
		Result: textRaw(j.Result), Error: textRaw(j.Error), Attributes: textRaw(j.Attributes), Channels: j.Channels,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt}
	if j.CallbackEndpointID != "" {
		out.Callback = &herald.JobCallback{EndpointID: j.CallbackEndpointID, DeliveryID: j.CallbackDeliveryID}
	}
	return out
}

type event struct {
	herald.Event
	// Data shadows the event's: its bytes as accepted, in a string, since
	// JSON would re-space them and a receiver sees these bytes.
	Data            string `json:"data"`
	TraceParentKept string `json:"trace_parent,omitempty"`
}

type delivery struct {
	herald.Delivery
	// Queued: still in its FIFO endpoint's queue.
	Queued bool `json:"queued,omitempty"`
}

// Check says whether a tenant read from a store can move now: one whose
// deferred fan-outs are still being written would leave those deliveries
// behind.
func Check(st *store.TenantState) error {
	if st.Deferred > 0 {
		return fmt.Errorf("tenant %s has %d events whose deliveries are still being written (a large fan-out); "+
			"start a node on the store until they are, then export again", st.Tenant.ID, st.Deferred)
	}
	return nil
}

// Encode writes c as a file, its secrets sealed with box.
func Encode(w io.Writer, c *Contents, box Sealer) error {
	f := file{Format: Format, Version: Version, ExportedAt: c.ExportedAt.UTC(), HeraldVersion: c.HeraldVersion, All: c.All,
		EventTypes: c.EventTypes, Tenants: make([]tenant, 0, len(c.Tenants))}
	if f.EventTypes == nil {
		f.EventTypes = []*herald.EventType{}
	}
	for _, k := range c.AdminKeys {
		f.AdminKeys = append(f.AdminKeys, keyOut(k))
	}
	for _, st := range c.Tenants {
		if err := Check(st); err != nil {
			return err
		}
		t, err := tenantOut(st, box, c.ExportedAt)
		if err != nil {
			return err
		}
		f.Tenants = append(f.Tenants, t)
	}
	sum, err := digest(f)
	if err != nil {
		return err
	}
	f.KeyCheck = box.Seal([]byte(keyCheckText + "\n" + sum))
	return json.NewEncoder(w).Encode(f)
}

func sealText(box Sealer, s string) []byte {
	if s == "" {
		return nil
	}
	return box.Seal([]byte(s))
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func keyOut(k *herald.APIKey) key {
	out := key{APIKey: *k, KeyHash: k.Hash, Session: k.Session, LinkHash: k.LinkHash}
	return out
}

func tenantOut(st *store.TenantState, box Sealer, now time.Time) (tenant, error) {
	t := tenant{Tenant: *st.Tenant, SealedCallbackSecret: sealText(box, st.Tenant.CallbackSecret),
		SealedCallbackPreviousSecret: sealText(box, st.Tenant.CallbackPreviousSecret),
		Keys:                         []key{}, Endpoints: []endpoint{}, Events: []event{}, Deliveries: []delivery{}, Jobs: []job{}}
	if st.Tenant.CallbackPreviousSecret != "" {
		t.CallbackPreviousSecretExpiresAt = timeOrNil(st.Tenant.CallbackPreviousSecretExpiresAt)
	}
	for _, k := range st.Keys {
		t.Keys = append(t.Keys, keyOut(k))
	}
	for _, ep := range st.Endpoints {
		e := endpoint{Endpoint: *ep, SealedSecret: box.Seal([]byte(ep.Secret)), SealedPreviousSecret: sealText(box, ep.PreviousSecret),
			SealedBearerToken: sealText(box, ep.BearerToken), JobID: ep.JobID, TenantSecret: ep.TenantSecret}
		if ep.PreviousSecret != "" {
			e.PreviousSecretExpiresAt = timeOrNil(ep.PreviousSecretExpiresAt)
		}
		if len(ep.Headers) > 0 {
			plain, err := json.Marshal(ep.Headers)
			if err != nil {
				return t, err
			}
			e.SealedHeaders = box.Seal(plain)
		}
		// The API's object shows headers in clear: here they go sealed only.
		e.Headers = nil
		t.Endpoints = append(t.Endpoints, e)
	}
	for _, ev := range st.Events {
		t.Events = append(t.Events, event{Event: *ev, Data: string(ev.Data), TraceParentKept: ev.TraceParent})
	}
	for _, d := range st.Deliveries {
		out := delivery{Delivery: *d, Queued: d.Ordered}
		unlease(&out.Delivery, now)
		t.Deliveries = append(t.Deliveries, out)
	}
	for _, j := range st.Jobs {
		t.Jobs = append(t.Jobs, jobOut(j))
	}
	return t, nil
}

// Decode reads a file, checks it (Validate) and opens its secrets with
// box. A file of another kind, of a version it does not know, or sealed
// under another key is refused before anything else is read of it.
func Decode(r io.Reader, box Sealer) (*Contents, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var h header
	if err := json.Unmarshal(raw, &h); err != nil || h.Format != Format {
		return nil, fmt.Errorf("not a Herald tenant file (one herald tenant export writes)")
	}
	switch {
	case h.Version > Version:
		return nil, fmt.Errorf("the file is of format version %d, newer than this Herald reads (%d): import it with the Herald that exported it or a newer one", h.Version, Version)
	case h.Version < 1:
		return nil, fmt.Errorf("the file has no valid format version (%d)", h.Version)
	}
	var f file
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("the file is corrupt: %w", err)
	}
	plain, err := box.Open(f.KeyCheck)
	check, sealedSum, _ := strings.Cut(string(plain), "\n")
	if err != nil || check != keyCheckText {
		return nil, ErrWrongKey
	}
	if sum, err := digest(f); err != nil || sum != sealedSum {
		return nil, ErrAltered
	}
	c := &Contents{All: f.All, ExportedAt: f.ExportedAt, HeraldVersion: f.HeraldVersion, EventTypes: f.EventTypes}
	for _, k := range f.AdminKeys {
		c.AdminKeys = append(c.AdminKeys, keyIn(k))
	}
	for _, t := range f.Tenants {
		st, err := tenantIn(t, box)
		if err != nil {
			return nil, err
		}
		c.Tenants = append(c.Tenants, st)
	}
	if err := Validate(c); err != nil {
		return nil, err
	}
	return c, nil
}

func keyIn(k key) *herald.APIKey {
	out := k.APIKey
	out.Hash, out.Session, out.LinkHash = k.KeyHash, k.Session, k.LinkHash
	return &out
}

func openText(box Sealer, sealed []byte, what string) (string, error) {
	if sealed == nil {
		return "", nil
	}
	plain, err := box.Open(sealed)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return string(plain), nil
}

func tenantIn(t tenant, box Sealer) (*store.TenantState, error) {
	tn := t.Tenant
	var err error
	if tn.CallbackSecret, err = openText(box, t.SealedCallbackSecret, "tenant "+tn.ID+"'s callback secret"); err != nil {
		return nil, err
	}
	if tn.CallbackPreviousSecret, err = openText(box, t.SealedCallbackPreviousSecret, "tenant "+tn.ID+"'s previous callback secret"); err != nil {
		return nil, err
	}
	tn.CallbackSecretSet = tn.CallbackSecret != ""
	if t.CallbackPreviousSecretExpiresAt != nil {
		tn.CallbackPreviousSecretExpiresAt = *t.CallbackPreviousSecretExpiresAt
	}
	st := &store.TenantState{Tenant: &tn}
	for _, k := range t.Keys {
		st.Keys = append(st.Keys, keyIn(k))
	}
	for _, e := range t.Endpoints {
		ep := e.Endpoint
		what := "endpoint " + ep.ID + "'s "
		if ep.Secret, err = openText(box, e.SealedSecret, what+"secret"); err != nil {
			return nil, err
		}
		if ep.PreviousSecret, err = openText(box, e.SealedPreviousSecret, what+"previous secret"); err != nil {
			return nil, err
		}
		if e.PreviousSecretExpiresAt != nil {
			ep.PreviousSecretExpiresAt = *e.PreviousSecretExpiresAt
		}
		if ep.BearerToken, err = openText(box, e.SealedBearerToken, what+"bearer token"); err != nil {
			return nil, err
		}
		ep.BearerTokenSet = ep.BearerToken != ""
		ep.JobID, ep.TenantSecret = e.JobID, e.TenantSecret
		ep.Headers = map[string]string{}
		if e.SealedHeaders != nil {
			plain, err := box.Open(e.SealedHeaders)
			if err != nil {
				return nil, fmt.Errorf("%sheaders: %w", what, err)
			}
			if err := json.Unmarshal(plain, &ep.Headers); err != nil {
				return nil, fmt.Errorf("%sheaders are corrupt: %w", what, err)
			}
		}
		st.Endpoints = append(st.Endpoints, &ep)
	}
	for _, e := range t.Events {
		ev := e.Event
		ev.Data, ev.TraceParent = json.RawMessage(e.Data), e.TraceParentKept
		st.Events = append(st.Events, &ev)
	}
	for _, d := range t.Deliveries {
		dv := d.Delivery
		dv.Ordered = d.Queued
		st.Deliveries = append(st.Deliveries, &dv)
	}
	for _, j := range t.Jobs {
		st.Jobs = append(st.Jobs, jobIn(j))
	}
	return st, nil
}

// Validate checks that c holds together before any of it is written: ids
// present and not repeated, everything of a tenant naming that tenant,
// each delivery's event and endpoint among the tenant's, statuses known.
func Validate(c *Contents) error {
	tenants := map[string]bool{}
	endpoints, deliveries, keys := map[string]bool{}, map[string]bool{}, map[string]bool{}
	// A tenant's file carries no admin key: imported as one tenant, it
	// would give its maker an admin key of the installation taking it in.
	if !c.All && len(c.AdminKeys) > 0 {
		return fmt.Errorf("the file holds one tenant but admin key %q: a tenant's file carries no admin key; export it again", c.AdminKeys[0].ID)
	}
	for _, k := range c.AdminKeys {
		switch {
		case k.ID == "" || len(k.Hash) == 0 || k.TenantID != "":
			return fmt.Errorf("admin key %q: an admin key needs an id, a hash and no tenant", k.ID)
		case k.Role != herald.RoleAdmin:
			return fmt.Errorf("admin key %s has role %q: a key without a tenant has the role %q", k.ID, k.Role, herald.RoleAdmin)
		}
		keys[k.ID] = true
	}
	for _, st := range c.Tenants {
		id := st.Tenant.ID
		switch {
		case id == "":
			return errors.New("a tenant in the file has no id")
		case tenants[id]:
			return fmt.Errorf("tenant %s is in the file twice", id)
		}
		tenants[id] = true
		for _, k := range st.Keys {
			switch {
			case k.ID == "" || len(k.Hash) == 0:
				return fmt.Errorf("tenant %s: a key without an id or a hash", id)
			case k.TenantID != id:
				return fmt.Errorf("tenant %s: key %s belongs to tenant %q", id, k.ID, k.TenantID)
			case k.Role == herald.RoleAdmin || !slices.Contains(herald.Roles, k.Role):
				return fmt.Errorf("tenant %s: key %s has role %q; a tenant's key has one of the roles tenant, portal or read-only", id, k.ID, k.Role)
			case keys[k.ID]:
				return fmt.Errorf("key %s is in the file twice", k.ID)
			}
			keys[k.ID] = true
		}
		for _, ep := range st.Endpoints {
			switch {
			case ep.ID == "":
				return fmt.Errorf("tenant %s: an endpoint without an id", id)
			case ep.TenantID != id:
				return fmt.Errorf("tenant %s: endpoint %s belongs to tenant %q", id, ep.ID, ep.TenantID)
			case endpoints[ep.ID]:
				return fmt.Errorf("endpoint %s is in the file twice", ep.ID)
			}
			endpoints[ep.ID] = true
		}
		events := map[string]bool{}
		for _, ev := range st.Events {
			switch {
			case ev.ID == "":
				return fmt.Errorf("tenant %s: an event without an id", id)
			case ev.TenantID != id:
				return fmt.Errorf("tenant %s: event %s belongs to tenant %q", id, ev.ID, ev.TenantID)
			case events[ev.ID]:
				return fmt.Errorf("tenant %s: event %s is in the file twice", id, ev.ID)
			}
			events[ev.ID] = true
		}
		for _, d := range st.Deliveries {
			switch {
			case d.ID == "":
				return fmt.Errorf("tenant %s: a delivery without an id", id)
			case d.TenantID != id:
				return fmt.Errorf("tenant %s: delivery %s belongs to tenant %q", id, d.ID, d.TenantID)
			case deliveries[d.ID]:
				return fmt.Errorf("delivery %s is in the file twice", d.ID)
			case !d.Status.Valid():
				return fmt.Errorf("delivery %s has an unknown status %q", d.ID, d.Status)
			case !events[d.EventID]:
				return fmt.Errorf("delivery %s names event %s, which the file does not hold for tenant %s", d.ID, d.EventID, id)
			case !endpoints[d.EndpointID]:
				return fmt.Errorf("delivery %s names endpoint %s, which the file does not hold for tenant %s", d.ID, d.EndpointID, id)
			}
			deliveries[d.ID] = true
		}
		jobs := map[string]bool{}
		for _, j := range st.Jobs {
			switch {
			case j.ID == "":
				return fmt.Errorf("tenant %s: a job without an id", id)
			case j.TenantID != id:
				return fmt.Errorf("tenant %s: job %s belongs to tenant %q", id, j.ID, j.TenantID)
			case jobs[j.ID]:
				return fmt.Errorf("tenant %s: job %s is in the file twice", id, j.ID)
			case j.Callback != nil && !endpoints[j.Callback.EndpointID]:
				return fmt.Errorf("job %s names callback endpoint %s, which the file does not hold for tenant %s", j.ID, j.Callback.EndpointID, id)
			case j.Callback != nil && j.Callback.DeliveryID != "" && !deliveries[j.Callback.DeliveryID]:
				return fmt.Errorf("job %s names callback delivery %s, which the file does not hold for tenant %s", j.ID, j.Callback.DeliveryID, id)
			}
			jobs[j.ID] = true
		}
	}
	return nil
}

// unlease prepares a delivery for a store that has never seen the nodes
// of the one it was read from: a lease held there ends with the move, and
// a pending delivery that was leased (an attempt in flight when it was
// read, whose outcome the file cannot know, or a lease a killed node
// left) is due at now, not at the old lease's end. A pending delivery
// due later keeps its time: a retry's backoff still holds.
func unlease(d *herald.Delivery, now time.Time) {
	if d.LeaseOwner == "" {
		return
	}
	d.LeaseOwner = ""
	if d.Status == herald.DeliveryPending && d.NextAttemptAt != nil && d.NextAttemptAt.After(now) {
		at := now
		d.NextAttemptAt = &at
	}
}
