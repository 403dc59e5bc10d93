package dev.gatehouse.runtime.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidationException;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.Balancer;
import dev.gatehouse.runtime.scg.GatewayRoutes;

import org.springframework.cloud.gateway.route.Route;

/**
 * Turns a validated {@link ConfigState} and its key table into a {@link LiveConfig}: target pickers, every policy
 * compiled by its type's factory, and every route's filter chain ({@link RouteChains}), so that requests only look
 * things up. Services and routes whose specs did not change keep their target picker (and so their round-robin
 * position) and SCG route; chains are built afresh, because policies, consumers and keys may have changed.
 *
 * <p>A configuration whose policies or chains do not all compile is refused as a whole
 * ({@link ConfigValidationException}): the node keeps the one it serves.
 */
public final class ConfigCompiler {

    private final RouteChains chains;

    public ConfigCompiler(RouteChains chains) {
        this.chains = chains;
    }

    /** Compiles {@code state} with {@code keys}, reusing what it can from {@code previous}. */
    public LiveConfig compile(ConfigState state, KeyTable keys, ConfigSource source, LiveConfig previous) {
        Map<String, Balancer> pickers = new HashMap<>();
        for (ServiceSpec service : state.services().values()) {
            Balancer reused = service.equals(previous.state().services().get(service.id()))
                    ? previous.services().get(service.id()) : null;
            pickers.put(service.id(), reused != null ? reused
                    : Balancer.of(service));
        }
        PolicyResolver policies = new PolicyResolver(state.policies().values(), state.plans());
        CompiledPolicies compiledPolicies = chains.compilePolicies(state);
        ConsumerDirectory directory = ConsumerDirectory.build(state, keys, previous.directory());
        Map<String, CompiledRoute> compiled = new HashMap<>();
        List<CompiledRoute> enabled = new ArrayList<>();
        List<Violation> failures = new ArrayList<>();
        for (RouteSpec route : state.routes().values()) {
            // a composite route has no service of its own: its steps find theirs in the pickers
            ServiceSpec service = route.isComposite() ? null : state.services().get(route.serviceId());
            Balancer picker = route.isComposite() ? null : pickers.get(route.serviceId());
            CompiledRoute before = previous.compiled().get(route.id());
            Route gatewayRoute = route.isComposite() ? null
                    : before != null && before.spec().equals(route) && service.equals(before.service())
                    && before.targets() == picker ? before.gatewayRoute()
                    : GatewayRoutes.of(route, service, picker.first());
            RouteSetup setup = new RouteSetup(route, service, picker, gatewayRoute, state, policies, directory,
                    compiledPolicies, pickers);
            try {
                CompiledRoute next = new CompiledRoute(route, service, picker, gatewayRoute, chains.build(setup));
                compiled.put(route.id(), next);
                if (route.enabled()) {
                    enabled.add(next);
                }
            } catch (IllegalArgumentException e) {
                failures.add(new Violation("routes[" + route.name() + "]", "cannot be compiled: " + e.getMessage()));
            }
        }
        if (!failures.isEmpty()) {
            throw new ConfigValidationException(failures);
        }
        return new LiveConfig(state, source, RouteTable.build(enabled), pickers, compiled, keys, directory,
                state.hash() + keys.keysHash(), policies);
    }
}
