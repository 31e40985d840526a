-- +goose Up
-- Deliveries change state on every attempt, and each change leaves a dead
-- row (about 1.5 per delivery, measured). The server's default thresholds
-- vacuum a table once a fifth of it is dead: on a table of 100 million
-- deliveries, 20 million dead rows first. These tables are vacuumed and
-- analysed at a hundredth instead, whatever the server's defaults, so
-- that Herald does not depend on them being tuned.
ALTER TABLE deliveries SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE attempts SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE events SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);

-- +goose Down
ALTER TABLE events RESET (autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
ALTER TABLE attempts RESET (autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
ALTER TABLE deliveries RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor,
    autovacuum_analyze_scale_factor);
