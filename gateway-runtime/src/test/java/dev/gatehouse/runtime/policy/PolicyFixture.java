package dev.gatehouse.runtime.policy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.PolicyConfig;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.runtime.auth.AuthAttributes;
import dev.gatehouse.runtime.auth.ConsumerDirectory;
import dev.gatehouse.runtime.auth.RouteAuth;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfig;
import dev.gatehouse.runtime.proxy.GatehouseHandlerMapping;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteMatch;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;
import dev.gatehouse.runtime.support.Specs;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * A configuration with one route ({@code orders}, prefix {@code /orders}, on service {@code orders} with two
 * targets), one consumer ({@code acme}) and the given policies, and exchanges routed to that route as the handler
 * mapping would route them, for filter unit tests.
 */
public final class PolicyFixture {

    public static final ServiceSpec SERVICE = Specs.service("orders", Specs.target(9001), Specs.target(9002));
    public static final RouteSpec ROUTE = Specs.route("orders", SERVICE).paths("/orders").build();
    public static final ConsumerSpec ACME = Specs.consumer("acme");

    private final LiveConfig config;
    private final CompiledRoute route;

    private PolicyFixture(long revision, List<PolicySpec> policies) {
        Map<String, PolicySpec> byId = new HashMap<>();
        policies.forEach(p -> byId.put(p.id(), p));
        ConfigState state = new ConfigState(revision, 0, Map.of(SERVICE.id(), SERVICE), Map.of(ROUTE.id(), ROUTE),
                Map.of(ACME.id(), ACME), Map.of(), Specs.settings(), byId, null, 0);
        WeightedRoundRobin targets = new WeightedRoundRobin(SERVICE.protocol(), SERVICE.targets());
        Route gatewayRoute = Route.async().id(ROUTE.name()).uri(URI.create(targets.first())).predicate(e -> true)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, SERVICE.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) SERVICE.responseTimeoutMs())
                .build();
        this.route = new CompiledRoute(ROUTE, SERVICE, targets, gatewayRoute, new RouteAuth(AuthMode.NONE,
                ROUTE.id(), SERVICE.id(), List.of(), Set.of(), KeyAuthSpec.DEFAULT, List.of(), List.of(), null));
        this.config = new LiveConfig(state, ConfigSource.ADMIN, RouteTable.build(List.of(route)),
                Map.of(SERVICE.id(), targets), Map.of(ROUTE.id(), route), KeyTable.empty(), ConsumerDirectory.empty(),
                0, new PolicyResolver(policies, Map.of()));
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
        exchange.getAttributes().put(LiveConfig.ATTRIBUTE, config);
        exchange.getAttributes().put(GatehouseHandlerMapping.MATCH_ATTRIBUTE,
                new RouteMatch(route, "/orders".length()));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route.gatewayRoute());
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, new ClientAddressResolver(List.of())
                .resolve(exchange.getRequest().getRemoteAddress(),
                        exchange.getRequest().getHeaders().get("X-Forwarded-For")));
        return exchange;
    }

    /** The same exchange, authenticated as {@code acme}. */
    public MockServerWebExchange asAcme(MockServerWebExchange exchange) {
        exchange.getAttributes().put(AuthAttributes.CONSUMER_ID, ACME.id());
        return exchange;
    }
}
