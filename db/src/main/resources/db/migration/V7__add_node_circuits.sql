-- Circuit breakers a node reported as not closed in its last heartbeat: one "<route>/<service>=<STATE>" per line,
-- NULL when all are closed.
ALTER TABLE nodes ADD COLUMN open_circuits text;
