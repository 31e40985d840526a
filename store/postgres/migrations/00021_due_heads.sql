-- +goose Up
-- deliveries_due is read per endpoint (ClaimDeliveries, NextDueAt): a
-- claim finds each due endpoint's head with one seek and reads the queues
-- it takes from in chunks (store/internal/duemerge). Ordered by time, a
-- claim walked every due delivery of the endpoints it passes over (those
-- the node holds its share of, often hanging or failing ones with the
-- largest backlogs) before the others' (issue 30). One index replaces the
-- other, so a delivery's writes cost what they did. During a rolling
-- upgrade an older node still claims correctly, reading the table in full
-- (it is the pending deliveries only) until it is replaced.
-- The id breaks ties in byte order (COLLATE "C"), the order the merge in
-- Go keeps, whatever the database's collation.
CREATE INDEX deliveries_due_endpoint ON deliveries_due (endpoint_id, due_at, id COLLATE "C");
DROP INDEX deliveries_due_at;

-- +goose Down
CREATE INDEX deliveries_due_at ON deliveries_due (due_at);
DROP INDEX deliveries_due_endpoint;
