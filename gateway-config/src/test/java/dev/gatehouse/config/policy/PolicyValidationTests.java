package dev.gatehouse.config.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each policy record's own rules and the scope rules, through the validator admin and nodes share. */
class PolicyValidationTests {

    private final ConfigValidator validator = new ConfigValidator();

    static PolicySpec route(PolicyConfig config) {
        return new PolicySpec("p1", "p", true, PolicyScope.ROUTE, null, "r1", null, null, config);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // good records
                Arguments.of(route(new RateLimitPolicy(List.of(new RateLimit(10, RateWindow.SECOND),
                        new RateLimit(1000, RateWindow.HOUR)), RateLimitKey.CONSUMER, null)), List.of()),
                Arguments.of(route(new RateLimitPolicy(List.of(new RateLimit(5, RateWindow.MINUTE)),
                        RateLimitKey.HEADER, "X-Tenant")), List.of()),
                Arguments.of(route(new IpRestrictionPolicy(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.7"),
                        List.of("10.1.0.0/16"))), List.of()),
                Arguments.of(route(new CorsPolicy(List.of("https://app.example.com", "https://*.example.com"),
                        List.of("GET", "PUT"), List.of("*"), List.of("X-Request-Id"), true, 600)), List.of()),
                Arguments.of(route(new RequestSizePolicy(1024)), List.of()),
                Arguments.of(route(new TransformPolicy(new HeaderTransform(Map.of("X-A", "1"), Map.of("X-B", "2"),
                        List.of("X-C"), Map.of("X-D", "X-E")), null, new PathRewrite("/v1/orders/{id}",
                        "/orders/{id}"))), List.of()),
                Arguments.of(route(new TimeoutPolicy(1000, 5000)), List.of()),
                Arguments.of(route(new RetryPolicy(3, null, List.of(502, 503), 50)), List.of()),
                Arguments.of(route(new CircuitBreakerPolicy(50, 20, 10, 30_000, 3)), List.of()),
                // bad records
                Arguments.of(route(new RateLimitPolicy(List.of(new RateLimit(-1, RateWindow.SECOND)), null, null)),
                        List.of("config.limits[0].requests")),
                Arguments.of(route(new RateLimitPolicy(List.of(), null, null)), List.of("config.limits")),
                Arguments.of(route(new RateLimitPolicy(List.of(new RateLimit(1, RateWindow.SECOND),
                        new RateLimit(2, RateWindow.SECOND)), RateLimitKey.HEADER, null)),
                        List.of("config.limits[1].window", "config.header")),
                Arguments.of(route(new IpRestrictionPolicy(List.of(), List.of())), List.of("config.allow")),
                Arguments.of(route(new IpRestrictionPolicy(List.of(""), List.of("300.1.1.1", "10.0.0.0/33",
                        "example.com"))), List.of("config.allow[0]", "config.deny[0]", "config.deny[1]",
                        "config.deny[2]")),
                Arguments.of(route(new CorsPolicy(List.of("*"), List.of("FETCH"), List.of("bad header"), null,
                        true, -1)), List.of("config.allowOrigins[0]", "config.allowMethods[0]",
                        "config.allowHeaders[0]", "config.maxAgeSeconds")),
                Arguments.of(route(new RequestSizePolicy(0)), List.of("config.maxBytes")),
                Arguments.of(route(new TransformPolicy(new HeaderTransform(null, Map.of("X-User", "${user.name}"),
                        List.of("Host"), null), null, new PathRewrite("/v1/{id}", "/x/{other}"))),
                        List.of("config.request.set.X-User", "config.request.remove[0]", "config.pathRewrite.to")),
                Arguments.of(route(new TransformPolicy(null, null, new PathRewrite("/a/#{T(java.lang.Runtime)}",
                        "/b"))), List.of("config.pathRewrite.from")),
                Arguments.of(route(new TransformPolicy(null, null, null)), List.of("config.request")),
                Arguments.of(route(new TimeoutPolicy(0, 700_000)),
                        List.of("config.connectTimeoutMs", "config.responseTimeoutMs")),
                Arguments.of(route(new RetryPolicy(9, List.of("GO"), List.of(404), -1)),
                        List.of("config.maxAttempts", "config.methods[0]", "config.statuses[0]", "config.backoffMs")),
                Arguments.of(route(new CircuitBreakerPolicy(0, 1, 5, 10, 0)),
                        List.of("config.failureRateThreshold", "config.slidingWindowSize", "config.minimumCalls",
                                "config.openStateMs", "config.halfOpenCalls")),
                // scopes
                Arguments.of(new PolicySpec("p1", "p", true, PolicyScope.CONSUMER, null, null, "c1", null,
                        new CorsPolicy(List.of("https://a.example"), null, null, null, false, 0)), List.of("scope")),
                Arguments.of(new PolicySpec("p1", "p", true, PolicyScope.ROUTE_CONSUMER, null, "r1", null, "x",
                        new RequestSizePolicy(5)), List.of("consumerId", "planId")),
                Arguments.of(new PolicySpec("p1", "p", true, null, null, null, null, null, null),
                        List.of("scope", "config")));
    }

    @ParameterizedTest
    @MethodSource("table")
    void validationTable(PolicySpec policy, List<String> fields) {
        assertThat(validator.validate(policy)).extracting(Violation::field).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void planLimitsAndQuotas() {
        assertThat(validator.validate(new PlanSpec("p1", "pro", List.of(new RateLimit(10, RateWindow.SECOND)),
                List.of(new Quota(1000, QuotaPeriod.DAY, null), new Quota(20_000, QuotaPeriod.MONTH, QuotaKey.KEY)))))
                .isEmpty();
        assertThat(validator.validate(new PlanSpec("p1", "pro", List.of(new RateLimit(0, null)),
                List.of(new Quota(-5, QuotaPeriod.DAY, null), new Quota(5, QuotaPeriod.DAY, null)))))
                .extracting(Violation::field).containsExactlyInAnyOrder("rateLimits[0].requests",
                        "rateLimits[0].window", "quotas[0].calls", "quotas[1].period");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8,10.255.1.2,true", "10.0.0.0/8,11.0.0.1,false", "192.0.2.7,192.0.2.7,true",
            "192.0.2.7,192.0.2.8,false", "2001:db8::/32,2001:db8:ffff::1,true", "2001:db8::/32,2001:db9::1,false",
            "0.0.0.0/0,203.0.113.9,true", "10.0.0.0/8,::ffff:10.1.2.3,true", "10.1.2.128/25,10.1.2.200,true",
            "10.1.2.128/25,10.1.2.100,false"})
    void cidrContains(String block, String address, boolean inside) {
        assertThat(Cidr.parse(block).contains(Cidr.literal(address))).isEqualTo(inside);
    }

    @Test
    void jsonRoundTripKeepsTypeAndOrderIndependentForm() {
        ConfigJson json = new ConfigJson();
        PolicySpec policy = route(new TransformPolicy(new HeaderTransform(Map.of("X-B", "2", "X-A", "1", "X-C", "3"),
                null, null, null), null, null));
        String text = json.writeString(policy);
        assertThat(text).contains("\"kind\":\"policy\"").contains("\"type\":\"transform\"")
                .contains("\"scope\":\"route\"").contains("{\"X-A\":\"1\",\"X-B\":\"2\",\"X-C\":\"3\"}");
        assertThat(json.read(text, dev.gatehouse.config.ConfigEntity.class)).isEqualTo(policy);
    }

    @Test
    void unknownPolicyTypeIsRefusedByTheReader() {
        ConfigJson json = new ConfigJson();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.read(
                "{\"type\":\"lua-script\",\"source\":\"x\"}", PolicyConfig.class))
                .isInstanceOf(dev.gatehouse.config.ConfigFormatException.class);
    }
}
