-- +goose Up
-- Each delivery's row changes about twice (its claim, its outcome), and
-- each change moved next_attempt_at or status, the columns of the
-- deliveries_due index: no update could be HOT, so every one wrote a new
-- entry into all five of the table's indexes (measured with herald-bench
-- --only throughput --endpoints 1 --postgres: 0 of 192,056 updates HOT,
-- 1.9 dead rows and 930 bytes per delivery in deliveries).
--
-- What is due moves to deliveries_due, a narrow table holding only the
-- pending deliveries (id, tenant, endpoint, creation, when due), kept by triggers on
-- deliveries so that no statement can forget it. The deliveries table keeps
-- every column as before, but none that changes is indexed any more, and
-- two fifths of each page are left free for the row's next versions: its
-- updates are HOT (same page, no index entry; 80 % of them in the same run,
-- 0.1 dead rows and 727 bytes per delivery). The table written on every
-- state change with index entries is the small one, whose rows die as
-- their deliveries settle.
--
-- Lock order: every statement locks a delivery's row before the trigger
-- touches its row here, so the two are never taken the other way round.
DROP INDEX deliveries_due; -- its name is the table's now
CREATE TABLE deliveries_due (
    id          text PRIMARY KEY, -- the delivery's
    tenant_id   text NOT NULL,
    endpoint_id text NOT NULL,
    created_at  timestamptz NOT NULL, -- the delivery's
    due_at      timestamptz NOT NULL
);
CREATE INDEX deliveries_due_at ON deliveries_due (due_at);
-- A tenant's pending deliveries, newest first: the list filter
-- status=pending, which no index of deliveries serves any more.
CREATE INDEX deliveries_due_tenant ON deliveries_due (tenant_id, created_at, id);

-- Statement triggers: one set-wise statement for each statement on
-- deliveries, however many rows it changed, not a function call per row.
-- +goose StatementBegin
CREATE FUNCTION deliveries_due_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM deliveries_due q USING gone g WHERE q.id = g.id AND g.status = 'pending';
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM deliveries_due q USING changed c
        WHERE q.id = c.id AND (c.status != 'pending' OR c.next_attempt_at IS NULL);
    END IF;
    INSERT INTO deliveries_due (id, tenant_id, endpoint_id, created_at, due_at)
        SELECT c.id, c.tenant_id, c.endpoint_id, c.created_at, c.next_attempt_at FROM changed c
        WHERE c.status = 'pending' AND c.next_attempt_at IS NOT NULL
    ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at WHERE deliveries_due.due_at != EXCLUDED.due_at;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER deliveries_due_insert AFTER INSERT ON deliveries REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION deliveries_due_keep();
CREATE TRIGGER deliveries_due_update AFTER UPDATE ON deliveries REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION deliveries_due_keep();
CREATE TRIGGER deliveries_due_delete AFTER DELETE ON deliveries REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION deliveries_due_keep();

INSERT INTO deliveries_due (id, tenant_id, endpoint_id, created_at, due_at)
    SELECT id, tenant_id, endpoint_id, created_at, next_attempt_at FROM deliveries WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
ALTER TABLE deliveries SET (fillfactor = 60);
ALTER TABLE deliveries_due SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);

-- +goose Down
ALTER TABLE deliveries RESET (fillfactor);
DROP TRIGGER deliveries_due_delete ON deliveries;
DROP TRIGGER deliveries_due_update ON deliveries;
DROP TRIGGER deliveries_due_insert ON deliveries;
DROP FUNCTION deliveries_due_keep();
DROP TABLE deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
