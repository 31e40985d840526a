-- +goose Up
-- Delivery control (docs/api.md "Delivery control"): an endpoint's rate
-- limit (herald.Endpoint.RateLimit, JSON, NULL for none) and ordering
-- ('' or 'fifo').
ALTER TABLE endpoints ADD COLUMN rate_limit TEXT;
ALTER TABLE endpoints ADD COLUMN ordering TEXT NOT NULL DEFAULT '';

-- Per endpoint, what every node sharing the store must agree on: the
-- rate limit's theoretical arrival time (package ratelimit), the last
-- acceptance number given to a delivery of a FIFO endpoint, and its head
-- (store/flow.go).
CREATE TABLE endpoint_flow (
    endpoint_id TEXT PRIMARY KEY REFERENCES endpoints (id) ON DELETE CASCADE,
    rate_tat    INTEGER,
    fifo_last   INTEGER NOT NULL DEFAULT 0,
    fifo_head   TEXT
) WITHOUT ROWID;

-- A FIFO endpoint's delivery carries its acceptance number: fifo_order
-- for good, fifo_seq while it is unfinished (the index holds only those).
ALTER TABLE deliveries ADD COLUMN fifo_seq INTEGER;
ALTER TABLE deliveries ADD COLUMN fifo_order INTEGER;
CREATE INDEX deliveries_fifo ON deliveries (endpoint_id, fifo_seq) WHERE fifo_seq IS NOT NULL;

-- +goose Down
DROP INDEX deliveries_fifo;
ALTER TABLE deliveries DROP COLUMN fifo_order;
ALTER TABLE deliveries DROP COLUMN fifo_seq;
DROP TABLE endpoint_flow;
ALTER TABLE endpoints DROP COLUMN ordering;
ALTER TABLE endpoints DROP COLUMN rate_limit;
