package dev.gatehouse.runtime.sync;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.live.ConfigApplier;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfig;

import org.springframework.stereotype.Component;

/**
 * Applies one configuration event from the admin: a {@code snapshot} replaces the configuration, a {@code changes}
 * event is applied to the current one. Either way the whole resulting configuration is hash-checked and validated
 * before it is swapped in; any failure leaves the current configuration in place and raises
 * {@link ResyncRequiredException}.
 */
@Component
public class ConfigEventHandler {

    private final ConfigJson json;
    private final ConfigHash hasher;
    private final ConfigApplier applier;

    public ConfigEventHandler(ConfigJson json, ConfigHash hasher, ConfigApplier applier) {
        this.json = json;
        this.hasher = hasher;
        this.applier = applier;
    }

    /**
     * Applies the event; returns false for events that carry no configuration (comments, unknown names).
     *
     * @param event the SSE event name
     * @param data  the SSE data
     */
    public boolean handle(String event, String data) {
        if (!ClusterProtocol.SNAPSHOT_EVENT.equals(event) && !ClusterProtocol.CHANGES_EVENT.equals(event)) {
            return false;
        }
        if (data == null || data.isEmpty()) {
            throw new ResyncRequiredException("a " + event + " event without data", null);
        }
        try {
            applier.apply(next(event, data), ConfigSource.ADMIN);
            return true;
        } catch (RuntimeException e) {
            // malformed JSON, wrong base revision, hash mismatch, invalid content: none may touch the live config
            throw new ResyncRequiredException("could not apply " + event + " event: " + e.getMessage(), e);
        }
    }

    private ConfigState next(String event, String data) {
        if (ClusterProtocol.SNAPSHOT_EVENT.equals(event)) {
            return ConfigState.fromSnapshot(json.read(data, ConfigSnapshot.class), hasher);
        }
        ConfigChangeSet changes = json.read(data, ConfigChangeSet.class);
        LiveConfig current = applier.current();
        if (!current.ready()) {
            throw new ConfigIntegrityException("received changes from revision " + changes.fromRevision()
                    + " but holds no configuration");
        }
        return current.state().apply(changes, hasher);
    }
}
