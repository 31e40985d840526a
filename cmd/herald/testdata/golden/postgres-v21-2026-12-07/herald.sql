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
    description text NOT NULL,
    event_types jsonb NOT NULL,
    channels jsonb NOT NULL,
    headers jsonb NOT NULL,
    retry_policy jsonb,
    disabled boolean NOT NULL,
    disabled_reason text NOT NULL,
    paused boolean NOT NULL,
    secret bytea NOT NULL,
    previous_secret bytea,
    previous_secret_expires_at timestamp with time zone,
    signature text DEFAULT ''::text NOT NULL,
    signature_header text DEFAULT ''::text NOT NULL,
    path_suffix text DEFAULT ''::text NOT NULL,
    user_agent text DEFAULT ''::text NOT NULL,
    bearer_token bytea,
    format text DEFAULT ''::text NOT NULL,
    envelope_object text DEFAULT ''::text NOT NULL,
    api_version text DEFAULT ''::text NOT NULL,
    disable_after_failures integer DEFAULT 0 NOT NULL,
    consecutive_failures integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    signature_scheme text,
    tenant_secret boolean DEFAULT false NOT NULL,
    rate_limit text,
    ordering text DEFAULT ''::text NOT NULL,
    send_traceparent boolean DEFAULT false NOT NULL,
    headers_sealed bytea
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

INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m99aa73h7bkk28pgjzny0bzf', NULL, 'admin (from configuration)', '\xe4320fe27b42100f9223790ec95c313d7b4f9316779522aa687d183905f89230', '2026-12-07 22:34:42.130329+00', 'admin', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m99aa76ft4p04x0hfm2w8nt6', 'acme', 'golden', '\x96e2ffa2a3939c2afaed75bc3c58163f1081d5bc932c1ed160ab9e8e98a36321', '2026-12-07 22:34:42.255867+00', 'tenant', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('ps_01m99aa7x0jbb4djcsgrarabjp', 'acme', 'portal session', '\xdb3fda871757e1b0f371baf299084f4263a9c9440c3044ee1b0882516fb25bb9', '2026-12-07 22:34:42.976016+00', 'portal', '2026-12-07 23:34:42.976016+00', true, '\x0ecc8b568463ff94ef6516ee0eb4bbfbfe17f1c4710a7e99ae0a73c7d584d1f2', NULL);


--
-- Data for Name: attempts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99aa7b07ezfmk2v44e7gpb3', 'att_01m99aa7d7v03jjcscd82xwyaf', '2026-12-07 22:34:42.469024+00', 2532, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:40451/limited","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-0","webhook-signature":"v1,TibWzR5thNw8tP0xPYcT8eHRhfiS2uC/A6A3+AXES0Q=","webhook-timestamp":"1796682882"},"body_sha256":"f8636272b8294a02dbe48c88a08ad30973467f86184dedd739b5cabb82d9888c"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99aa7x3t5w8ynsgfsm0fyj0', 'att_01m99aa7yr1gz42zjwqt2b6ghr', '2026-12-07 22:34:43.03239+00', 440, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:40451/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-0","webhook-signature":"v1,RkNKv3OeN1rC5myUh5EfZAhXVd2AWNyw3VYxSy5oIGw=","webhook-timestamp":"1796682882"},"body_sha256":"6494f88f85d660bdda19c1b7f17b8216613a10207ea1b22b58273c9dc7f6c84f"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m99aa7x7375h8m1y3e4dazhy', 'att_01m99aa7yxdecmydy2vvth5vk7', '2026-12-07 22:34:43.033102+00', 3942, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:40451/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-1","webhook-signature":"v1,WTKQDIoPtQzA/gMVsiZC7UMltgK4jOgCB+Y170liGLU=","webhook-timestamp":"1796682883"},"body_sha256":"c9d4096454a21fd46d965ed243be9e115072d7ae6dc7b90f749c56e8e9853e9d"}');


