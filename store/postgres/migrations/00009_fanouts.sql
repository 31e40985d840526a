-- +goose Up
-- Deferred fan-outs: an event's planned deliveries, written after its
-- acknowledgement in bounded chunks (store.NewEvent.Defer).
CREATE TABLE fanouts (
    tenant_id  text NOT NULL,
    event_id   text NOT NULL,
    planned    jsonb NOT NULL,             -- [[delivery id, endpoint id], ...]
    total      integer NOT NULL,           -- how many there are
    written    integer NOT NULL DEFAULT 0, -- how many of them are written
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, event_id),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX fanouts_created ON fanouts (created_at);

-- +goose Down
DROP TABLE fanouts;
