package dev.gatehouse.runtime.routing;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.server.ServerWebExchange;

/**
 * Least outstanding requests by the power of two choices: two distinct targets drawn at random, the one with
 * fewer outstanding calls per unit of weight wins (ties to the heavier). Two random choices avoid the herd that
 * "always the least loaded" makes of several nodes acting on the same stale view, and cost two reads, not n.
 */
public final class LeastRequests implements Balancer {

    private final UpstreamTarget[] targets;

    LeastRequests(UpstreamTarget[] targets) {
        this.targets = targets;
    }

    @Override
    public UpstreamTarget pick(ServerWebExchange exchange) {
        UpstreamTarget chosen = choose(targets);
        chosen.acquire();
        return chosen;
    }

    /** The less loaded of two random distinct targets (not counted). */
    static UpstreamTarget choose(UpstreamTarget[] targets) {
        if (targets.length == 1) {
            return targets[0];
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(targets.length);
        int b = random.nextInt(targets.length - 1);
        if (b >= a) {
            b++;
        }
        return lighter(targets[a], targets[b]);
    }

    /** The target with the lower (active + 1) / weight, compared without division; ties to the heavier. */
    static UpstreamTarget lighter(UpstreamTarget a, UpstreamTarget b) {
        long loadA = (long) (a.active() + 1) * b.weight();
        long loadB = (long) (b.active() + 1) * a.weight();
        if (loadA != loadB) {
            return loadA < loadB ? a : b;
        }
        return a.weight() >= b.weight() ? a : b;
    }

    @Override
    public boolean countsCalls() {
        return true;
    }

    @Override
    public String first() {
        return targets[0].origin();
    }
}
