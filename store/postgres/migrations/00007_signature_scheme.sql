-- +goose Up
-- An endpoint's HMAC signature scheme as data (sigscheme.Scheme as JSON),
-- for signature "hmac"; NULL for the other schemes.
ALTER TABLE endpoints ADD COLUMN signature_scheme text;

-- +goose Down
ALTER TABLE endpoints DROP COLUMN signature_scheme;
