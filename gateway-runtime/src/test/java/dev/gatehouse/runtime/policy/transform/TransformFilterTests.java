package dev.gatehouse.runtime.policy.transform;

import static dev.gatehouse.runtime.policy.PolicyFixture.onRoute;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.policy.HeaderTransform;
import dev.gatehouse.config.policy.PathRewrite;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class TransformFilterTests {

    private static final PolicyFixture FIXTURE = PolicyFixture.of(onRoute("xf", new TransformPolicy(
            new HeaderTransform(Map.of("X-Tag", "b"), Map.of("X-Env", "test"), List.of("Cookie"),
                    Map.of("X-Old", "X-New")),
            new HeaderTransform(null, Map.of("X-Served-By", "gatehouse"), List.of("Server"),
                    Map.of("X-Internal", "X-Public")),
            new PathRewrite("/orders/v1/{id}/items/{item}", "/items/{item}/of/{id}"))));

    private final GatewayFilter filter = PolicyFixture.filterOf(new TransformFilterFactory());
    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
    private final GatewayFilterChain upstream = exchange -> {
        forwarded.set(exchange);
        HttpHeaders response = exchange.getResponse().getHeaders();
        response.set("Server", "upstream/1.0");
        response.set("X-Internal", "i");
        return exchange.getResponse().setComplete();
    };

    @Test
    void pathTemplatesCaptureRawSegmentsAndIgnoreOtherPaths() {
        PathTemplate template = PathTemplate.compile(new PathRewrite("/v1/orders/{id}", "/orders/{id}"));
        assertThat(template.rewrite("/v1/orders/42")).isEqualTo("/orders/42");
        assertThat(template.rewrite("/v1/orders/a%2Fb")).isEqualTo("/orders/a%2Fb");
        assertThat(template.rewrite("/v1/orders/")).isNull();
        assertThat(template.rewrite("/v1/orders/42/x")).isNull();
        assertThat(template.rewrite("/v2/orders/42")).isNull();
        assertThat(PathTemplate.compile(new PathRewrite("/a/{x}", "{x}")).rewrite("/a/b")).isEqualTo("/b");
    }

    @Test
    void requestHeadersAreChangedInOrderAndThePathRewrittenForTheTargetUrl() {
        MockServerWebExchange exchange = FIXTURE.exchange(MockServerHttpRequest.get("/orders/v1/7/items/9")
                .header("Cookie", "a=b").header("X-Old", "o").header("X-Env", "prod").header("X-Tag", "a"));
        filter.filter(exchange, upstream).block();
        HttpHeaders sent = forwarded.get().getRequest().getHeaders();
        assertThat(sent.get("Cookie")).isNull();
        assertThat(sent.get("X-Old")).isNull();
        assertThat(sent.get("X-New")).containsExactly("o");
        assertThat(sent.get("X-Env")).containsExactly("test");
        assertThat(sent.get("X-Tag")).containsExactly("a", "b");
        assertThat(GatehouseCall.of(exchange).rewrittenPath()).isEqualTo("/items/9/of/7");

        HttpHeaders answered = exchange.getResponse().getHeaders();
        assertThat(answered.get("Server")).isNull();
        assertThat(answered.get("X-Public")).containsExactly("i");
        assertThat(answered.getFirst("X-Served-By")).isEqualTo("gatehouse");
    }

    @Test
    void unmatchedPathsAreLeftToTheRouteAndGatewayErrorsKeepTheirHeaders() {
        MockServerWebExchange exchange = FIXTURE.exchange(MockServerHttpRequest.get("/orders/other"));
        filter.filter(exchange, ex -> {
            GatehouseCall.of(ex).problemCode("upstream_unavailable");
            ex.getResponse().getHeaders().set("Server", "gatehouse");
            return ex.getResponse().setComplete();
        }).block();
        assertThat(GatehouseCall.of(exchange).rewrittenPath()).isNull();
        assertThat(exchange.getResponse().getHeaders().getFirst("Server")).isEqualTo("gatehouse");
        assertThat(exchange.getResponse().getHeaders().get("X-Served-By")).isNull();
    }
}
