-- The W3C trace id a node traced a call under (32 lower-case hex digits), so that a call in the log links to its
-- trace in the operator's trace viewer; NULL when the node's tracing is off. Like V13: on the partitioned parent,
-- a catalogue change only (no rewrite, no scan); the admin checks the value at the door (CallBatchReader).
-- PostgreSQL only. Never edit this file once applied; add a later version instead.
ALTER TABLE call_log ADD COLUMN trace_id text;
