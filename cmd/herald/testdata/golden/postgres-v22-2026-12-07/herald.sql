--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: herald_golden_schema; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA herald_golden_schema;


--
-- Name: deliveries_due_keep(); Type: FUNCTION; Schema: herald_golden_schema; Owner: -
--

CREATE FUNCTION herald_golden_schema.deliveries_due_keep() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_keys; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.api_keys (
    id text NOT NULL,
    tenant_id text,
    name text NOT NULL,
    hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    role text DEFAULT 'tenant'::text NOT NULL,
    expires_at timestamp with time zone,
    session boolean DEFAULT false NOT NULL,
    link_hash bytea,
    endpoint_ids text
);


--
-- Name: attempts; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.attempts (
    delivery_id text NOT NULL,
    id text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    duration_us bigint NOT NULL,
    status_code integer NOT NULL,
    response_body text NOT NULL,
    error text NOT NULL,
    trigger text NOT NULL,
    request text
)
WITH (autovacuum_vacuum_insert_scale_factor='0.01', autovacuum_analyze_scale_factor='0.01');


--
-- Name: deliveries; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.deliveries (
    id text NOT NULL,
    tenant_id text NOT NULL,
    event_id text NOT NULL,
    endpoint_id text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone,
    lease_owner text,
    last_status_code integer NOT NULL,
    last_error text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    fifo_seq bigint,
    fifo_order bigint
)
WITH (autovacuum_vacuum_scale_factor='0.01', autovacuum_vacuum_insert_scale_factor='0.01', autovacuum_analyze_scale_factor='0.01', fillfactor='60');


--
-- Name: deliveries_due; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.deliveries_due (
    id text NOT NULL,
    tenant_id text NOT NULL,
    endpoint_id text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone
)
WITH (autovacuum_vacuum_scale_factor='0.01', autovacuum_analyze_scale_factor='0.01');


--
-- Name: endpoint_flow; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.endpoint_flow (
    endpoint_id text NOT NULL,
    rate_tat timestamp with time zone,
    fifo_last bigint DEFAULT 0 NOT NULL,
    fifo_head text
);


--
-- Name: endpoint_stats; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.endpoint_stats (
    endpoint_id text NOT NULL,
    span bigint NOT NULL,
    start bigint NOT NULL,
    ok bigint DEFAULT 0 NOT NULL,
    client_errors bigint DEFAULT 0 NOT NULL,
    server_errors bigint DEFAULT 0 NOT NULL,
    timeouts bigint DEFAULT 0 NOT NULL,
    connection_errors bigint DEFAULT 0 NOT NULL,
    delivered bigint DEFAULT 0 NOT NULL,
    gave_up bigint DEFAULT 0 NOT NULL,
    latency_0 bigint DEFAULT 0 NOT NULL,
    latency_1 bigint DEFAULT 0 NOT NULL,
    latency_2 bigint DEFAULT 0 NOT NULL,
    latency_3 bigint DEFAULT 0 NOT NULL,
    latency_4 bigint DEFAULT 0 NOT NULL,
    latency_5 bigint DEFAULT 0 NOT NULL,
    latency_6 bigint DEFAULT 0 NOT NULL,
    latency_7 bigint DEFAULT 0 NOT NULL,
    latency_8 bigint DEFAULT 0 NOT NULL,
    latency_9 bigint DEFAULT 0 NOT NULL,
    latency_10 bigint DEFAULT 0 NOT NULL,
    latency_11 bigint DEFAULT 0 NOT NULL,
    latency_12 bigint DEFAULT 0 NOT NULL,
    latency_13 bigint DEFAULT 0 NOT NULL
)
WITH (fillfactor='50');


