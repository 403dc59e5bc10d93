package dev.gatehouse.runtime.routing;

import java.util.Arrays;

import org.springframework.web.server.ServerWebExchange;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2016). Each target owns points on a
 * 64-bit ring in proportion to its weight, placed by hashing its origin, so a target's points do not depend on the
 * other targets: adding or removing one target moves only the keys it gains or held, about 1/n of them. A call's
 * key is hashed onto the ring and goes to the owner of the next point, unless that owner already has more than
 * {@code bound} times its weighted share of the node's outstanding calls to the service; then the walk goes on
 * round the ring to the next owner with room. A hot key therefore spills to the next targets instead of sinking
 * one. A call without a key (the header or cookie absent, an anonymous consumer) is balanced by least requests.
 */
public final class ConsistentHash implements Balancer {

    /** Ring points of the heaviest target; lighter targets get proportionally fewer, at least one. */
    static final int POINTS_PER_TARGET = 160;

    private final UpstreamTarget[] targets;
    private final HashKey key;
    private final double bound;
    private final long totalWeight;
    private final long[] points;
    private final int[] owners;

    ConsistentHash(UpstreamTarget[] targets, HashKey key, double bound) {
        this.targets = targets;
        this.key = key;
        this.bound = bound;
        int heaviest = Arrays.stream(targets).mapToInt(UpstreamTarget::weight).max().orElse(1);
        this.totalWeight = Arrays.stream(targets).mapToLong(UpstreamTarget::weight).sum();
        int size = 0;
        int[] counts = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            counts[i] = Math.max(1, (int) Math.round((double) POINTS_PER_TARGET * targets[i].weight() / heaviest));
            size += counts[i];
        }
        long[][] ring = new long[size][];
        int next = 0;
        for (int i = 0; i < targets.length; i++) {
            for (int point = 0; point < counts[i]; point++) {
                ring[next++] = new long[] {hash(targets[i].origin() + "#" + point), i};
            }
        }
        Arrays.sort(ring, (a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0])
                : targets[(int) a[1]].origin().compareTo(targets[(int) b[1]].origin()));
        this.points = new long[size];
        this.owners = new int[size];
        for (int i = 0; i < size; i++) {
            points[i] = ring[i][0];
            owners[i] = (int) ring[i][1];
        }
    }

    @Override
    public UpstreamTarget pick(ServerWebExchange exchange) {
        String value = key.of(exchange);
        UpstreamTarget chosen = value == null ? LeastRequests.choose(targets) : place(value);
        chosen.acquire();
        return chosen;
    }

    /** The target for {@code value}: the ring's owner, or the next one round the ring with room (not counted). */
    UpstreamTarget place(String value) {
        if (targets.length == 1) {
            return targets[0];
        }
        int start = slot(hash(value));
        long outstanding = 0;
        for (UpstreamTarget target : targets) {
            outstanding += target.active();
        }
        for (int step = 0; step < points.length; step++) {
            UpstreamTarget owner = targets[owners[(start + step) % points.length]];
            if (hasRoom(owner, outstanding)) {
                return owner;
            }
        }
        return targets[owners[start]];
    }

    /** The ring's owner of {@code value} with no bound: what placement would be on an idle node. */
    UpstreamTarget owner(String value) {
        return targets[owners[slot(hash(value))]];
    }

    private boolean hasRoom(UpstreamTarget target, long outstanding) {
        double capacity = Math.ceil(bound * (outstanding + 1) * target.weight() / totalWeight);
        return target.active() + 1 <= capacity;
    }

    /** Index of the first point at or after {@code hash}, wrapping to 0. */
    private int slot(long hash) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(points[middle], hash) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == points.length ? 0 : low;
    }

    /**
     * 64-bit FNV-1a over the UTF-16 code units (no byte array per call: this runs for every call), then MurmurHash3's
     * finaliser so that near keys land far apart.
     */
    static long hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            hash ^= value.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
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
