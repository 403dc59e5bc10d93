package dev.gatehouse.runtime.keys;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.config.ApiKeyHasher;
import dev.gatehouse.config.ClusterSettingsSpec;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;

/**
 * Who may call, as one configuration sees it: consumers by id (for keys) and by name (for tokens), the key table and
 * the hasher for presented keys. Built once per configuration; immutable except for the key table, which change
 * sets update in place.
 */
public final class ConsumerDirectory {

    private static final ConsumerDirectory EMPTY = new ConsumerDirectory(Map.of(), Map.of(), KeyTable.empty(), null,
            null);

    /**
     * A consumer as requests see it.
     *
     * @param id           the consumer id ({@code X-Consumer-Id})
     * @param name         the consumer name ({@code X-Consumer-Name})
     * @param active       false when suspended: its keys and tokens are refused
     * @param groups       its groups, matched against a route's allowed groups
     * @param groupsHeader its groups joined by commas ({@code X-Consumer-Groups})
     */
    public record KnownConsumer(String id, String name, boolean active, Set<String> groups, String groupsHeader) {

        static KnownConsumer of(ConsumerSpec spec) {
            return new KnownConsumer(spec.id(), spec.name(), spec.status() == ConsumerStatus.ACTIVE,
                    Set.copyOf(spec.groups()), String.join(",", spec.groups()));
        }
    }

    private final Map<String, KnownConsumer> byId;
    private final Map<String, KnownConsumer> byName;
    private final KeyTable keys;
    private final ApiKeyHasher hasher;
    private final String secret;

    private ConsumerDirectory(Map<String, KnownConsumer> byId, Map<String, KnownConsumer> byName, KeyTable keys,
                              ApiKeyHasher hasher, String secret) {
        this.byId = byId;
        this.byName = byName;
        this.keys = keys;
        this.hasher = hasher;
        this.secret = secret;
    }

    /** The directory of a node without configuration. */
    public static ConsumerDirectory empty() {
        return EMPTY;
    }

    /** Builds the directory of {@code state}; keeps {@code previous}'s hasher while the secret is unchanged. */
    public static ConsumerDirectory build(ConfigState state, KeyTable keys, ConsumerDirectory previous) {
        Map<String, KnownConsumer> byId = new HashMap<>(state.consumers().size() * 4 / 3 + 1);
        Map<String, KnownConsumer> byName = new HashMap<>(state.consumers().size() * 4 / 3 + 1);
        for (ConsumerSpec spec : state.consumers().values()) {
            KnownConsumer consumer = KnownConsumer.of(spec);
            byId.put(spec.id(), consumer);
            byName.put(spec.name(), consumer);
        }
        ClusterSettingsSpec settings = state.settings();
        String secret = settings == null ? null : settings.keyHashSecret();
        ApiKeyHasher hasher;
        if (previous != null && previous.hasher != null && Objects.equals(previous.secret, secret)) {
            hasher = previous.hasher;
        } else {
            // without settings no key can be checked, so every key is refused (validation ensures the secret's form)
            hasher = secret == null ? null : new ApiKeyHasher(secret);
        }
        return new ConsumerDirectory(byId, byName, keys, hasher, secret);
    }

    /** The consumer with this id, or null. */
    public KnownConsumer byId(String id) {
        return byId.get(id);
    }

    /** The consumer with this name, or null. */
    public KnownConsumer byName(String name) {
        return name == null ? null : byName.get(name);
    }

    /** The API keys. */
    public KeyTable keys() {
        return keys;
    }

    /** Hashes presented keys; null while the cluster has published no key-hashing secret. */
    public ApiKeyHasher hasher() {
        return hasher;
    }
}
