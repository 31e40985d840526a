-- +goose Up
-- Delivery control (docs/api.md "Delivery control"): an endpoint's rate
-- limit (herald.Endpoint.RateLimit, JSON, NULL for none) and ordering
-- ('' or 'fifo').
ALTER TABLE endpoints ADD COLUMN rate_limit text;
ALTER TABLE endpoints ADD COLUMN ordering text NOT NULL DEFAULT '';

-- Per endpoint, what every node sharing the database must agree on: the
-- rate limit's theoretical arrival time (package ratelimit), the last
-- acceptance number given to a delivery of a FIFO endpoint, and its head
-- (store/flow.go). Its row lock is what serializes two nodes taking a
-- send slot, accepting events for one FIFO endpoint (so that acceptance
-- order is commit order), or settling its head.
CREATE TABLE endpoint_flow (
    endpoint_id text PRIMARY KEY REFERENCES endpoints (id) ON DELETE CASCADE,
    rate_tat    timestamptz,
    fifo_last   bigint NOT NULL DEFAULT 0,
    fifo_head   text
);

-- A FIFO endpoint's delivery carries its acceptance number: fifo_order
-- for good, fifo_seq while it is unfinished. The index's key and its
-- predicate name only fifo_seq and endpoint_id, which the updates of a
-- claim or an outcome never change: they stay HOT (00006).
ALTER TABLE deliveries ADD COLUMN fifo_seq bigint;
ALTER TABLE deliveries ADD COLUMN fifo_order bigint;
CREATE INDEX deliveries_fifo ON deliveries (endpoint_id, fifo_seq) WHERE fifo_seq IS NOT NULL;

-- A FIFO delivery waiting behind its head is pending with no due time:
-- deliveries_due holds it too (due_at NULL), so that the list of pending
-- deliveries, which reads deliveries_due, shows it; claims never see it.
ALTER TABLE deliveries_due ALTER COLUMN due_at DROP NOT NULL;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION deliveries_due_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM deliveries_due q USING gone g WHERE q.id = g.id AND g.status = 'pending';
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM deliveries_due q USING changed c
        WHERE q.id = c.id AND (c.status != 'pending' OR c.next_attempt_at IS NULL AND c.fifo_seq IS NULL);
    END IF;
    INSERT INTO deliveries_due (id, tenant_id, endpoint_id, created_at, due_at)
        SELECT c.id, c.tenant_id, c.endpoint_id, c.created_at, c.next_attempt_at FROM changed c
        WHERE c.status = 'pending' AND (c.next_attempt_at IS NOT NULL OR c.fifo_seq IS NOT NULL)
    ON CONFLICT (id) DO UPDATE SET due_at = EXCLUDED.due_at WHERE deliveries_due.due_at IS DISTINCT FROM EXCLUDED.due_at;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION deliveries_due_keep() RETURNS trigger LANGUAGE plpgsql AS $$
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
DELETE FROM deliveries_due WHERE due_at IS NULL;
ALTER TABLE deliveries_due ALTER COLUMN due_at SET NOT NULL;
DROP INDEX deliveries_fifo;
ALTER TABLE deliveries DROP COLUMN fifo_order;
ALTER TABLE deliveries DROP COLUMN fifo_seq;
DROP TABLE endpoint_flow;
ALTER TABLE endpoints DROP COLUMN ordering;
ALTER TABLE endpoints DROP COLUMN rate_limit;
