-- +goose Up
-- The most event types one endpoint may subscribe to; 0: the server's limit.
ALTER TABLE tenants ADD COLUMN max_event_types INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE tenants DROP COLUMN max_event_types;
