-- +goose Up
-- The W3C traceparent of the request that brought an event (NULL: none),
-- which its attempts' spans continue; and whether an endpoint is sent one.
ALTER TABLE events ADD COLUMN trace_parent text;
ALTER TABLE endpoints ADD COLUMN send_traceparent boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE events DROP COLUMN trace_parent;
ALTER TABLE endpoints DROP COLUMN send_traceparent;
