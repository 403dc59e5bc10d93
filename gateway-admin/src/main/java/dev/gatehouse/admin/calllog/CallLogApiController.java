package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.KeysetCursor;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for call logs and traffic: {@code GET /api/v1/logs}, {@code GET /api/v1/logs/{requestId}},
 * {@code GET /api/v1/metrics/traffic} and {@code GET /api/v1/metrics/top}. Every bad parameter is reported at
 * once as a 400 {@code validation_failed} naming the field. Calls are the calls clients made: a composite
 * call is listed once (with {@code composite} and {@code stepCount}), and its detail lists its {@code steps}.
 */
@RestController
class CallLogApiController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_POINTS = 2000;
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,6})(s|m|h|d)");

    private final CallLogService logs;
    private final Clock clock;

    CallLogApiController(CallLogService logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    @GetMapping("/api/v1/logs")
    CallLogPage search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String route, @RequestParam(required = false) String service,
                       @RequestParam(required = false) String consumer,
                       @RequestParam(required = false) String keyPrefix,
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String minLatencyMs,
                       @RequestParam(required = false) String requestId,
                       @RequestParam(required = false) String limit,
                       @RequestParam(required = false) String cursor) {
        List<Violation> v = new ArrayList<>();
        Instant[] range = range(from, to, v);
        CallLogFilter filter = CallLogFilter.parse(route, service, consumer, keyPrefix, status, minLatencyMs,
                requestId, v);
        int size = DEFAULT_LIMIT;
        if (present(limit)) {
            Long parsed = parseLong(limit);
            if (parsed == null || parsed < 1 || parsed > MAX_LIMIT) {
                v.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
            } else {
                size = parsed.intValue();
            }
        }
        KeysetCursor position = null;
        if (present(cursor)) {
            position = KeysetCursor.decode(CallLogService.CURSOR_TAG, cursor).orElse(null);
            if (position == null) {
                v.add(new Violation("cursor", "is not a cursor returned by this API"));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return logs.search(new CallLogQuery(range[0], range[1], filter, size, position));
    }

    @GetMapping("/api/v1/logs/{requestId}")
    CallLogDetail one(@PathVariable String requestId) {
        return logs.detail(requestId)
                .orElseThrow(() -> new NotFoundException("no call with request id " + requestId));
    }

    @GetMapping("/api/v1/metrics/traffic")
    TrafficSeries traffic(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String step,
                          @RequestParam(required = false) String route,
                          @RequestParam(required = false) String service,
                          @RequestParam(required = false) String consumer) {
        List<Violation> v = new ArrayList<>();
        Instant[] range = range(from, to, v);
        String stepText = present(step) ? step.trim() : "1m";
        Duration width = parseStep(stepText);
        if (width == null) {
            v.add(new Violation("step", "must be a whole number of minutes or more, such as 60s, 5m, 1h or 1d"));
        } else if (v.isEmpty()
                && Duration.between(range[0], range[1]).dividedBy(width) >= MAX_POINTS) {
            v.add(new Violation("step", "gives more than " + MAX_POINTS + " points for this range; use a larger step"));
        }
        text("route", route, v);
        text("service", service, v);
        text("consumer", consumer, v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return logs.traffic(range[0], range[1], width, stepText, blankToNull(route), blankToNull(service),
                blankToNull(consumer));
    }

    @GetMapping("/api/v1/metrics/top")
    TopTraffic top(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String limit) {
        List<Violation> v = new ArrayList<>();
        Instant[] range = range(from, to, v);
        int size = 10;
        if (present(limit)) {
            Long parsed = parseLong(limit);
            if (parsed == null || parsed < 1 || parsed > 100) {
                v.add(new Violation("limit", "must be between 1 and 100"));
            } else {
                size = parsed.intValue();
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return logs.top(range[0], range[1], size);
    }

    /** A step such as {@code 60s}, {@code 5m}, {@code 1h}: whole minutes, since roll-ups are per minute. */
    static Duration parseStep(String text) {
        Matcher m = STEP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return d.toSeconds() % 60 == 0 && d.compareTo(Duration.ofDays(31)) <= 0 ? d : null;
    }

    /** [from, to): defaults to the last hour; both must be ISO-8601 instants and from before to. */
    private Instant[] range(String from, String to, List<Violation> v) {
        Instant now = clock.instant();
        Instant end = present(to) ? instant("to", to, v) : now;
        Instant start = present(from) ? instant("from", from, v)
                : (end == null ? now : end).minus(DEFAULT_RANGE);
        if (start != null && end != null && !start.isBefore(end)) {
            v.add(new Violation("from", "must be before to"));
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String field, String text, List<Violation> v) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static Long parseLong(String text) {
        return CallLogFilter.parseLong(text);
    }

    private static void text(String field, String value, List<Violation> v) {
        if (value != null && value.length() > CallBatchReader.MAX_TEXT) {
            v.add(new Violation(field, "must be at most " + CallBatchReader.MAX_TEXT + " characters"));
        }
    }

    private static boolean present(String value) {
        return CallLogFilter.present(value);
    }

    private static String blankToNull(String value) {
        return CallLogFilter.blankToNull(value);
    }
}
