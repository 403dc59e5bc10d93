package dev.gatehouse.runtime.policy.resilience;

import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ResilienceFilterTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CircuitBreakers breakers = new CircuitBreakers(meters);
    private final GatewayFilter filter = PolicyFixture.filterOf(new TimeoutFilterFactory(), new RetryFilterFactory(),
            new CircuitBreakerFilterFactory(breakers));
    private final List<URI> attempts = new ArrayList<>();

    /** An upstream that fails the first {@code failures} attempts with {@code error}, then answers 200. */
    private GatewayFilterChain failing(int failures, Throwable error) {
        AtomicInteger calls = new AtomicInteger();
        return exchange -> {
            attempts.add(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
            if (ServerWebExchangeUtils.isAlreadyRouted(exchange)) {
                throw new AssertionError("a retry must reset the routed mark");
            }
            ServerWebExchangeUtils.setAlreadyRouted(exchange);
            if (calls.incrementAndGet() <= failures) {
                return Mono.error(error);
            }
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.empty();
        };
    }

    private static MockServerWebExchange routed(PolicyFixture fixture, MockServerHttpRequest.BaseBuilder<?> request) {
        return routed(fixture, request.remoteAddress(new InetSocketAddress("192.0.2.7", 40000)).build());
    }

    private static MockServerWebExchange routed(PolicyFixture fixture, MockServerHttpRequest request) {
        MockServerWebExchange exchange = fixture.exchange(request);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                URI.create("http://127.0.0.1:9001/orders/1?x=1"));
        return exchange;
    }

    @Test
    void idempotentBodylessCallsAreRetriedOnConnectionErrorsOnOtherTargets() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("retry", new RetryPolicy(3, null, List.of(), 0)));
        filter.filter(routed(fixture, MockServerHttpRequest.get("/orders/1?x=1")),
                failing(2, PrematureCloseException.TEST_EXCEPTION)).block();
        assertThat(attempts).hasSize(3);
        // two targets: the retries go round them, path and query kept
        assertThat(attempts).extracting(URI::getPort).contains(9001, 9002);
        assertThat(attempts).extracting(URI::getRawPath).containsOnly("/orders/1");
        assertThat(attempts).extracting(URI::getRawQuery).containsOnly("x=1");
    }

    @Test
    void postsBodiesAndResponseTimeoutsAreNotRetriedAndAttemptsAreBounded() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("retry", new RetryPolicy(3, null, List.of(), 0)));
        assertThatThrownBy(() -> filter.filter(routed(fixture, MockServerHttpRequest.post("/orders/1")),
                failing(1, new ConnectException("refused"))).block()).hasCauseInstanceOf(ConnectException.class);
        assertThat(attempts).hasSize(1);

        // a body too large to hold (over 64 KiB) or of unknown length is sent once
        attempts.clear();
        assertThatThrownBy(() -> filter.filter(routed(fixture, MockServerHttpRequest.put("/orders/1")
                .contentLength(70_000)), failing(1, new ConnectException("refused"))).block());
        assertThat(attempts).hasSize(1);
        attempts.clear();
        assertThatThrownBy(() -> filter.filter(routed(fixture, MockServerHttpRequest.put("/orders/1")
                .header("Transfer-Encoding", "chunked")), failing(1, new ConnectException("refused"))).block());
        assertThat(attempts).hasSize(1);

        attempts.clear();
        assertThatThrownBy(() -> filter.filter(routed(fixture, MockServerHttpRequest.get("/orders/1")),
                failing(1, new TimeoutException("response took too long"))).block());
        assertThat(attempts).hasSize(1);

        attempts.clear();
        assertThatThrownBy(() -> filter.filter(routed(fixture, MockServerHttpRequest.get("/orders/1")),
                failing(5, new IOException("Connection reset by peer"))).block());
        assertThat(attempts).hasSize(3);
    }

    @Test
    void aSmallBodyIsHeldAndSentWholeByEveryAttempt() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("retry", new RetryPolicy(3, null, List.of(), 0)));
        List<String> bodies = new ArrayList<>();
        GatewayFilterChain upstream = failing(2, new ConnectException("refused"));
        GatewayFilterChain reading = exchange -> DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .doOnNext(bodies::add)
                .then(upstream.filter(exchange));
        filter.filter(routed(fixture, MockServerHttpRequest.put("/orders/1").contentLength(5).body("hello")), reading)
                .block();
        assertThat(attempts).hasSize(3);
        assertThat(bodies).containsExactly("hello", "hello", "hello");
    }

    @Test
    void listedStatusesAreRetriedUntilTheLastAttemptWhoseAnswerPasses() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("retry", new RetryPolicy(2, null, List.of(503), 0)));
        AtomicInteger calls = new AtomicInteger();
        MockServerWebExchange exchange = routed(fixture, MockServerHttpRequest.get("/orders/1"));
        filter.filter(exchange, ex -> {
            calls.incrementAndGet();
            ex.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return Mono.empty();
        }).block();
        assertThat(calls).hasValue(2);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void circuitOpensAfterFailuresAndAnswers503WithoutCallingTheUpstream() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("cb", new CircuitBreakerPolicy(50, 4, 4, 60_000, 1)));
        AtomicInteger calls = new AtomicInteger();
        GatewayFilterChain serverError = ex -> {
            calls.incrementAndGet();
            ex.getResponse().setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
            return Mono.empty();
        };
        for (int i = 0; i < 4; i++) {
            filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1")), serverError).block();
        }
        assertThatThrownBy(() -> filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1")),
                serverError).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(503);
                    assertThat(p.code()).isEqualTo("circuit_open");
                    assertThat(p.headers().getFirst("Retry-After")).isEqualTo("60");
                });
        assertThat(calls).hasValue(4);
        assertThat(breakers.notClosed()).containsEntry("orders/orders", "OPEN");
        assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "orders/orders")
                .tag("state", "open").gauge().value()).isEqualTo(1.0);

        // the breaker survives a new configuration with the same policy, and goes when the policy goes
        PolicyFixture same = PolicyFixture.at(2, onRoute("cb", new CircuitBreakerPolicy(50, 4, 4, 60_000, 1)));
        assertThatThrownBy(() -> filter.filter(same.exchange(MockServerHttpRequest.get("/orders/1")),
                serverError).block()).isInstanceOf(GatewayProblem.class);
        breakers.retain(PolicyFixture.at(3).config());
        assertThat(breakers.notClosed()).isEmpty();
    }

    @Test
    void timeoutPolicyReplacesTheServiceTimeoutsForTheRoutingFilter() {
        PolicyFixture fixture = PolicyFixture.of(onRoute("t", new TimeoutPolicy(300, 700)));
        List<Route> seen = new ArrayList<>();
        filter.filter(fixture.exchange(MockServerHttpRequest.get("/orders/1")), ex -> {
            seen.add(ex.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
            return Mono.empty();
        }).block();
        Route route = seen.get(0);
        assertThat(route.getMetadata()).containsEntry(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, 300)
                .containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 700L);
        assertThat(route.getId()).isEqualTo("orders");
    }

    @Test
    void connectionErrorsAreIoErrorsButNotTimeouts() {
        assertThat(RetryRules.isConnectionError(PrematureCloseException.TEST_EXCEPTION)).isTrue();
        assertThat(RetryRules.isConnectionError(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(RetryRules.isConnectionError(new IOException(new TimeoutException("slow")))).isFalse();
        assertThat(RetryRules.isConnectionError(new IllegalStateException("bug"))).isFalse();
    }

}
