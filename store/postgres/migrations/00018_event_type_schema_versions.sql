-- +goose Up
-- Versions of an event type's schema (herald.EventType.Schemas), a JSON
-- object of version name to schema; NULL for none.
ALTER TABLE event_types ADD COLUMN schema_versions text;

-- +goose Down
ALTER TABLE event_types DROP COLUMN schema_versions;
