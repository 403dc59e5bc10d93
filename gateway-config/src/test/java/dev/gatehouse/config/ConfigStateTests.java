package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigStateTests {

    private final ConfigJson json = new ConfigJson();
    private final ConfigHash hasher = new ConfigHash(json);

    static ServiceSpec service(String id, String name) {
        return new ServiceSpec(id, name, Protocol.HTTP, List.of(new TargetSpec("127.0.0.1", 9000, 100)), "", 1000, 5000);
    }

    static RouteSpec route(String id, String name, String serviceId, String path) {
        return new RouteSpec(id, name, serviceId, List.of(), List.of(path), PathMatch.PREFIX, List.of(), false, 0, true,
                AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null, null);
    }

    @Test
    void changeSetProducesSameHashAsSnapshotOfSameContent() {
        ServiceSpec s = service("s1", "orders");
        RouteSpec r = route("r1", "orders-route", "s1", "/orders");
        long hash = hasher.update(hasher.update(ConfigHash.EMPTY, null, s), null, r);
        ConfigState state = ConfigState.empty().apply(new ConfigChangeSet(0, 2, ConfigHash.format(hash),
                List.of(ConfigChange.upsert(s), ConfigChange.upsert(r)), null, 0), hasher);

        ConfigState rebuilt = ConfigState.fromSnapshot(state.toSnapshot(), hasher);

        assertThat(rebuilt).isEqualTo(state);
        assertThat(rebuilt.revision()).isEqualTo(2);
    }

    @Test
    void deleteRestoresPreviousHash() {
        ServiceSpec s = service("s1", "orders");
        long one = hasher.update(ConfigHash.EMPTY, null, s);
        ConfigState state = ConfigState.empty()
                .apply(new ConfigChangeSet(0, 1, ConfigHash.format(one), List.of(ConfigChange.upsert(s)), null, 0),
                        hasher)
                .apply(new ConfigChangeSet(1, 2, ConfigHash.format(ConfigHash.EMPTY),
                        List.of(ConfigChange.delete(EntityKind.SERVICE, "s1")), null, 0), hasher);
        assertThat(state.services()).isEmpty();
        assertThat(state.hash()).isEqualTo(ConfigHash.EMPTY);
    }

    @Test
    void refusesChangeSetForAnotherRevision() {
        assertThatThrownBy(() -> ConfigState.empty()
                .apply(new ConfigChangeSet(3, 4, "0000000000000000", List.of(), null, 0), hasher))
                .isInstanceOf(ConfigIntegrityException.class).hasMessageContaining("revision 3");
    }

    @Test
    void refusesContentThatDoesNotMatchHash() {
        ConfigSnapshot snapshot = new ConfigSnapshot(5, "0000000000000001", List.of(service("s1", "a")), List.of(),
                List.of(), List.of(), null, 0, List.of(), null, 0);
        assertThatThrownBy(() -> ConfigState.fromSnapshot(snapshot, hasher)).isInstanceOf(ConfigIntegrityException.class);
    }

    @Test
    void jsonRoundTripKeepsEntityKinds() {
        ConfigChangeSet set = new ConfigChangeSet(1, 2, "00000000000000ff",
                List.of(ConfigChange.upsert(route("r1", "x", "s1", "/x")), ConfigChange.delete(EntityKind.SERVICE, "s9")),
                null, 0);
        String text = json.writeString(set);
        assertThat(text).contains("\"kind\":\"route\"").contains("\"op\":\"upsert\"").contains("\"pathMatch\":\"prefix\"");
        assertThat(json.read(text, ConfigChangeSet.class)).isEqualTo(set);
    }

    @Test
    void malformedJsonIsAFormatError() {
        assertThatThrownBy(() -> json.read("{\"revision\": \"x\"", ConfigSnapshot.class))
                .isInstanceOf(ConfigFormatException.class);
    }
}
