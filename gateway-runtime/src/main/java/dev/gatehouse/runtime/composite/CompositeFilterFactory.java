package dev.gatehouse.runtime.composite;

import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.calllog.StepRecords;
import dev.gatehouse.runtime.tracing.Tracing;
import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.policy.resilience.CircuitBreakers;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.stereotype.Component;

/**
 * The last filter of a composite route's chain ({@link FilterOrder#COMPOSITE}): compiled with its configuration
 * ({@link CompiledComposite}; a route that cannot be compiled refuses the configuration), it answers the call from
 * its steps ({@link CompositeExecutor}) instead of forwarding it. Steps are sent with Spring Cloud Gateway's
 * {@link HttpClient}, the one the forwarding filter uses: same connection pools and settings, and every connection
 * passes the node's target guard ({@code upstream.UpstreamConfiguration} customizes that client). Ordinary routes
 * get nothing from this factory.
 */
@Component
public class CompositeFilterFactory implements RouteFilterFactory {

    private final HttpClient client;
    private final CircuitBreakers breakers;
    private final CompositeExecutor executor;

    /**
     * @param client   SCG's upstream client
     * @param breakers the node's circuit breakers (a step's service may have one)
     * @param records  the call log's step records, absent when the call log is off
     * @param tracing  the node's tracing: each step is one upstream client span of the call's trace
     */
    public CompositeFilterFactory(HttpClient client, CircuitBreakers breakers, ObjectProvider<StepRecords> records,
                                  Tracing tracing) {
        this.client = client;
        this.breakers = breakers;
        this.executor = new CompositeExecutor(records.getIfAvailable(), tracing);
    }

    @Override
    public int order() {
        return FilterOrder.COMPOSITE;
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        if (!route.spec().isComposite()) {
            return null;
        }
        CompiledComposite composite = CompiledComposite.compile(route, client, breakers);
        return (exchange, chain) -> executor.execute(composite, exchange);
    }
}
