-- The cluster's identity. Nodes pin the cluster id of the first configuration they accept and refuse
-- configuration from another cluster (an admin started on an empty or foreign database), from an older epoch,
-- of an older revision, or an empty one replacing theirs. The epoch advances only on a deliberate force restore
-- (POST /api/v1/cluster/force-restore), which also records who, when and why. One row, created here once.
CREATE TABLE cluster_identity (
    singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    epoch          bigint      NOT NULL DEFAULT 1 CHECK (epoch >= 1),
    created_at     timestamptz NOT NULL DEFAULT now(),
    restored_at    timestamptz,
    restored_by    text,
    restore_reason text
);

INSERT INTO cluster_identity DEFAULT VALUES;

-- What each node reports about its cluster and, while it refuses the admin's configuration, why.
ALTER TABLE nodes
    ADD COLUMN cluster_id       text,
    ADD COLUMN epoch            bigint NOT NULL DEFAULT 0,
    ADD COLUMN refusal_reason   text,
    ADD COLUMN refusal_message  text,
    ADD COLUMN refused_cluster  text,
    ADD COLUMN refused_epoch    bigint,
    ADD COLUMN refused_revision bigint;
