package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/schema"
	"github.com/heraldhq/herald/store"
)

func (s *Server) createTenant(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		MaxEventTypes int    `json:"max_event_types"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.ID == "" {
		in.ID = herald.NewID(herald.PrefixTenant)
	} else if err := checkID("id", in.ID); err != nil {
		return err
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" {
		return errMissing("name", `{"name": "Acme Inc."}`)
	}
	if len(in.Name) > maxDescription {
		return invalidf("name must be at most %d characters", maxDescription)
	}
	if err := checkMaxEventTypes(in.MaxEventTypes); err != nil {
		return err
	}
	now := s.now()
	t := &herald.Tenant{ID: in.ID, Name: in.Name, MaxEventTypes: in.MaxEventTypes, CreatedAt: now, UpdatedAt: now}
	if err := s.cfg.Store.CreateTenant(r.Context(), t); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, t)
	return nil
}

func (s *Server) listTenants(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	limit, cursor, err := pageParams(r)
	if err != nil {
		return err
	}
	ts, next, err := s.cfg.Store.FindTenants(r.Context(), store.Page{Limit: limit, Cursor: cursor})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ts, next))
	return nil
}

func (s *Server) getTenant(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	t, err := s.cfg.Store.FindTenantByID(r.Context(), r.PathValue("tenant"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) updateTenant(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Name          *string `json:"name"`
		MaxEventTypes *int    `json:"max_event_types"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.Name != nil {
		*in.Name = strings.TrimSpace(*in.Name)
		if *in.Name == "" || len(*in.Name) > maxDescription {
			return invalidf("name must be 1 to %d characters", maxDescription)
		}
	}
	if in.MaxEventTypes != nil {
		if err := checkMaxEventTypes(*in.MaxEventTypes); err != nil {
			return err
		}
	}
	t, err := s.cfg.Store.UpdateTenant(r.Context(), r.PathValue("tenant"), store.TenantUpdate{Name: in.Name, MaxEventTypes: in.MaxEventTypes})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) deleteTenant(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	if err := s.cfg.Store.DeleteTenant(r.Context(), r.PathValue("tenant")); err != nil {
		return err
	}
	s.keys.forgetTenant(r.PathValue("tenant"))
	s.cfg.Endpoints.InvalidateTenant(r.PathValue("tenant"))
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// rotateCallbackSecret makes a new callback secret for the tenant (the
// first one, or the next): it signs the callbacks of the tenant's jobs
// made from then on that bring no secret of their own, and every such
// callback made since the first one. The one it replaces keeps signing
// beside it for the grace period, as an endpoint's does.
func (s *Server) rotateCallbackSecret(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	secret, grace, err := s.rotation(w, r, false)
	if err != nil {
		return err
	}
	tenant := r.PathValue("tenant")
	t, err := s.cfg.Store.RotateTenantCallbackSecret(r.Context(), tenant, secret, s.now().Add(grace))
	if err != nil {
		return err
	}
	s.cfg.Endpoints.InvalidateTenant(tenant)
	answer := struct {
		*herald.Tenant
		CallbackSecret                  string     `json:"callback_secret"`
		CallbackPreviousSecretExpiresAt *time.Time `json:"callback_previous_secret_expires_at,omitempty"`
	}{Tenant: t, CallbackSecret: t.CallbackSecret}
	if t.CallbackPreviousSecret != "" {
		answer.CallbackPreviousSecretExpiresAt = &t.CallbackPreviousSecretExpiresAt
	}
	writeJSON(w, http.StatusOK, answer)
	return nil
}

// createdKey is the one answer that shows a key.
type createdKey struct {
	*herald.APIKey
	Key string `json:"key"`
}

func (s *Server) createKey(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Name string      `json:"name"`
		Role herald.Role `json:"role"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if len(in.Name) > maxDescription {
		return invalidf("name must be at most %d characters", maxDescription)
	}
	switch in.Role {
	case "":
		in.Role = herald.RoleTenant
	case herald.RoleTenant, herald.RolePortal, herald.RoleReadOnly:
	default:
		return invalidf("role must be %q (the default), %q or %q, not %q; admin keys have no tenant", herald.RoleTenant, herald.RolePortal, herald.RoleReadOnly, in.Role)
	}
	token, hash := NewAPIKey()
	k := &herald.APIKey{
		ID: herald.NewID(herald.PrefixAPIKey), TenantID: r.PathValue("tenant"), Name: in.Name, Role: in.Role, Hash: hash, CreatedAt: s.now(),
	}
	if err := s.cfg.Store.CreateAPIKey(r.Context(), k); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, createdKey{APIKey: k, Key: token})
	return nil
}

func (s *Server) listKeys(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	tenant := r.PathValue("tenant")
	if _, err := s.cfg.Store.FindTenantByID(r.Context(), tenant); err != nil {
		return err
	}
	keys, err := s.cfg.Store.FindAPIKeys(r.Context(), tenant)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(keys, ""))
	return nil
}

func (s *Server) deleteKey(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	id := r.PathValue("key")
	if err := s.cfg.Store.DeleteAPIKey(r.Context(), r.PathValue("tenant"), id); err != nil {
		return err
	}
	s.keys.forget(id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// maxExamples bounds an event type's example payloads (the body is
// bounded too, at 64 KiB).
const maxExamples = 10

func (s *Server) createEventType(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Name        string                     `json:"name"`
		Description string                     `json:"description"`
		Examples    []json.RawMessage          `json:"examples"`
		Schema      json.RawMessage            `json:"schema"`
		Schemas     map[string]json.RawMessage `json:"schemas"`
		Validate    bool                       `json:"validate"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.Name == "" {
		return errMissing("name", `{"name": "job.completed"}`)
	}
	if err := checkName("name", in.Name); err != nil {
		return err
	}
	if len(in.Description) > maxDescription {
		return invalidf("description must be at most %d characters", maxDescription)
	}
	if len(in.Examples) > maxExamples {
		return invalidf("examples may list at most %d payloads, not %d", maxExamples, len(in.Examples))
	}
	for i, ex := range in.Examples {
		field := fmt.Sprintf("examples[%d]", i)
		data, err := checkJSON(field, ex)
		if err == nil && (data == nil || data[0] != '{') {
			err = invalidf("%s must be a JSON object, as an event's data is", field)
		}
		if err != nil {
			return err
		}
		in.Examples[i] = data
	}
	et := &herald.EventType{Name: in.Name, Description: in.Description, CreatedAt: s.now(), Examples: in.Examples, Validate: in.Validate}
	if err := checkEventTypeSchema(r.Context(), et, in.Schema, in.Schemas); err != nil {
		return err
	}
	if err := s.cfg.Store.CreateEventType(r.Context(), et); err != nil {
		return err
	}
	s.schemas.Invalidate()
	writeJSON(w, http.StatusCreated, newEventTypeView(et))
	return nil
}

// eventTypeView is an event type as the API answers it: every field there,
// none spelled out ("examples": [], "schema": null, "schemas": {}), where
// herald.EventType's own JSON, which the store and the schema catalogue
// share, leaves empty ones out.
type eventTypeView struct {
	Name        string                     `json:"name"`
	Description string                     `json:"description"`
	CreatedAt   time.Time                  `json:"created_at"`
	Examples    []json.RawMessage          `json:"examples"`
	Schema      json.RawMessage            `json:"schema"`
	Schemas     map[string]json.RawMessage `json:"schemas"`
	Validate    bool                       `json:"validate"`
}

func newEventTypeView(et *herald.EventType) eventTypeView {
	v := eventTypeView{Name: et.Name, Description: et.Description, CreatedAt: et.CreatedAt, Examples: et.Examples,
		Schema: et.Schema, Schemas: et.Schemas, Validate: et.Validate}
	if v.Examples == nil {
		v.Examples = []json.RawMessage{}
	}
	if len(v.Schema) == 0 {
		v.Schema = nil // null
	}
	if v.Schemas == nil {
		v.Schemas = map[string]json.RawMessage{}
	}
	return v
}

// maxSchemaVersions bounds an event type's schema versions.
const maxSchemaVersions = 20

// checkEventTypeSchema compiles raw (none when absent or null) as et's
// schema, and versions as its versions, and checks et's examples against
// the schema: a type whose own examples do not match would make test
// events that its validation refuses. Compiling stops when ctx, the
// request's, ends.
func checkEventTypeSchema(ctx context.Context, et *herald.EventType, raw json.RawMessage, versions map[string]json.RawMessage) error {
	data, err := checkJSON("schema", raw)
	if err != nil || data == nil {
		if err == nil && et.Validate {
			return invalidf("validate needs a schema to check events against")
		}
		if err == nil && len(versions) > 0 {
			return invalidf("schemas (earlier versions) need a schema, the current one, beside them")
		}
		return err
	}
	compiled, err := schema.Compile(ctx, data)
	if err := schemaEnded(err); err != nil {
		return err
	}
	if err != nil {
		return invalidf("schema is not a valid JSON Schema (draft 2020-12 unless it names another with $schema): %v", err)
	}
	for i, ex := range et.Examples {
		if err := compiled.Validate(ex); err != nil {
			return invalidf("examples[%d] does not match the schema: %v", i, err)
		}
	}
	et.Schema = data
	if len(versions) > maxSchemaVersions {
		return invalidf("schemas may hold at most %d versions, not %d", maxSchemaVersions, len(versions))
	}
	for name, raw := range versions {
		if err := checkName("schemas' version names", name); err != nil {
			return err
		}
		data, err := checkJSON("schemas."+name, raw)
		if err == nil && data == nil {
			err = invalidf("schemas.%s is empty; remove the version instead", name)
		}
		if err != nil {
			return err
		}
		_, err = schema.Compile(ctx, data)
		if err := schemaEnded(err); err != nil {
			return err
		}
		if err != nil {
			return invalidf("schemas.%s is not a valid JSON Schema: %v", name, err)
		}
		if et.Schemas == nil {
			et.Schemas = make(map[string]json.RawMessage, len(versions))
		}
		et.Schemas[name] = data
	}
	return nil
}

// schemaEnded is the answer to a compile the request's end stopped, nil
// for any other outcome.
func schemaEnded(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return invalidf("the schema took longer to compile than a request may last; make it smaller or flatter")
	}
	return nil
}

