package dev.gatehouse.admin.apikey;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The cluster settings' row. Only {@link KeyHashingSecret} uses it. */
interface ClusterSettingsRepository extends JpaRepository<StoredClusterSettings, String> {

    /** Stores the secret unless one is stored; 1 when inserted. */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO cluster_settings (id, key_hash_secret) VALUES ('cluster', :secret)
            ON CONFLICT (id) DO NOTHING""")
    int insertIfAbsent(String secret);
}
