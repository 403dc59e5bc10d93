package dev.gatehouse.config;

/**
 * Settings every node of the cluster shares. There is exactly one, with id {@link #ID}.
 *
 * @param id            always {@link #ID}
 * @param name          always {@link #ID}
 * @param keyHashSecret secret (base64url, 32 bytes) under which API keys are hashed with HMAC-SHA-256; nodes need
 *                      it to hash the keys callers present
 */
public record ClusterSettingsSpec(String id, String name, String keyHashSecret) implements ConfigEntity {

    /** The id and name of the one settings object. */
    public static final String ID = "cluster";

    @Override
    public EntityKind kind() {
        return EntityKind.SETTINGS;
    }
}
