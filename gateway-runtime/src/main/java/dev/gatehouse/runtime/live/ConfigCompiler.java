package dev.gatehouse.runtime.live;

import dev.gatehouse.config.policy.PolicyResolver;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.auth.ConsumerDirectory;
import dev.gatehouse.runtime.auth.RouteAuthCompiler;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * Turns a validated {@link ConfigState} and its key table into a {@link LiveConfig}. Services and routes whose specs
 * did not change keep their compiled objects (and so their round-robin position, SCG route identity and JWT
 * verifier); everything else is built here, once per configuration, so that requests only look things up.
 */
public final class ConfigCompiler {

    /** Route metadata key holding the Gatehouse route id. */
    public static final String ROUTE_ID_METADATA = "gatehouse-route-id";
    /** Route metadata key holding the service name. */
    public static final String SERVICE_METADATA = "gatehouse-service";

    private final RouteAuthCompiler auth;

    public ConfigCompiler(RouteAuthCompiler auth) {
        this.auth = auth;
    }

    /** Compiles {@code state} with {@code keys}, reusing what it can from {@code previous}. */
    public LiveConfig compile(ConfigState state, KeyTable keys, ConfigSource source, LiveConfig previous) {
        Map<String, WeightedRoundRobin> pickers = new HashMap<>();
        for (ServiceSpec service : state.services().values()) {
            WeightedRoundRobin reused = previous.state().services().get(service.id()) != null
                    && previous.state().services().get(service.id()).equals(service)
                    ? previous.services().get(service.id()) : null;
            pickers.put(service.id(), reused != null ? reused
                    : new WeightedRoundRobin(service.protocol(), service.targets()));
        }
        Map<String, CompiledRoute> compiled = new HashMap<>();
        List<CompiledRoute> enabled = new ArrayList<>();
        for (RouteSpec route : state.routes().values()) {
            ServiceSpec service = state.services().get(route.serviceId());
            WeightedRoundRobin picker = pickers.get(route.serviceId());
            CompiledRoute before = previous.compiled().get(route.id());
            CompiledRoute next = before != null && before.spec().equals(route) && before.service().equals(service)
                    && before.targets() == picker ? before : compile(route, service, picker);
            compiled.put(route.id(), next);
            if (route.enabled()) {
                enabled.add(next);
            }
        }
        auth.retainJwks(compiled.values().stream().map(CompiledRoute::auth).toList());
        ConsumerDirectory directory = ConsumerDirectory.build(state, keys, previous.directory());
        return new LiveConfig(state, source, RouteTable.build(enabled), pickers, compiled, keys, directory,
                state.hash() + keys.keysHash(), new PolicyResolver(state.policies().values(), state.plans()));
    }

    /** Builds one route, including the SCG route whose metadata carries the service's timeouts. */
    private CompiledRoute compile(RouteSpec route, ServiceSpec service, WeightedRoundRobin picker) {
        Route gatewayRoute = Route.async()
                .id(route.name())
                // NettyRoutingFilter reads only the timeouts from the route; the URL is chosen per request
                .uri(URI.create(picker.first()))
                .predicate(exchange -> true)
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, service.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) service.responseTimeoutMs())
                .metadata(ROUTE_ID_METADATA, route.id())
                .metadata(SERVICE_METADATA, service.name())
                .build();
        return new CompiledRoute(route, service, picker, gatewayRoute, auth.compile(route));
    }
}
