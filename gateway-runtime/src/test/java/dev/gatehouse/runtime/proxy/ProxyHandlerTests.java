package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.policy.PolicyFixture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

class ProxyHandlerTests {

    private final List<String> ran = new ArrayList<>();

    /** A filter that notes its name and goes on. */
    private class Step implements GlobalFilter, Ordered {
        final String name;
        final int order;

        Step(String name, int order) {
            this.name = name;
            this.order = order;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            ran.add(name);
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    /** A step with work only on routes that may have a request-size policy. */
    private class SizeStep extends Step implements RouteFilter {
        int asked;

        SizeStep(int order) {
            super("size", order);
        }

        @Override
        public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
            asked++;
            return RouteFilter.mayHave(route, policies, PolicyType.of(RequestSizePolicy.class));
        }
    }

    @Test
    void runsTheGlobalFiltersInOrderAndLeavesOutRouteFiltersWithoutWork() {
        SizeStep size = new SizeStep(20);
        ProxyHandler handler = new ProxyHandler(List.of(new Step("last", 30), size, new Step("first", 10)));
        PolicyFixture none = PolicyFixture.of();

        handler.handle(none.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        handler.handle(none.exchange(MockServerHttpRequest.get("/orders/2"))).block();

        assertThat(ran).containsExactly("first", "last", "first", "last");
        assertThat(size.asked).as("asked once per route and configuration").isEqualTo(1);

        ran.clear();
        PolicyFixture limited = PolicyFixture.at(2, PolicyFixture.onRoute("small", new RequestSizePolicy(10)));
        handler.handle(limited.exchange(MockServerHttpRequest.get("/orders/3"))).block();
        assertThat(ran).containsExactly("first", "size", "last");
        assertThat(handler.chain(limited.config(), limited.route()))
                .isSameAs(handler.chain(limited.config(), limited.route()));
        assertThat(size.asked).isEqualTo(2);
    }

    @Test
    void aRequestOnAnOlderConfigurationGetsItsOwnChainWithoutReplacingTheNewer() {
        SizeStep size = new SizeStep(20);
        ProxyHandler handler = new ProxyHandler(List.of(size));
        PolicyFixture newer = PolicyFixture.at(5, PolicyFixture.onRoute("small", new RequestSizePolicy(10)));
        PolicyFixture older = PolicyFixture.at(4);

        assertThat(handler.chain(newer.config(), newer.route()).filters()).containsExactly(size);
        assertThat(handler.chain(older.config(), older.route()).filters()).isEmpty();
        assertThat(handler.chain(newer.config(), newer.route()).filters()).containsExactly(size);
        assertThat(size.asked).as("the newer generation's chain was kept").isEqualTo(2);
    }
}