--
-- Data for Name: deliveries; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v486433bs', 'acme', 'golden-0', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.352143+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v4btxd1nd', 'acme', 'golden-0', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.352143+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v4e5pm09m', 'acme', 'golden-0', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.352143+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v4fze8wfy', 'acme', 'golden-0', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.352143+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v4gn8ys99', 'acme', 'golden-0', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.352143+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1dc6xef8', 'acme', 'golden-1', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1e6jvdf7', 'acme', 'golden-1', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1hk8vqwx', 'acme', 'golden-1', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1n496y2z', 'acme', 'golden-1', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1ryhcx72', 'acme', 'golden-1', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7b07ezfmk2v44e7gpb3', 'acme', 'golden-0', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 22:34:42.352143+00', '2026-12-07 22:34:42.471691+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5jptcvyf', 'acme', 'golden-2', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5mk3bh5n', 'acme', 'golden-2', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5p6m7vcn', 'acme', 'golden-2', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5ry29tkf', 'acme', 'golden-2', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5vmzmwpg', 'acme', 'golden-2', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnnen1h826e', 'acme', 'golden-3', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnnepsyr7z1', 'acme', 'golden-3', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnneqcje5g1', 'acme', 'golden-3', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnnet7sp3gm', 'acme', 'golden-3', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnnetq2dah6', 'acme', 'golden-3', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715b13n07br', 'acme', 'golden-4', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715b3yfwys3', 'acme', 'golden-4', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715b7s1xte1', 'acme', 'golden-4', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715b9750fnm', 'acme', 'golden-4', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715bba88h79', 'acme', 'golden-4', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9nzb47dz', 'acme', 'golden-10', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7cbdkrnx60s1b76kjvq', 'acme', 'golden-1', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:42.443319+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7dhqsezzzyg5gejt5gx', 'acme', 'golden-2', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:42.481161+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7h8zj6ptmnnekrj3khr', 'acme', 'golden-3', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:42.600317+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jsddb2j715azqwpp12', 'acme', 'golden-4', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:42.649825+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yxqa9q427', 'acme', 'golden-5', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yxrkeb4zs', 'acme', 'golden-5', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yxw6khm6t', 'acme', 'golden-5', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yxzpb1w46', 'acme', 'golden-5', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yy04zb6gs', 'acme', 'golden-5', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fptcg4dvvy', 'acme', 'golden-6', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fptepegnhx', 'acme', 'golden-6', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fpth2v256n', 'acme', 'golden-6', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fptkrzj2zq', 'acme', 'golden-6', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fptmq9dtff', 'acme', 'golden-6', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5h9yzp0b', 'acme', 'golden-7', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5kr7qs2k', 'acme', 'golden-7', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5q72kxzz', 'acme', 'golden-7', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5rt1xwpn', 'acme', 'golden-7', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5vmggshk', 'acme', 'golden-7', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv60z2cch0d', 'acme', 'golden-8', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv610ntterj', 'acme', 'golden-8', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv613tez9yc', 'acme', 'golden-8', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv6157r881h', 'acme', 'golden-8', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv618qeqze9', 'acme', 'golden-8', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqfttjpn6', 'acme', 'golden-9', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqfva3n4h', 'acme', 'golden-9', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqg0bxrer', 'acme', 'golden-9', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqhartkv9', 'acme', 'golden-9', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqm1gve7c', 'acme', 'golden-9', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9kjs5x34', 'acme', 'golden-10', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7jynynqgk8yxq7kqbfr', 'acme', 'golden-5', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:42.654716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7kvw2fhy9fpt9kkqywb', 'acme', 'golden-6', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:42.68387+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7n8r2fmkwbv5h6crwxp', 'acme', 'golden-7', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:42.728278+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7pdjg892gv60ysz86mr', 'acme', 'golden-8', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:42.765495+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7q5ywce0ebpqc5f326c', 'acme', 'golden-9', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:42.789884+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9gb8sc5s', 'acme', 'golden-10', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9qsbesx0', 'acme', 'golden-10', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9rgsr80f', 'acme', 'golden-10', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7r6r2ce976q9tbm7627', 'acme', 'golden-10', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:42.822194+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bt1t9a7nh', 'acme', 'golden-11', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bt1w4nyz3', 'acme', 'golden-11', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bt5209p83', 'acme', 'golden-11', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bt6e8evvg', 'acme', 'golden-11', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bt76rtrvg', 'acme', 'golden-11', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyjscj20va', 'acme', 'golden-12', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyjx1xe5ek', 'acme', 'golden-12', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyjz4744z8', 'acme', 'golden-12', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyk1vqermm', 'acme', 'golden-12', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyk5bcgayd', 'acme', 'golden-12', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg76s2peea', 'acme', 'golden-13', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg78xg79fy', 'acme', 'golden-13', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg7cbp8k88', 'acme', 'golden-13', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg7ehw9yy3', 'acme', 'golden-13', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg7j9ctxz2', 'acme', 'golden-13', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3bqhc039z', 'acme', 'golden-14', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3bvbs5cap', 'acme', 'golden-14', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3bx3hgxbh', 'acme', 'golden-14', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3bygzwtfp', 'acme', 'golden-14', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3c1yrfkwx', 'acme', 'golden-14', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3ce5v1nxn', 'acme', 'golden-15', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3ch9rfx02', 'acme', 'golden-15', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3chk66b2m', 'acme', 'golden-15', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3cm2wxjmc', 'acme', 'golden-15', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7sqbt3sav9bsy3a116d', 'acme', 'golden-11', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:42.871958+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7txbrmzccnyjq2ezryg', 'acme', 'golden-12', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:42.909212+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v39wsxn6pg76n7z9j6', 'acme', 'golden-13', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:42.915533+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7v7rv000vx3bmb0870x', 'acme', 'golden-14', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:42.91924+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3cae35zsy', 'acme', 'golden-15', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vbjrpv88w3cqa441f0', 'acme', 'golden-15', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:42.923363+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rvpw7gw9f', 'acme', 'golden-16', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rvsgtdfvd', 'acme', 'golden-16', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rvxe658vj', 'acme', 'golden-16', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rvzebc2h8', 'acme', 'golden-16', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rw1ybpczk', 'acme', 'golden-16', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7as89wakt', 'acme', 'golden-17', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7awd6kwws', 'acme', 'golden-17', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7b0apgdym', 'acme', 'golden-17', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7b3376amy', 'acme', 'golden-17', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7b5krdpky', 'acme', 'golden-17', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerp863zr9y', 'acme', 'golden-18', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerp9frp5jp', 'acme', 'golden-18', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerpc9vdva2', 'acme', 'golden-18', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerpg2fwx18', 'acme', 'golden-18', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerphgv101k', 'acme', 'golden-18', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkazpbrxp', 'acme', 'golden-19', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkbrca8r8', 'acme', 'golden-19', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkd1kwy6g', 'acme', 'golden-19', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkgmbc2y0', 'acme', 'golden-19', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkmknw8ya', 'acme', 'golden-19', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygz6jz92be', 'acme', 'golden-batch-1', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygz6qtkkb3', 'acme', 'golden-batch-1', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygz7wrkvjm', 'acme', 'golden-batch-1', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygz8z3z24w', 'acme', 'golden-batch-1', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzasy624b', 'acme', 'golden-batch-1', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vc63p1n16rvm52b619', 'acme', 'golden-16', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:42.924837+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vetz4gw1q7ar3tcdxm', 'acme', 'golden-17', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:42.926217+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vj31k4xwerp6cgftaq', 'acme', 'golden-18', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:42.930186+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vpc2yx7kfnkafrefaz', 'acme', 'golden-19', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:42.934196+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygz3gjxe56', 'acme', 'golden-batch-1', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzfqe2adk', 'acme', 'golden-batch-2', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzhsxp2jc', 'acme', 'golden-batch-2', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzmrdnqsb', 'acme', 'golden-batch-2', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzn02x2m0', 'acme', 'golden-batch-2', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzpk7tm4r', 'acme', 'golden-batch-2', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8kndjsr3', 'acme', 'golden-job.created', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8mhkz4dm', 'acme', 'golden-job.created', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8qy09sks', 'acme', 'golden-job.created', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8vxsya39', 'acme', 'golden-job.created', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8z4f8ht1', 'acme', 'golden-job.created', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgft8hg6da', 'acme', 'golden-refused-0', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgfxje53z3', 'acme', 'golden-refused-0', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgfygy310w', 'acme', 'golden-refused-0', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgg09e1d6g', 'acme', 'golden-refused-0', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgg0ech1vb', 'acme', 'golden-refused-0', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgfsm0fyj0', 'acme', 'golden-refused-0', 'ep_01m99aa78bnpp5414fe2ejanf6', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:43.032899+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7vvf7p7erygzby8nwt2', 'acme', 'golden-batch-2', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:42.939491+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7wbfv0753bd8fs7gr90', 'acme', 'golden-job.created', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x3t5w8ynsgfpvqja6n', 'acme', 'golden-refused-0', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:42.979798+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3fptmmfq', 'acme', 'golden-refused-1', 'ep_01m99aa781ybg9tk20ssmt8nc5', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3j2vn5wk', 'acme', 'golden-refused-1', 'ep_01m99aa77q4ygwx9w7cecsavaj', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3mty76xw', 'acme', 'golden-refused-1', 'ep_01m99aa77jy5enptp7zmkdtk5x', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3rq6n56s', 'acme', 'golden-refused-1', 'ep_01m99aa7700cjy0wpxm5wekx0y', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3vbk8s53', 'acme', 'golden-refused-1', 'ep_01m99aa76thcmsym0fa0rrh967', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3e4dazhy', 'acme', 'golden-refused-1', 'ep_01m99aa78bnpp5414fe2ejanf6', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:43.049274+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m99aa7x7375h8m1y3cqnr1h7', 'acme', 'golden-refused-1', 'ep_01m99aa78kg730p5z2kwgh0kzm', 'pending', 0, '2026-12-07 22:34:43.212619+00', NULL, 0, '', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:42.981394+00', NULL, NULL);


