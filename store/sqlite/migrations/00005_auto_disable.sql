-- +goose Up
ALTER TABLE endpoints ADD COLUMN disable_after_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE endpoints ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE endpoints DROP COLUMN consecutive_failures;
ALTER TABLE endpoints DROP COLUMN disable_after_failures;