--
-- Name: endpoints; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.endpoints (
    id text NOT NULL,
    tenant_id text NOT NULL,
    job_id text DEFAULT ''::text NOT NULL,
    url text NOT NULL,
    event_types jsonb NOT NULL,
    channels jsonb NOT NULL,
    headers jsonb NOT NULL,
    disabled boolean NOT NULL,
    disabled_reason text NOT NULL,
    paused boolean NOT NULL,
    secret bytea NOT NULL,
    previous_secret bytea,
    previous_secret_expires_at timestamp with time zone,
    bearer_token bytea,
    disable_after_failures integer DEFAULT 0 NOT NULL,
    consecutive_failures integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    tenant_secret boolean DEFAULT false NOT NULL,
    ordering text DEFAULT ''::text NOT NULL,
    headers_sealed bytea,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: event_types; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.event_types (
    name text NOT NULL,
    description text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    examples text,
    schema text,
    validate boolean DEFAULT false NOT NULL,
    schema_versions text
);


--
-- Name: events; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.events (
    tenant_id text NOT NULL,
    id text NOT NULL,
    type text NOT NULL,
    channels jsonb NOT NULL,
    data bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    trace_parent text
)
WITH (autovacuum_vacuum_insert_scale_factor='0.01', autovacuum_analyze_scale_factor='0.01');


--
-- Name: fanouts; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.fanouts (
    tenant_id text NOT NULL,
    event_id text NOT NULL,
    planned jsonb NOT NULL,
    total integer NOT NULL,
    written integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: goose_db_version; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.goose_db_version (
    id integer NOT NULL,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp without time zone DEFAULT now() NOT NULL
);


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE herald_golden_schema.goose_db_version ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME herald_golden_schema.goose_db_version_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: jobs; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.jobs (
    tenant_id text NOT NULL,
    id text NOT NULL,
    type text NOT NULL,
    status text NOT NULL,
    progress double precision,
    input bytea,
    result bytea,
    error bytea,
    attributes bytea,
    channels jsonb NOT NULL,
    callback_endpoint_id text NOT NULL,
    callback_delivery_id text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone
);


--
-- Name: meta; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.meta (
    key text NOT NULL,
    value bytea NOT NULL
);


--
-- Name: tenants; Type: TABLE; Schema: herald_golden_schema; Owner: -
--

CREATE TABLE herald_golden_schema.tenants (
    id text NOT NULL,
    name text NOT NULL,
    max_event_types integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    callback_secret bytea,
    callback_previous_secret bytea,
    callback_previous_secret_expires_at timestamp with time zone
);


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m99crphkakdfhj52e7qv11be', NULL, 'admin (from configuration)', '\xe4320fe27b42100f9223790ec95c313d7b4f9316779522aa687d183905f89230', '2026-12-07 23:17:33.86749+00', 'admin', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m99crpjbn6nm1b82rv5m4mx8', 'acme', 'golden', '\xd61a50021dbc007212f17cacef121d4562edb4a7270a55c51f913f74d666db5f', '2026-12-07 23:17:33.900306+00', 'tenant', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('ps_01m99crpnc2z4nbntyz60dysq4', 'acme', 'portal session', '\xf0036bb840006195c24573399fcd07f8b872bac1aba9a1c060beb397f79822f0', '2026-12-07 23:17:33.996139+00', 'portal', '2026-12-08 00:17:33.996139+00', true, '\x4b6e7b6cd126488047808abfce7fb6e0b3558de0056a8ff7b6f2fde73c4f2f56', NULL);


--
-- Data for Name: attempts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99crpk3nsta6a7532wk0scz', 'att_01m99crpkfc5kgtsphzbqr1hvk', '2026-12-07 23:17:33.935296+00', 506, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:36111/limited","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-0","webhook-signature":"v1,6GcCLqQ44VFpXWUz9BJ8QWnW1+ABcmmLBcsLDiMhT5M=","webhook-timestamp":"1796685453"},"body_sha256":"50b7bb6f159550708d89ea5c7c0f87cdaaff27a8a369e59e47085e52c981e254"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99crpnd8ktrkt4jfrnvea6s', 'att_01m99crpnj3cxc0zavddxeshn6', '2026-12-07 23:17:34.002316+00', 411, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:36111/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-0","webhook-signature":"v1,R0BCS2UjNer6Nc82X1rJlLLleDOTukEnEmT48NY5j6s=","webhook-timestamp":"1796685453"},"body_sha256":"fe0bfdab90fca0fa92839268731b08afa5c62005e1fd0e7d5ae12f05d37ac4b7"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99crpngyj8cz57t8sfmjn5t', 'att_01m99crpnm4tp03rfmta8g33f7', '2026-12-07 23:17:34.004125+00', 163, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:36111/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-1","webhook-signature":"v1,vrGc8yY1udQc0/Tb5/LLeL+9D6Aj1yumj+G5Iuq2udI=","webhook-timestamp":"1796685454"},"body_sha256":"8fc030da0e0fb635be0854b1cb0c4d14cbe10578bed5ff2e76c457e55bba161f"}');


