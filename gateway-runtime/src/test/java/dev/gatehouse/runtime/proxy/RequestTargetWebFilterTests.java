package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.node.ServerPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class RequestTargetWebFilterTests {

    private final RequestTargetWebFilter filter = new RequestTargetWebFilter(new ServerPorts());

    private ServerWebExchange run(MockServerHttpRequest request, AtomicReference<ServerWebExchange> seen) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, ex -> {
            seen.set(ex);
            return Mono.empty();
        }).block();
        return exchange;
    }

    @Test
    void aCanonicalPathPassesAsItIs() {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1?x=%20").build());
        filter.filter(exchange, ex -> {
            seen.set(ex);
            return Mono.empty();
        }).block();
        assertThat(seen.get()).isSameAs(exchange);
        assertThat(exchange.getAttributes()).doesNotContainKey(RequestTargetWebFilter.REFUSED);
    }

    @Test
    void anotherSpellingIsReplacedByTheCanonicalPathAndKeepsTheRawQuery() {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        run(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("http://gw.example:8080//Orders/./%61/../x%2c?q=a%26b&e=%E2%82%AC+1")).build(), seen);
        assertThat(seen.get().getRequest().getURI().getRawPath()).isEqualTo("/Orders/x%2C");
        assertThat(seen.get().getRequest().getURI().getRawQuery()).isEqualTo("q=a%26b&e=%E2%82%AC+1");
        assertThat(seen.get().getRequest().getPath().value()).isEqualTo("/Orders/x%2C");
        assertThat(seen.get().getRequest().getURI().getHost()).isEqualTo("gw.example");
    }

    @Test
    void aPathWithoutCanonicalFormIsMarkedRefused() {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        ServerWebExchange exchange = run(MockServerHttpRequest.get("/admin;x=1").build(), seen);
        GatewayProblem problem = exchange.getAttribute(RequestTargetWebFilter.REFUSED);
        assertThat(problem.code()).isEqualTo("invalid_path");
        assertThat(seen.get()).isSameAs(exchange);
    }

    @Test
    void twoHostHeadersAreAmbiguous() {
        AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
        ServerWebExchange exchange = run(MockServerHttpRequest.get("/x").header("Host", "a.example")
                .header("Host", "b.example").build(), seen);
        GatewayProblem problem = exchange.getAttribute(RequestTargetWebFilter.REFUSED);
        assertThat(problem.code()).isEqualTo("ambiguous_request");
        assertThat(RequestTargetWebFilter.hostIsUnambiguous(
                MockServerHttpRequest.get("/x").header("Host", "a.example, b.example").build())).isFalse();
        assertThat(RequestTargetWebFilter.hostIsUnambiguous(
                MockServerHttpRequest.get("/x").header("Host", "a.example").build())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "/x|a.example|true",
            "/x|NULL|true",
            "*|a.example|true",
            "http://a.example/x|a.example|true",
            "http://A.Example:80/x|a.example|true",
            "http://a.example|a.example:80|true",
            "https://a.example:443?q|a.example|true",
            "http://a.example:8080/x|a.example:8080|true",
            "http://a.example/x|b.example|false",
            "http://a.example:8080/x|a.example|false",
            "https://a.example:80/x|a.example|false",
            "http://a.example/x|NULL|false",
            "http://user@a.example/x|a.example|false"})
    void anAbsoluteTargetMustNameTheHost(String target, String host, boolean matches) {
        assertThat(RequestTargetWebFilter.authorityMatches(target, host)).isEqualTo(matches);
    }
}