--
-- Data for Name: deliveries_due; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7cbdkrnx60s1b76kjvq', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.443319+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7dhqsezzzyg5gejt5gx', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.481161+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7h8zj6ptmnnekrj3khr', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.600317+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7jsddb2j715azqwpp12', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.649825+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7jynynqgk8yxq7kqbfr', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.654716+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7kvw2fhy9fpt9kkqywb', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.68387+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7n8r2fmkwbv5h6crwxp', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.728278+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7pdjg892gv60ysz86mr', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.765495+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7q5ywce0ebpqc5f326c', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.789884+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7r6r2ce976q9gb8sc5s', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.822194+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7sqbt3sav9bsy3a116d', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.871958+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7txbrmzccnyjq2ezryg', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.909212+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7v39wsxn6pg76n7z9j6', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.915533+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7v7rv000vx3bmb0870x', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.91924+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vbjrpv88w3cae35zsy', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.923363+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vc63p1n16rvm52b619', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.924837+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vetz4gw1q7ar3tcdxm', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.926217+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vj31k4xwerp6cgftaq', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.930186+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vpc2yx7kfnkafrefaz', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.934196+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vvf7p7erygz3gjxe56', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7vvf7p7erygzby8nwt2', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.939491+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7wbfv0753bd8fs7gr90', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7x3t5w8ynsgfpvqja6n', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.979798+00', '2026-12-07 22:34:43.212619+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m99aa7x7375h8m1y3cqnr1h7', 'acme', 'ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:34:42.981394+00', '2026-12-07 22:34:43.212619+00');


