package dev.gatehouse.admin.dashboard;

import dev.gatehouse.admin.calllog.TrafficSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A traffic series as the dashboard's charts draw it: parallel columns, as uPlot takes them, with time in epoch
 * seconds. Rendered into the page as JSON; {@code null} marks a step without calls (a gap in the latency lines).
 *
 * @param t            start of each step, epoch seconds
 * @param requests     calls in the step
 * @param rps          requests per second over the step
 * @param errorPercent share of calls answered 5xx, percent; {@code null} without calls
 * @param p50          median latency, ms
 * @param p95          95th percentile, ms
 * @param p99          99th percentile, ms
 * @param rpsAxis      value axis of the requests-per-second chart
 * @param errorAxis    value axis of the error-rate chart
 * @param latencyAxis  value axis of the latency chart
 */
public record TrafficChart(List<Long> t, List<Long> requests, List<Double> rps, List<Double> errorPercent, List<Double> p50, List<Double> p95,
                    List<Double> p99, ChartAxis rpsAxis, ChartAxis errorAxis, ChartAxis latencyAxis) {

    /** What the axes span without any call: 1 request per second, 1 %, 10 ms. */
    static final double EMPTY_RPS = 1;
    static final double EMPTY_ERROR_PERCENT = 1;
    static final double EMPTY_LATENCY_MS = 10;

    static TrafficChart of(TrafficSeries series, Duration step) {
        int n = series.points().size();
        List<Long> t = new ArrayList<>(n);
        List<Long> requests = new ArrayList<>(n);
        List<Double> rps = new ArrayList<>(n);
        List<Double> errors = new ArrayList<>(n);
        List<Double> p50 = new ArrayList<>(n);
        List<Double> p95 = new ArrayList<>(n);
        List<Double> p99 = new ArrayList<>(n);
        double seconds = step.toSeconds();
        for (TrafficSeries.Point p : series.points()) {
            t.add(p.t().getEpochSecond());
            requests.add(p.requests());
            rps.add(round(p.requests() / seconds));
            errors.add(p.requests() == 0 ? null : round(100.0 * p.errors() / p.requests()));
            p50.add(p.p50Ms());
            p95.add(p.p95Ms());
            p99.add(p.p99Ms());
        }
        return new TrafficChart(t, requests, rps, errors, p50, p95, p99, ChartAxis.of(max(rps), EMPTY_RPS),
                ChartAxis.of(max(errors), EMPTY_ERROR_PERCENT), ChartAxis.of(max(p99, p95, p50), EMPTY_LATENCY_MS));
    }

    /** The largest value in the columns, ignoring gaps ({@code null}); 0 for none. */
    @SafeVarargs
    private static double max(List<Double>... columns) {
        double max = 0;
        for (List<Double> column : columns) {
            for (Double value : column) {
                if (value != null && value > max) {
                    max = value;
                }
            }
        }
        return max;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Figures for the summary strip over the whole range.
     *
     * @param requests     calls
     * @param rps          average requests per second
     * @param errorPercent share answered 5xx, percent (0 without calls)
     * @param errors       calls answered 5xx
     */
    public record Totals(long requests, double rps, double errorPercent, long errors) {

        static Totals of(TrafficSeries series, Duration range) {
            long requests = series.points().stream().mapToLong(TrafficSeries.Point::requests).sum();
            long errors = series.points().stream().mapToLong(TrafficSeries.Point::errors).sum();
            return new Totals(requests, round((double) requests / range.toSeconds()),
                    requests == 0 ? 0 : round(100.0 * errors / requests), errors);
        }
    }
}
