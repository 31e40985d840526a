-- +goose Up
-- The same model as the SQLite store, in PostgreSQL's types. JSON that
-- Herald reads back as a whole is jsonb; an event's body is bytea, kept
-- byte for byte as received, because receivers verify signatures over it.

CREATE TABLE tenants (
    id              text PRIMARY KEY,
    name            text NOT NULL,
    max_event_types integer NOT NULL DEFAULT 0, -- 0: the server's limit
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX tenants_created ON tenants (created_at, id);

CREATE TABLE api_keys (
    id         text PRIMARY KEY,
    tenant_id  text REFERENCES tenants (id) ON DELETE CASCADE, -- NULL: admin key
    name       text NOT NULL,
    hash       bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE event_types (
    name        text PRIMARY KEY,
    description text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE endpoints (
    id                         text PRIMARY KEY,
    tenant_id                  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    job_id                     text NOT NULL DEFAULT '', -- a job's hidden callback endpoint; '' for the rest
    url                        text NOT NULL,
    description                text NOT NULL,
    event_types                jsonb NOT NULL,
    channels                   jsonb NOT NULL,
    headers                    jsonb NOT NULL,
    retry_policy               jsonb, -- NULL: the default
    disabled                   boolean NOT NULL,
    disabled_reason            text NOT NULL,
    paused                     boolean NOT NULL,
    secret                     bytea NOT NULL, -- sealed
    previous_secret            bytea,          -- sealed
    previous_secret_expires_at timestamptz,
    signature                  text NOT NULL DEFAULT '',
    signature_header           text NOT NULL DEFAULT '',
    path_suffix                text NOT NULL DEFAULT '',
    user_agent                 text NOT NULL DEFAULT '',
    bearer_token               bytea, -- sealed; NULL: none
    format                     text NOT NULL DEFAULT '',
    envelope_object            text NOT NULL DEFAULT '',
    api_version                text NOT NULL DEFAULT '',
    disable_after_failures     integer NOT NULL DEFAULT 0,
    consecutive_failures       integer NOT NULL DEFAULT 0,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL
);
CREATE INDEX endpoints_tenant ON endpoints (tenant_id, created_at, id);

CREATE TABLE events (
    tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         text NOT NULL,
    type       text NOT NULL,
    channels   jsonb NOT NULL,
    data       bytea NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_tenant ON events (tenant_id, created_at, id);

CREATE TABLE deliveries (
    id               text PRIMARY KEY,
    tenant_id        text NOT NULL,
    event_id         text NOT NULL,
    endpoint_id      text NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    status           text NOT NULL,
    attempts         integer NOT NULL,
    -- While pending: when the next attempt is due. While leased, the lease's
    -- end, so that a delivery whose owner died becomes due again by itself.
    next_attempt_at  timestamptz,
    lease_owner      text,
    last_status_code integer NOT NULL,
    last_error       text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_tenant ON deliveries (tenant_id, created_at, id);
CREATE INDEX deliveries_event ON deliveries (tenant_id, event_id);
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, created_at, id);

CREATE TABLE attempts (
    delivery_id   text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    id            text NOT NULL,
    started_at    timestamptz NOT NULL,
    duration_us   bigint NOT NULL,
    status_code   integer NOT NULL,
    response_body text NOT NULL,
    error         text NOT NULL,
    trigger       text NOT NULL,
    PRIMARY KEY (delivery_id, id)
);

CREATE TABLE jobs (
    tenant_id            text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   text NOT NULL,
    type                 text NOT NULL,
    status               text NOT NULL,
    progress             double precision,
    input                bytea, -- JSON, as given
    result               bytea, -- JSON, as given
    error                bytea, -- JSON, as given
    attributes           bytea, -- JSON object, as given
    channels             jsonb NOT NULL,
    callback_endpoint_id text NOT NULL, -- '' when the job has no callback
    callback_delivery_id text NOT NULL, -- '' until the job finishes
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    started_at           timestamptz,
    finished_at          timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_tenant ON jobs (tenant_id, created_at, id);

-- +goose Down
DROP TABLE jobs;
DROP TABLE attempts;
DROP TABLE deliveries;
DROP TABLE events;
DROP TABLE endpoints;
DROP TABLE event_types;
DROP TABLE api_keys;
DROP TABLE tenants;