--
-- Data for Name: endpoint_flow; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_flow VALUES ('ep_01m99aa78kg730p5z2kwgh0kzm', '2026-12-07 22:35:42.443105+00', 0, NULL);


--
-- Data for Name: endpoint_stats; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99aa78kg730p5z2kwgh0kzm', 300, 1796682600, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99aa78kg730p5z2kwgh0kzm', 3600, 1796680800, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99aa78bnpp5414fe2ejanf6', 300, 1796682600, 0, 2, 0, 0, 0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m99aa78bnpp5414fe2ejanf6', 3600, 1796680800, 0, 2, 0, 0, 0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);


--
-- Data for Name: endpoints; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa76thcmsym0fa0rrh967', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x75733279268c49f2e36ccd694aed50e7af075e0c40d9845f9c01dfe97abd4a778249e62cfaf863b07c3bcd15054f91e4e737c9f06011479002e222a54ccd60a8f026c0e6710cb58d4a65a4690e2d', NULL, NULL, 'standard', '', '', '', NULL, 'standard', 'event', 'v1', 0, 0, '2026-12-07 22:34:42.266166+00', '2026-12-07 22:34:42.266166+00', NULL, false, NULL, 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa7700cjy0wpxm5wekx0y', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x64d9d5eff3d2f178f0d6bd57d0af40449691a40cc941a382b007c436a9fdd412ad2bd17748a473bf4d89e11b450c7b4e5293d0c054785f7e80d8f6d1a0d2202a9c2c7f8217c86f152a44f8294f', NULL, NULL, 'ed25519', '', '', '', NULL, 'standard', 'event', 'v1', 0, 0, '2026-12-07 22:34:42.272081+00', '2026-12-07 22:34:42.272081+00', NULL, false, NULL, 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa77jy5enptp7zmkdtk5x', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x18508288fcffdcf91e505cdf14e76d481181f25880df124a793b8f23e2e43c95367f4dc30793ea9614de82f31cdd73e471d9c4b967f1ef8dc039185d142a1ccb9e5f56ce13bdf3c1d9fa38a0ce2a', NULL, NULL, 'hmac-sha256-hex', 'X-R2-Signature', '', '', NULL, 'standard', 'event', 'v1', 0, 0, '2026-12-07 22:34:42.290205+00', '2026-12-07 22:34:42.290205+00', NULL, false, NULL, 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa77q4ygwx9w7cecsavaj', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x277c9323e038674afcf735e3cb444bf39a2a3ce87429c15b197f278b2deb68851c40367f07e823bb6110db6cd243dec1eb21af8e0d86969baa6530aad5cb560ff4e645cfe45f3be9eb1f6e78c0c4', NULL, NULL, 'none', '', '', '', '\x3a3ba4132aac0539561d761e85e1b2b5da410e134734370f6558001d3c68b4f9848400af0413e7c5', 'standard', 'event', 'v1', 0, 0, '2026-12-07 22:34:42.295822+00', '2026-12-07 22:34:42.295822+00', NULL, false, NULL, 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa781ybg9tk20ssmt8nc5', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x529bb8ac3f6e2a5d4a8313a98baab677d612a65600e423d20e2f130679c7b64bc7ed1ccad62f9f6f511ba1f90dffc659959f44a52f67accb2a9e60180001968550e22f05a1f11452535a1c25b14f', NULL, NULL, 'hmac', '', '', 'LeapOCR-Webhook/1.0', NULL, 'flat', 'event', 'v1', 5, 0, '2026-12-07 22:34:42.305478+00', '2026-12-07 22:34:42.305478+00', '{"algorithm":"sha256","encoding":"hex","signed":"{timestamp}.{body}","header":"X-Webhook-Signature","value":"{signature}","timestamp_header":"X-Webhook-Timestamp","key":"utf8"}', false, NULL, 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa78kg730p5z2kwgh0kzm', 'acme', '', 'http://127.0.0.1:40451/limited', '', '[]', '[]', '{}', NULL, false, '', false, '\xb2b60b52fc14d6de73beb734f44c2f4a437d650707545d6628d19fe71ae746e6b194774e5673439f9f7a06065ddeaf2929fd21de69a4523cc0da48140f186409983f12d8f5dd66912a409288b5b6', NULL, NULL, 'standard', '', '', '', NULL, 'standard', 'event', 'v1', 0, 1, '2026-12-07 22:34:42.323333+00', '2026-12-07 22:34:42.323333+00', NULL, false, '{"count":1,"per":"minute","burst":1}', 'none', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m99aa78bnpp5414fe2ejanf6', 'acme', '', 'http://127.0.0.1:40451/failing', '', '["order.refused"]', '[]', '{}', NULL, false, '', false, '\x8f15ad633d2d42b1da1b4803301098147d572f86de5997c3de8e7c7715ba7ad98e52a6b18a2cd93eee13618b55b39b856da0bcf77a251cdab3af59ba90df724a6914b5ab380fd3c274c4d8f72375', NULL, NULL, 'standard', '', '', '', NULL, 'standard', 'event', 'v1', 0, 2, '2026-12-07 22:34:42.315079+00', '2026-12-07 22:34:42.315079+00', NULL, false, NULL, 'none', false, NULL);


