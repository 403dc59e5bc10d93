package dev.gatehouse.runtime.sync;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigRefusal;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.KeyChunk;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.live.ConfigApplier;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfig;

import org.springframework.stereotype.Component;

/**
 * Applies the configuration events of one stream connection, in order:
 * <ul>
 *   <li>{@code snapshot}: replaces the configuration. When it announces keys ({@code keyCount > 0}), they follow in
 *       {@code keys} events; they are collected into a new key table beside the live one, and only when all have
 *       arrived is the content hash checked and the configuration swapped in together with the table. Until then
 *       the node serves its current configuration.</li>
 *   <li>{@code changes}: applied to the current configuration (key changes to the live key table in place).</li>
 * </ul>
 * Any failure (malformed data, keys of another revision or too many, a hash mismatch, invalid content, changes
 * while a snapshot's keys are incomplete) drops what was collected and raises {@link ResyncRequiredException}: the
 * node reconnects asking for a full snapshot, which also repairs a key table that a refused change set touched.
 * So does a change set of a newer epoch (after a force restore), which must be taken as a snapshot.
 *
 * <p>Before anything is collected or applied, each snapshot and change set passes the {@link AcceptanceRule}
 * (cluster id, epoch, revision, emptiness); one it fails raises {@link ConfigRefusedException} and changes nothing.
 */
@Component
public class ConfigEventHandler {

    private final ConfigJson json;
    private final ConfigHash hasher;
    private final ConfigApplier applier;
    private PendingSnapshot pending;

    /** A snapshot whose keys are still arriving. */
    private static final class PendingSnapshot {
        final ConfigSnapshot snapshot;
        final KeyTable keys;
        long received;

        PendingSnapshot(ConfigSnapshot snapshot, KeyTable keys) {
            this.snapshot = snapshot;
            this.keys = keys;
        }
    }

    public ConfigEventHandler(ConfigJson json, ConfigHash hasher, ConfigApplier applier) {
        this.json = json;
        this.hasher = hasher;
        this.applier = applier;
    }

    /** Forgets a snapshot whose keys were still arriving; called when a new connection starts. */
    public synchronized void reset() {
        pending = null;
    }

    /**
     * Applies the event; returns false for events that carry no configuration (comments, unknown names).
     *
     * @param event the SSE event name
     * @param data  the SSE data
     */
    public synchronized boolean handle(String event, String data) {
        boolean snapshot = ClusterProtocol.SNAPSHOT_EVENT.equals(event);
        boolean keys = ClusterProtocol.KEYS_EVENT.equals(event);
        if (!snapshot && !keys && !ClusterProtocol.CHANGES_EVENT.equals(event)) {
            return false;
        }
        if (data == null || data.isEmpty()) {
            pending = null;
            throw new ResyncRequiredException("a " + event + " event without data", null);
        }
        try {
            if (snapshot) {
                ConfigSnapshot offered = json.read(data, ConfigSnapshot.class);
                accept(new AcceptanceRule.Offer(true, offered.clusterId(), offered.epoch(), offered.revision(),
                        offered.services().isEmpty() && offered.routes().isEmpty() && offered.consumers().isEmpty()));
                onSnapshot(offered);
            } else if (keys) {
                onKeys(json.read(data, KeyChunk.class));
            } else {
                if (pending != null) {
                    throw new ConfigIntegrityException("changes arrived while " + (pending.snapshot.keyCount()
                            - pending.received) + " keys of snapshot " + pending.snapshot.revision() + " were missing");
                }
                ConfigChangeSet changes = json.read(data, ConfigChangeSet.class);
                accept(new AcceptanceRule.Offer(false, changes.clusterId(), changes.epoch(), changes.toRevision(),
                        false));
                applier.applyChanges(changes);
            }
            return true;
        } catch (ConfigRefusedException e) {
            pending = null;
            throw e;
        } catch (RuntimeException e) {
            // malformed JSON, wrong base revision, hash mismatch, invalid content: none may reach the live config
            pending = null;
            throw new ResyncRequiredException("could not apply " + event + " event: " + e.getMessage(), e);
        }
    }

    private void accept(AcceptanceRule.Offer offer) {
        LiveConfig current = applier.current();
        ConfigState held = current.state();
        ConfigRefusal refusal = AcceptanceRule.refusal(new AcceptanceRule.Held(current.ready(), held.clusterId(),
                held.epoch(), held.revision(), held.servesNothing()), offer);
        if (refusal != null) {
            throw new ConfigRefusedException(refusal);
        }
        if (!offer.snapshot() && current.ready() && held.clusterId() != null && offer.epoch() != held.epoch()) {
            // accepted, but changes never cross a force restore: the new epoch starts from a snapshot
            throw new ConfigIntegrityException("changes of epoch " + offer.epoch() + " for a configuration of epoch "
                    + held.epoch());
        }
    }

    private void onSnapshot(ConfigSnapshot snapshot) {
        pending = null;
        KeyTable keys = new KeyTable(hasher, snapshot.keyCount());
        if (snapshot.keyCount() == 0) {
            swapIn(snapshot, keys);
        } else {
            pending = new PendingSnapshot(snapshot, keys);
        }
    }

    private void onKeys(KeyChunk chunk) {
        PendingSnapshot collecting = pending;
        if (collecting == null || chunk.revision() != collecting.snapshot.revision()) {
            throw new ConfigIntegrityException("keys of revision " + chunk.revision() + " arrived without their "
                    + "snapshot");
        }
        if (collecting.received + chunk.keys().size() > collecting.snapshot.keyCount()) {
            throw new ConfigIntegrityException("snapshot " + chunk.revision() + " announced "
                    + collecting.snapshot.keyCount() + " keys but more arrived");
        }
        collecting.keys.addAll(chunk.keys());
        collecting.received += chunk.keys().size();
        if (collecting.received == collecting.snapshot.keyCount()) {
            pending = null;
            swapIn(collecting.snapshot, collecting.keys);
        }
    }

    private void swapIn(ConfigSnapshot snapshot, KeyTable keys) {
        ConfigState state = ConfigState.fromSnapshot(snapshot, hasher, keys.keysHash());
        applier.applySnapshot(state, keys, ConfigSource.ADMIN);
    }
}
