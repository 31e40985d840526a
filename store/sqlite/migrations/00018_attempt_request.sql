-- +goose Up
-- What an attempt sent (herald.AttemptRequest as JSON: the URL, the
-- headers with credentials masked, the body's SHA-256); NULL for attempts
-- recorded before.
ALTER TABLE attempts ADD COLUMN request TEXT;

-- +goose Down
ALTER TABLE attempts DROP COLUMN request;