--
-- Data for Name: event_types; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: events; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-0', 'job.completed', '[]', '\x7b226e223a307d', '2026-12-07 22:34:42.352143+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-1', 'job.completed', '[]', '\x7b226e223a317d', '2026-12-07 22:34:42.443319+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-2', 'job.completed', '[]', '\x7b226e223a327d', '2026-12-07 22:34:42.481161+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-3', 'job.completed', '[]', '\x7b226e223a337d', '2026-12-07 22:34:42.600317+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-4', 'job.completed', '[]', '\x7b226e223a347d', '2026-12-07 22:34:42.649825+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-5', 'job.completed', '[]', '\x7b226e223a357d', '2026-12-07 22:34:42.654716+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-6', 'job.completed', '[]', '\x7b226e223a367d', '2026-12-07 22:34:42.68387+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-7', 'job.completed', '[]', '\x7b226e223a377d', '2026-12-07 22:34:42.728278+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-8', 'job.completed', '[]', '\x7b226e223a387d', '2026-12-07 22:34:42.765495+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-9', 'job.completed', '[]', '\x7b226e223a397d', '2026-12-07 22:34:42.789884+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-10', 'job.completed', '[]', '\x7b226e223a31307d', '2026-12-07 22:34:42.822194+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-11', 'job.completed', '[]', '\x7b226e223a31317d', '2026-12-07 22:34:42.871958+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-12', 'job.completed', '[]', '\x7b226e223a31327d', '2026-12-07 22:34:42.909212+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-13', 'job.completed', '[]', '\x7b226e223a31337d', '2026-12-07 22:34:42.915533+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-14', 'job.completed', '[]', '\x7b226e223a31347d', '2026-12-07 22:34:42.91924+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-15', 'job.completed', '[]', '\x7b226e223a31357d', '2026-12-07 22:34:42.923363+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-16', 'job.completed', '[]', '\x7b226e223a31367d', '2026-12-07 22:34:42.924837+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-17', 'job.completed', '[]', '\x7b226e223a31377d', '2026-12-07 22:34:42.926217+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-18', 'job.completed', '[]', '\x7b226e223a31387d', '2026-12-07 22:34:42.930186+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-19', 'job.completed', '[]', '\x7b226e223a31397d', '2026-12-07 22:34:42.934196+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-1', 'order.paid', '[]', '\x7b7d', '2026-12-07 22:34:42.939491+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-2', 'order.paid', '[]', '\x7b7d', '2026-12-07 22:34:42.939491+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-job.created', 'job.created', '[]', '\x7b226368616e6e656c73223a5b5d2c22637265617465645f6174223a22323032362d31322d30375432323a33343a34322e3935353234355a222c226964223a22676f6c64656e2d6a6f62222c22737461747573223a22717565756564222c2274656e616e745f6964223a2261636d65222c2274797065223a226f6372222c22757064617465645f6174223a22323032362d31322d30375432323a33343a34322e3935353234355a227d', '2026-12-07 22:34:42.955245+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-0', 'order.refused', '[]', '\x7b7d', '2026-12-07 22:34:42.979798+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-1', 'order.refused', '[]', '\x7b7d', '2026-12-07 22:34:42.981394+00', NULL);


