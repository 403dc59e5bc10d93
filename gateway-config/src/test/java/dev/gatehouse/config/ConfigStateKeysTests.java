package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigStateKeysTests {

    private final ConfigHash hasher = new ConfigHash(new ConfigJson());

    /** The simplest key holder: a map, hashing as the contract says. */
    private final class MapKeys implements KeyChangeHandler {
        final Map<String, ApiKeySpec> keys = new HashMap<>();
        long hash;

        @Override
        public long apply(ConfigChange change) {
            ApiKeySpec before = change.op() == ChangeOp.UPSERT ? keys.put(change.id(), (ApiKeySpec) change.entity())
                    : keys.remove(change.id());
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

    private static ApiKeySpec key(String id, String consumerId) {
        return new ApiKeySpec(id, consumerId, "gwk_abcdefgh", "A".repeat(43), 0, KeyScopes.ANY);
    }

    @Test
    void keysCountInTheHashButLiveOutsideTheState() {
        ConsumerSpec consumer = new ConsumerSpec("c1", "acme", ConsumerStatus.ACTIVE, List.of("partners"), null);
        ApiKeySpec key = key("k1", "c1");
        long expected = hasher.update(hasher.update(ConfigHash.EMPTY, null, consumer), null, key);
        MapKeys keys = new MapKeys();

        ConfigState state = ConfigState.empty().apply(new ConfigChangeSet(0, 1, ConfigHash.format(expected),
                List.of(ConfigChange.upsert(consumer), ConfigChange.upsert(key)), null, 0), hasher, keys);

        assertThat(state.consumers()).containsKey("c1");
        assertThat(keys.keys).containsKey("k1");
        ConfigSnapshot snapshot = state.toSnapshot(1, keys.keysHash());
        assertThat(snapshot.keyCount()).isEqualTo(1);
        assertThat(ConfigState.fromSnapshot(snapshot, hasher, keys.keysHash())).isEqualTo(state);
        assertThatThrownBy(() -> ConfigState.fromSnapshot(snapshot, hasher))
                .isInstanceOf(ConfigIntegrityException.class);
    }

    @Test
    void keyChangesNeedAKeyHolder() {
        ApiKeySpec key = key("k1", "c1");
        assertThatThrownBy(() -> ConfigState.empty().apply(new ConfigChangeSet(0, 1,
                ConfigHash.format(hasher.digest(key)), List.of(ConfigChange.upsert(key)), null, 0), hasher))
                .isInstanceOf(ConfigIntegrityException.class);
    }

    @Test
    void everyKindSurvivesJson() {
        ConfigJson json = new ConfigJson();
        RouteSpec route = new RouteSpec("r1", "r", "s1", List.of(), List.of("/"), PathMatch.PREFIX, List.of(), false,
                0, true, AuthMode.JWT, List.of("partners"), List.of("public"), new KeyAuthSpec("X-Key", true, "apikey"),
                new JwtSpec(List.of("RS256"), "https://issuer", List.of("api"), null, "{\"keys\":[]}", null, "sub", 30), null);
        List<ConfigChange> changes = List.of(ConfigChange.upsert(route),
                ConfigChange.upsert(new ConsumerSpec("c1", "acme", ConsumerStatus.SUSPENDED, List.of("a"), "p1")),
                ConfigChange.upsert(new PlanSpec("p1", "free", List.of(), List.of())), ConfigChange.upsert(key("k1", "c1")),
                ConfigChange.upsert(new ClusterSettingsSpec("cluster", "cluster", "B".repeat(43))));
        ConfigChangeSet set = new ConfigChangeSet(0, 1, "0000000000000000", changes, null, 0);
        assertThat(json.read(json.write(set), ConfigChangeSet.class)).isEqualTo(set);
    }

    @Test
    void routeWithoutAuthInJsonRequiresAKey() {
        RouteSpec route = new ConfigJson().read("""
                {"kind":"route","id":"r1","name":"r","serviceId":"s1","paths":["/"],"enabled":true}
                """, RouteSpec.class);
        assertThat(route.auth()).isEqualTo(AuthMode.KEY);
        assertThat(route.keyAuth()).isEqualTo(KeyAuthSpec.DEFAULT);
    }
}
