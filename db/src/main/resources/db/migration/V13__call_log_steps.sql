-- Call-log records of composite-route steps. A composite route answers one client call with several upstream
-- calls ("steps"); a node ships the client's call as an ordinary record plus one record per step, all with the
-- same request id, route, consumer, key prefix, client address and node. A step record carries its own service,
-- upstream method and path, status, times, bytes and error code, and:
--   step           the step's name; NULL on a call a client made (every row stored before this version)
--   step_start_us  when the step started, microseconds after the composite call arrived; 0 when step is NULL
-- Step rows are upstream calls, not client calls: the list, the live tail, the minute roll-ups and quota usage
-- leave them out; the call detail shows them as a waterfall.
-- PostgreSQL only. Never edit this file once applied; add a later version instead.

-- On the partitioned parent, so every existing and future daily partition gets the columns. Neither rewrites or
-- scans a row (a NULL column and a constant default change the catalogue only), so upgrading a large call log
-- takes no time and does not hold up ingestion. The admin checks both fields at the door (CallBatchReader);
-- a CHECK constraint here would scan every partition while locking out ingestion.
ALTER TABLE call_log
    ADD COLUMN step          text,
    ADD COLUMN step_start_us bigint NOT NULL DEFAULT 0;

-- No new index: the steps of one call are found by request id within a time window around the call (the detail
-- page, and the step count beside each listed call), which the existing call_log_request_id index on every
-- partition answers, with partitions outside the window pruned. A partial index on step rows would save a heap
-- visit per listed call but cost a scan of every partition at upgrade.