--
-- Data for Name: fanouts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: goose_db_version; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.goose_db_version VALUES (1, 0, true, '2026-12-07 22:34:41.57717');
INSERT INTO herald_golden_schema.goose_db_version VALUES (2, 1, true, '2026-12-07 22:34:41.634209');
INSERT INTO herald_golden_schema.goose_db_version VALUES (3, 2, true, '2026-12-07 22:34:41.777795');
INSERT INTO herald_golden_schema.goose_db_version VALUES (4, 3, true, '2026-12-07 22:34:41.803204');
INSERT INTO herald_golden_schema.goose_db_version VALUES (5, 4, true, '2026-12-07 22:34:41.810794');
INSERT INTO herald_golden_schema.goose_db_version VALUES (6, 5, true, '2026-12-07 22:34:41.871171');
INSERT INTO herald_golden_schema.goose_db_version VALUES (7, 6, true, '2026-12-07 22:34:41.873569');
INSERT INTO herald_golden_schema.goose_db_version VALUES (8, 7, true, '2026-12-07 22:34:41.955399');
INSERT INTO herald_golden_schema.goose_db_version VALUES (9, 8, true, '2026-12-07 22:34:41.956438');
INSERT INTO herald_golden_schema.goose_db_version VALUES (10, 9, true, '2026-12-07 22:34:41.960189');
INSERT INTO herald_golden_schema.goose_db_version VALUES (11, 10, true, '2026-12-07 22:34:41.983161');
INSERT INTO herald_golden_schema.goose_db_version VALUES (12, 11, true, '2026-12-07 22:34:41.993945');
INSERT INTO herald_golden_schema.goose_db_version VALUES (13, 12, true, '2026-12-07 22:34:42.004321');
INSERT INTO herald_golden_schema.goose_db_version VALUES (14, 13, true, '2026-12-07 22:34:42.0388');
INSERT INTO herald_golden_schema.goose_db_version VALUES (15, 14, true, '2026-12-07 22:34:42.044934');
INSERT INTO herald_golden_schema.goose_db_version VALUES (16, 15, true, '2026-12-07 22:34:42.046314');
INSERT INTO herald_golden_schema.goose_db_version VALUES (17, 16, true, '2026-12-07 22:34:42.048242');
INSERT INTO herald_golden_schema.goose_db_version VALUES (18, 17, true, '2026-12-07 22:34:42.058051');
INSERT INTO herald_golden_schema.goose_db_version VALUES (19, 18, true, '2026-12-07 22:34:42.102313');
INSERT INTO herald_golden_schema.goose_db_version VALUES (20, 19, true, '2026-12-07 22:34:42.105418');
INSERT INTO herald_golden_schema.goose_db_version VALUES (21, 20, true, '2026-12-07 22:34:42.111155');
INSERT INTO herald_golden_schema.goose_db_version VALUES (22, 21, true, '2026-12-07 22:34:42.115135');


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.jobs VALUES ('acme', 'golden-job', 'ocr', 'queued', NULL, NULL, NULL, NULL, NULL, '[]', '', '', '2026-12-07 22:34:42.955245+00', '2026-12-07 22:34:42.955245+00', NULL, NULL);


--
-- Data for Name: meta; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.meta VALUES ('seal_check', '\xf39a439ef7f10902006a682dfb0ebe81d127d84b62f266029c9cd6b339412faf2bc491d9d602eb190983e9614ef75031');


--
-- Data for Name: tenants; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.tenants VALUES ('acme', 'Acme', 0, '2026-12-07 22:34:42.24734+00', '2026-12-07 22:34:42.24734+00', NULL, NULL, NULL);


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE SET; Schema: herald_golden_schema; Owner: -
--

SELECT pg_catalog.setval('herald_golden_schema.goose_db_version_id_seq', 22, true);


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


