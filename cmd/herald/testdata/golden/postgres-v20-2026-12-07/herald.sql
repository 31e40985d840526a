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

INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m98ydd0y4t0wzyb4y5f7mxnf', NULL, 'admin (from configuration)', '\xe4320fe27b42100f9223790ec95c313d7b4f9316779522aa687d183905f89230', '2026-12-07 19:06:43.593678+00', 'admin', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('key_01m98ydd3j5qqp7dps8d2zxhyz', 'acme', 'golden', '\xe10212640da4bbc74dfd64f6efbf1414203228b0868af4fe46719754ea22b99d', '2026-12-07 19:06:43.698977+00', 'tenant', NULL, false, NULL, NULL);
INSERT INTO herald_golden_schema.api_keys VALUES ('ps_01m98yddb4cbxptz4hmx5znwps', 'acme', 'portal session', '\x90fbaf5ef6846f146a898e5c5b1f0b808ae27b8a4a1c6960b830a505d251a0d0', '2026-12-07 19:06:43.940144+00', 'portal', '2026-12-07 20:06:43.940144+00', true, '\x99db9cb771885d9328c85a6ff40e89169503fbd7fa7b5ae189c0447f5b549b32', NULL);


--
-- Data for Name: attempts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m98ydd50r8er83w0kbvpv34a', 'att_01m98ydd5cj318n5fd0ez8v11c', '2026-12-07 19:06:43.756318+00', 613, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:43877/limited","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-0","webhook-signature":"v1,wczwajFc+PBEdn+6MaO71O8ftkA5sxT4DAjE2IAorRU=","webhook-timestamp":"1796670403"},"body_sha256":"7e66f7d1241f3dc092c261def00ea8365dba8a732b906715362009dd9994e4e3"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m98yddb8evnt4da81bhhze0v', 'att_01m98yddbn5t915yqp6kxg6xf2', '2026-12-07 19:06:43.956535+00', 879, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:43877/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-0","webhook-signature":"v1,1kaa4hnoyNsxDopD/pxDZUFurY8OR7awo+jfOmrwZKk=","webhook-timestamp":"1796670403"},"body_sha256":"7c1d84301b53594ce6063294c784e300338de24d9dd595a8abc6ae0d12990c1d"}');
INSERT INTO herald_golden_schema.attempts VALUES ('dlv_01m98yddbkszb9s833mp0q5smk', 'att_01m98yddbqarng6v36g8dq0cx9', '2026-12-07 19:06:43.95876+00', 307, 400, '', 'HTTP 400 is not retried', 'scheduled', '{"url":"http://127.0.0.1:43877/failing","headers":{"Content-Type":"application/json","User-Agent":"Herald/0.1.0-dev","webhook-id":"golden-refused-1","webhook-signature":"v1,DEq1kG+BC5DZq3cxWUOgLx8WtZtbAcOWX8mmqXCNy0E=","webhook-timestamp":"1796670403"},"body_sha256":"1f6adfd353f5a05ce43f29c3840262cd8e88484624a30b810a22b465f273a084"}');


