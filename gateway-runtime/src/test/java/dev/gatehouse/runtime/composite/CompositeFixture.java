package dev.gatehouse.runtime.composite;

import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.runtime.live.CompiledPolicies;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.policy.resilience.CircuitBreakers;
import dev.gatehouse.runtime.routing.Balancer;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;
import dev.gatehouse.runtime.support.Specs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.netty.http.client.HttpClient;

/**
 * Composite routes compiled as a swap compiles them, on services {@code users} (base path {@code /base}) and
 * {@code orders}.
 */
public final class CompositeFixture {

    public static final ServiceSpec USERS = Specs.service("users", "/base", 2_000, 30_000, Specs.target(9001));
    public static final ServiceSpec ORDERS = Specs.service("orders", Specs.target(9002));

    private CompositeFixture() {
    }

    /** The route {@code combined} at {@code /combined} with these steps, compiled. */
    static CompiledComposite compile(CompositeSpec spec) {
        return CompiledComposite.compile(setup(spec), HttpClient.create(),
                new CircuitBreakers(new SimpleMeterRegistry()));
    }

    public static RouteSetup setup(CompositeSpec spec) {
        RouteSpec route = Specs.compositeRoute("combined", spec).paths("/combined").build();
        ConfigState state = new ConfigState(1, 0, Map.of(USERS.id(), USERS, ORDERS.id(), ORDERS),
                Map.of(route.id(), route), Map.of(), Map.of(), Specs.settings(), Map.of(), null, 0);
        Map<String, Balancer> pickers = Map.of(
                USERS.id(), new WeightedRoundRobin(USERS.protocol(), USERS.targets()),
                ORDERS.id(), new WeightedRoundRobin(ORDERS.protocol(), ORDERS.targets()));
        return new RouteSetup(route, null, null, null, state, new PolicyResolver(List.of(), Map.of()), null,
                CompiledPolicies.compile(state, Map.of()), pickers);
    }
}
