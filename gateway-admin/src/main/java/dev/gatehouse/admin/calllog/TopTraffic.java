package dev.gatehouse.admin.calllog;

import java.util.List;

/**
 * The busiest routes and consumers and the most frequent error answers over a range, for the dashboard.
 *
 * @param routes    routes by calls, most first
 * @param consumers consumers by calls, most first
 * @param errors    (route, status class) pairs answered 4xx or 5xx, most first
 */
public record TopTraffic(List<Entry> routes, List<Entry> consumers, List<ErrorEntry> errors) {

    /**
     * @param id       route or consumer id
     * @param name     its name when last seen
     * @param requests calls
     * @param errors   calls answered 5xx
     */
    public record Entry(String id, String name, long requests, long errors) {
    }

    /**
     * @param routeId     route id; empty when no route matched
     * @param routeName   its name when last seen
     * @param statusClass {@code 4xx} or {@code 5xx}
     * @param count       calls
     */
    public record ErrorEntry(String routeId, String routeName, String statusClass, long count) {
    }
}