--
-- Data for Name: deliveries; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a75352ssa3w', 'acme', 'golden-0', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.921264+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a75374kbrcr', 'acme', 'golden-0', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.921264+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a7538cjy4ft', 'acme', 'golden-0', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.921264+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a753asqy5qp', 'acme', 'golden-0', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.921264+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a753eebygtg', 'acme', 'golden-0', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.921264+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7x79sqdna', 'acme', 'golden-1', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7x8dkavz4', 'acme', 'golden-1', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7xc6q3n6c', 'acme', 'golden-1', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7xcvh1v65', 'acme', 'golden-1', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7xd7ead24', 'acme', 'golden-1', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk3nsta6a7532wk0scz', 'acme', 'golden-0', 'ep_01m99crpjz2zggzewxz8keryyv', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 23:17:33.921264+00', '2026-12-07 23:17:33.935915+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38hzz5bb4vp', 'acme', 'golden-2', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38j008n0wgm', 'acme', 'golden-2', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38j00ssyy77', 'acme', 'golden-2', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38j03yaa105', 'acme', 'golden-2', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38j05apa5cy', 'acme', 'golden-2', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wnj32gze', 'acme', 'golden-3', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wq9qr3z8', 'acme', 'golden-3', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wscq469w', 'acme', 'golden-3', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wx4dsh9q', 'acme', 'golden-3', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wy3gzjd2', 'acme', 'golden-3', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsr1w57rhm', 'acme', 'golden-4', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsr2gz3c59', 'acme', 'golden-4', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsr6ffd8ya', 'acme', 'golden-4', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsr6kqmjx6', 'acme', 'golden-4', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsr7525qkr', 'acme', 'golden-4', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr7s6jn1fy', 'acme', 'golden-10', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpk8pdp0x8f7x6gbfvtq', 'acme', 'golden-1', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:33.92784+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkkzcn8q38hzxk1a1s0', 'acme', 'golden-2', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:33.939864+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpkwf9b1c7j2wht8cwqz', 'acme', 'golden-3', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:33.948953+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm0k15v2bdsqzepd3bj', 'acme', 'golden-4', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:33.952192+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd63rz1z9q', 'acme', 'golden-5', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd64yeqy9c', 'acme', 'golden-5', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd66gc6qqz', 'acme', 'golden-5', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd671svtjd', 'acme', 'golden-5', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd6agtxbqn', 'acme', 'golden-5', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnngb2rzez', 'acme', 'golden-6', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnngdc7ckc', 'acme', 'golden-6', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnnk4757pb', 'acme', 'golden-6', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnnkbg74h4', 'acme', 'golden-6', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnnmcnmge5', 'acme', 'golden-6', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydgc6se6r', 'acme', 'golden-7', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydk0bs0h2', 'acme', 'golden-7', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydnat10rf', 'acme', 'golden-7', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydpvj08ce', 'acme', 'golden-7', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydrxs4xc0', 'acme', 'golden-7', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0axnn2h73r', 'acme', 'golden-8', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0axrfjxq66', 'acme', 'golden-8', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0axsm0xy50', 'acme', 'golden-8', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0axx7pvfff', 'acme', 'golden-8', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0ay077mxs1', 'acme', 'golden-8', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r795mh95x2', 'acme', 'golden-9', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r795qhkht2', 'acme', 'golden-9', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r797se4mkk', 'acme', 'golden-9', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r799yqmt8h', 'acme', 'golden-9', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r79a223nwq', 'acme', 'golden-9', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr7p0fpmtg', 'acme', 'golden-10', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm20df9zkpd631pmp9k', 'acme', 'golden-5', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:33.954752+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm6hm33nttnnfcy7xvz', 'acme', 'golden-6', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:33.958027+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpm9a0ny02jydfwrtzep', 'acme', 'golden-7', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:33.961323+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmbcbkbfk0axnkfcme0', 'acme', 'golden-8', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:33.963732+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmdgdncw2r793ssmyy3', 'acme', 'golden-9', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:33.965028+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr7nvrp5ez', 'acme', 'golden-10', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr7wwgkv6f', 'acme', 'golden-10', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr7ys3tg76', 'acme', 'golden-10', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmeep5zv1gr82excnf5', 'acme', 'golden-10', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:33.966621+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6k190ecy', 'acme', 'golden-11', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6p5gq690', 'acme', 'golden-11', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6qqc977g', 'acme', 'golden-11', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6rzqjg0e', 'acme', 'golden-11', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6vxdkt37', 'acme', 'golden-11', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawk450g7x9', 'acme', 'golden-12', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawk6pf1gvn', 'acme', 'golden-12', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawk8r78qpm', 'acme', 'golden-12', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawkacvtkyr', 'acme', 'golden-12', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawkc4gqvyw', 'acme', 'golden-12', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczn0nwtdz', 'acme', 'golden-13', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczrm5yt6s', 'acme', 'golden-13', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczrvhr4m2', 'acme', 'golden-13', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczvxjhy8m', 'acme', 'golden-13', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczwah0tzm', 'acme', 'golden-13', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm4218tks94bc', 'acme', 'golden-14', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm4218vbdj49x', 'acme', 'golden-14', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm4218z67ag9m', 'acme', 'golden-14', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm42192de1pq8', 'acme', 'golden-14', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm42192t9cdcg', 'acme', 'golden-14', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg536dm4q6t', 'acme', 'golden-15', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg537yer248', 'acme', 'golden-15', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg53a3a2sfp', 'acme', 'golden-15', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg53cqh2a2d', 'acme', 'golden-15', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmgqnfd8p0y6jgm8g0a', 'acme', 'golden-11', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:33.968458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmsphfq7pawk1qxd64a', 'acme', 'golden-12', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:33.97735+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmvhkqcbgbczmhw5wmg', 'acme', 'golden-13', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:33.979745+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmxejbkm4218s5zq819', 'acme', 'golden-14', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:33.981537+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg536d6gdhn', 'acme', 'golden-15', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmy3pjy7mg53d0a5dgm', 'acme', 'golden-15', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:33.982747+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8b5mqv3ey', 'acme', 'golden-16', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8b94bdrw0', 'acme', 'golden-16', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8bcq48sp7', 'acme', 'golden-16', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8be2j10my', 'acme', 'golden-16', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8bhc1xh8y', 'acme', 'golden-16', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0xc234n03', 'acme', 'golden-17', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0xd8sytjn', 'acme', 'golden-17', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0xgqfg75s', 'acme', 'golden-17', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0xjh76t8n', 'acme', 'golden-17', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0xjwc86sy', 'acme', 'golden-17', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk813t1063', 'acme', 'golden-18', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk817gztwe', 'acme', 'golden-18', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk81tatkwp', 'acme', 'golden-18', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk84y909ft', 'acme', 'golden-18', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk875sv317', 'acme', 'golden-18', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntb96c0nv0', 'acme', 'golden-19', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntbczxbzx4', 'acme', 'golden-19', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntbeq90n2g', 'acme', 'golden-19', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntbgchg245', 'acme', 'golden-19', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntbm72gss5', 'acme', 'golden-19', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wf3xd1na', 'acme', 'golden-batch-1', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79whzmyy0d', 'acme', 'golden-batch-1', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wj919ba7', 'acme', 'golden-batch-1', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wjxazxng', 'acme', 'golden-batch-1', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wnmkxs6n', 'acme', 'golden-batch-1', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpmzwh7g96n8b3ngnc2h', 'acme', 'golden-16', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:33.983919+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn1qpn8sqs0x9yd479t', 'acme', 'golden-17', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:33.985338+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn2fetjjrmk7z7vf6ax', 'acme', 'golden-18', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:33.986808+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn4tprc4wntb7xbawdh', 'acme', 'golden-19', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:33.988925+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wbhtbfrd', 'acme', 'golden-batch-1', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wt6321sb', 'acme', 'golden-batch-2', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wtenddx5', 'acme', 'golden-batch-2', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wvhzz37z', 'acme', 'golden-batch-2', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wvvw9sfg', 'acme', 'golden-batch-2', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wz08qde4', 'acme', 'golden-batch-2', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nhc6nqrf8', 'acme', 'golden-job.created', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nhcz1tyg0', 'acme', 'golden-job.created', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nhf327w5a', 'acme', 'golden-job.created', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nhjmb69vz', 'acme', 'golden-job.created', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nhp2g6s8y', 'acme', 'golden-job.created', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jfvx7fv0f', 'acme', 'golden-refused-0', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jfzhgybft', 'acme', 'golden-refused-0', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jg2t7gd9d', 'acme', 'golden-refused-0', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jg56z306k', 'acme', 'golden-refused-0', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jg6dyhgab', 'acme', 'golden-refused-0', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jfrnvea6s', 'acme', 'golden-refused-0', 'ep_01m99crpjys3gh1g2c27s2ctde', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:34.002767+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn6qm90ef79wqew6wad', 'acme', 'golden-batch-2', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:33.990481+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpn9jja7w01nh8r810b8', 'acme', 'golden-job.created', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpnd8ktrkt4jfnw0qxf9', 'acme', 'golden-refused-0', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:33.997894+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t8x3frz93', 'acme', 'golden-refused-1', 'ep_01m99crpjvdpynj84e8nxh79tx', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t8zeadwtt', 'acme', 'golden-refused-1', 'ep_01m99crpjsz61g1eq46r4zs02f', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t92pvehv8', 'acme', 'golden-refused-1', 'ep_01m99crpjqjd4ffp6bc38787aq', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t96fh0w8g', 'acme', 'golden-refused-1', 'ep_01m99crpjn0b301yz6kcbvacty', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t98kpgf05', 'acme', 'golden-refused-1', 'ep_01m99crpjjd8pk2wehc4x5dt11', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t8sfmjn5t', 'acme', 'golden-refused-1', 'ep_01m99crpjys3gh1g2c27s2ctde', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.00867+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99crpngyj8cz57t8r2zn6ng', 'acme', 'golden-refused-1', 'ep_01m99crpjz2zggzewxz8keryyv', 'pending', 0, '2026-12-07 23:17:34.136625+00', NULL, 0, '', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.000438+00', NULL, NULL);


