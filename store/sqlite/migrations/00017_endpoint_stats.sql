-- +goose Up
-- Endpoint health (package health): per endpoint, span (seconds: 300 or
-- 3600) and bucket start (Unix seconds), how many attempts ended each way,
-- which deliveries they ended, and how many took up to each latency bound
-- (health.LatencyBounds; the last, longer). Added to as attempts are recorded; purged by age
-- (health.Keep). No foreign key: a completion for an endpoint deleted
-- meanwhile must not fail, and age removes what is left of it.
CREATE TABLE endpoint_stats (
    endpoint_id       TEXT NOT NULL,
    span              INTEGER NOT NULL,
    start             INTEGER NOT NULL,
    ok                INTEGER NOT NULL DEFAULT 0,
    client_errors     INTEGER NOT NULL DEFAULT 0,
    server_errors     INTEGER NOT NULL DEFAULT 0,
    timeouts          INTEGER NOT NULL DEFAULT 0,
    connection_errors INTEGER NOT NULL DEFAULT 0,
    delivered         INTEGER NOT NULL DEFAULT 0, -- deliveries the attempts ended: succeeded
    gave_up           INTEGER NOT NULL DEFAULT 0, -- and failed for good
    latency_0         INTEGER NOT NULL DEFAULT 0,
    latency_1         INTEGER NOT NULL DEFAULT 0,
    latency_2         INTEGER NOT NULL DEFAULT 0,
    latency_3         INTEGER NOT NULL DEFAULT 0,
    latency_4         INTEGER NOT NULL DEFAULT 0,
    latency_5         INTEGER NOT NULL DEFAULT 0,
    latency_6         INTEGER NOT NULL DEFAULT 0,
    latency_7         INTEGER NOT NULL DEFAULT 0,
    latency_8         INTEGER NOT NULL DEFAULT 0,
    latency_9         INTEGER NOT NULL DEFAULT 0,
    latency_10        INTEGER NOT NULL DEFAULT 0,
    latency_11        INTEGER NOT NULL DEFAULT 0,
    latency_12        INTEGER NOT NULL DEFAULT 0,
    latency_13        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (endpoint_id, span, start)
) WITHOUT ROWID;
CREATE INDEX endpoint_stats_age ON endpoint_stats (span, start);

-- +goose Down
DROP TABLE endpoint_stats;
