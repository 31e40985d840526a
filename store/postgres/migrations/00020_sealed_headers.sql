-- +goose Up
-- Endpoints' (and job callbacks') static headers are sealed like secrets:
-- headers_sealed holds their sealed JSON and headers '{}'. Rows written
-- before are sealed at open, once the encryption key is verified (SQL
-- has no key): see store.SealLegacyHeaders.
ALTER TABLE endpoints ADD COLUMN headers_sealed bytea;

-- +goose Down
ALTER TABLE endpoints DROP COLUMN headers_sealed;