--
-- Data for Name: deliveries_due; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpk8pdp0x8f7x6gbfvtq', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.92784+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpkkzcn8q38hzxk1a1s0', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.939864+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpkwf9b1c7j2wht8cwqz', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.948953+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpm0k15v2bdsqzepd3bj', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.952192+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpm20df9zkpd631pmp9k', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.954752+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpm6hm33nttnnfcy7xvz', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.958027+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpm9a0ny02jydfwrtzep', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.961323+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmbcbkbfk0axnkfcme0', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.963732+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmdgdncw2r793ssmyy3', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.965028+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmeep5zv1gr7nvrp5ez', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.966621+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmgqnfd8p0y6jgm8g0a', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.968458+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmsphfq7pawk1qxd64a', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.97735+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmvhkqcbgbczmhw5wmg', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.979745+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmxejbkm4218s5zq819', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.981537+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmy3pjy7mg536d6gdhn', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.982747+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpmzwh7g96n8b3ngnc2h', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.983919+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn1qpn8sqs0x9yd479t', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.985338+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn2fetjjrmk7z7vf6ax', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.986808+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn4tprc4wntb7xbawdh', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.988925+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn6qm90ef79wbhtbfrd', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn6qm90ef79wqew6wad', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.990481+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpn9jja7w01nh8r810b8', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpnd8ktrkt4jfnw0qxf9', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:33.997894+00', '2026-12-07 23:17:34.136625+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99crpngyj8cz57t8r2zn6ng', 'acme', 'ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:17:34.000438+00', '2026-12-07 23:17:34.136625+00');


