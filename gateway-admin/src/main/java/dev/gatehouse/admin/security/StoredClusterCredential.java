package dev.gatehouse.admin.security;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row of {@code cluster_credentials} (its key is always {@code true}): the cluster token's digest. */
@Entity
@Table(name = "cluster_credentials")
class StoredClusterCredential {

    /** The key of the one row. */
    static final Boolean ID = Boolean.TRUE;

    @Id
    private Boolean id;

    private String tokenHash;

    private Instant createdAt;

    protected StoredClusterCredential() {
    }

    String tokenHash() {
        return tokenHash;
    }
}
