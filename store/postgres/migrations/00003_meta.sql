-- +goose Up
-- Values the store keeps about itself: the seal check, which tells at
-- start whether the encryption key is the one the secrets were sealed with.
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value bytea NOT NULL
);

-- +goose Down
DROP TABLE meta;
