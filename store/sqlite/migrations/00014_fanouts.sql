-- +goose Up
-- Deferred fan-outs: an event's planned deliveries, written after its
-- acknowledgement in bounded chunks (store.NewEvent.Defer).
CREATE TABLE fanouts (
    tenant_id  TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    planned    TEXT NOT NULL,              -- JSON [[delivery id, endpoint id], ...]
    total      INTEGER NOT NULL,           -- how many there are
    written    INTEGER NOT NULL DEFAULT 0, -- how many of them are written
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, event_id),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX fanouts_created ON fanouts (created_at);

-- +goose Down
DROP TABLE fanouts;