--
-- Data for Name: endpoint_flow; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_flow VALUES ('ep_01m99crpjz2zggzewxz8keryyv', '2026-12-07 23:18:33.92754+00', 0, NULL);


--
-- Data for Name: endpoint_stats; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99crpjys3gh1g2c27s2ctde', 300, 1796685300, 0, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99crpjys3gh1g2c27s2ctde', 3600, 1796684400, 0, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99crpjz2zggzewxz8keryyv', 300, 1796685300, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99crpjz2zggzewxz8keryyv', 3600, 1796684400, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);


--
-- Data for Name: endpoints; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjjd8pk2wehc4x5dt11', 'acme', '', 'http://127.0.0.1:9/golden', '[]', '[]', '{}', false, '', true, '\xcc24362c3d8541d9e9d41f0f580d2d5ec96047cb02b19466d1ad62b83ac7feb38e4720f46e8e0c814e5a68044c11ce61697842913dc7a3c62ed92d8c0c0af276748caa3eeed76cfc15c40b7236e1', NULL, NULL, NULL, 0, 0, '2026-12-07 23:17:33.906926+00', '2026-12-07 23:17:33.906926+00', false, 'none', NULL, '{"format": "standard", "signature": "standard", "rate_limit": null, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": null}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjn0b301yz6kcbvacty', 'acme', '', 'http://127.0.0.1:9/golden', '[]', '[]', '{}', false, '', true, '\xe7f6bd86fdda3773a7922d83eb8bda2ab926610525fb4e97cfed8461f7fc62e6a0fd297f3872bedb1999bc57e20ebe18ec275f64009534177770641ad31f5fba950bb229e46bda9a7dcf020c7b', NULL, NULL, NULL, 0, 0, '2026-12-07 23:17:33.909223+00', '2026-12-07 23:17:33.909223+00', false, 'none', NULL, '{"format": "standard", "signature": "ed25519", "rate_limit": null, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": null}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjqjd4ffp6bc38787aq', 'acme', '', 'http://127.0.0.1:9/golden', '[]', '[]', '{}', false, '', true, '\x67092053f7d487401005d741b5c7edf93e022a0cb2f729d1c55a9fdc2b43e90b666c8ab1061186d20001c3a2a8381fa9e8dc24aebcbdb5e058af5ef6ac9be3d629b2351b6cfc4f65e3271ba0df8c', NULL, NULL, NULL, 0, 0, '2026-12-07 23:17:33.911638+00', '2026-12-07 23:17:33.911638+00', false, 'none', NULL, '{"format": "standard", "signature": "hmac-sha256-hex", "rate_limit": null, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "X-R2-Signature", "signature_scheme": null}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjsz61g1eq46r4zs02f', 'acme', '', 'http://127.0.0.1:9/golden', '[]', '[]', '{}', false, '', true, '\x63b94f8128e350bb4ff405a24c94694073ee423aaf76c490748e6211c949eb9099a7fb0a7c31c36feca75851352be5423e770cf8364df6bc334fb054c24d4dbe4709f2f24a884335847b30e2b537', NULL, NULL, '\xc402be70b8f80c1e9e861782355ac9c7bb22114cca8556434ecf93bf2dc4a08915c3eb9e4152b89e', 0, 0, '2026-12-07 23:17:33.913599+00', '2026-12-07 23:17:33.913599+00', false, 'none', NULL, '{"format": "standard", "signature": "none", "rate_limit": null, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": null}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjvdpynj84e8nxh79tx', 'acme', '', 'http://127.0.0.1:9/golden', '[]', '[]', '{}', false, '', true, '\x46cf58fc88b41c1d97638ad0a9b1ac7a5cc80d0a6c7b0be38a98fac505b7b4b6c74f47ac7aae840026120f6185464b09a922fdad97c968b67c93bf6f1195a34f94e53918de40109d0b76121e9f77', NULL, NULL, NULL, 5, 0, '2026-12-07 23:17:33.915242+00', '2026-12-07 23:17:33.915242+00', false, 'none', NULL, '{"format": "flat", "signature": "hmac", "rate_limit": null, "user_agent": "LeapOCR-Webhook/1.0", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": {"key": "utf8", "value": "{signature}", "header": "X-Webhook-Signature", "signed": "{timestamp}.{body}", "encoding": "hex", "algorithm": "sha256", "timestamp_header": "X-Webhook-Timestamp"}}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjz2zggzewxz8keryyv', 'acme', '', 'http://127.0.0.1:36111/limited', '[]', '[]', '{}', false, '', false, '\xf95b12458bcf0ff5302f7cb20d8ff82145b23eb0903b5ef7e30ad0545cfa84584e223c5ab207cd596e182d94f0aee1f3b4415548f9c48b3ca866b9bcd50d75906617515bf7746e153f0271f6ca88', NULL, NULL, NULL, 0, 1, '2026-12-07 23:17:33.919536+00', '2026-12-07 23:17:33.919536+00', false, 'none', NULL, '{"format": "standard", "signature": "standard", "rate_limit": {"per": "minute", "burst": 1, "count": 1}, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": null}');
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99crpjys3gh1g2c27s2ctde', 'acme', '', 'http://127.0.0.1:36111/failing', '["order.refused"]', '[]', '{}', false, '', false, '\xaf2d36d8a0d75bfa53992a846d7d1a6e402d785c8d5d62738a31bd39e0368b401497759be0f9a2d97b37298babdfbc479ea397a53a6d5a7f0b349a0fa454360794efa0c6afc025009aa8c74098da', NULL, NULL, NULL, 0, 2, '2026-12-07 23:17:33.918105+00', '2026-12-07 23:17:33.918105+00', false, 'none', NULL, '{"format": "standard", "signature": "standard", "rate_limit": null, "user_agent": "", "api_version": "v1", "description": "", "path_suffix": "", "retry_policy": null, "envelope_object": "event", "send_traceparent": false, "signature_header": "", "signature_scheme": null}');


