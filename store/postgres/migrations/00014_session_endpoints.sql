-- +goose Up
-- The endpoints a portal session is limited to (herald.APIKey.EndpointIDs),
-- a JSON array; NULL for every endpoint of its tenant.
ALTER TABLE api_keys ADD COLUMN endpoint_ids text;

-- +goose Down
ALTER TABLE api_keys DROP COLUMN endpoint_ids;
