-- The audit trail: one row per change made through the API or the console, per console sign-in attempt and per
-- key issue/revoke/rotate. PostgreSQL only. Never edit this file once applied; add V16__... instead.
--
-- Append-only, enforced here rather than trusted to the application:
--   * a BEFORE UPDATE OR DELETE row trigger on the partitioned table (cloned onto every partition, PostgreSQL 13+)
--     raises, so no UPDATE or DELETE statement can change or remove an audit row, whoever sends it;
--   * a BEFORE TRUNCATE trigger on the table and on each partition raises too (TRUNCATE fires no row triggers).
-- Retention drops whole monthly partitions (DROP TABLE audit_log_pYYYYMM), which row triggers do not see: that is
-- the one way rows leave, a month at a time, and only once the whole month is older than the retention. A role
-- that may DROP the table could remove everything; run the admin as the owner only if that is acceptable, and keep
-- offsite copies (logical replication or backups) where tampering by the database owner matters.
-- Monthly, not daily: audit rows are few (people's changes), so a month is a small partition and a retention
-- of days or years needs few of them. There is deliberately no DEFAULT partition: rows in it could never be
-- dropped by month. Partitions are created by the admin (this month and the next two, at start and hourly, see
-- audit/AuditPartitions.java); an insert for a month without a partition fails, and with it the change it audits.

CREATE SEQUENCE audit_log_id_seq AS bigint;

CREATE TABLE audit_log (
    at             timestamptz NOT NULL,
    id             bigint      NOT NULL DEFAULT nextval('audit_log_id_seq'),
    -- who: 'user' (console user), 'token' (admin API token), 'system' (the admin itself: bootstrap, demo seed)
    actor_type     text        NOT NULL CHECK (actor_type IN ('user', 'token', 'system')),
    actor_name     text        NOT NULL,
    client_address text,
    request_id     text,
    -- create, update, delete, issue, revoke, rotate, sign-in, sign-in-failed, sign-in-throttled
    action         text        NOT NULL,
    object_kind    text        NOT NULL,
    object_id      text,
    object_name    text,
    -- the configuration revision the change committed as; NULL for sign-ins
    revision       bigint,
    -- the object before and after, secrets already replaced by a marker (audit/Redaction.java)
    before         jsonb,
    after          jsonb,
    PRIMARY KEY (at, id)
) PARTITION BY RANGE (at);

ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

CREATE INDEX audit_log_id ON audit_log (id);
CREATE INDEX audit_log_actor_at ON audit_log (actor_name, at);
CREATE INDEX audit_log_object_at ON audit_log (object_kind, object_id, at);
CREATE INDEX audit_log_object_name_at ON audit_log (object_name, at);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit rows leave only when retention drops their monthly partition';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Creates the partition holding the UTC month of `month` (any day in it) unless it exists; returns its name.
-- Names and bounds are derived from a date, never from text a user typed.
CREATE FUNCTION audit_log_ensure_partition(month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    part  text := 'audit_log_p' || to_char(first, 'YYYYMM');
BEGIN
    IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', part,
                       (first::timestamp AT TIME ZONE 'UTC'),
                       ((first + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
        EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', part);
    END IF;
    RETURN part;
END;
$$;

SELECT audit_log_ensure_partition(((now() AT TIME ZONE 'UTC') + make_interval(months => n))::date)
FROM generate_series(0, 2) AS n;
