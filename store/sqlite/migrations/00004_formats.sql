-- +goose Up
ALTER TABLE jobs ADD COLUMN attributes BLOB; -- JSON object, as given
-- The body format of an endpoint's requests, and the envelope's names.
ALTER TABLE endpoints ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN envelope_object TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN api_version TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE endpoints DROP COLUMN api_version;
ALTER TABLE endpoints DROP COLUMN envelope_object;
ALTER TABLE endpoints DROP COLUMN format;
ALTER TABLE jobs DROP COLUMN attributes;
