package dev.gatehouse.admin.calllog;

import java.time.Instant;
import java.util.List;

/**
 * Traffic over time from the minute roll-ups.
 *
 * @param from   start of the first point (the requested start, aligned down to the step)
 * @param to     end of the range (exclusive)
 * @param step   width of each point, e.g. {@code 5m}
 * @param points one per step, empty steps included
 */
public record TrafficSeries(Instant from, Instant to, String step, List<Point> points) {

    /**
     * One step of traffic. Percentiles are the upper bound of the latency bucket holding the rank (at most one
     * bucket, about 41%, above the exact value); {@code null} when there were no calls.
     *
     * @param t        start of the step
     * @param requests calls
     * @param errors   calls answered 5xx
     * @param p50Ms    median latency, milliseconds
     * @param p95Ms    95th percentile
     * @param p99Ms    99th percentile
     */
    public record Point(Instant t, long requests, long errors, Double p50Ms, Double p95Ms, Double p99Ms) {
    }
}
