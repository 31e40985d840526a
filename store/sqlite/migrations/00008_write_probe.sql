-- +goose Up
-- Ping writes and deletes a row here, so that readiness means "a commit
-- that needs new pages succeeds", which an empty transaction does not
-- prove on a full disk.
CREATE TABLE write_probe (
    id  INTEGER PRIMARY KEY,
    pad BLOB NOT NULL
);

-- +goose Down
DROP TABLE write_probe;
