package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;
import dev.gatehouse.runtime.auth.KeyAuthenticator.Verdict;
import dev.gatehouse.runtime.keys.KeyScopeSet;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key scopes, consumer groups and how a presented key is judged. */
class AccessDecisionTests {

    private static final long NOW = 1_800_000_000_000L;

    private static RouteAuth route(String routeId, String serviceId, List<String> tags, Set<String> groups) {
        return new RouteAuth(AuthMode.KEY, routeId, serviceId, tags, groups, KeyAuthSpec.DEFAULT, List.of(),
                List.of(), null);
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(";"));
    }

    @ParameterizedTest(name = "scopes routes={0} services={1} tags={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-           | -          | -               | true",
            "rt-orders   | -          | -               | true",
            "rt-other    | -          | -               | false",
            "-           | svc-orders | -               | true",
            "-           | svc-other  | -               | false",
            "-           | -          | public          | true",
            "-           | -          | internal;beta   | false",
            "rt-other    | svc-other  | beta;public     | true",
    })
    void keyScopesAllowARouteByIdServiceOrTag(String routes, String services, String tags, boolean allowed) {
        KeyScopeSet scopes = KeyScopeSet.of(new KeyScopes(list(routes), list(services), list(tags)));
        assertThat(scopes.allows("rt-orders", "svc-orders", List.of("public", "v2"))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "route groups {0}, consumer groups {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                | -               | true",
            "-                | partners        | true",
            "partners         | partners        | true",
            "partners;staff   | staff;beta      | true",
            "partners         | -               | false",
            "partners         | Partners        | false",
    })
    void allowedGroupsNeedOneGroupOfTheConsumer(String routeGroups, String consumerGroups, boolean admitted) {
        RouteAuth route = route("rt-a", "svc-a", List.of(), Set.copyOf(list(routeGroups)));
        KnownConsumer consumer = new KnownConsumer("c", "c", true, Set.copyOf(list(consumerGroups)), "");
        assertThat(route.admits(consumer)).isEqualTo(admitted);
    }

    @Test
    void presentedKeysAreJudged() {
        ConsumerSpec acme = Specs.consumer("acme", "partners");
        ConsumerSpec sleepy = Specs.suspended(Specs.consumer("sleepy", "partners"));
        IssuedKey good = Specs.issue(acme);
        IssuedKey expired = Specs.issue(acme, NOW - 1, KeyScopes.ANY);
        IssuedKey notYetExpired = Specs.issue(acme, NOW + 1, KeyScopes.ANY);
        IssuedKey ofSuspended = Specs.issue(sleepy);
        IssuedKey ofUnknownConsumer = Specs.issue(Specs.consumer("ghost"));
        IssuedKey otherRouteOnly = Specs.issue(acme, 0, new KeyScopes(List.of("rt-other"), List.of(), List.of()));
        IssuedKey revoked = Specs.issue(acme);
        KeyTable keys = new KeyTable(Specs.HASHER);
        for (IssuedKey key : List.of(good, expired, notYetExpired, ofSuspended, ofUnknownConsumer, otherRouteOnly)) {
            keys.add(key.spec());
        }
        ConfigState state = new ConfigState(1, 0, Map.of(), Map.of(), Map.of(acme.id(), acme, sleepy.id(), sleepy),
                Map.of(), Specs.settings(), Map.of(), null, 0);
        ConsumerDirectory directory = ConsumerDirectory.build(state, keys, null);
        RouteAuth orders = route("rt-orders", "svc-orders", List.of(), Set.of());
        RouteAuth staffOnly = route("rt-orders", "svc-orders", List.of(), Set.of("staff"));

        KeyAuthenticator.Result allowed = KeyAuthenticator.authenticate(good.key(), orders, directory, NOW);
        assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(allowed.consumer().name()).isEqualTo("acme");
        assertThat(allowed.keyPrefix()).isEqualTo(good.spec().prefix()).hasSize(12);
        assertThat(KeyAuthenticator.authenticate(notYetExpired.key(), orders, directory, NOW).verdict())
                .isEqualTo(Verdict.ALLOWED);

        assertThat(KeyAuthenticator.authenticate(null, orders, directory, NOW).verdict()).isEqualTo(Verdict.MISSING);
        for (String refused : List.of(expired.key(), ofSuspended.key(), ofUnknownConsumer.key(), revoked.key(),
                "gwk_notakey", withLastCharacterChanged(good.key()))) {
            assertThat(KeyAuthenticator.authenticate(refused, orders, directory, NOW))
                    .as(refused).isSameAs(KeyAuthenticator.Result.INVALID);
        }
        assertThat(KeyAuthenticator.authenticate(otherRouteOnly.key(), orders, directory, NOW).verdict())
                .isEqualTo(Verdict.FORBIDDEN);
        assertThat(KeyAuthenticator.authenticate(good.key(), staffOnly, directory, NOW).verdict())
                .isEqualTo(Verdict.FORBIDDEN);
    }

    /** The key with its last character replaced by a different one (a random key may already end in 'x'). */
    private static String withLastCharacterChanged(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == 'x' ? 'y' : 'x');
    }

    @Test
    void withoutAKeyHashingSecretNoKeyIsValid() {
        ConsumerSpec acme = Specs.consumer("acme");
        IssuedKey good = Specs.issue(acme);
        KeyTable keys = new KeyTable(Specs.HASHER);
        keys.add(good.spec());
        ConfigState state = new ConfigState(1, 0, Map.of(), Map.of(), Map.of(acme.id(), acme), Map.of(), null,
                Map.of(), null, 0);
        ConsumerDirectory directory = ConsumerDirectory.build(state, keys, null);
        assertThat(KeyAuthenticator.authenticate(good.key(), route("r", "s", List.of(), Set.of()), directory, NOW))
                .isSameAs(KeyAuthenticator.Result.INVALID);
    }
}