--
-- Data for Name: deliveries; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kcak0ksy', 'acme', 'golden-0', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.743671+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kf7wwpqh', 'acme', 'golden-0', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.743671+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kgzee2dw', 'acme', 'golden-0', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.743671+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kkkcbybt', 'acme', 'golden-0', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.743671+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kptc00j1', 'acme', 'golden-0', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.743671+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebt76w9jxt', 'acme', 'golden-1', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebt8xdpkv7', 'acme', 'golden-1', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebt9q0dbx2', 'acme', 'golden-1', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebtb6v8jm4', 'acme', 'golden-1', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebte1yb82q', 'acme', 'golden-1', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd50r8er83w0kbvpv34a', 'acme', 'golden-0', 'ep_01m98ydd4xcn21j5csphfxty1v', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 19:06:43.743671+00', '2026-12-07 19:06:43.757137+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pz081vvvz', 'acme', 'golden-2', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pz0rgfdbe', 'acme', 'golden-2', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pz1m40ggy', 'acme', 'golden-2', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pz3wvmmva', 'acme', 'golden-2', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pz72yp15b', 'acme', 'golden-2', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf356y3g264', 'acme', 'golden-3', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf35a2kfce7', 'acme', 'golden-3', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf35damwa9p', 'acme', 'golden-3', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf35dxtvqm9', 'acme', 'golden-3', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf35fbcszqq', 'acme', 'golden-3', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnafym64132', 'acme', 'golden-4', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnag0nh27k2', 'acme', 'golden-4', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnag30j48zm', 'acme', 'golden-4', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnag552rv9r', 'acme', 'golden-4', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnag5shzc28', 'acme', 'golden-4', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjewty2kh', 'acme', 'golden-10', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd55536j08ebt38j8ghk', 'acme', 'golden-1', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:43.749599+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd5g0xnb6v1pyzxb9bmq', 'acme', 'golden-2', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:43.76048+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6mtxjazqf356t19j9q', 'acme', 'golden-3', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:43.796416+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6sz7pmwcnafvh08tbt', 'acme', 'golden-4', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:43.801897+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbcr1bf27', 'acme', 'golden-5', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbgg8hjsq', 'acme', 'golden-5', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbjrrn8xp', 'acme', 'golden-5', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbp34ssv7', 'acme', 'golden-5', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbq7vbnqy', 'acme', 'golden-5', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgb4fp1e8b', 'acme', 'golden-6', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgb65ag16p', 'acme', 'golden-6', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgb93j9gr2', 'acme', 'golden-6', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgbaabadzt', 'acme', 'golden-6', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgbdg5h53k', 'acme', 'golden-6', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500w595dnbc', 'acme', 'golden-7', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500w7qmqqrc', 'acme', 'golden-7', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500wazzs3ka', 'acme', 'golden-7', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500wbaqv2yz', 'acme', 'golden-7', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500wcvthgys', 'acme', 'golden-7', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833xad3ysab', 'acme', 'golden-8', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833xba83tta', 'acme', 'golden-8', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833xbnewzs6', 'acme', 'golden-8', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833xc0kk1ev', 'acme', 'golden-8', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833xccpvzk8', 'acme', 'golden-8', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbd7fr2xgh', 'acme', 'golden-9', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbdbf7ky26', 'acme', 'golden-9', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbdcrhha2v', 'acme', 'golden-9', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbdgnf6bnw', 'acme', 'golden-9', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbdkc68bz0', 'acme', 'golden-9', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjckmpnd1', 'acme', 'golden-10', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd6zwcry7t6zbb3dqt31', 'acme', 'golden-5', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:43.807276+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd74v3243pjgb2ryqwf7', 'acme', 'golden-6', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:43.812716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7b5xqzg500w2xek0jj', 'acme', 'golden-7', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:43.819716+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7sc3fke833x6texzr7', 'acme', 'golden-8', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:43.833168+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd7yasv4bnhbd79j0s02', 'acme', 'golden-9', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:43.838829+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjbjrdv80', 'acme', 'golden-10', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjhyxj0z6', 'acme', 'golden-10', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjmz2ftw4', 'acme', 'golden-10', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8eekwg5t8vjqac1288', 'acme', 'golden-10', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:43.854043+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6ffk8jnj', 'acme', 'golden-11', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6hy9ccj0', 'acme', 'golden-11', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6nmj6zyc', 'acme', 'golden-11', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6qmxecfz', 'acme', 'golden-11', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6qxrrwkn', 'acme', 'golden-11', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1e99ypnt3', 'acme', 'golden-12', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1e9tkrdns', 'acme', 'golden-12', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1ecgef7bk', 'acme', 'golden-12', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1ecvshmsd', 'acme', 'golden-12', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1ecxf62pg', 'acme', 'golden-12', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kega03q7z', 'acme', 'golden-13', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kekjek1qq', 'acme', 'golden-13', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kemfe3eg8', 'acme', 'golden-13', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kenwnje52', 'acme', 'golden-13', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kept1ne4n', 'acme', 'golden-13', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg64qq8tqw', 'acme', 'golden-14', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg67vq03w0', 'acme', 'golden-14', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg68p319td', 'acme', 'golden-14', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg68t26qbv', 'acme', 'golden-14', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg6cak0va0', 'acme', 'golden-14', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhya0m4ks2a', 'acme', 'golden-15', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhya1kjtgc7', 'acme', 'golden-15', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhya24c3e4c', 'acme', 'golden-15', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhya604291a', 'acme', 'golden-15', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd8sfrrykfvg6ewz14p5', 'acme', 'golden-11', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:43.865224+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9j0ep2k5n1e5qs0600', 'acme', 'golden-12', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:43.890755+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9n5ewm8c8kect1anwx', 'acme', 'golden-13', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:43.893058+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydd9scywf26yg60v09bn1', 'acme', 'golden-14', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:43.897286+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhy9zt1s3kb', 'acme', 'golden-15', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98ydda2x8abwnhya6dw5fbg', 'acme', 'golden-15', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:43.906328+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5nvp9x7vr', 'acme', 'golden-16', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5nyga02nt', 'acme', 'golden-16', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5p0p4gk3y', 'acme', 'golden-16', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5p199q8vw', 'acme', 'golden-16', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5p3hh1z8k', 'acme', 'golden-16', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7jf1pp7c', 'acme', 'golden-17', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7n7qn406', 'acme', 'golden-17', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7nfy4pje', 'acme', 'golden-17', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7rkkj6n4', 'acme', 'golden-17', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7wjzwr5e', 'acme', 'golden-17', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txj4v2mdwm', 'acme', 'golden-18', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txj5vftv17', 'acme', 'golden-18', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txj70jdqxq', 'acme', 'golden-18', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txjazkp4pp', 'acme', 'golden-18', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txjb7zkx7t', 'acme', 'golden-18', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6kjhqhwr', 'acme', 'golden-19', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6m4venxd', 'acme', 'golden-19', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6pf5r1ex', 'acme', 'golden-19', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6q5tev08', 'acme', 'golden-19', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6q84yshk', 'acme', 'golden-19', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2b8jmx0d', 'acme', 'golden-batch-1', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2dam0g8e', 'acme', 'golden-batch-1', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2g6he563', 'acme', 'golden-batch-1', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2j8fv69b', 'acme', 'golden-batch-1', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2kc3m4qs', 'acme', 'golden-batch-1', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddacywxwe6d5ns9a4g38', 'acme', 'golden-16', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:43.916098+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddak8wjbwjgd7gcdqsa8', 'acme', 'golden-17', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:43.923393+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddans80fh2txj3gv713x', 'acme', 'golden-18', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:43.925568+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddargdz1gmba6gkhgwes', 'acme', 'golden-19', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:43.928786+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e27r2arfm', 'acme', 'golden-batch-1', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2s5ef110', 'acme', 'golden-batch-2', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2sbf445k', 'acme', 'golden-batch-2', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2t4mknxe', 'acme', 'golden-batch-2', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2wcs7crw', 'acme', 'golden-batch-2', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2yye7hq4', 'acme', 'golden-batch-2', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmk3vf07k', 'acme', 'golden-job.created', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmpfacjzg', 'acme', 'golden-job.created', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmtb35etb', 'acme', 'golden-job.created', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmvmdt4xx', 'acme', 'golden-job.created', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmx16q51t', 'acme', 'golden-job.created', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81dv3g713', 'acme', 'golden-refused-0', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81fnejj27', 'acme', 'golden-refused-0', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81js25nzt', 'acme', 'golden-refused-0', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81nym16bw', 'acme', 'golden-refused-0', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81pm9qb4e', 'acme', 'golden-refused-0', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da81bhhze0v', 'acme', 'golden-refused-0', 'ep_01m98ydd4wh6xye83kj3g825nc', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.957461+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddatgxx8910e2q2w1y5g', 'acme', 'golden-batch-2', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:43.930458+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddaytftj1x3jmf3y7frc', 'acme', 'golden-job.created', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddb8evnt4da818x47bw6', 'acme', 'golden-refused-0', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:43.944429+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833mrg94xw3', 'acme', 'golden-refused-1', 'ep_01m98ydd4tdvwf07qdgxdtmb8d', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833mt94ethh', 'acme', 'golden-refused-1', 'ep_01m98ydd4q9b5z782we46rek8m', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833mxyc2jg7', 'acme', 'golden-refused-1', 'ep_01m98ydd4jkq2ekhr6tqdhbkws', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833n0b1wg08', 'acme', 'golden-refused-1', 'ep_01m98ydd4ekx119mxkggew3jqg', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833n2dzz6tk', 'acme', 'golden-refused-1', 'ep_01m98ydd49rgqkyvw3x2v13ec1', 'paused', 0, NULL, NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833mp0q5smk', 'acme', 'golden-refused-1', 'ep_01m98ydd4wh6xye83kj3g825nc', 'failed', 1, NULL, NULL, 400, 'HTTP 400 is not retried', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.971273+00', NULL, NULL);
INSERT INTO herald_golden_schema.deliveries VALUES ('dlv_01m98yddbkszb9s833mk76hewn', 'acme', 'golden-refused-1', 'ep_01m98ydd4xcn21j5csphfxty1v', 'pending', 0, '2026-12-07 19:06:44.10397+00', NULL, 0, '', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:43.955105+00', NULL, NULL);


--
-- Data for Name: deliveries_due; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd55536j08ebt38j8ghk', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.749599+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd5g0xnb6v1pyzxb9bmq', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.76048+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd6mtxjazqf356t19j9q', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.796416+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd6sz7pmwcnafvh08tbt', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.801897+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd6zwcry7t6zbb3dqt31', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.807276+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd74v3243pjgb2ryqwf7', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.812716+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd7b5xqzg500w2xek0jj', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.819716+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd7sc3fke833x6texzr7', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.833168+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd7yasv4bnhbd79j0s02', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.838829+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd8eekwg5t8vjbjrdv80', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.854043+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd8sfrrykfvg6ewz14p5', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.865224+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd9j0ep2k5n1e5qs0600', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.890755+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd9n5ewm8c8kect1anwx', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.893058+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydd9scywf26yg60v09bn1', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.897286+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98ydda2x8abwnhy9zt1s3kb', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.906328+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddacywxwe6d5ns9a4g38', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.916098+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddak8wjbwjgd7gcdqsa8', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.923393+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddans80fh2txj3gv713x', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.925568+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddargdz1gmba6gkhgwes', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.928786+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddatgxx8910e27r2arfm', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddatgxx8910e2q2w1y5g', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.930458+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddaytftj1x3jmf3y7frc', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddb8evnt4da818x47bw6', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.944429+00', '2026-12-07 19:06:44.10397+00');
INSERT INTO herald_golden_schema.deliveries_due VALUES ('dlv_01m98yddbkszb9s833mk76hewn', 'acme', 'ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:06:43.955105+00', '2026-12-07 19:06:44.10397+00');


