-- Core tables of the Gatehouse control plane: published configuration (services, routes), the global
-- configuration revision with its change log (nodes resume from it), the node registry, and admin identities.
-- PostgreSQL only. Never edit this file once applied; add V2__... instead.

-- Upstream APIs.
CREATE TABLE services (
    id                  uuid        PRIMARY KEY,
    name                text        NOT NULL,
    protocol            text        NOT NULL DEFAULT 'http' CHECK (protocol IN ('http', 'https')),
    base_path           text        NOT NULL DEFAULT '',
    connect_timeout_ms  integer     NOT NULL CHECK (connect_timeout_ms > 0),
    response_timeout_ms integer     NOT NULL CHECK (response_timeout_ms > 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT services_name_key UNIQUE (name)
);

-- Instances of a service, in the order the admin listed them. A table rather than a column so that
-- self-registered targets with heartbeats can join it later.
CREATE TABLE service_targets (
    service_id uuid    NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    host       text    NOT NULL,
    port       integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    weight     integer NOT NULL CHECK (weight > 0),
    PRIMARY KEY (service_id, position)
);

-- How calls reach a service. A service cannot be deleted while a route points at it (no cascade).
CREATE TABLE routes (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    service_id   uuid        NOT NULL REFERENCES services (id),
    hosts        text[]      NOT NULL DEFAULT '{}',
    paths        text[]      NOT NULL,
    path_match   text        NOT NULL DEFAULT 'prefix' CHECK (path_match IN ('prefix', 'exact')),
    methods      text[]      NOT NULL DEFAULT '{}',
    strip_prefix boolean     NOT NULL DEFAULT false,
    priority     integer     NOT NULL DEFAULT 0,
    enabled      boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT routes_name_key UNIQUE (name)
);
CREATE INDEX routes_service_id_idx ON routes (service_id);

-- The one global configuration revision and the content hash of the configuration at that revision.
-- Every write locks this row first (UPDATE ... RETURNING), which also orders concurrent writers.
CREATE TABLE config_state (
    id       boolean PRIMARY KEY DEFAULT true CHECK (id),
    revision bigint  NOT NULL,
    hash     bigint  NOT NULL
);
INSERT INTO config_state (id, revision, hash) VALUES (true, 0, 0);

-- One row per committed revision: the content hash after it. Pruned to the last N revisions.
CREATE TABLE config_revisions (
    revision   bigint      PRIMARY KEY,
    hash       bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The change log: what each revision changed, as contract ConfigChange JSON (payload).
-- Nodes that reconnect with a retained revision receive these rows instead of a full snapshot.
CREATE TABLE config_changes (
    revision  bigint NOT NULL REFERENCES config_revisions (revision) ON DELETE CASCADE,
    seq       integer NOT NULL,
    kind      text   NOT NULL CHECK (kind IN ('service', 'route')),
    entity_id text   NOT NULL,
    op        text   NOT NULL CHECK (op IN ('upsert', 'delete')),
    payload   jsonb  NOT NULL,
    PRIMARY KEY (revision, seq)
);

-- Runtime nodes as the admin last heard of them (heartbeats).
CREATE TABLE nodes (
    id               text        PRIMARY KEY,
    address          text,
    version          text,
    applied_revision bigint      NOT NULL DEFAULT 0,
    config_hash      text,
    config_source    text,
    first_seen       timestamptz NOT NULL DEFAULT now(),
    last_heartbeat   timestamptz NOT NULL DEFAULT now()
);

-- Console users. Passwords are BCrypt hashes.
CREATE TABLE admin_users (
    id            uuid        PRIMARY KEY,
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'VIEWER')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admin_users_username_key UNIQUE (username)
);

-- Tokens for the admin REST API, stored as the SHA-256 hex digest of the token.
CREATE TABLE api_tokens (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    token_hash text        NOT NULL,
    role       text        NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'VIEWER')),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used  timestamptz,
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);

-- The credential nodes present on /cluster/**: one row, SHA-256 hex digest of the cluster token.
CREATE TABLE cluster_credentials (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    token_hash text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
