package dev.gatehouse.admin.dashboard;

import org.springframework.validation.Errors;

/**
 * The dashboard's query, as typed: a range ({@link DashboardRange} key) and optionally one route, service and/or
 * consumer (id or name) whose traffic alone the charts, totals and top lists show.
 */
public class DashboardFilter {

    /** Longest id or name accepted, as for call-log filters. */
    static final int MAX_TEXT = 256;

    private String range;
    private String route;
    private String service;
    private String consumer;

    /** Rejects values that cannot name anything, beside their field; blank values mean "any". */
    void validate(Errors errors) {
        check("route", route, errors);
        check("service", service, errors);
        check("consumer", consumer, errors);
    }

    private static void check(String field, String value, Errors errors) {
        if (value != null && value.strip().length() > MAX_TEXT) {
            errors.rejectValue(field, "tooLong", "must be at most " + MAX_TEXT + " characters");
        }
    }

    /** Whether a route, service or consumer narrows the view. */
    public boolean isFiltered() {
        return route() != null || service() != null || consumer() != null;
    }

    String route() {
        return blankToNull(route);
    }

    String service() {
        return blankToNull(service);
    }

    String consumer() {
        return blankToNull(consumer);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range;
    }

    public String getRoute() {
        return route;
    }

    public void setRoute(String route) {
        this.route = route;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer;
    }
}
