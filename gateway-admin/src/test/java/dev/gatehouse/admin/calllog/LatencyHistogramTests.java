package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    @Test
    void boundsAreLogSpacedFrom100MicrosTo60Seconds() {
        assertThat(LatencyHistogram.BUCKETS).isEqualTo(41);
        assertThat(LatencyHistogram.upperBoundMicros(0)).isEqualTo(100);
        assertThat(LatencyHistogram.upperBoundMicros(39)).isEqualTo(60_000_000);
        for (int i = 1; i < 40; i++) {
            double ratio = (double) LatencyHistogram.upperBoundMicros(i) / LatencyHistogram.upperBoundMicros(i - 1);
            assertThat(ratio).as("ratio at %d", i).isBetween(1.39, 1.42);
        }
        // The overflow bucket reports the last bound.
        assertThat(LatencyHistogram.upperBoundMicros(40)).isEqualTo(60_000_000);
    }

    @Test
    void bucketOfIsInclusiveOfTheUpperBound() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(-5)).isZero();
        assertThat(LatencyHistogram.bucketOf(100)).isZero();
        assertThat(LatencyHistogram.bucketOf(101)).isEqualTo(1);
        long b5 = LatencyHistogram.upperBoundMicros(5);
        assertThat(LatencyHistogram.bucketOf(b5)).isEqualTo(5);
        assertThat(LatencyHistogram.bucketOf(b5 + 1)).isEqualTo(6);
        assertThat(LatencyHistogram.bucketOf(60_000_000)).isEqualTo(39);
        assertThat(LatencyHistogram.bucketOf(60_000_001)).isEqualTo(40);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(40);
    }

    @Test
    void percentileIsTheUpperBoundOfTheBucketHoldingTheRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            h.record(50);          // bucket 0
        }
        for (int i = 0; i < 10; i++) {
            h.record(1_000_000);   // 1 s
        }
        assertThat(h.total()).isEqualTo(100);
        assertThat(h.percentileMicros(0.5)).isEqualTo(100);
        assertThat(h.percentileMicros(0.90)).isEqualTo(100);
        assertThat(h.percentileMicros(0.91)).isEqualTo(LatencyHistogram.upperBoundMicros(
                LatencyHistogram.bucketOf(1_000_000)));
        assertThat(h.percentileMillis(0.5)).isEqualTo(0.1);
        assertThat(new LatencyHistogram().percentileMicros(0.5)).isEqualTo(-1);
        assertThat(new LatencyHistogram().percentileMillis(0.5)).isNull();
        assertThatThrownBy(() -> h.percentileMicros(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.percentileMicros(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesAreWithinOneBucketOfExactNearestRank() {
        Random random = new Random(42);
        long[] values = new long[10_001];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(4 + random.nextDouble() * 14); // 55 µs .. 66 s
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long estimate = h.percentileMicros(q);
            if (exact > LatencyHistogram.MAX_BOUND_MICROS) {
                // Slower than the last bound: reported as the last bound.
                assertThat(estimate).isEqualTo(LatencyHistogram.MAX_BOUND_MICROS);
                continue;
            }
            int distance = LatencyHistogram.bucketOf(estimate) - LatencyHistogram.bucketOf(exact);
            assertThat(distance).as("q=%s exact=%d estimate=%d", q, exact, estimate).isBetween(0, 1);
            assertThat(estimate).isGreaterThanOrEqualTo(exact);
        }
    }

    @Test
    void mergingHistogramsEqualsRecordingEverything() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (long v = 1; v < 5_000_000; v = v * 3 + 7) {
            (v % 2 == 0 ? a : b).record(v);
            all.record(v);
        }
        a.add(b);
        assertThat(a.counts()).containsExactly(all.counts());
        assertThat(LatencyHistogram.of(new long[] {1, 2}).counts()).hasSize(41).startsWith(1, 2, 0);
        assertThatThrownBy(() -> LatencyHistogram.of(new long[42])).isInstanceOf(IllegalArgumentException.class);
    }
}
