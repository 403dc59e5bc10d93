package dev.gatehouse.runtime.routing;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.upstream.Balancing;
import org.springframework.web.server.ServerWebExchange;

/**
 * Chooses which target of a service receives a call, by the service's {@link Balancing}. Built once per service
 * and configuration, shared by every call; {@link #pick} is called on the event loop and must not block.
 */
public sealed interface Balancer permits WeightedRoundRobin, LeastRequests, ConsistentHash {

    /**
     * The target for a call. When {@link #countsCalls()} the target's count was raised and the caller must
     * {@link UpstreamTarget#release() release} it once the call to it ends (see {@link TargetPicks}).
     *
     * @param exchange the client's call, for the balancers that hash a key of it
     */
    UpstreamTarget pick(ServerWebExchange exchange);

    /** Whether picks are counted and must be released: only balancers that weigh outstanding calls count. */
    boolean countsCalls();

    /** The origin of the first target; used where one fixed URI is needed. */
    String first();

    /** The balancer a service asks for. */
    static Balancer of(ServiceSpec service) {
        UpstreamTarget[] targets = UpstreamTarget.of(service.protocol(), service.targets());
        Balancing balancing = service.balancing();
        return switch (balancing.algorithm()) {
            case ROUND_ROBIN -> new WeightedRoundRobin(targets);
            case LEAST_REQUESTS -> new LeastRequests(targets);
            case CONSISTENT_HASH -> new ConsistentHash(targets, HashKey.of(balancing), balancing.boundedLoad());
        };
    }
}
