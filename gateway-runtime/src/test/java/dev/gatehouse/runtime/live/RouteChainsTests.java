package dev.gatehouse.runtime.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidationException;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.calllog.StepRecords;
import dev.gatehouse.runtime.tracing.Tracing;
import dev.gatehouse.runtime.composite.CompositeFilterFactory;
import dev.gatehouse.runtime.composite.CompositeFixture;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.policy.resilience.CircuitBreakers;
import dev.gatehouse.runtime.policy.PolicyFixture;
import dev.gatehouse.runtime.support.Specs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import static dev.gatehouse.runtime.support.Specs.composite;
import static dev.gatehouse.runtime.support.Specs.step;
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

    /** Stands for the composite factory: answers composite routes, nothing else. */
    private class CompositeStub implements RouteFilterFactory {
        @Override
        public int order() {
            return FilterOrder.COMPOSITE;
        }

        @Override
        public GatewayFilter apply(RouteSetup route) {
            return !route.spec().isComposite() ? null : (exchange, chain) -> {
                ran.add("composite");
                return Mono.empty();
            };
        }
    }

    @Test
    void aCompositeRoutesChainEndsWithItsCompositeStepAndHoldsNoForwardingStep() {
        RouteChains withComposite = new RouteChains(List.of(new Step("writer", FilterOrder.RESPONSE_WRITE),
                new Step("cors", FilterOrder.CORS), new Step("target", FilterOrder.TARGET_URL),
                new Step("forward", Ordered.LOWEST_PRECEDENCE)), List.of(new CompositeStub()));
        PolicyFixture exchanges = PolicyFixture.of();

        withComposite.build(CompositeFixture.setup(composite(step("user", CompositeFixture.USERS, "/u"))))
                .filter(exchanges.exchange(MockServerHttpRequest.get("/combined"))).block();
        assertThat(ran).containsExactly("cors", "composite");

        ran.clear();
        withComposite.build(exchanges.setup()).filter(exchanges.exchange(MockServerHttpRequest.get("/orders/1")))
                .block();
        assertThat(ran).as("an ordinary route").containsExactly("writer", "cors", "target", "forward");

        assertThatThrownBy(() -> chains.build(CompositeFixture.setup(composite(step("user", CompositeFixture.USERS,
                "/u"))))).as("a node without a composite factory").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot run composite routes");
    }

    @Test
    void aConfigurationWhoseCompositeRouteCannotBeCompiledIsRefusedWhole() {
        RouteChains real = new RouteChains(List.of(), List.of(new CompositeFilterFactory(HttpClient.create(),
                new CircuitBreakers(new SimpleMeterRegistry()),
                new StaticListableBeanFactory().getBeanProvider(StepRecords.class), Tracing.off())));
        LiveConfigHolder holder = new LiveConfigHolder();
        ConfigApplier applier = new ConfigApplier(holder, event -> { }, Specs.HASHER, real);
        LiveConfig first = applier.applySnapshot(compositeState(1, "/users/{path.1}", CompositeFixture.USERS.id()),
                KeyTable.empty(), ConfigSource.ADMIN);
        assertThat(((RouteChains.Chain) first.compiled().get("rt-combined").chain()).filters()).hasSize(1);

        // a step whose service does not exist
        assertThatThrownBy(() -> applier.applySnapshot(compositeState(2, "/users", "svc-nowhere"), KeyTable.empty(),
                ConfigSource.ADMIN)).isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(
                        e.violations()).anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo("routes[combined].composite.steps[0].service");
                            assertThat(v.message()).contains("does not exist");
                        }));
        // valid as published, but a path the node cannot send
        assertThatThrownBy(() -> applier.applySnapshot(compositeState(3, "/users/a b", CompositeFixture.USERS.id()),
                KeyTable.empty(), ConfigSource.ADMIN)).isInstanceOfSatisfying(ConfigValidationException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("routes[combined]");
                    assertThat(v.message()).contains("step 'user': the path template '/users/a b'");
                }));
        assertThat(holder.current()).isSameAs(first);
    }

    private static ConfigState compositeState(long revision, String path, String serviceId) {
        RouteSpec route = CompositeFixture.setup(composite(step("user", CompositeFixture.USERS, path)))
                .spec();
        RouteSpec pointed = new RouteSpec(route.id(), route.name(), null, route.hosts(), route.paths(),
                route.pathMatch(), route.methods(), false, 0, true, route.auth(), route.allowedGroups(),
                route.tags(), route.keyAuth(), route.jwt(), new CompositeSpec(List.of(new CompositeStep("user",
                serviceId, null, path, null, null, false, null, 0, true, null, null)), 0, 0, 0));
        return new ConfigState(revision, 0, Map.of(CompositeFixture.USERS.id(), CompositeFixture.USERS),
                Map.of(pointed.id(), pointed), Map.of(), Map.of(), Specs.settings(), Map.of(), null, 0);
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
