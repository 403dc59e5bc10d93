package dev.gatehouse.runtime.policy.cors;

import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gatehouse.config.policy.CorsPolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class CorsFilterTests {

    private static final PolicyFixture FIXTURE = PolicyFixture.of(onRoute("cors", new CorsPolicy(
            List.of("https://*.example.com", "https://app.test"), List.of("GET", "PUT"), List.of("X-API-Key"),
            List.of("X-Total"), false, 120)));

    private final GatewayFilter filter = PolicyFixture.filterOf(new CorsFilterFactory());
    private final AtomicBoolean forwarded = new AtomicBoolean();
    private final GatewayFilterChain upstream = exchange -> {
        forwarded.set(true);
        // the upstream's own CORS answer, which the policy replaces
        exchange.getResponse().getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        return exchange.getResponse().setComplete();
    };

    private static MockServerHttpRequest.BaseBuilder<?> preflight(String origin, String method, String headers) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.options("http://gw.test/orders/1")
                .header(HttpHeaders.ORIGIN, origin).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method);
        return headers == null ? request : request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers);
    }

    @Test
    void preflightIsAnsweredWithoutForwarding() {
        MockServerWebExchange exchange = FIXTURE.exchange(preflight("https://a.example.com", "PUT", "x-api-key"));
        filter.filter(exchange, upstream).block();
        assertThat(forwarded).isFalse();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(204);
        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo("https://a.example.com");
        assertThat(headers.getAccessControlAllowMethods()).contains(HttpMethod.GET, HttpMethod.PUT);
        assertThat(headers.getAccessControlAllowHeaders()).containsExactly("x-api-key");
        assertThat(headers.getAccessControlMaxAge()).isEqualTo(120);
        assertThat(headers.getAccessControlAllowCredentials()).isFalse();
    }

    @Test
    void preflightsOutsideThePolicyAreRefused() {
        for (MockServerHttpRequest.BaseBuilder<?> request : List.of(preflight("https://evil.test", "GET", null),
                preflight("http://a.example.com", "GET", null), preflight("https://app.test", "DELETE", null),
                preflight("https://app.test", "GET", "x-other"))) {
            assertThatThrownBy(() -> filter.filter(FIXTURE.exchange(request), upstream).block())
                    .isInstanceOfSatisfying(GatewayProblem.class, p -> assertThat(p.code()).isEqualTo("cors_forbidden"));
        }
        assertThat(forwarded).isFalse();
    }

    @Test
    void actualResponsesCarryThePolicysHeadersNotTheUpstreams() {
        MockServerWebExchange exchange = FIXTURE.exchange(MockServerHttpRequest.get("http://gw.test/orders/1")
                .header(HttpHeaders.ORIGIN, "https://app.test"));
        filter.filter(exchange, upstream).block();
        assertThat(forwarded).isTrue();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo("https://app.test");
        assertThat(headers.getAccessControlExposeHeaders()).containsExactly("X-Total");
        assertThat(headers.getVary()).contains(HttpHeaders.ORIGIN);
    }

    @Test
    void foreignOriginsAreRefusedAndSameOriginOrNonCorsCallsPass() {
        assertThatThrownBy(() -> filter.filter(FIXTURE.exchange(MockServerHttpRequest.get("http://gw.test/orders/1")
                .header(HttpHeaders.ORIGIN, "https://evil.test")), upstream).block())
                .isInstanceOf(GatewayProblem.class);
        assertThat(forwarded).isFalse();

        MockServerWebExchange plain = FIXTURE.exchange(MockServerHttpRequest.get("http://gw.test/orders/1"));
        filter.filter(plain, upstream).block();
        assertThat(forwarded).isTrue();
        assertThat(plain.getResponse().getHeaders().getAccessControlAllowOrigin()).isEqualTo("*");
    }

    @Test
    void routesWithoutAPolicyLeavePreflightsToTheUpstream() {
        filter.filter(PolicyFixture.of().exchange(preflight("https://evil.test", "GET", null)), upstream).block();
        assertThat(forwarded).isTrue();
    }
}
