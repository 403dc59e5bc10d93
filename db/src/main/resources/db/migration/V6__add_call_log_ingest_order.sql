-- Ingestion order of call logs, for the console's live tail. Calls arrive in batches from several nodes, out
-- of timestamp order (a node that spooled while the admin was away sends old calls late), so a tail that
-- follows timestamps misses them. Instead every stored batch gets:
--   batch_no   a number taken when the batch's transaction starts; its calls carry it (call_log.batch_no);
--   ingest_seq a number taken under a transaction-scoped advisory lock just before the batch commits, so
--              ingest_seq order is commit order: once a reader sees ingest_seq N, every batch below N is
--              visible too (an aborted batch leaves a gap and nothing else).
-- A tail reads "batches with ingest_seq above where I stopped, up to the highest one committed" and never
-- misses or repeats a call. Calls stored before this migration have no batch_no and are not tailed.
CREATE SEQUENCE call_log_batch_no_seq AS bigint;
CREATE SEQUENCE call_log_ingest_seq AS bigint;

ALTER TABLE call_log_batches
    ADD COLUMN batch_no   bigint,
    ADD COLUMN ingest_seq bigint;

CREATE UNIQUE INDEX call_log_batches_batch_no ON call_log_batches (batch_no);
CREATE UNIQUE INDEX call_log_batches_ingest_seq ON call_log_batches (ingest_seq);

ALTER TABLE call_log ADD COLUMN batch_no bigint;

CREATE INDEX call_log_batch_no ON call_log (batch_no);