--
-- Data for Name: endpoint_flow; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_flow VALUES ('ep_01m98ydd4xcn21j5csphfxty1v', '2026-12-07 19:07:43.749105+00', 0, NULL);


--
-- Data for Name: endpoint_stats; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m98ydd4wh6xye83kj3g825nc', 300, 1796670300, 0, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m98ydd4wh6xye83kj3g825nc', 3600, 1796670000, 0, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m98ydd4xcn21j5csphfxty1v', 300, 1796670300, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
INSERT INTO herald_golden_schema.endpoint_stats VALUES ('ep_01m98ydd4xcn21j5csphfxty1v', 3600, 1796670000, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);


--
-- Data for Name: endpoints; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd49rgqkyvw3x2v13ec1', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x4895e6b88681bce3a8888db5d5b2d0a2f098638f6b792ad7331654de601bbd573ecae04fd7603e6bca5b1fcb6a6b19ba29c19c91a2bfa1954025d868a9425462b16f726ae4495da971c0b5e21fe5', NULL, NULL, '', '', '', '', NULL, '', '', '', 0, 0, '2026-12-07 19:06:43.721592+00', '2026-12-07 19:06:43.721592+00', NULL, false, NULL, '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4ekx119mxkggew3jqg', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x17e02d54d0c2450d799b185e1f88ac32f7713a5fda0062b333b6c7ede078e8c92759999c454a14406dd7fcc1c3b1c1464fbd1db2eec01cb13560917d494b0753c0c31842882c25becc1c2014af', NULL, NULL, 'ed25519', '', '', '', NULL, '', '', '', 0, 0, '2026-12-07 19:06:43.726793+00', '2026-12-07 19:06:43.726793+00', NULL, false, NULL, '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4jkq2ekhr6tqdhbkws', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\xbba5df1ab043bdd023bfc3addc289f038de14886b255e24dcdffaa100b5a0ce58c62a863dddc9bff48a42896a5307f7fce62d99255db0e77827ff86e9fe2e31d4431a928fca046db92275fbbed26', NULL, NULL, 'hmac-sha256-hex', 'X-R2-Signature', '', '', NULL, '', '', '', 0, 0, '2026-12-07 19:06:43.730324+00', '2026-12-07 19:06:43.730324+00', NULL, false, NULL, '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4q9b5z782we46rek8m', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\xb6ef6f5f23a864c44f007921fd642b567c4dd8f77985f70df20b00b822bc7a99781e1e220316a74adcd7fa53b31482f7faf66e636dd3839f9cfca7c005ab274b9b3b57124d68e212e9ef58f855b7', NULL, NULL, 'none', '', '', '', '\x5c7fbeec98b1d63dda15697b12342459c717adbb6f73e6af211a9524abd9ef1c87dbaf41a63c6191', '', '', '', 0, 0, '2026-12-07 19:06:43.735002+00', '2026-12-07 19:06:43.735002+00', NULL, false, NULL, '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4tdvwf07qdgxdtmb8d', 'acme', '', 'http://127.0.0.1:9/golden', '', '[]', '[]', '{}', NULL, false, '', true, '\x97e322570a873a9de3fbae323487fa0a65b8ad64747bfe87ea04292c5b579f54df104ae3a69e86ebea1e0e2c8c75a3d5301edc6ec274290d899b084bde691f3e87d810bc6c3d5f18b26cca88c7cb', NULL, NULL, 'hmac', '', '', 'LeapOCR-Webhook/1.0', NULL, 'flat', '', '', 5, 0, '2026-12-07 19:06:43.738049+00', '2026-12-07 19:06:43.738049+00', '{"algorithm":"sha256","encoding":"hex","signed":"{timestamp}.{body}","header":"X-Webhook-Signature","value":"{signature}","timestamp_header":"X-Webhook-Timestamp","key":"utf8"}', false, NULL, '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4xcn21j5csphfxty1v', 'acme', '', 'http://127.0.0.1:43877/limited', '', '[]', '[]', '{}', NULL, false, '', false, '\x5c5330e98ed32b3c931e021b9d7346f465d1c8451f947e9691327e4630124aa1311da2258888f6d7243bfad65178e95e8fecdf070f54b7bd7e5388672e1b43fd9698b815c13c7968fcb7de1c9418', NULL, NULL, '', '', '', '', NULL, '', '', '', 0, 1, '2026-12-07 19:06:43.74154+00', '2026-12-07 19:06:43.74154+00', NULL, false, '{"count":1,"per":"minute","burst":1}', '', false, NULL);
INSERT INTO herald_golden_schema.endpoints VALUES ('ep_01m98ydd4wh6xye83kj3g825nc', 'acme', '', 'http://127.0.0.1:43877/failing', '', '["order.refused"]', '[]', '{}', NULL, false, '', false, '\x41af2c8c9b10b1a335813b3560e78555db67fd92a600f553b0189ee0c4be43ddf9e65f9988a0538c63997991a58b856ef2fcf3accf2a1a8f6bd82555bafe828663bf0fed2e56c68d5dd806e63fe6', NULL, NULL, '', '', '', '', NULL, '', '', '', 0, 2, '2026-12-07 19:06:43.740124+00', '2026-12-07 19:06:43.740124+00', NULL, false, NULL, '', false, NULL);


