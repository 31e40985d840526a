-- +goose Up
-- Delivery control (docs/api.md "Delivery control"): an endpoint's rate
-- limit (herald.Endpoint.RateLimit, JSON, NULL for none) and ordering
-- ('' or 'fifo').
ALTER TABLE endpoints ADD COLUMN rate_limit text;
ALTER TABLE endpoints ADD COLUMN ordering text NOT NULL DEFAULT '';

-- Per endpoint, what every node sharing the database must agree on: the
-- rate limit's theoretical arrival time (package ratelimit), and the last
-- acceptance number given to a delivery of a FIFO endpoint. Its row lock
-- is what serializes two nodes taking a send slot, or accepting events
-- for one FIFO endpoint, so that acceptance order is commit order.
CREATE TABLE endpoint_flow (
    endpoint_id text PRIMARY KEY REFERENCES endpoints (id) ON DELETE CASCADE,
    rate_tat    timestamptz,
    fifo_last   bigint NOT NULL DEFAULT 0
);

ALTER TABLE deliveries ADD COLUMN fifo_seq bigint;
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
