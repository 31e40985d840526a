-- +goose Up
-- Endpoint health (package health): per endpoint, span (seconds: 300 or
-- 3600) and bucket start (Unix seconds), how many attempts ended each way,
-- which deliveries they ended, and how many took up to each latency bound
-- (health.LatencyBounds; the last, longer). Added to as attempts are recorded; purged by age
-- (health.Keep). No foreign key: a completion for an endpoint deleted
-- meanwhile must not fail, and age removes what is left of it.
-- fillfactor 50: the counters change in place (HOT updates).
CREATE TABLE endpoint_stats (
    endpoint_id       text NOT NULL,
    span              bigint NOT NULL,
    start             bigint NOT NULL,
    ok                bigint NOT NULL DEFAULT 0,
    client_errors     bigint NOT NULL DEFAULT 0,
    server_errors     bigint NOT NULL DEFAULT 0,
    timeouts          bigint NOT NULL DEFAULT 0,
    connection_errors bigint NOT NULL DEFAULT 0,
    delivered         bigint NOT NULL DEFAULT 0, -- deliveries the attempts ended: succeeded
    gave_up           bigint NOT NULL DEFAULT 0, -- and failed for good
    latency_0         bigint NOT NULL DEFAULT 0,
    latency_1         bigint NOT NULL DEFAULT 0,
    latency_2         bigint NOT NULL DEFAULT 0,
    latency_3         bigint NOT NULL DEFAULT 0,
    latency_4         bigint NOT NULL DEFAULT 0,
    latency_5         bigint NOT NULL DEFAULT 0,
    latency_6         bigint NOT NULL DEFAULT 0,
    latency_7         bigint NOT NULL DEFAULT 0,
    latency_8         bigint NOT NULL DEFAULT 0,
    latency_9         bigint NOT NULL DEFAULT 0,
    latency_10        bigint NOT NULL DEFAULT 0,
    latency_11        bigint NOT NULL DEFAULT 0,
    latency_12        bigint NOT NULL DEFAULT 0,
    latency_13        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (endpoint_id, span, start)
) WITH (fillfactor = 50);
CREATE INDEX endpoint_stats_age ON endpoint_stats (span, start);

-- +goose Down
DROP TABLE endpoint_stats;
