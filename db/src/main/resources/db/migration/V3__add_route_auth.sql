-- What a route requires of callers. Existing routes require an API key: secure by default, an admin opens a
-- route to anonymous callers explicitly (auth 'none').
ALTER TABLE routes
    ADD COLUMN auth                   text    NOT NULL DEFAULT 'key' CHECK (auth IN ('none', 'key', 'jwt')),
    ADD COLUMN allowed_groups         text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN tags                   text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN key_header             text    NOT NULL DEFAULT 'X-API-Key',
    ADD COLUMN key_bearer             boolean NOT NULL DEFAULT false,
    ADD COLUMN key_query_param        text,
    -- JWT settings, set only when auth is 'jwt'. The HS256 secret is kept as given: nodes need it to verify.
    ADD COLUMN jwt_algorithms         text[],
    ADD COLUMN jwt_issuer             text,
    ADD COLUMN jwt_audiences          text[],
    ADD COLUMN jwt_secret             text,
    ADD COLUMN jwt_jwks               text,
    ADD COLUMN jwt_jwks_url           text,
    ADD COLUMN jwt_consumer_claim     text,
    ADD COLUMN jwt_clock_skew_seconds integer,
    ADD CONSTRAINT routes_jwt_check CHECK ((auth = 'jwt') = (jwt_algorithms IS NOT NULL));

-- The published form of every existing route changed (it now carries auth): recompute the content hash.
UPDATE config_state SET rehash = true WHERE EXISTS (SELECT 1 FROM routes);