--
-- Data for Name: event_types; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: events; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-0', 'job.completed', '[]', '\x7b226e223a307d', '2026-12-07 19:06:43.743671+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-1', 'job.completed', '[]', '\x7b226e223a317d', '2026-12-07 19:06:43.749599+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-2', 'job.completed', '[]', '\x7b226e223a327d', '2026-12-07 19:06:43.76048+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-3', 'job.completed', '[]', '\x7b226e223a337d', '2026-12-07 19:06:43.796416+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-4', 'job.completed', '[]', '\x7b226e223a347d', '2026-12-07 19:06:43.801897+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-5', 'job.completed', '[]', '\x7b226e223a357d', '2026-12-07 19:06:43.807276+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-6', 'job.completed', '[]', '\x7b226e223a367d', '2026-12-07 19:06:43.812716+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-7', 'job.completed', '[]', '\x7b226e223a377d', '2026-12-07 19:06:43.819716+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-8', 'job.completed', '[]', '\x7b226e223a387d', '2026-12-07 19:06:43.833168+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-9', 'job.completed', '[]', '\x7b226e223a397d', '2026-12-07 19:06:43.838829+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-10', 'job.completed', '[]', '\x7b226e223a31307d', '2026-12-07 19:06:43.854043+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-11', 'job.completed', '[]', '\x7b226e223a31317d', '2026-12-07 19:06:43.865224+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-12', 'job.completed', '[]', '\x7b226e223a31327d', '2026-12-07 19:06:43.890755+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-13', 'job.completed', '[]', '\x7b226e223a31337d', '2026-12-07 19:06:43.893058+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-14', 'job.completed', '[]', '\x7b226e223a31347d', '2026-12-07 19:06:43.897286+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-15', 'job.completed', '[]', '\x7b226e223a31357d', '2026-12-07 19:06:43.906328+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-16', 'job.completed', '[]', '\x7b226e223a31367d', '2026-12-07 19:06:43.916098+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-17', 'job.completed', '[]', '\x7b226e223a31377d', '2026-12-07 19:06:43.923393+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-18', 'job.completed', '[]', '\x7b226e223a31387d', '2026-12-07 19:06:43.925568+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-19', 'job.completed', '[]', '\x7b226e223a31397d', '2026-12-07 19:06:43.928786+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-1', 'order.paid', '[]', '\x7b7d', '2026-12-07 19:06:43.930458+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-batch-2', 'order.paid', '[]', '\x7b7d', '2026-12-07 19:06:43.930458+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-job.created', 'job.created', '[]', '\x7b226368616e6e656c73223a5b5d2c22637265617465645f6174223a22323032362d31322d30375431393a30363a34332e3933343430375a222c226964223a22676f6c64656e2d6a6f62222c22737461747573223a22717565756564222c2274656e616e745f6964223a2261636d65222c2274797065223a226f6372222c22757064617465645f6174223a22323032362d31322d30375431393a30363a34332e3933343430375a227d', '2026-12-07 19:06:43.934407+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-0', 'order.refused', '[]', '\x7b7d', '2026-12-07 19:06:43.944429+00', NULL);
INSERT INTO herald_golden_schema.events VALUES ('acme', 'golden-refused-1', 'order.refused', '[]', '\x7b7d', '2026-12-07 19:06:43.955105+00', NULL);


