package dev.gatehouse.admin.security;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** The cluster credential's row. Only {@link ClusterCredentials} uses it. */
interface ClusterCredentialRepository extends JpaRepository<StoredClusterCredential, Boolean> {

    /**
     * Stores the digest unless one is stored; 1 when inserted. Native so that when several admins start at
     * once on an empty database exactly one insert wins and the others read its digest.
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO cluster_credentials (id, token_hash) VALUES (true, :tokenHash)
            ON CONFLICT (id) DO NOTHING""")
    int insertIfAbsent(String tokenHash);
}
