-- +goose Up
-- The W3C traceparent of the request that brought an event (NULL: none),
-- which its attempts' spans continue; and whether an endpoint is sent one.
ALTER TABLE events ADD COLUMN trace_parent TEXT;
ALTER TABLE endpoints ADD COLUMN send_traceparent INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE events DROP COLUMN trace_parent;
ALTER TABLE endpoints DROP COLUMN send_traceparent;
