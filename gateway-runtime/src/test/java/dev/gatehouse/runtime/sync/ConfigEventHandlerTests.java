package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.runtime.live.RouteChains;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigRefusal;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.KeyChunk;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.ConfigApplier;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.Test;

/** The snapshot-with-key-chunks protocol and key change sets, without a server. */
class ConfigEventHandlerTests {

    private final LiveConfigHolder holder = new LiveConfigHolder();
    private final ConfigEventHandler handler = new ConfigEventHandler(Specs.JSON, Specs.HASHER,
            new ConfigApplier(holder, event -> { }, Specs.HASHER,
                    new RouteChains(List.of(), List.of())));
    private static final String CLUSTER = "0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001";
    private static final String OTHER = "0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0002";

    private final ServiceSpec echo = service("echo", target(9000));
    private final ConsumerSpec acme = Specs.consumer("acme");

    private List<ApiKeySpec> keys(int count) {
        List<ApiKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(Specs.issue(acme).spec());
        }
        return keys;
    }

    private ConfigSnapshot snapshot(long revision, List<ApiKeySpec> keys) {
        long hash = Specs.HASHER.digest(echo) + Specs.HASHER.digest(acme) + Specs.HASHER.digest(Specs.settings());
        for (ApiKeySpec key : keys) {
            hash += Specs.HASHER.digest(key);
        }
        return new ConfigSnapshot(revision, ConfigHash.format(hash), List.of(echo), List.of(), List.of(acme),
                List.of(), Specs.settings(), keys.size(), List.of(), null, 0);
    }

    private boolean send(String event, Object value) {
        return handler.handle(event, Specs.JSON.writeString(value));
    }

    @Test
    void snapshotKeysAreCollectedAndSwappedInTogetherOnceComplete() {
        List<ApiKeySpec> keys = keys(25);
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        assertThat(holder.current().ready()).isFalse();
        send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys.subList(0, 10)));
        send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys.subList(10, 20)));
        assertThat(holder.current().ready()).as("not before the last chunk").isFalse();

        send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys.subList(20, 25)));

        assertThat(holder.current().revision()).isEqualTo(4);
        assertThat(holder.current().keys().size()).isEqualTo(25);
        assertThat(holder.current().hash()).isEqualTo(snapshot(4, keys).hash());
        assertThat(holder.current().directory().byName("acme")).isNotNull();
    }

    @Test
    void keyChangesApplyToTheLiveTable() {
        List<ApiKeySpec> keys = keys(3);
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys));
        long hash = holder.current().contentHash();
        ApiKeySpec added = Specs.issue(acme).spec();
        ApiKeySpec rotated = Specs.expiring(keys.get(0), 4_000_000_000_000L);
        hash += Specs.HASHER.digest(added) + Specs.HASHER.digest(rotated) - Specs.HASHER.digest(keys.get(0))
                - Specs.HASHER.digest(keys.get(1));

        send(ClusterProtocol.CHANGES_EVENT, new ConfigChangeSet(4, 5, ConfigHash.format(hash), List.of(
                ConfigChange.upsert(added), ConfigChange.upsert(rotated),
                ConfigChange.delete(EntityKind.KEY, keys.get(1).id())), null, 0));

        assertThat(holder.current().revision()).isEqualTo(5);
        assertThat(holder.current().keys().view().specs()).containsExactlyInAnyOrder(added, rotated, keys.get(2));
        assertThat(holder.current().contentHash()).isEqualTo(hash);
    }

    @Test
    void aSnapshotWhoseKeysDoNotAddUpIsRefused() {
        List<ApiKeySpec> keys = keys(4);
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        List<ApiKeySpec> swapped = new ArrayList<>(keys.subList(0, 3));
        swapped.add(Specs.issue(acme).spec());
        assertThatThrownBy(() -> send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, swapped)))
                .isInstanceOf(ResyncRequiredException.class).hasMessageContaining("content hash");
        assertThat(holder.current().ready()).isFalse();
    }

    @Test
    void keysOfAnotherRevisionTooManyKeysOrChangesMidSnapshotAreRefused() {
        List<ApiKeySpec> keys = keys(4);
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        assertThatThrownBy(() -> send(ClusterProtocol.KEYS_EVENT, new KeyChunk(3, keys)))
                .isInstanceOf(ResyncRequiredException.class);
        assertThatThrownBy(() -> send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys)))
                .as("the failure dropped the pending snapshot").isInstanceOf(ResyncRequiredException.class);

        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        List<ApiKeySpec> five = new ArrayList<>(keys);
        five.add(Specs.issue(acme).spec());
        assertThatThrownBy(() -> send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, five)))
                .isInstanceOf(ResyncRequiredException.class).hasMessageContaining("more arrived");

        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        assertThatThrownBy(() -> send(ClusterProtocol.CHANGES_EVENT, new ConfigChangeSet(4, 5, "0000000000000000",
                List.of(), null, 0))).isInstanceOf(ResyncRequiredException.class).hasMessageContaining("missing");

        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, keys));
        handler.reset();
        assertThatThrownBy(() -> send(ClusterProtocol.KEYS_EVENT, new KeyChunk(4, keys)))
                .as("a new connection forgets the pending snapshot").isInstanceOf(ResyncRequiredException.class);
        assertThat(holder.current().ready()).isFalse();
        assertThat(handler.handle("ping", "x")).isFalse();
    }

    @Test
    void aRefusedSnapshotChangesNothingAndAsksForNoResync() {
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, List.of()).withCluster(CLUSTER, 1));
        var served = holder.current();

        // another cluster, with keys announced: refused before a single key is collected
        assertThatThrownBy(() -> send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(9, keys(2)).withCluster(OTHER, 1)))
                .isInstanceOf(ConfigRefusedException.class)
                .satisfies(e -> assertThat(((ConfigRefusedException) e).refusal().reason())
                        .isEqualTo(ConfigRefusal.OTHER_CLUSTER));
        assertThatThrownBy(() -> send(ClusterProtocol.CHANGES_EVENT, new ConfigChangeSet(4, 5,
                snapshot(4, List.of()).hash(), List.of(), OTHER, 1)))
                .isInstanceOf(ConfigRefusedException.class);
        assertThatThrownBy(() -> send(ClusterProtocol.SNAPSHOT_EVENT, new ConfigSnapshot(5, ConfigHash.format(
                ConfigHash.EMPTY), List.of(), List.of(), List.of(), List.of(), null, 0, List.of(), CLUSTER, 1)))
                .isInstanceOf(ConfigRefusedException.class)
                .satisfies(e -> assertThat(((ConfigRefusedException) e).refusal().reason())
                        .isEqualTo(ConfigRefusal.EMPTY_CONFIGURATION));
        assertThat(holder.current()).isSameAs(served);

        // a change set of a newer epoch is taken as a snapshot: the node resynchronises
        assertThatThrownBy(() -> send(ClusterProtocol.CHANGES_EVENT, new ConfigChangeSet(4, 5,
                snapshot(4, List.of()).hash(), List.of(), CLUSTER, 2)))
                .isInstanceOf(ResyncRequiredException.class);
        assertThat(holder.current()).isSameAs(served);
    }

    @Test
    void changesKeepTheClusterAndEpochOfTheConfiguration() {
        send(ClusterProtocol.SNAPSHOT_EVENT, snapshot(4, List.of()).withCluster(CLUSTER, 3));
        ServiceSpec other = service("other", target(9001));
        long hash = ConfigHash.parse(snapshot(4, List.of()).hash()) + Specs.HASHER.digest(other);
        send(ClusterProtocol.CHANGES_EVENT, new ConfigChangeSet(4, 5, ConfigHash.format(hash),
                List.of(ConfigChange.upsert(other)), CLUSTER, 3));

        assertThat(holder.current().revision()).isEqualTo(5);
        assertThat(holder.current().state().clusterId()).isEqualTo(CLUSTER);
        assertThat(holder.current().state().epoch()).isEqualTo(3);
    }
}