func (s *Server) listEventTypes(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	ets, err := s.cfg.Store.FindEventTypes(r.Context())
	if err != nil {
		return err
	}
	out := make([]eventTypeView, len(ets))
	for i, et := range ets {
		out[i] = newEventTypeView(et)
	}
	writeJSON(w, http.StatusOK, newList(out, ""))
	return nil
}

func checkMaxEventTypes(n int) error {
	if n < 0 || n > maxEventTypes {
		return invalidf("max_event_types must be from 1 to %d, or 0 for the server's limit (%d)", maxEventTypes, maxEventTypes)
	}
	return nil
}

// me tells a caller what its key is: its id and name, and its tenant, or
// that it is an admin key. A dashboard or client given only a key learns
// from it where it may go.
func (s *Server) me(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	writeJSON(w, http.StatusOK, struct {
		ID       string      `json:"id"`
		Name     string      `json:"name"`
		TenantID string      `json:"tenant_id,omitempty"`
		Admin    bool        `json:"admin"`
		Role     herald.Role `json:"role"`
		// EndpointIDs, when present, are the only endpoints it may see.
		EndpointIDs []string `json:"endpoint_ids,omitempty"`
	}{key.ID, key.Name, key.TenantID, key.TenantID == "", key.Role, key.EndpointIDs})
	return nil
}