--
-- Data for Name: event_types; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: events; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-0', 'job.completed', '[]', '\x7b226e223a307d', '2026-12-07 23:17:33.921264+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-1', 'job.completed', '[]', '\x7b226e223a317d', '2026-12-07 23:17:33.92784+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-2', 'job.completed', '[]', '\x7b226e223a327d', '2026-12-07 23:17:33.939864+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-3', 'job.completed', '[]', '\x7b226e223a337d', '2026-12-07 23:17:33.948953+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-4', 'job.completed', '[]', '\x7b226e223a347d', '2026-12-07 23:17:33.952192+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-5', 'job.completed', '[]', '\x7b226e223a357d', '2026-12-07 23:17:33.954752+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-6', 'job.completed', '[]', '\x7b226e223a367d', '2026-12-07 23:17:33.958027+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-7', 'job.completed', '[]', '\x7b226e223a377d', '2026-12-07 23:17:33.961323+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-8', 'job.completed', '[]', '\x7b226e223a387d', '2026-12-07 23:17:33.963732+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-9', 'job.completed', '[]', '\x7b226e223a397d', '2026-12-07 23:17:33.965028+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-10', 'job.completed', '[]', '\x7b226e223a31307d', '2026-12-07 23:17:33.966621+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-11', 'job.completed', '[]', '\x7b226e223a31317d', '2026-12-07 23:17:33.968458+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-12', 'job.completed', '[]', '\x7b226e223a31327d', '2026-12-07 23:17:33.97735+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-13', 'job.completed', '[]', '\x7b226e223a31337d', '2026-12-07 23:17:33.979745+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-14', 'job.completed', '[]', '\x7b226e223a31347d', '2026-12-07 23:17:33.981537+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-15', 'job.completed', '[]', '\x7b226e223a31357d', '2026-12-07 23:17:33.982747+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-16', 'job.completed', '[]', '\x7b226e223a31367d', '2026-12-07 23:17:33.983919+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-17', 'job.completed', '[]', '\x7b226e223a31377d', '2026-12-07 23:17:33.985338+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-18', 'job.completed', '[]', '\x7b226e223a31387d', '2026-12-07 23:17:33.986808+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-19', 'job.completed', '[]', '\x7b226e223a31397d', '2026-12-07 23:17:33.988925+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-1', 'order.paid', '[]', '\x7b7d', '2026-12-07 23:17:33.990481+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-2', 'order.paid', '[]', '\x7b7d', '2026-12-07 23:17:33.990481+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-job.created', 'job.created', '[]', '\x7b226368616e6e656c73223a5b5d2c22637265617465645f6174223a22323032362d31322d30375432333a31373a33332e3939323932365a222c226964223a22676f6c64656e2d6a6f62222c22737461747573223a22717565756564222c2274656e616e745f6964223a2261636d65222c2274797065223a226f6372222c22757064617465645f6174223a22323032362d31322d30375432333a31373a33332e3939323932365a227d', '2026-12-07 23:17:33.992926+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-0', 'order.refused', '[]', '\x7b7d', '2026-12-07 23:17:33.997894+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-1', 'order.refused', '[]', '\x7b7d', '2026-12-07 23:17:34.000438+00', NULL);


