package dev.gatehouse.admin.calllog;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of the console's call-log page, as typed. Either a preset range ({@code 15m}, {@code 1h},
 * {@code 24h}, {@code 7d}) ending now, or {@code custom} with ISO-8601 {@code from} and {@code to}. Values are
 * checked by the logs API's own rules, so the page and the API refuse the same input with the same words.
 */
public class LogSearchForm {

    /** Preset ranges, in the order the selector shows them. */
    static final Map<String, Duration> PRESETS = presets();
    static final String CUSTOM = "custom";
    static final String DEFAULT_RANGE = "1h";

    private String range = DEFAULT_RANGE;
    private String from;
    private String to;
    private String route;
    private String service;
    private String consumer;
    private String keyPrefix;
    private String status;
    private String minLatencyMs;
    private String requestId;
    private String cursor;

    private static Map<String, Duration> presets() {
        Map<String, Duration> presets = new LinkedHashMap<>();
        presets.put("15m", Duration.ofMinutes(15));
        presets.put("1h", Duration.ofHours(1));
        presets.put("24h", Duration.ofHours(24));
        presets.put("7d", Duration.ofDays(7));
        return presets;
    }

    /** Whether the range is typed in rather than a preset. */
    public boolean isCustom() {
        return CUSTOM.equals(range);
    }

    /** The {@code from} the API is asked for: the preset's start, or the typed one. */
    String fromFor(Instant now) {
        return isCustom() ? from : now.minus(PRESETS.getOrDefault(range, PRESETS.get(DEFAULT_RANGE))).toString();
    }

    /** The {@code to} the API is asked for: now (none) for a preset, or the typed one. */
    String toFor() {
        return isCustom() ? to : null;
    }

    /** Whether any filter beyond the time range is set. */
    public boolean isFiltered() {
        return route != null || service != null || consumer != null || keyPrefix != null || status != null
                || minLatencyMs != null || requestId != null;
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range != null && (PRESETS.containsKey(range) || CUSTOM.equals(range)) ? range : DEFAULT_RANGE;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
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

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getMinLatencyMs() {
        return minLatencyMs;
    }

    public void setMinLatencyMs(String minLatencyMs) {
        this.minLatencyMs = minLatencyMs;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }
}
