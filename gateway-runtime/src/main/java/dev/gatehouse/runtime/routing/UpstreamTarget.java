package dev.gatehouse.runtime.routing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.TargetSpec;

/**
 * One target of a service as a node's balancer sees it: its origin, its weight and, for the balancers that
 * weigh load, how many calls this node has outstanding to it. A configuration swap that keeps the service
 * unchanged keeps its targets, so the counts stay true across swaps; calls still out when a changed service
 * replaces them release into the old objects, which are then dropped.
 */
public final class UpstreamTarget {

    private final String origin;
    private final int weight;
    private final AtomicInteger active = new AtomicInteger();

    UpstreamTarget(Protocol protocol, TargetSpec target) {
        String host = target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
        this.origin = protocol.scheme() + "://" + host + ":" + target.port();
        this.weight = target.weight();
    }

    /** {@code scheme://host:port}. */
    public String origin() {
        return origin;
    }

    int weight() {
        return weight;
    }

    /** Calls this node has outstanding to the target (counted only by the balancers that weigh load). */
    public int active() {
        return active.get();
    }

    void acquire() {
        active.incrementAndGet();
    }

    /** Ends a call that a load-weighing balancer counted. */
    public void release() {
        active.decrementAndGet();
    }

    static UpstreamTarget[] of(Protocol protocol, java.util.List<TargetSpec> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a service has at least one target");
        }
        return targets.stream().map(t -> new UpstreamTarget(protocol, t)).toArray(UpstreamTarget[]::new);
    }

    @Override
    public String toString() {
        return origin + " (weight " + weight + ", " + active.get() + " active)";
    }
}
