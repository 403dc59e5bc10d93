package dev.gatehouse.admin.calllog;

import java.util.Arrays;

/**
 * The latency histogram of the minute roll-ups: one definition of the bucket bounds, shared by ingestion (which
 * counts) and queries (which merge and read percentiles). Bounds are log-spaced, 40 of them from 100 µs to 60 s, so
 * each bucket is about 41% wider than the one below; a 41st bucket counts everything slower than 60 s.
 * <p>
 * A percentile read from a histogram is the upper bound of the bucket in which the cumulative count reaches the
 * rank (nearest-rank definition). It is never below the exact value and lies in the same bucket, so it is at most
 * one bucket (about 41%) above it. Calls slower than 60 s are reported as 60 s. Changing the bounds changes the
 * meaning of every stored roll-up: add a new column instead.
 */
public final class LatencyHistogram {

    /** Bounded buckets; index {@link #BUCKETS} - 1 is the overflow bucket. */
    private static final int BOUNDED = 40;
    /** Number of buckets, the length of every stored histogram array. */
    public static final int BUCKETS = BOUNDED + 1;
    /** Upper bound of the first bucket, microseconds. */
    public static final long MIN_BOUND_MICROS = 100;
    /** Upper bound of the last bounded bucket, microseconds. */
    public static final long MAX_BOUND_MICROS = 60_000_000;

    private static final long[] BOUNDS = bounds();

    private final long[] counts;

    /** An empty histogram. */
    public LatencyHistogram() {
        this.counts = new long[BUCKETS];
    }

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram over stored bucket counts; shorter arrays are padded with zeros. */
    public static LatencyHistogram of(long[] counts) {
        if (counts.length > BUCKETS) {
            throw new IllegalArgumentException("at most " + BUCKETS + " buckets, got " + counts.length);
        }
        return new LatencyHistogram(Arrays.copyOf(counts, BUCKETS));
    }

    /** Upper bound (inclusive) of bucket {@code index} in microseconds; the overflow bucket reports the last bound. */
    public static long upperBoundMicros(int index) {
        return BOUNDS[Math.min(index, BOUNDED - 1)];
    }

    /** The bucket a latency falls in: the first whose upper bound is at least the latency. */
    public static int bucketOf(long latencyMicros) {
        int at = Arrays.binarySearch(BOUNDS, Math.max(0, latencyMicros));
        return at >= 0 ? at : -at - 1;
    }

    /** Counts one call. */
    public void record(long latencyMicros) {
        counts[bucketOf(latencyMicros)]++;
    }

    /** Adds another histogram's counts to this one. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** Adds {@code count} calls to bucket {@code index}. */
    public void add(int index, long count) {
        counts[index] += count;
    }

    /** Calls counted. */
    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** A copy of the bucket counts, as stored. */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * The {@code quantile} (0 < q ≤ 1) in microseconds: the upper bound of the bucket holding the call of rank
     * ⌈q·n⌉; {@code -1} when the histogram is empty.
     */
    public long percentileMicros(double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
        }
        long total = total();
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBoundMicros(i);
            }
        }
        return upperBoundMicros(BUCKETS - 1);
    }

    /** The quantile in milliseconds, or {@code null} when the histogram is empty. */
    public Double percentileMillis(double quantile) {
        long micros = percentileMicros(quantile);
        return micros < 0 ? null : micros / 1000.0;
    }

    private static long[] bounds() {
        long[] bounds = new long[BOUNDED];
        double ratio = Math.pow((double) MAX_BOUND_MICROS / MIN_BOUND_MICROS, 1.0 / (BOUNDED - 1));
        for (int i = 0; i < BOUNDED; i++) {
            bounds[i] = Math.round(MIN_BOUND_MICROS * Math.pow(ratio, i));
        }
        bounds[BOUNDED - 1] = MAX_BOUND_MICROS;
        return bounds;
    }
}
