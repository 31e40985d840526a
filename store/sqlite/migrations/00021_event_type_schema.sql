-- +goose Up
-- An event type's JSON Schema (herald.EventType.Schema), NULL for none, and
-- whether its events are checked against it at ingest.
ALTER TABLE event_types ADD COLUMN schema TEXT;
ALTER TABLE event_types ADD COLUMN validate INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE event_types DROP COLUMN validate;
ALTER TABLE event_types DROP COLUMN schema;
