-- Call logs shipped by runtime nodes: raw calls partitioned by day, batch ids for idempotent delivery, minute
-- roll-ups for dashboards, and each node's call-log shipping state from its heartbeat.
-- PostgreSQL only. Never edit this file once applied; add V5__... instead.

-- One row per proxied call. Partitioned by UTC day so retention drops whole partitions (no DELETE, no
-- vacuum debt). Partitions (call_log_pYYYYMMDD) are created by the admin: today and the next two days at
-- start and hourly, and on demand when a batch carries a day that has none. There is deliberately no
-- DEFAULT partition: rows in it could never be dropped by day.
CREATE SEQUENCE call_log_id_seq AS bigint;

CREATE TABLE call_log (
    ts             timestamptz NOT NULL,
    id             bigint      NOT NULL DEFAULT nextval('call_log_id_seq'),
    node_id        text        NOT NULL,
    request_id     text,
    route_id       text,
    route_name     text,
    service_id     text,
    service_name   text,
    consumer_id    text,
    consumer_name  text,
    key_prefix     text,
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         smallint    NOT NULL,
    latency_us     bigint      NOT NULL,
    upstream_us    bigint      NOT NULL,
    bytes_in       bigint      NOT NULL,
    bytes_out      bigint      NOT NULL,
    client_ip      text,
    error_code     text,
    -- Also the keyset for paging: newest first is a backward scan of this index.
    PRIMARY KEY (ts, id)
) PARTITION BY RANGE (ts);

ALTER SEQUENCE call_log_id_seq OWNED BY call_log.id;

CREATE INDEX call_log_request_id ON call_log (request_id);
CREATE INDEX call_log_route_ts ON call_log (route_id, ts);
CREATE INDEX call_log_consumer_ts ON call_log (consumer_id, ts);

-- Batch ids already stored: a node that did not see the answer resends, and the batch is stored once.
-- Rows older than the call-log retention are deleted with the partitions.
CREATE TABLE call_log_batches (
    batch_id    text        PRIMARY KEY,
    node_id     text        NOT NULL,
    received_at timestamptz NOT NULL,
    records     integer     NOT NULL
);

CREATE INDEX call_log_batches_received_at ON call_log_batches (received_at);

-- Per minute and (route, service, consumer, status class): counts and a latency histogram whose bucket
-- bounds are defined once in calllog/LatencyHistogram.java. Empty string = none (no route matched, anonymous).
-- Upserted during ingestion; percentiles over any range merge histograms and never scan call_log.
CREATE TABLE call_rollup_minute (
    minute          timestamptz NOT NULL,
    route_id        text        NOT NULL,
    service_id      text        NOT NULL,
    consumer_id     text        NOT NULL,
    status_class    smallint    NOT NULL CHECK (status_class BETWEEN 1 AND 5),
    route_name      text,
    service_name    text,
    consumer_name   text,
    count           bigint      NOT NULL,
    errors          bigint      NOT NULL,
    bytes_in        bigint      NOT NULL,
    bytes_out       bigint      NOT NULL,
    latency_sum_us  bigint      NOT NULL,
    latency_buckets bigint[]    NOT NULL,
    PRIMARY KEY (minute, route_id, service_id, consumer_id, status_class)
);

-- A node's call-log shipping state from its last heartbeat; NULL from nodes that do not ship call logs.
ALTER TABLE nodes
    ADD COLUMN call_log_buffered_records bigint,
    ADD COLUMN call_log_buffer_capacity  bigint,
    ADD COLUMN call_log_spooled_batches  bigint,
    ADD COLUMN call_log_spooled_bytes    bigint,
    ADD COLUMN call_log_spool_capacity   bigint,
    ADD COLUMN call_log_dropped_records  bigint,
    ADD COLUMN call_log_shipped_records  bigint;
