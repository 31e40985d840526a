// Package sqlcols holds the SQL that both SQL stores share: the column
// lists their reads and writes use, in the order their scan functions read
// them. The schemas differ in types, not in names, so one list serves
// both; a column added to a table is added here once.
package sqlcols

import "strings"

// Qualified is the column list cols with each column prefixed by alias and
// a dot, for a query that joins tables sharing column names.
func Qualified(cols, alias string) string {
	fields := strings.Split(cols, ",")
	for i, f := range fields {
		fields[i] = alias + "." + strings.TrimSpace(f)
	}
	return strings.Join(fields, ", ")
}

const (
	Tenant = `id, name, max_event_types, created_at, updated_at,
	callback_secret, callback_previous_secret, callback_previous_secret_expires_at`

	APIKey = `id, tenant_id, name, role, hash, created_at, expires_at, session, link_hash, endpoint_ids`

	// Endpoint's settings is the JSON of every setting no query reads
	// (store.EndpointSettingsJSON); the other columns are read by queries
	// or sealed.
	Endpoint = `id, tenant_id, url, event_types, channels, headers,
	disabled, disabled_reason, paused, secret, previous_secret, previous_secret_expires_at, job_id,
	bearer_token, disable_after_failures, consecutive_failures, created_at, updated_at, tenant_secret,
	ordering, headers_sealed, settings`

	Event = `tenant_id, id, type, channels, data, created_at, trace_parent`

	EventType = `name, description, created_at, examples, schema, validate, schema_versions`

	Delivery = `id, tenant_id, event_id, endpoint_id, status, attempts, next_attempt_at, lease_owner,
	last_status_code, last_error, created_at, updated_at`

	// DeliveryEventType reads, after Delivery's columns, the type of the
	// delivery's event: one primary-key lookup per row listed. The table
	// is called "deliveries" or given an alias and a dot.
	DeliveryEventType = `(SELECT ev.type FROM events ev WHERE ev.tenant_id = %[1]stenant_id AND ev.id = %[1]sevent_id)`

	// JobSelect reads a job with its callback's URL, and its callback
	// delivery's status and attempts; add the WHERE clause.
	JobSelect = `SELECT j.tenant_id, j.id, j.type, j.status, j.progress, j.input, j.result, j.error, j.attributes, j.channels,
		j.callback_endpoint_id, j.callback_delivery_id, j.created_at, j.updated_at, j.started_at, j.finished_at,
		coalesce(e.url, ''), coalesce(d.status, ''), coalesce(d.attempts, 0)
	FROM jobs j
	LEFT JOIN endpoints e ON e.id = j.callback_endpoint_id
	LEFT JOIN deliveries d ON d.id = j.callback_delivery_id`
)
