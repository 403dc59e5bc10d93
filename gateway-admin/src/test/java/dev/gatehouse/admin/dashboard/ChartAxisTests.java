package dev.gatehouse.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.admin.calllog.TrafficSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChartAxisTests {

    @Test
    void withoutDataTheAxisSpansTheEmptyRangeInRoundSteps() {
        ChartAxis rps = ChartAxis.of(0, TrafficChart.EMPTY_RPS);
        assertThat(rps.labels()).containsExactly("0", "0.5", "1");
        assertThat(rps.ticks()).containsExactly(0.0, 0.5, 1.0);
        assertThat(rps.max()).isEqualTo(1.0);

        assertThat(ChartAxis.of(0, TrafficChart.EMPTY_LATENCY_MS).labels()).containsExactly("0", "5", "10");
        assertThat(ChartAxis.of(Double.NaN, 1).labels()).containsExactly("0", "0.5", "1");
        assertThat(ChartAxis.of(-3, 1).labels()).containsExactly("0", "0.5", "1");
    }

    @Test
    void theTopIsTheFirstRoundStepAtOrAboveTheLargestValue() {
        assertThat(ChartAxis.of(0.017, 1).labels()).containsExactly("0", "0.005", "0.01", "0.015", "0.02");
        assertThat(ChartAxis.of(1, 1).labels()).containsExactly("0", "0.5", "1");
        assertThat(ChartAxis.of(7.3, 1).labels()).containsExactly("0", "2", "4", "6", "8");
        assertThat(ChartAxis.of(100, 1).labels()).containsExactly("0", "50", "100");
        assertThat(ChartAxis.of(0.3, 1).labels()).containsExactly("0", "0.1", "0.2", "0.3");
        assertThat(ChartAxis.of(0.3, 1).ticks()).containsExactly(0.0, 0.1, 0.2, 0.3);
    }

    @Test
    void thousandsAndMillionsAreShortened() {
        assertThat(ChartAxis.of(12_345, 1).labels()).containsExactly("0", "5k", "10k", "15k");
        assertThat(ChartAxis.of(2_500_000, 1).labels()).containsExactly("0", "1M", "2M", "3M");
        assertThat(ChartAxis.of(900, 1).labels()).containsExactly("0", "500", "1000");
    }

    @Test
    void anyValueGetsThreeToFiveDistinctTicksCoveringIt() {
        Random random = new Random(16);
        for (int i = 0; i < 10_000; i++) {
            double value = Math.pow(10, random.nextDouble() * 14 - 6) * random.nextDouble();
            ChartAxis axis = ChartAxis.of(value, 1);
            assertThat(axis.ticks()).as("ticks for %s", value).hasSizeBetween(3, 5).first().isEqualTo(0.0);
            assertThat(axis.max()).as("top for %s", value).isGreaterThanOrEqualTo(value)
                    .isEqualTo(axis.ticks().get(axis.ticks().size() - 1));
            assertThat(new HashSet<>(axis.labels())).as("labels for %s: %s", value, axis.labels())
                    .hasSameSizeAs(axis.labels());
            assertThat(axis.labels()).hasSameSizeAs(axis.ticks());
        }
    }

    @Test
    void theEmptySpanMustBePositive() {
        assertThatThrownBy(() -> ChartAxis.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrafficChartTakesItsAxesFromItsColumns() {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        TrafficSeries idle = new TrafficSeries(t, t.plusSeconds(120), "1m", List.of(
                new TrafficSeries.Point(t, 0, 0, null, null, null),
                new TrafficSeries.Point(t.plusSeconds(60), 0, 0, null, null, null)));
        TrafficChart empty = TrafficChart.of(idle, Duration.ofMinutes(1));
        assertThat(empty.rpsAxis().labels()).containsExactly("0", "0.5", "1");
        assertThat(empty.errorAxis().labels()).containsExactly("0", "0.5", "1");
        assertThat(empty.latencyAxis().labels()).containsExactly("0", "5", "10");

        TrafficSeries busy = new TrafficSeries(t, t.plusSeconds(120), "1m", List.of(
                new TrafficSeries.Point(t, 600, 6, 4.0, 20.0, 180.0),
                new TrafficSeries.Point(t.plusSeconds(60), 0, 0, null, null, null)));
        TrafficChart chart = TrafficChart.of(busy, Duration.ofMinutes(1));
        assertThat(chart.rpsAxis().labels()).containsExactly("0", "5", "10");
        assertThat(chart.errorAxis().labels()).containsExactly("0", "0.5", "1");
        assertThat(chart.latencyAxis().labels()).containsExactly("0", "50", "100", "150", "200");
    }
}
