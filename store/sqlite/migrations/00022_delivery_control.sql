-- +goose Up
-- Delivery control (docs/api.md "Delivery control"): an endpoint's rate
-- limit (herald.Endpoint.RateLimit, JSON, NULL for none) and ordering
-- ('' or 'fifo').
ALTER TABLE endpoints ADD COLUMN rate_limit TEXT;
ALTER TABLE endpoints ADD COLUMN ordering TEXT NOT NULL DEFAULT '';

-- Per endpoint, what every node sharing the store must agree on: the
-- rate limit's theoretical arrival time (package ratelimit), and the last
-- acceptance number given to a delivery of a FIFO endpoint.
CREATE TABLE endpoint_flow (
    endpoint_id TEXT PRIMARY KEY REFERENCES endpoints (id) ON DELETE CASCADE,
    rate_tat    INTEGER,
    fifo_last   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- A FIFO endpoint's deliveries carry their acceptance number; those
-- behind the endpoint's head wait pending with no due time.
ALTER TABLE deliveries ADD COLUMN fifo_seq INTEGER;
-- Both indexes hold FIFO deliveries only: the rest never pay for them.
CREATE INDEX deliveries_fifo_waiting ON deliveries (endpoint_id, fifo_seq)
    WHERE fifo_seq IS NOT NULL AND status = 'pending' AND next_attempt_at IS NULL;
CREATE INDEX deliveries_fifo_head ON deliveries (endpoint_id)
    WHERE fifo_seq IS NOT NULL AND (status = 'paused' OR (status = 'pending' AND next_attempt_at IS NOT NULL));

-- +goose Down
DROP INDEX deliveries_fifo_head;
DROP INDEX deliveries_fifo_waiting;
ALTER TABLE deliveries DROP COLUMN fifo_seq;
DROP TABLE endpoint_flow;
ALTER TABLE endpoints DROP COLUMN ordering;
ALTER TABLE endpoints DROP COLUMN rate_limit;
