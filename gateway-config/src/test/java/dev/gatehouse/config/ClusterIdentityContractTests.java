package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster id and epoch travel with snapshots, change sets, states and heartbeats, and are absent from old JSON. */
class ClusterIdentityContractTests {

    private static final String CLUSTER = "0b9e6a55-7d3e-4c55-9d1b-2f1f6a9d0001";

    private final ConfigJson json = new ConfigJson();
    private final ConfigHash hasher = new ConfigHash(json);

    @Test
    void snapshotCarriesTheClusterThroughJsonAndState() {
        ServiceSpec service = ConfigStateTests.service("s1", "orders");
        ConfigSnapshot snapshot = new ConfigSnapshot(7, ConfigHash.format(hasher.digest(service)), List.of(service),
                List.of(), List.of(), List.of(), null, 0, List.of(), null, 0).withCluster(CLUSTER, 3);

        ConfigSnapshot read = json.read(json.writeString(snapshot), ConfigSnapshot.class);
        assertThat(read).isEqualTo(snapshot);
        ConfigState state = ConfigState.fromSnapshot(read, hasher);
        assertThat(state.clusterId()).isEqualTo(CLUSTER);
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.toSnapshot()).isEqualTo(snapshot);
        assertThat(state.servesNothing()).isFalse();
        assertThat(ConfigState.empty().servesNothing()).isTrue();
    }

    @Test
    void jsonWithoutClusterReadsAsUnknown() {
        ConfigSnapshot old = json.read("{\"revision\": 3, \"hash\": \"0000000000000000\"}", ConfigSnapshot.class);
        assertThat(old.clusterId()).isNull();
        assertThat(old.epoch()).isZero();
        ConfigChangeSet oldChanges = json.read("{\"fromRevision\": 3, \"toRevision\": 4, \"hash\": \"0\"}",
                ConfigChangeSet.class);
        assertThat(oldChanges.clusterId()).isNull();
        NodeHeartbeat oldHeartbeat = json.read("{\"nodeId\": \"n\"}", NodeHeartbeat.class);
        assertThat(oldHeartbeat.refusal()).isNull();
        assertThat(oldHeartbeat.clusterId()).isNull();
    }

    @Test
    void changesStampAStateThatPredatesClusterIdentityAndKeepAStampedOne() {
        ServiceSpec service = ConfigStateTests.service("s1", "orders");
        String hash = ConfigHash.format(hasher.digest(service));
        ConfigChangeSet changes = new ConfigChangeSet(0, 1, hash, List.of(ConfigChange.upsert(service)), CLUSTER, 2);

        ConfigState stamped = ConfigState.empty().apply(changes, hasher);
        assertThat(stamped.clusterId()).isEqualTo(CLUSTER);
        assertThat(stamped.epoch()).isEqualTo(2);
        ConfigState unstampedChanges = ConfigState.empty().withCluster(CLUSTER, 2)
                .apply(new ConfigChangeSet(0, 1, hash, List.of(ConfigChange.upsert(service)), null, 0), hasher);
        assertThat(unstampedChanges.clusterId()).isEqualTo(CLUSTER);
        assertThat(unstampedChanges.epoch()).isEqualTo(2);
    }

    @Test
    void heartbeatCarriesTheRefusal() {
        ConfigRefusal refusal = new ConfigRefusal(ConfigRefusal.OTHER_CLUSTER, "m", CLUSTER, 1, 9);
        NodeHeartbeat heartbeat = new NodeHeartbeat("n", "a", "v", 3, "h", "admin", Map.of(), null, Map.of(), null,
                CLUSTER, 2, refusal);
        assertThat(json.read(json.writeString(heartbeat), NodeHeartbeat.class)).isEqualTo(heartbeat);
    }
}
