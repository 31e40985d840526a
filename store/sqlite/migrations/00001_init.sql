-- +goose Up
-- Times are integer microseconds since the Unix epoch, UTC.

CREATE TABLE tenants (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX tenants_created ON tenants (created_at, id);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT REFERENCES tenants (id) ON DELETE CASCADE, -- NULL: admin key
    name       TEXT NOT NULL,
    hash       BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE event_types (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE endpoints (
    id                         TEXT PRIMARY KEY,
    tenant_id                  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    url                        TEXT NOT NULL,
    description                TEXT NOT NULL,
    event_types                TEXT NOT NULL, -- JSON array
    channels                   TEXT NOT NULL, -- JSON array
    headers                    TEXT NOT NULL, -- JSON object
    retry_policy               TEXT,          -- JSON object; NULL: the default
    disabled                   INTEGER NOT NULL,
    disabled_reason            TEXT NOT NULL,
    paused                     INTEGER NOT NULL,
    secret                     BLOB NOT NULL, -- sealed
    previous_secret            BLOB,          -- sealed
    previous_secret_expires_at INTEGER,
    created_at                 INTEGER NOT NULL,
    updated_at                 INTEGER NOT NULL
);
CREATE INDEX endpoints_tenant ON endpoints (tenant_id, created_at, id);

CREATE TABLE events (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    type       TEXT NOT NULL,
    channels   TEXT NOT NULL, -- JSON array
    data       BLOB NOT NULL, -- JSON object, as received
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_tenant ON events (tenant_id, created_at, id);

CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL,
    event_id         TEXT NOT NULL,
    endpoint_id      TEXT NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    -- While pending: when the next attempt is due. While leased, the lease's
    -- end, so that a delivery whose owner died becomes due again by itself.
    next_attempt_at  INTEGER,
    lease_owner      TEXT,
    last_status_code INTEGER NOT NULL,
    last_error       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
) WITHOUT ROWID; -- rows are small and keyed by a time-ordered id: one B-tree, not two
-- Indexes are few on purpose: each costs a write on every change of the
-- columns it covers, and deliveries change on every attempt.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_tenant ON deliveries (tenant_id, created_at, id);
CREATE INDEX deliveries_event ON deliveries (tenant_id, event_id);
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, created_at, id);

CREATE TABLE attempts (
    delivery_id   TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    duration_us   INTEGER NOT NULL,
    status_code   INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    error         TEXT NOT NULL,
    trigger       TEXT NOT NULL,
    PRIMARY KEY (delivery_id, id)
) WITHOUT ROWID; -- a delivery's attempts sit together, in order

-- +goose Down
DROP TABLE attempts;
DROP TABLE deliveries;
DROP TABLE events;
DROP TABLE endpoints;
DROP TABLE event_types;
DROP TABLE api_keys;
DROP TABLE tenants;
