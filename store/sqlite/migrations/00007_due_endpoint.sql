-- +goose Up
-- The due index carries the endpoint, so that a claim can pass over the
-- deliveries of endpoints that hold their share of memory without reading
-- their rows.
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, endpoint_id) WHERE status = 'pending';

-- +goose Down
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
