-- +goose Up
-- An endpoint's settings that no query reads are one JSON object in
-- settings (store.EndpointSettingsJSON writes and reads it whole), so a
-- new such setting needs no migration. Their columns are moved into it
-- and dropped. Secrets, the bearer token and the headers stay in their
-- sealed columns; what a query reads (routing, disabled, paused, the
-- failure count and its limit, ordering) stays a column.
ALTER TABLE endpoints ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
UPDATE endpoints SET settings = jsonb_build_object(
    'description', description,
    'retry_policy', retry_policy,
    'format', format,
    'envelope_object', envelope_object,
    'api_version', api_version,
    'signature', signature,
    'signature_scheme', signature_scheme::jsonb,
    'signature_header', signature_header,
    'path_suffix', path_suffix,
    'user_agent', user_agent,
    'rate_limit', rate_limit::jsonb,
    'send_traceparent', send_traceparent);
ALTER TABLE endpoints
    DROP COLUMN description,
    DROP COLUMN retry_policy,
    DROP COLUMN format,
    DROP COLUMN envelope_object,
    DROP COLUMN api_version,
    DROP COLUMN signature,
    DROP COLUMN signature_scheme,
    DROP COLUMN signature_header,
    DROP COLUMN path_suffix,
    DROP COLUMN user_agent,
    DROP COLUMN rate_limit,
    DROP COLUMN send_traceparent;

-- +goose Down
ALTER TABLE endpoints
    ADD COLUMN description text NOT NULL DEFAULT '',
    ADD COLUMN retry_policy jsonb,
    ADD COLUMN format text NOT NULL DEFAULT '',
    ADD COLUMN envelope_object text NOT NULL DEFAULT '',
    ADD COLUMN api_version text NOT NULL DEFAULT '',
    ADD COLUMN signature text NOT NULL DEFAULT '',
    ADD COLUMN signature_scheme text,
    ADD COLUMN signature_header text NOT NULL DEFAULT '',
    ADD COLUMN path_suffix text NOT NULL DEFAULT '',
    ADD COLUMN user_agent text NOT NULL DEFAULT '',
    ADD COLUMN rate_limit text,
    ADD COLUMN send_traceparent boolean NOT NULL DEFAULT false;
UPDATE endpoints SET
    description = coalesce(settings ->> 'description', ''),
    retry_policy = nullif(settings -> 'retry_policy', 'null'::jsonb),
    format = coalesce(settings ->> 'format', ''),
    envelope_object = coalesce(settings ->> 'envelope_object', ''),
    api_version = coalesce(settings ->> 'api_version', ''),
    signature = coalesce(settings ->> 'signature', ''),
    signature_scheme = nullif(settings -> 'signature_scheme', 'null'::jsonb)::text,
    signature_header = coalesce(settings ->> 'signature_header', ''),
    path_suffix = coalesce(settings ->> 'path_suffix', ''),
    user_agent = coalesce(settings ->> 'user_agent', ''),
    rate_limit = nullif(settings -> 'rate_limit', 'null'::jsonb)::text,
    send_traceparent = coalesce((settings ->> 'send_traceparent')::boolean, false);
ALTER TABLE endpoints DROP COLUMN settings;
