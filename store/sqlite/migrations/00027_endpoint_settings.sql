-- +goose Up
-- An endpoint's settings that no query reads are one JSON object in
-- settings (store.EndpointSettingsJSON writes and reads it whole), so a
-- new such setting needs no migration. Their columns are moved into it
-- and dropped. Secrets, the bearer token and the headers stay in their
-- sealed columns; what a query reads (routing, disabled, paused, the
-- failure count and its limit, ordering) stays a column.
ALTER TABLE endpoints ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
UPDATE endpoints SET settings = json_object(
    'description', description,
    'retry_policy', json(retry_policy),
    'format', format,
    'envelope_object', envelope_object,
    'api_version', api_version,
    'signature', signature,
    'signature_scheme', json(signature_scheme),
    'signature_header', signature_header,
    'path_suffix', path_suffix,
    'user_agent', user_agent,
    'rate_limit', json(rate_limit),
    'send_traceparent', json(CASE WHEN send_traceparent THEN 'true' ELSE 'false' END));
ALTER TABLE endpoints DROP COLUMN description;
ALTER TABLE endpoints DROP COLUMN retry_policy;
ALTER TABLE endpoints DROP COLUMN format;
ALTER TABLE endpoints DROP COLUMN envelope_object;
ALTER TABLE endpoints DROP COLUMN api_version;
ALTER TABLE endpoints DROP COLUMN signature;
ALTER TABLE endpoints DROP COLUMN signature_scheme;
ALTER TABLE endpoints DROP COLUMN signature_header;
ALTER TABLE endpoints DROP COLUMN path_suffix;
ALTER TABLE endpoints DROP COLUMN user_agent;
ALTER TABLE endpoints DROP COLUMN rate_limit;
ALTER TABLE endpoints DROP COLUMN send_traceparent;

-- +goose Down
ALTER TABLE endpoints ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN retry_policy TEXT;
ALTER TABLE endpoints ADD COLUMN format TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN envelope_object TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN api_version TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN signature_scheme TEXT;
ALTER TABLE endpoints ADD COLUMN signature_header TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN path_suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE endpoints ADD COLUMN rate_limit TEXT;
ALTER TABLE endpoints ADD COLUMN send_traceparent INTEGER NOT NULL DEFAULT 0;
UPDATE endpoints SET
    description = coalesce(json_extract(settings, '$.description'), ''),
    retry_policy = CASE WHEN json_type(settings, '$.retry_policy') = 'object' THEN json_extract(settings, '$.retry_policy') END,
    format = coalesce(json_extract(settings, '$.format'), ''),
    envelope_object = coalesce(json_extract(settings, '$.envelope_object'), ''),
    api_version = coalesce(json_extract(settings, '$.api_version'), ''),
    signature = coalesce(json_extract(settings, '$.signature'), ''),
    signature_scheme = CASE WHEN json_type(settings, '$.signature_scheme') = 'object' THEN json_extract(settings, '$.signature_scheme') END,
    signature_header = coalesce(json_extract(settings, '$.signature_header'), ''),
    path_suffix = coalesce(json_extract(settings, '$.path_suffix'), ''),
    user_agent = coalesce(json_extract(settings, '$.user_agent'), ''),
    rate_limit = CASE WHEN json_type(settings, '$.rate_limit') = 'object' THEN json_extract(settings, '$.rate_limit') END,
    send_traceparent = CASE WHEN json_type(settings, '$.send_traceparent') = 'true' THEN 1 ELSE 0 END;
ALTER TABLE endpoints DROP COLUMN settings;
