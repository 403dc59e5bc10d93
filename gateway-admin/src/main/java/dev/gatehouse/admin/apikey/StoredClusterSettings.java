package dev.gatehouse.admin.apikey;

import dev.gatehouse.config.ClusterSettingsSpec;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The one row of {@code cluster_settings} (id {@code cluster}): the key-hashing secret. Written only by insert. */
@Entity
@Table(name = "cluster_settings")
class StoredClusterSettings {

    @Id
    private String id;

    private String keyHashSecret;

    private Instant createdAt;

    protected StoredClusterSettings() {
    }

    String keyHashSecret() {
        return keyHashSecret;
    }

    ClusterSettingsSpec toSpec() {
        return new ClusterSettingsSpec(ClusterSettingsSpec.ID, ClusterSettingsSpec.ID, keyHashSecret);
    }
}
