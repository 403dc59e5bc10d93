package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(ConfigValidator.isPath(path)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"example.com,false,true", "*.example.com,true,true", "*.example.com,false,false", "127.0.0.1,false,true",
            "::1,false,true", "bad_host,false,false", "-a.com,false,false", "a..b,false,false"})
    void hosts(String host, boolean wildcard, boolean valid) {
        assertThat(ConfigValidator.isHost(host, wildcard)).isEqualTo(valid);
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
                List.of("FETCH"), false, 1_000_000, true);
        assertThat(validator.validate(bad)).extracting(Violation::field)
                .containsExactlyInAnyOrder("service", "paths", "hosts[0]", "methods[0]", "priority");
    }

    @Test
    void wholeConfigNeedsExistingServicesAndUniqueNames() {
        ServiceSpec s1 = ConfigStateTests.service("s1", "same");
        ServiceSpec s2 = ConfigStateTests.service("s2", "same");
        RouteSpec r = ConfigStateTests.route("r1", "r", "missing", "/");
        ConfigState state = new ConfigState(1, 0, Map.of("s1", s1, "s2", s2), Map.of("r1", r));
        assertThat(validator.validate(state)).extracting(Violation::message)
                .contains("is used by two services", "names a service that does not exist");
    }
}
