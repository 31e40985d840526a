-- +goose Up
-- A tenant's callback signing secret (sealed), with the one it replaced
-- during a rotation's grace period; and the job callbacks that sign with it.
ALTER TABLE tenants ADD COLUMN callback_secret BLOB;
ALTER TABLE tenants ADD COLUMN callback_previous_secret BLOB;
ALTER TABLE tenants ADD COLUMN callback_previous_secret_expires_at INTEGER;
ALTER TABLE endpoints ADD COLUMN tenant_secret INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE endpoints DROP COLUMN tenant_secret;
ALTER TABLE tenants DROP COLUMN callback_previous_secret_expires_at;
ALTER TABLE tenants DROP COLUMN callback_previous_secret;
ALTER TABLE tenants DROP COLUMN callback_secret;
