-- +goose Up
-- How a request to an endpoint looks on the wire, beyond its body.
ALTER TABLE endpoints ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN signature_header TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN path_suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN bearer_token BLOB; -- sealed; NULL: none

-- +goose Down
ALTER TABLE endpoints DROP COLUMN bearer_token;
ALTER TABLE endpoints DROP COLUMN user_agent;
ALTER TABLE endpoints DROP COLUMN path_suffix;
ALTER TABLE endpoints DROP COLUMN signature_header;
ALTER TABLE endpoints DROP COLUMN signature;
