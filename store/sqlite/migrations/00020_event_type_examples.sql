-- +goose Up
-- Example payloads of an event type (herald.EventType.Examples), a JSON
-- array of objects; NULL for none.
ALTER TABLE event_types ADD COLUMN examples TEXT;

-- +goose Down
ALTER TABLE event_types DROP COLUMN examples;
