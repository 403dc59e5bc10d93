package dev.gatehouse.admin.testsupport;

import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.KeyChangeHandler;
import dev.gatehouse.config.KeyChunk;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds configuration the way a node does, for stream tests: an immutable {@link ConfigState} plus the API keys
 * in a map behind a {@link KeyChangeHandler}. It reads a snapshot with the key chunks that follow it and verifies
 * the content hash, then applies change sets and verifies each, exactly as the contract asks of nodes.
 */
public final class TestNode {

    private final ConfigJson json = new ConfigJson();
    private final ConfigHash hasher = new ConfigHash(json);
    private final MapKeys keys = new MapKeys(hasher);
    private ConfigState state;
    private ConfigSnapshot snapshot;
    private int chunks;

    private TestNode() {
    }

    /** Reads the next event, which must be a snapshot, and the key chunks it announces; verifies the hash. */
    public static TestNode readSnapshot(SseClient stream, Duration timeout) throws InterruptedException {
        SseClient.Event first = stream.next(timeout);
        if (first == null || !ClusterProtocol.SNAPSHOT_EVENT.equals(first.name())) {
            throw new AssertionError("expected a snapshot, got " + first);
        }
        TestNode node = new TestNode();
        node.snapshot = node.json.read(first.data(), ConfigSnapshot.class);
        if (!first.id().equals(Long.toString(node.snapshot.revision()))) {
            throw new AssertionError("snapshot event id " + first.id() + " is not its revision");
        }
        long received = 0;
        while (received < node.snapshot.keyCount()) {
            SseClient.Event event = stream.next(timeout);
            if (event == null || !ClusterProtocol.KEYS_EVENT.equals(event.name())) {
                throw new AssertionError("expected keys after " + received + " of " + node.snapshot.keyCount()
                        + ", got " + event);
            }
            KeyChunk chunk = node.json.read(event.data(), KeyChunk.class);
            if (chunk.revision() != node.snapshot.revision() || chunk.keys().isEmpty()) {
                throw new AssertionError("key chunk for revision " + chunk.revision() + " with "
                        + chunk.keys().size() + " keys after snapshot " + node.snapshot.revision());
            }
            for (ApiKeySpec key : chunk.keys()) {
                node.keys.apply(ConfigChange.upsert(key));
            }
            received += chunk.keys().size();
            node.chunks++;
        }
        if (received != node.snapshot.keyCount()) {
            throw new AssertionError("received " + received + " keys, snapshot announced "
                    + node.snapshot.keyCount());
        }
        node.state = ConfigState.fromSnapshot(node.snapshot, node.hasher, node.keys.keysHash());
        return node;
    }

    /** Reads the next event, which must be a change set, and applies it; returns it. */
    public ConfigChangeSet applyNext(SseClient stream, Duration timeout) throws InterruptedException {
        SseClient.Event event = stream.next(timeout);
        if (event == null || !ClusterProtocol.CHANGES_EVENT.equals(event.name())) {
            throw new AssertionError("expected changes after revision " + state.revision() + ", got " + event);
        }
        ConfigChangeSet set = json.read(event.data(), ConfigChangeSet.class);
        apply(set);
        return set;
    }

    /** Applies a change set, verifying the hash. */
    public void apply(ConfigChangeSet set) {
        state = state.apply(set, hasher, keys);
    }

    public ConfigState state() {
        return state;
    }

    /** The snapshot this node started from. */
    public ConfigSnapshot snapshot() {
        return snapshot;
    }

    /** Key chunks that followed the snapshot. */
    public int chunks() {
        return chunks;
    }

    /** Keys held, by id. */
    public Map<String, ApiKeySpec> keys() {
        return keys.byId;
    }

    /** The full content hash: everything but keys plus the keys. */
    public String hash() {
        return ConfigHash.format(state.hash() + keys.keysHash());
    }

    /** The simplest key holder: a map, hashing as the contract says. */
    public static final class MapKeys implements KeyChangeHandler {

        private final ConfigHash hasher;
        private final Map<String, ApiKeySpec> byId = new HashMap<>();
        private long hash = ConfigHash.EMPTY;

        public MapKeys(ConfigHash hasher) {
            this.hasher = hasher;
        }

        @Override
        public long apply(ConfigChange change) {
            ApiKeySpec before = change.op() == ChangeOp.UPSERT
                    ? byId.put(change.id(), (ApiKeySpec) change.entity()) : byId.remove(change.id());
            long next = hasher.update(hash, before, change.entity());
            long delta = next - hash;
            hash = next;
            return delta;
        }

        @Override
        public long keysHash() {
            return hash;
        }
    }
}
