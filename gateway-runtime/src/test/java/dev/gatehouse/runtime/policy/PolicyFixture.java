package dev.gatehouse.runtime.policy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.live.CompiledPolicies;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.Balancer;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * A configuration with one route ({@code orders}, prefix {@code /orders}, on service {@code orders} with two
 * targets), one consumer ({@code acme}) and the given policies; the route's filter as given factories compile it;
 * and exchanges routed to that route as the handler mapping would route them, for filter unit tests.
 */
public final class PolicyFixture {

    public static final ServiceSpec SERVICE = Specs.service("orders", Specs.target(9001), Specs.target(9002));
    public static final RouteSpec ROUTE = Specs.route("orders", SERVICE).paths("/orders").build();
    public static final ConsumerSpec ACME = Specs.consumer("acme");

    private static final String ATTRIBUTE = PolicyFixture.class.getName();

    private final ConfigState state;
    private final PolicyResolver policies;
    private final ConsumerDirectory directory;
    private final Balancer targets;
    private final Route gatewayRoute;
    private final CompiledRoute route;
    private final LiveConfig config;

    private PolicyFixture(long revision, List<PolicySpec> list) {
        Map<String, PolicySpec> byId = new HashMap<>();
        list.forEach(p -> byId.put(p.id(), p));
        this.state = new ConfigState(revision, 0, Map.of(SERVICE.id(), SERVICE), Map.of(ROUTE.id(), ROUTE),
                Map.of(ACME.id(), ACME), Map.of(), Specs.settings(), byId, null, 0);
        this.policies = new PolicyResolver(list, Map.of());
        this.directory = ConsumerDirectory.build(state, KeyTable.empty(), ConsumerDirectory.empty());
        this.targets = new WeightedRoundRobin(SERVICE.protocol(), SERVICE.targets());
        this.gatewayRoute = Route.async().id(ROUTE.name()).uri(URI.create(targets.first())).predicate(e -> true)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, SERVICE.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) SERVICE.responseTimeoutMs())
                .build();
        this.route = new CompiledRoute(ROUTE, SERVICE, targets, gatewayRoute, exchange -> Mono.empty());
        this.config = new LiveConfig(state, ConfigSource.ADMIN, RouteTable.build(List.of(route)),
                Map.of(SERVICE.id(), targets), Map.of(ROUTE.id(), route), KeyTable.empty(), directory, 0, policies);
    }

    /** A configuration at revision 1 holding these policies. */
    public static PolicyFixture of(PolicySpec... policies) {
        return at(1, policies);
    }

    /** A configuration at {@code revision} holding these policies. */
    public static PolicyFixture at(long revision, PolicySpec... policies) {
        return new PolicyFixture(revision, Arrays.asList(policies));
    }

    /** A route-scoped policy on {@code orders}. */
    public static PolicySpec onRoute(String name, PolicyConfig config) {
        return Specs.routePolicy(name, ROUTE, config);
    }

    /** A consumer-scoped policy on {@code acme}. */
    public static PolicySpec onConsumer(String name, PolicyConfig config) {
        return new PolicySpec("pol-" + name, name, true, PolicyScope.CONSUMER, null, null, ACME.id(), null, config);
    }

    public LiveConfig config() {
        return config;
    }

    public CompiledRoute route() {
        return route;
    }

    /** What the factories are given for the route under this configuration, its policies compiled by them. */
    public RouteSetup setup(RouteFilterFactory... factories) {
        Map<PolicyType, PolicyFilterFactory<?, ?>> byType = new HashMap<>();
        for (RouteFilterFactory factory : factories) {
            if (factory instanceof PolicyFilterFactory<?, ?> policy) {
                byType.put(PolicyType.of(policy.policyType()), policy);
            }
        }
        // policies of types none of the factories compiles are left out, as if the node had no such policy
        Map<String, PolicySpec> compiledTypes = new HashMap<>();
        state.policies().forEach((id, p) -> {
            if (byType.containsKey(p.type())) {
                compiledTypes.put(id, p);
            }
        });
        ConfigState compiled = new ConfigState(state.revision(), 0, state.services(), state.routes(),
                state.consumers(), Map.of(), state.settings(), compiledTypes, null, 0);
        return new RouteSetup(ROUTE, SERVICE, targets, gatewayRoute, state, policies, directory,
                CompiledPolicies.compile(compiled, byType), Map.of(SERVICE.id(), targets));
    }

    /**
     * The route's filter as {@code factories} compile it under this configuration: their filters in order, each
     * left out when its factory returns none, as the route's chain would hold them.
     */
    public GatewayFilter filter(RouteFilterFactory... factories) {
        RouteSetup setup = setup(factories);
        List<RouteFilterFactory> ordered = new ArrayList<>(Arrays.asList(factories));
        ordered.sort(Comparator.comparingInt(RouteFilterFactory::order));
        List<GatewayFilter> filters = new ArrayList<>();
        for (RouteFilterFactory factory : ordered) {
            GatewayFilter filter = factory.apply(setup);
            if (filter != null) {
                filters.add(filter);
            }
        }
        return (exchange, chain) -> run(filters, 0, exchange, chain);
    }

    private static Mono<Void> run(List<GatewayFilter> filters, int index,
                                  org.springframework.web.server.ServerWebExchange exchange, GatewayFilterChain end) {
        if (index == filters.size()) {
            return end.filter(exchange);
        }
        return filters.get(index).filter(exchange, next -> run(filters, index + 1, next, end));
    }

    /**
     * A filter that runs, for each exchange made by a fixture, the route's filter as {@code factories} compile it
     * under that fixture's configuration (compiled per call: the factories keep their own state, counters and
     * breakers, across calls, as they do across configurations).
     */
    public static GatewayFilter filterOf(RouteFilterFactory... factories) {
        return (exchange, chain) -> {
            PolicyFixture fixture = exchange.getAttribute(ATTRIBUTE);
            return fixture.filter(factories).filter(exchange, chain);
        };
    }

    /** {@code request} routed to {@code orders}, from {@code 192.0.2.7} (no trusted proxies). */
    public MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return exchange(request, "192.0.2.7");
    }

    /** {@code request} routed to {@code orders}, from {@code peer}. */
    public MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, String peer) {
        return exchange(request.remoteAddress(new InetSocketAddress(peer, 40000)).build());
    }

    /** A built {@code request} (with a body, say) routed to {@code orders}. */
    public MockServerWebExchange exchange(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, new ClientAddressResolver(List.of())
                .resolve(exchange.getRequest().getRemoteAddress(),
                        exchange.getRequest().getHeaders().get("X-Forwarded-For")));
        GatehouseCall.of(exchange).routed(config, new RouteMatch(route, "/orders".length()));
        exchange.getAttributes().put(ATTRIBUTE, this);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route.gatewayRoute());
        return exchange;
    }

    /** The same exchange, authenticated as {@code acme}. */
    public MockServerWebExchange asAcme(MockServerWebExchange exchange) {
        GatehouseCall.of(exchange).authenticated(directory.byId(ACME.id()), null, null);
        return exchange;
    }
}