--
-- Data for Name: fanouts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: goose_db_version; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.goose_db_version VALUES (1, 0, true, '2026-12-07 23:17:33.660435');
INSERT INTO herald_golden_schema.goose_db_version VALUES (2, 1, true, '2026-12-07 23:17:33.679764');
INSERT INTO herald_golden_schema.goose_db_version VALUES (3, 2, true, '2026-12-07 23:17:33.747746');
INSERT INTO herald_golden_schema.goose_db_version VALUES (4, 3, true, '2026-12-07 23:17:33.753609');
INSERT INTO herald_golden_schema.goose_db_version VALUES (5, 4, true, '2026-12-07 23:17:33.759154');
INSERT INTO herald_golden_schema.goose_db_version VALUES (6, 5, true, '2026-12-07 23:17:33.762318');
INSERT INTO herald_golden_schema.goose_db_version VALUES (7, 6, true, '2026-12-07 23:17:33.764009');
INSERT INTO herald_golden_schema.goose_db_version VALUES (8, 7, true, '2026-12-07 23:17:33.778207');
INSERT INTO herald_golden_schema.goose_db_version VALUES (9, 8, true, '2026-12-07 23:17:33.77966');
INSERT INTO herald_golden_schema.goose_db_version VALUES (10, 9, true, '2026-12-07 23:17:33.785421');
INSERT INTO herald_golden_schema.goose_db_version VALUES (11, 10, true, '2026-12-07 23:17:33.789963');
INSERT INTO herald_golden_schema.goose_db_version VALUES (12, 11, true, '2026-12-07 23:17:33.792333');
INSERT INTO herald_golden_schema.goose_db_version VALUES (13, 12, true, '2026-12-07 23:17:33.796223');
INSERT INTO herald_golden_schema.goose_db_version VALUES (14, 13, true, '2026-12-07 23:17:33.803617');
INSERT INTO herald_golden_schema.goose_db_version VALUES (15, 14, true, '2026-12-07 23:17:33.807017');
INSERT INTO herald_golden_schema.goose_db_version VALUES (16, 15, true, '2026-12-07 23:17:33.807868');
INSERT INTO herald_golden_schema.goose_db_version VALUES (17, 16, true, '2026-12-07 23:17:33.810486');
INSERT INTO herald_golden_schema.goose_db_version VALUES (18, 17, true, '2026-12-07 23:17:33.814418');
INSERT INTO herald_golden_schema.goose_db_version VALUES (19, 18, true, '2026-12-07 23:17:33.825793');
INSERT INTO herald_golden_schema.goose_db_version VALUES (20, 19, true, '2026-12-07 23:17:33.828147');
INSERT INTO herald_golden_schema.goose_db_version VALUES (21, 20, true, '2026-12-07 23:17:33.836314');
INSERT INTO herald_golden_schema.goose_db_version VALUES (22, 21, true, '2026-12-07 23:17:33.840771');
INSERT INTO herald_golden_schema.goose_db_version VALUES (23, 22, true, '2026-12-07 23:17:33.843898');


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.jobs VALUES ('acme', 'golden-job', 'ocr', 'queued', NULL, NULL, NULL, NULL, NULL, '[]', '', '', '2026-12-07 23:17:33.992926+00', '2026-12-07 23:17:33.992926+00', NULL, NULL);


--
-- Data for Name: meta; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.meta VALUES ('seal_check', '\x94f4ec5ee6ad4ffa58c6e520005656dbe120942b735168a5a05cf236ce820c9b149688dbfea139dfaad77649f9377475');


--
-- Data for Name: tenants; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.tenants VALUES ('acme', 'Acme', 0, '2026-12-07 23:17:33.897283+00', '2026-12-07 23:17:33.897283+00', NULL, NULL, NULL);


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE SET; Schema: herald_golden_schema; Owner: -
--

SELECT pg_catalog.setval('herald_golden_schema.goose_db_version_id_seq', 23, true);


--
-- Name: api_keys api_keys_hash_key; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.api_keys
    ADD CONSTRAINT api_keys_hash_key UNIQUE (hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: attempts attempts_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.attempts
    ADD CONSTRAINT attempts_pkey PRIMARY KEY (delivery_id, id);


--
-- Name: deliveries_due deliveries_due_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.deliveries_due
    ADD CONSTRAINT deliveries_due_pkey PRIMARY KEY (id);


--
-- Name: deliveries deliveries_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);


--
-- Name: endpoint_flow endpoint_flow_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.endpoint_flow
    ADD CONSTRAINT endpoint_flow_pkey PRIMARY KEY (endpoint_id);


--
-- Name: endpoint_stats endpoint_stats_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.endpoint_stats
    ADD CONSTRAINT endpoint_stats_pkey PRIMARY KEY (endpoint_id, span, start);


--
-- Name: endpoints endpoints_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.endpoints
    ADD CONSTRAINT endpoints_pkey PRIMARY KEY (id);


--
-- Name: event_types event_types_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.event_types
    ADD CONSTRAINT event_types_pkey PRIMARY KEY (name);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (tenant_id, id);


--
-- Name: fanouts fanouts_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.fanouts
    ADD CONSTRAINT fanouts_pkey PRIMARY KEY (tenant_id, event_id);


--
-- Name: goose_db_version goose_db_version_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.goose_db_version
    ADD CONSTRAINT goose_db_version_pkey PRIMARY KEY (id);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (tenant_id, id);


--
-- Name: meta meta_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.meta
    ADD CONSTRAINT meta_pkey PRIMARY KEY (key);


--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);


--
-- Name: api_keys_expiry; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX api_keys_expiry ON herald_golden_schema.api_keys USING btree (expires_at) WHERE (expires_at IS NOT NULL);


--
-- Name: api_keys_link; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE UNIQUE INDEX api_keys_link ON herald_golden_schema.api_keys USING btree (link_hash) WHERE (link_hash IS NOT NULL);


