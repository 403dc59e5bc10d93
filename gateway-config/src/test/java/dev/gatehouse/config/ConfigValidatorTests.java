package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.http.HostName;
import dev.gatehouse.config.http.PathPrefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigValidatorTests {

    private final ConfigValidator validator = new ConfigValidator();

    @ParameterizedTest
    @CsvSource({"/,true", "/orders,true", "/a/b%20c,true", "orders,false", "/a/../b,false", "/a/%2e%2E/b,false",
            "/a/./b,false", "/a?b,false", "/a b,false", "/a%zz,false", "/a/..,false"})
    void paths(String path, boolean valid) {
        assertThat(PathPrefix.isValid(path)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/a/../b|must be written in canonical form: /b",
            "/../b|has a .. segment that climbs above the root",
            "/a;b|must not contain ;",
            "/a%2Fb|must not contain an encoded /",
            "/a//b|must be written in canonical form: /a/b",
            "/%61dmin|must be written in canonical form: /admin",
            "/a%2cb|must be written in canonical form: /a%2Cb",
            "/a b|may contain only URL path characters"})
    void routePathsMustBeCanonical(String path, String message) {
        RouteSpec route = ConfigStateTests.route("r1", "r", "s1", path);
        assertThat(validator.validate(route)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("paths[0]");
            assertThat(v.message()).startsWith(message);
        });
    }

    @ParameterizedTest
    @CsvSource({"/", "/orders", "/Orders/", "/a%20b", "/a%3Bb", "/caf%C3%A9", "/a:b@c"})
    void canonicalRoutePathsAreAccepted(String path) {
        assertThat(validator.validate(ConfigStateTests.route("r1", "r", "s1", path))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"example.com,false,true", "*.example.com,true,true", "*.example.com,false,false", "127.0.0.1,false,true",
            "::1,false,true", "bad_host,false,false", "-a.com,false,false", "a..b,false,false"})
    void hosts(String host, boolean wildcard, boolean valid) {
        assertThat(wildcard ? HostName.isPattern(host) : HostName.isValid(host)).isEqualTo(valid);
    }

    @Test
    void reportsEveryServiceFieldAtFault() {
        ServiceSpec bad = new ServiceSpec("s1", "bad name", Protocol.HTTP,
                List.of(new TargetSpec("no host!", 0, 0), new TargetSpec("a", 70000, 1)), "x", 0, 0);
        assertThat(validator.validate(bad)).extracting(Violation::field).containsExactlyInAnyOrder(
                "name", "targets[0].host", "targets[0].port", "targets[0].weight", "targets[1].port", "basePath",
                "connectTimeoutMs", "responseTimeoutMs");
    }

    @Test
    void reportsRouteFieldsAtFault() {
        RouteSpec bad = new RouteSpec("r1", "r", null, List.of("bad host"), List.of(), PathMatch.PREFIX,
                List.of("FETCH"), false, 1_000_000, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT,
                null, null);
        assertThat(validator.validate(bad)).extracting(Violation::field)
                .containsExactlyInAnyOrder("service", "paths", "hosts[0]", "methods[0]", "priority");
    }

    @Test
    void wholeConfigNeedsExistingServicesAndUniqueNames() {
        ServiceSpec s1 = ConfigStateTests.service("s1", "same");
        ServiceSpec s2 = ConfigStateTests.service("s2", "same");
        RouteSpec r = ConfigStateTests.route("r1", "r", "missing", "/");
        ConfigState state = new ConfigState(1, 0, Map.of("s1", s1, "s2", s2), Map.of("r1", r), Map.of(), Map.of(),
                null, Map.of(), null, 0);
        assertThat(validator.validate(state)).extracting(Violation::message)
                .contains("is used by two services", "names a service that does not exist");
    }

    @Test
    void compositeRoutesNameServicesOnlyThroughTheirSteps() {
        ServiceSpec s1 = ConfigStateTests.service("s1", "catalogue");
        CompositeSpec steps = new CompositeSpec(List.of(
                new CompositeStep("a", "s1", null, "/a", null, null, false, null, 0, true, null, null),
                new CompositeStep("b", "gone", null, "/b", null, null, false, null, 0, true, null, null)), 0, 0, 0);
        RouteSpec composite = new RouteSpec("r1", "page", null, List.of(), List.of("/page"), PathMatch.PREFIX,
                List.of(), false, 0, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null, steps);
        ConfigState state = new ConfigState(1, 0, Map.of("s1", s1), Map.of("r1", composite), Map.of(), Map.of(),
                null, Map.of(), null, 0);
        assertThat(validator.validate(state)).extracting(Violation::field, Violation::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("routes[page].composite.steps[1].service",
                        "names a service that does not exist"));
        assertThat(composite.serviceIds()).containsExactly("s1", "gone");

        RouteSpec both = new RouteSpec("r1", "page", "s1", List.of(), List.of("/page"), PathMatch.PREFIX,
                List.of(), false, 0, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null, steps);
        assertThat(validator.validate(both)).extracting(Violation::field).containsExactly("service");
        RouteSpec cyclic = new RouteSpec("r1", "page", null, List.of(), List.of("/page"), PathMatch.PREFIX,
                List.of(), false, 0, true, AuthMode.NONE, List.of(), List.of(), KeyAuthSpec.DEFAULT, null,
                new CompositeSpec(List.of(
                        new CompositeStep("a", "s1", null, "/a", null, null, false, List.of("a"), 0, true, null,
                                null)), 0, 0, 0));
        assertThat(validator.validate(cyclic)).extracting(Violation::field)
                .containsExactly("composite.steps[0].dependsOn[0]");
    }

    private static RouteSpec jwtRoute(JwtSpec jwt) {
        return new RouteSpec("r1", "r", "s1", List.of(), List.of("/"), PathMatch.PREFIX, List.of(), false, 0, true,
                AuthMode.JWT, List.of(), List.of(), KeyAuthSpec.DEFAULT, jwt, null);
    }

    @Test
    void jwtSettingsAreChecked() {
        assertThat(validator.validate(jwtRoute(null))).extracting(Violation::field).containsExactly("jwt");
        assertThat(validator.validate(jwtRoute(new JwtSpec(List.of("HS256", "RS256"), null, null, "short", null,
                null, null, 0)))).extracting(Violation::field).contains("jwt.algorithms", "jwt.secret", "jwt.jwks");
        assertThat(validator.validate(jwtRoute(new JwtSpec(List.of("none"), null, null, null, null, null, null, 0))))
                .extracting(Violation::field).contains("jwt.algorithms[0]");
        assertThat(validator.validate(jwtRoute(new JwtSpec(List.of("HS256"), "iss", List.of("aud"),
                "0123456789abcdef0123456789abcdef", null, null, "sub", 30)))).isEmpty();
        assertThat(validator.validate(jwtRoute(new JwtSpec(List.of("ES256"), null, null, null, null,
                "https://idp.example.com/jwks.json", "client_id", 30)))).isEmpty();
    }

    @Test
    void keyLocationGroupsAndTagsAreChecked() {
        RouteSpec route = new RouteSpec("r1", "r", "s1", List.of(), List.of("/"), PathMatch.PREFIX, List.of(), false,
                0, true, AuthMode.KEY, List.of("bad group"), List.of("ok", ""), new KeyAuthSpec("Bad Header", false,
                "a b"), null, null);
        assertThat(validator.validate(route)).extracting(Violation::field)
                .containsExactlyInAnyOrder("allowedGroups[0]", "tags[1]", "keyAuth.header", "keyAuth.queryParam");
    }

    @Test
    void apiKeysAreChecked() {
        ApiKeySpec bad = new ApiKeySpec("k1", null, "xyz", "short", -1, new KeyScopes(null, null, List.of("no tag")));
        assertThat(validator.validate(bad)).extracting(Violation::field)
                .containsExactlyInAnyOrder("consumer", "prefix", "hash", "expiresAt", "scopes.tags[0]");
    }

    @Test
    void consumersNeedExistingPlans() {
        ConsumerSpec consumer = new ConsumerSpec("c1", "acme", ConsumerStatus.ACTIVE, List.of(), "missing");
        ConfigState state = new ConfigState(1, 0, Map.of(), Map.of(), Map.of("c1", consumer), Map.of(), null,
                Map.of(), null, 0);
        assertThat(validator.validate(state)).extracting(Violation::message)
                .containsExactly("names a plan that does not exist");
    }
}
