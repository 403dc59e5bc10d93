package dev.gatehouse.runtime.tracing;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.policy.CorsPolicy;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.config.policy.TransformPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.GatehouseProperties;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.node.ServerPorts;
import dev.gatehouse.runtime.tracing.PhaseFilterFactory.Phase;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing's parts: the {@link Tracing} itself (always there, off without an endpoint), the web filter of the server
 * span, the phase markers and the upstream span step (which give routes no step while tracing is off), and the
 * export counters.
 *
 * <p>Phases of a route's chain: {@code match} (from the call's arrival to the start of its route's chain: canonical
 * target, client address, route lookup), {@code policies} (CORS and IP rules before authentication, where the
 * route may have them), {@code auth} (key or JWT routes), {@code policies} (rate limits, quotas, size limits,
 * transforms, where the route may have them), then one client span per upstream attempt.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean(destroyMethod = "close")
    Tracing tracing(TracingProperties properties, GatehouseProperties node) {
        return Tracing.of(properties, node.nodeId(), node.version());
    }

    @Bean
    TracingWebFilter tracingWebFilter(Tracing tracing, ServerPorts ports) {
        return new TracingWebFilter(tracing, ports);
    }

    @Bean
    PhaseFilterFactory routeChainStartMarker(Tracing tracing) {
        return new PhaseFilterFactory(tracing, FilterOrder.TRACE_CHAIN_START,
                route -> new Phase(preAuthPolicies(route) ? CallSpans.POLICIES : null));
    }

    @Bean
    PhaseFilterFactory authStartMarker(Tracing tracing) {
        return new PhaseFilterFactory(tracing, FilterOrder.TRACE_AUTH_START,
                route -> hasAuth(route) ? new Phase(CallSpans.AUTH) : null);
    }

    @Bean
    PhaseFilterFactory authEndMarker(Tracing tracing) {
        return new PhaseFilterFactory(tracing, FilterOrder.TRACE_AUTH_END, route -> {
            if (hasAuth(route)) {
                return new Phase(postAuthPolicies(route) ? CallSpans.POLICIES : null);
            }
            // without auth, policies before and after its place are one span
            return !preAuthPolicies(route) && postAuthPolicies(route) ? new Phase(CallSpans.POLICIES) : null;
        });
    }

    @Bean
    PhaseFilterFactory policiesEndMarker(Tracing tracing) {
        return new PhaseFilterFactory(tracing, FilterOrder.TRACE_POLICIES_END,
                route -> hasAuth(route) || preAuthPolicies(route) || postAuthPolicies(route) ? Phase.END : null);
    }

    @Bean
    UpstreamSpanFilterFactory upstreamSpanFilterFactory(Tracing tracing) {
        return new UpstreamSpanFilterFactory(tracing);
    }

    @Bean
    TracingMetrics tracingMetrics(MeterRegistry registry, Tracing tracing) {
        return new TracingMetrics(registry, tracing);
    }

    private static boolean hasAuth(RouteSetup route) {
        return route.spec().auth() != AuthMode.NONE;
    }

    private static boolean preAuthPolicies(RouteSetup route) {
        return route.mayHave(CorsPolicy.class) || route.mayHave(IpRestrictionPolicy.class);
    }

    private static boolean postAuthPolicies(RouteSetup route) {
        return route.mayHave(RateLimitPolicy.class) || route.mayHave(RequestSizePolicy.class)
                || route.mayHave(TransformPolicy.class);
    }
}