--
-- Name: api_keys_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX api_keys_tenant ON herald_golden_schema.api_keys USING btree (tenant_id);


--
-- Name: deliveries_due_endpoint; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_due_endpoint ON herald_golden_schema.deliveries_due USING btree (endpoint_id, due_at, id COLLATE "C");


--
-- Name: deliveries_due_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_due_tenant ON herald_golden_schema.deliveries_due USING btree (tenant_id, created_at, id);


--
-- Name: deliveries_endpoint; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_endpoint ON herald_golden_schema.deliveries USING btree (endpoint_id, created_at, id);


--
-- Name: deliveries_event; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_event ON herald_golden_schema.deliveries USING btree (tenant_id, event_id);


--
-- Name: deliveries_fifo; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_fifo ON herald_golden_schema.deliveries USING btree (endpoint_id, fifo_seq) WHERE (fifo_seq IS NOT NULL);


--
-- Name: deliveries_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_tenant ON herald_golden_schema.deliveries USING btree (tenant_id, created_at, id);


--
-- Name: endpoint_stats_age; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX endpoint_stats_age ON herald_golden_schema.endpoint_stats USING btree (span, start);


--
-- Name: endpoints_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX endpoints_tenant ON herald_golden_schema.endpoints USING btree (tenant_id, created_at, id);


--
-- Name: events_created; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX events_created ON herald_golden_schema.events USING btree (created_at);


--
-- Name: events_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX events_tenant ON herald_golden_schema.events USING btree (tenant_id, created_at, id);


--
-- Name: fanouts_created; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX fanouts_created ON herald_golden_schema.fanouts USING btree (created_at);


--
-- Name: jobs_finished; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX jobs_finished ON herald_golden_schema.jobs USING btree (finished_at) WHERE (finished_at IS NOT NULL);


--
-- Name: jobs_tenant; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX jobs_tenant ON herald_golden_schema.jobs USING btree (tenant_id, created_at, id);


--
-- Name: tenants_created; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX tenants_created ON herald_golden_schema.tenants USING btree (created_at, id);


--
-- Name: deliveries deliveries_due_delete; Type: TRIGGER; Schema: herald_golden_schema; Owner: -
--

CREATE TRIGGER deliveries_due_delete AFTER DELETE ON herald_golden_schema.deliveries REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION herald_golden_schema.deliveries_due_keep();


--
-- Name: deliveries deliveries_due_insert; Type: TRIGGER; Schema: herald_golden_schema; Owner: -
--

CREATE TRIGGER deliveries_due_insert AFTER INSERT ON herald_golden_schema.deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION herald_golden_schema.deliveries_due_keep();


--
-- Name: deliveries deliveries_due_update; Type: TRIGGER; Schema: herald_golden_schema; Owner: -
--

CREATE TRIGGER deliveries_due_update AFTER UPDATE ON herald_golden_schema.deliveries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION herald_golden_schema.deliveries_due_keep();


--
-- Name: api_keys api_keys_tenant_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.api_keys
    ADD CONSTRAINT api_keys_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES herald_golden_schema.tenants(id) ON DELETE CASCADE;


--
-- Name: attempts attempts_delivery_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.attempts
    ADD CONSTRAINT attempts_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES herald_golden_schema.deliveries(id) ON DELETE CASCADE;


--
-- Name: deliveries deliveries_endpoint_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.deliveries
    ADD CONSTRAINT deliveries_endpoint_id_fkey FOREIGN KEY (endpoint_id) REFERENCES herald_golden_schema.endpoints(id) ON DELETE CASCADE;


--
-- Name: deliveries deliveries_tenant_id_event_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.deliveries
    ADD CONSTRAINT deliveries_tenant_id_event_id_fkey FOREIGN KEY (tenant_id, event_id) REFERENCES herald_golden_schema.events(tenant_id, id) ON DELETE CASCADE;


--
-- Name: endpoint_flow endpoint_flow_endpoint_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.endpoint_flow
    ADD CONSTRAINT endpoint_flow_endpoint_id_fkey FOREIGN KEY (endpoint_id) REFERENCES herald_golden_schema.endpoints(id) ON DELETE CASCADE;


--
-- Name: endpoints endpoints_tenant_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.endpoints
    ADD CONSTRAINT endpoints_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES herald_golden_schema.tenants(id) ON DELETE CASCADE;


--
-- Name: events events_tenant_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.events
    ADD CONSTRAINT events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES herald_golden_schema.tenants(id) ON DELETE CASCADE;


--
-- Name: fanouts fanouts_tenant_id_event_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.fanouts
    ADD CONSTRAINT fanouts_tenant_id_event_id_fkey FOREIGN KEY (tenant_id, event_id) REFERENCES herald_golden_schema.events(tenant_id, id) ON DELETE CASCADE;


--
-- Name: jobs jobs_tenant_id_fkey; Type: FK CONSTRAINT; Schema: herald_golden_schema; Owner: -
--

ALTER TABLE ONLY herald_golden_schema.jobs
    ADD CONSTRAINT jobs_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES herald_golden_schema.tenants(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


