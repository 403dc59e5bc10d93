-- The configuration history: who changed which objects at each revision, and how, kept for good. PostgreSQL only.
-- Never edit this file once applied; add V18__... instead.
--
-- Not the change log (config_revisions/config_changes): that is a resume aid for nodes, pruned to the last N
-- revisions and dropped whenever the content hash is recomputed. Not the audit trail (audit_log): that is pruned
-- by retention, a month at a time. This history is never pruned, so any revision since it started can be listed,
-- compared with another and restored (see docs/adr/012-configuration-history.md).
--
-- Objects are stored as the contract's JSON (ConfigJson, with its "kind"), secrets already replaced by a marker
-- (web/Redaction.java). Keys and the cluster settings carry no payload at all, only kind, id, name and operation:
-- key material (hashes) and the key-hashing secret never reach this table, and a rollback never restores them.
--
-- Append-only, like audit_log (V15): BEFORE UPDATE OR DELETE row triggers and BEFORE TRUNCATE statement triggers
-- on every table raise, so no statement can rewrite history, whoever sends it. There is no retention.

-- Where the history starts: the revision current when this migration ran. The state at that revision is known
-- (the current state minus every recorded change since); nothing before it is.
CREATE TABLE config_history_start (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    revision    bigint      NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO config_history_start (id, revision) SELECT true, revision FROM config_state;

-- One row per committed revision after the start (a content-hash repair, which changes no object, writes none).
CREATE TABLE config_history (
    revision       bigint      PRIMARY KEY,
    committed_at   timestamptz NOT NULL,
    -- 'user' (console user), 'token' (admin API token, by its name), 'system' (the admin itself)
    actor_type     text        NOT NULL CHECK (actor_type IN ('user', 'token', 'system')),
    actor_name     text        NOT NULL,
    -- why, when more than an edit: 'import', 'rollback to revision 42', 'cluster identity restored'
    reason         text,
    client_address text
);

CREATE INDEX config_history_committed_at ON config_history (committed_at);
CREATE INDEX config_history_actor ON config_history (actor_name, revision);

-- One row per object a revision changed, in the order written.
CREATE TABLE config_history_objects (
    revision  bigint  NOT NULL REFERENCES config_history (revision),
    seq       integer NOT NULL,
    kind      text    NOT NULL CHECK (kind IN ('service', 'route', 'consumer', 'plan', 'key', 'policy', 'settings')),
    entity_id text    NOT NULL,
    -- the object's name after the change (before it, for a deletion); a key's prefix
    name      text    NOT NULL,
    op        text    NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    -- contract JSON, secrets redacted; null before a creation, after a deletion, and always for keys and settings
    before    jsonb,
    after     jsonb,
    PRIMARY KEY (revision, seq),
    CONSTRAINT config_history_objects_no_key_material
        CHECK (kind NOT IN ('key', 'settings') OR (before IS NULL AND after IS NULL)),
    CONSTRAINT config_history_objects_payload_matches_op
        CHECK (kind IN ('key', 'settings')
            OR ((before IS NULL) = (op = 'create') AND (after IS NULL) = (op = 'delete')))
);

-- the changes of one object over a range of revisions (diff, state at a revision)
CREATE INDEX config_history_objects_entity ON config_history_objects (kind, entity_id, revision);
CREATE INDEX config_history_objects_name ON config_history_objects (name, revision);

CREATE FUNCTION config_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'the configuration history is never rewritten; a rollback is a new revision';
END;
$$;

CREATE TRIGGER config_history_start_append_only BEFORE UPDATE OR DELETE ON config_history_start
    FOR EACH ROW EXECUTE FUNCTION config_history_refuse_change();
CREATE TRIGGER config_history_start_no_truncate BEFORE TRUNCATE ON config_history_start
    FOR EACH STATEMENT EXECUTE FUNCTION config_history_refuse_change();
CREATE TRIGGER config_history_append_only BEFORE UPDATE OR DELETE ON config_history
    FOR EACH ROW EXECUTE FUNCTION config_history_refuse_change();
CREATE TRIGGER config_history_no_truncate BEFORE TRUNCATE ON config_history
    FOR EACH STATEMENT EXECUTE FUNCTION config_history_refuse_change();
CREATE TRIGGER config_history_objects_append_only BEFORE UPDATE OR DELETE ON config_history_objects
    FOR EACH ROW EXECUTE FUNCTION config_history_refuse_change();
CREATE TRIGGER config_history_objects_no_truncate BEFORE TRUNCATE ON config_history_objects
    FOR EACH STATEMENT EXECUTE FUNCTION config_history_refuse_change();