--
-- Data for Name: fanouts; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--



--
-- Data for Name: goose_db_version; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.goose_db_version VALUES (1, 0, true, '2026-12-07 19:06:42.594878');
INSERT INTO herald_golden_schema.goose_db_version VALUES (2, 1, true, '2026-12-07 19:06:42.892109');
INSERT INTO herald_golden_schema.goose_db_version VALUES (3, 2, true, '2026-12-07 19:06:43.271214');
INSERT INTO herald_golden_schema.goose_db_version VALUES (4, 3, true, '2026-12-07 19:06:43.316218');
INSERT INTO herald_golden_schema.goose_db_version VALUES (5, 4, true, '2026-12-07 19:06:43.321626');
INSERT INTO herald_golden_schema.goose_db_version VALUES (6, 5, true, '2026-12-07 19:06:43.32751');
INSERT INTO herald_golden_schema.goose_db_version VALUES (7, 6, true, '2026-12-07 19:06:43.329704');
INSERT INTO herald_golden_schema.goose_db_version VALUES (8, 7, true, '2026-12-07 19:06:43.343274');
INSERT INTO herald_golden_schema.goose_db_version VALUES (9, 8, true, '2026-12-07 19:06:43.344873');
INSERT INTO herald_golden_schema.goose_db_version VALUES (10, 9, true, '2026-12-07 19:06:43.351759');
INSERT INTO herald_golden_schema.goose_db_version VALUES (11, 10, true, '2026-12-07 19:06:43.390235');
INSERT INTO herald_golden_schema.goose_db_version VALUES (12, 11, true, '2026-12-07 19:06:43.396746');
INSERT INTO herald_golden_schema.goose_db_version VALUES (13, 12, true, '2026-12-07 19:06:43.415058');
INSERT INTO herald_golden_schema.goose_db_version VALUES (14, 13, true, '2026-12-07 19:06:43.441027');
INSERT INTO herald_golden_schema.goose_db_version VALUES (15, 14, true, '2026-12-07 19:06:43.442123');
INSERT INTO herald_golden_schema.goose_db_version VALUES (16, 15, true, '2026-12-07 19:06:43.443367');
INSERT INTO herald_golden_schema.goose_db_version VALUES (17, 16, true, '2026-12-07 19:06:43.46117');
INSERT INTO herald_golden_schema.goose_db_version VALUES (18, 17, true, '2026-12-07 19:06:43.472329');
INSERT INTO herald_golden_schema.goose_db_version VALUES (19, 18, true, '2026-12-07 19:06:43.529254');
INSERT INTO herald_golden_schema.goose_db_version VALUES (20, 19, true, '2026-12-07 19:06:43.531417');
INSERT INTO herald_golden_schema.goose_db_version VALUES (21, 20, true, '2026-12-07 19:06:43.545997');


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.jobs VALUES ('acme', 'golden-job', 'ocr', 'queued', NULL, NULL, NULL, NULL, NULL, '[]', '', '', '2026-12-07 19:06:43.934407+00', '2026-12-07 19:06:43.934407+00', NULL, NULL);


--
-- Data for Name: meta; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.meta VALUES ('seal_check', '\xc2ff784e45edd0c33aad84ea487b6b9362757c9e31e2a1f120fb202be184d2028b9f936984e81109b153877b44d0d680');


--
-- Data for Name: tenants; Type: TABLE DATA; Schema: herald_golden_schema; Owner: -
--

INSERT INTO herald_golden_schema.tenants VALUES ('acme', 'Acme', 0, '2026-12-07 19:06:43.673585+00', '2026-12-07 19:06:43.673585+00', NULL, NULL, NULL);


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE SET; Schema: herald_golden_schema; Owner: -
--

SELECT pg_catalog.setval('herald_golden_schema.goose_db_version_id_seq', 21, true);


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
-- Name: deliveries_due_at; Type: INDEX; Schema: herald_golden_schema; Owner: -
--

CREATE INDEX deliveries_due_at ON herald_golden_schema.deliveries_due USING btree (due_at);


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


