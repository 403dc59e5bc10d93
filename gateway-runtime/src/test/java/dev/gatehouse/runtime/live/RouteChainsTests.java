package dev.gatehouse.runtime.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidationException;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.policy.PolicyFixture;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route chains compiled with their configuration, and a configuration refused whole when one does not compile. */
class RouteChainsTests {

    private final List<String> ran = new ArrayList<>();

    /** A global filter that notes its name and goes on. */
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

    /** A request-size factory that refuses to compile a limit of 13 bytes and counts the routes it is asked about. */
    private class SizeFactory implements PolicyFilterFactory<RequestSizePolicy, Long> {
        int applied;

        @Override
        public Kind<RequestSizePolicy, Long> kind() {
            return new Kind<>(RequestSizePolicy.class, policy -> {
                if (policy.maxBytes() == 13) {
                    throw new IllegalArgumentException("13 bytes is unlucky");
                }
                return policy.maxBytes();
            }, 20);
        }

        @Override
        public GatewayFilter apply(RouteSetup route) {
            applied++;
            Long max = route.compiled(route.routePolicy(RequestSizePolicy.class));
            return max == null ? null : (exchange, chain) -> {
                ran.add("size " + max);
                return chain.filter(exchange);
            };
        }
    }

    private final SizeFactory size = new SizeFactory();
    private final RouteChains chains = new RouteChains(List.of(new Step("last", 30), new Step("first", 10)),
            List.of(size));

    private static PolicySpec sizeLimit(long bytes) {
        return PolicyFixture.onRoute("small", new RequestSizePolicy(bytes));
    }

    @Test
    void aChainHoldsTheGlobalFiltersInOrderAndOnlyTheRouteFiltersWithWork() {
        PolicyFixture none = PolicyFixture.of();
        RouteChains.Chain bare = chains.build(none.setup(size));
        bare.filter(none.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        assertThat(ran).containsExactly("first", "last");
        assertThat(bare.filters()).hasSize(2);

        ran.clear();
        PolicyFixture limited = PolicyFixture.of(sizeLimit(10));
        chains.build(limited.setup(size)).filter(limited.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        assertThat(ran).containsExactly("first", "size 10", "last");
    }

    @Test
    void aConfigurationWhosePolicyDoesNotCompileIsRefusedWholeAndThePreviousOneKept() {
        LiveConfigHolder holder = new LiveConfigHolder();
        List<Object> announced = new ArrayList<>();
        ConfigApplier applier = new ConfigApplier(holder, announced::add, Specs.HASHER, chains);
        LiveConfig first = applier.applySnapshot(state(1, sizeLimit(10)), KeyTable.empty(), ConfigSource.ADMIN);
        assertThat(first.revision()).isEqualTo(1);

        assertThatThrownBy(() -> applier.applySnapshot(state(2, sizeLimit(13)), KeyTable.empty(), ConfigSource.ADMIN))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("policies[small].config");
                            assertThat(v.message()).contains("13 bytes is unlucky");
                        }));

        assertThat(holder.current()).isSameAs(first);
        assertThat(announced).hasSize(1);
        // the route still runs the chain compiled with the configuration it serves
        ran.clear();
        PolicyFixture served = PolicyFixture.of();
        first.compiled().get(PolicyFixture.ROUTE.id()).chain()
                .filter(served.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        assertThat(ran).containsExactly("first", "size 10", "last");
    }

    @Test
    void eachConfigurationGetsItsOwnChainsBuiltWhenItIsSwappedIn() {
        LiveConfigHolder holder = new LiveConfigHolder();
        ConfigApplier applier = new ConfigApplier(holder, event -> { }, Specs.HASHER, chains);
        LiveConfig first = applier.applySnapshot(state(1, sizeLimit(10)), KeyTable.empty(), ConfigSource.ADMIN);
        int applied = size.applied;
        LiveConfig second = applier.applySnapshot(state(2), KeyTable.empty(), ConfigSource.ADMIN);
        assertThat(size.applied).as("built at swap time, once per route").isEqualTo(applied + 1);

        PolicyFixture served = PolicyFixture.of();
        ran.clear();
        second.compiled().get(PolicyFixture.ROUTE.id()).chain()
                .filter(served.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        assertThat(ran).containsExactly("first", "last");
        ran.clear();
        first.compiled().get(PolicyFixture.ROUTE.id()).chain()
                .filter(served.exchange(MockServerHttpRequest.get("/orders/1"))).block();
        assertThat(ran).as("a call routed with the older configuration keeps its chain").containsExactly("first",
                "size 10", "last");
        assertThat(size.applied).as("no chain is built per call").isEqualTo(applied + 1);
    }

    private static ConfigState state(long revision, PolicySpec... policies) {
        Map<String, PolicySpec> byId = new java.util.HashMap<>();
        for (PolicySpec policy : policies) {
            byId.put(policy.id(), policy);
        }
        return new ConfigState(revision, 0, Map.of(PolicyFixture.SERVICE.id(), PolicyFixture.SERVICE),
                Map.of(PolicyFixture.ROUTE.id(), PolicyFixture.ROUTE), Map.of(PolicyFixture.ACME.id(),
                PolicyFixture.ACME), Map.of(), Specs.settings(), byId, null, 0);
    }
}
