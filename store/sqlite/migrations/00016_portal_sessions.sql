-- +goose Up
-- Portal sessions are keys too (herald.APIKey.Session): they end at
-- expires_at, and until their sign-in link is used link_hash holds the
-- link token's SHA-256 (the key's own hash is then of bytes never shown).
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN session INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN link_hash BLOB;
CREATE UNIQUE INDEX api_keys_link ON api_keys (link_hash) WHERE link_hash IS NOT NULL;
CREATE INDEX api_keys_expiry ON api_keys (expires_at) WHERE expires_at IS NOT NULL;

-- +goose Down
DROP INDEX api_keys_expiry;
DROP INDEX api_keys_link;
ALTER TABLE api_keys DROP COLUMN link_hash;
ALTER TABLE api_keys DROP COLUMN session;
ALTER TABLE api_keys DROP COLUMN expires_at;
