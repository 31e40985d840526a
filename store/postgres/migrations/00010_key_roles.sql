-- +goose Up
-- What a key may do (herald.Role): admin for the keys without a tenant,
-- tenant (as every tenant key could until now), portal or read-only.
ALTER TABLE api_keys ADD COLUMN role text NOT NULL DEFAULT 'tenant';
UPDATE api_keys SET role = 'admin' WHERE tenant_id IS NULL;

-- +goose Down
ALTER TABLE api_keys DROP COLUMN role;
