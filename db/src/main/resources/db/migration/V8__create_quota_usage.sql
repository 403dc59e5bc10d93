-- Quota usage per UTC day, consumer and API key, folded in by call-log ingestion in the same transaction as the
-- raw rows: the durable record that quota counters in Redis are reconciled from, and what usage is read from
-- when no Redis is configured. Counts the calls a node let through its quota check: calls of an authenticated
-- consumer, except those refused as forbidden, rate limited or over quota.
-- PostgreSQL only. Never edit this file once applied; add a later version instead.
CREATE TABLE call_usage_day (
    day          date   NOT NULL,
    consumer_id  text   NOT NULL,
    -- '' for calls authenticated without an API key (JWT)
    key_prefix   text   NOT NULL,
    calls        bigint NOT NULL,
    PRIMARY KEY (day, consumer_id, key_prefix)
);

CREATE INDEX call_usage_day_consumer ON call_usage_day (consumer_id, day);

-- calls already logged before this version
INSERT INTO call_usage_day (day, consumer_id, key_prefix, calls)
SELECT (ts AT TIME ZONE 'UTC')::date, consumer_id, coalesce(key_prefix, ''), count(*)
FROM call_log
WHERE consumer_id IS NOT NULL
  AND (error_code IS NULL OR error_code NOT IN ('forbidden', 'rate_limited', 'quota_exceeded'))
GROUP BY 1, 2, 3;

-- How a node counts rate limits and quotas, from its last heartbeat: redis, fallback or local; NULL from older nodes.
ALTER TABLE nodes ADD COLUMN rate_limit_mode text;
