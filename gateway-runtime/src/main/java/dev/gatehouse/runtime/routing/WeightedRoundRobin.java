package dev.gatehouse.runtime.routing;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.TargetSpec;
import org.springframework.web.server.ServerWebExchange;

/**
 * Picks a service's target by smooth weighted round robin without locks. The smooth order (nginx's algorithm:
 * heavy targets are spread out, not sent bursts) is computed once per configuration over the weights divided by
 * their greatest common divisor; each call then takes the next slot of that sequence with one atomic increment.
 * Each node starts at a random slot so that nodes restarted together do not all hit the same target first.
 * Picks are not counted: round robin does not weigh load, so it costs nothing when the call ends.
 */
public final class WeightedRoundRobin implements Balancer {

    private final UpstreamTarget[] targets;
    private final short[] sequence;
    private final AtomicLong counter;

    /** Builds the picker for these targets, reached over {@code protocol}. */
    public WeightedRoundRobin(Protocol protocol, List<TargetSpec> targets) {
        this(UpstreamTarget.of(protocol, targets));
    }

    WeightedRoundRobin(UpstreamTarget[] targets) {
        this.targets = targets;
        this.sequence = smoothSequence(Arrays.stream(targets).mapToInt(UpstreamTarget::weight).toArray());
        this.counter = new AtomicLong(ThreadLocalRandom.current().nextInt(sequence.length));
    }

    @Override
    public UpstreamTarget pick(ServerWebExchange exchange) {
        if (targets.length == 1) {
            return targets[0];
        }
        long slot = counter.getAndIncrement();
        return targets[sequence[(int) Long.remainderUnsigned(slot, sequence.length)]];
    }

    /** The origin ({@code scheme://host:port}) of the next target. */
    public String next() {
        return pick(null).origin();
    }

    @Override
    public boolean countsCalls() {
        return false;
    }

    @Override
    public String first() {
        return targets[0].origin();
    }

    /** Length of one full round (sum of the reduced weights). */
    int roundLength() {
        return sequence.length;
    }

    /** The smooth weighted round robin order of target indexes over one full round. */
    static short[] smoothSequence(int[] weights) {
        int divisor = 0;
        for (int w : weights) {
            if (w < 1) {
                throw new IllegalArgumentException("weights must be positive");
            }
            divisor = gcd(divisor, w);
        }
        int[] reduced = new int[weights.length];
        int total = 0;
        for (int i = 0; i < weights.length; i++) {
            reduced[i] = weights[i] / divisor;
            total += reduced[i];
        }
        short[] out = new short[total];
        long[] current = new long[weights.length];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < reduced.length; i++) {
                current[i] += reduced[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out[slot] = (short) best;
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
