package dev.gatehouse.runtime.calllog;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Request metrics for Prometheus, with labels whose values the admin defines (route and plan names) or that are
 * fixed sets (status class, error code), never raw paths or keys: {@code gatehouse_requests_total{route,
 * status_class, plan}}, {@code gatehouse_request_duration_seconds{route}} (a few SLO buckets),
 * {@code gatehouse_upstream_errors_total{route, code}}, and the call-log shipper's
 * {@code gatehouse_calllog_buffer_records}, {@code gatehouse_calllog_spool_bytes},
 * {@code gatehouse_calllog_spool_batches}, {@code gatehouse_calllog_dropped_total} and
 * {@code gatehouse_calllog_shipped_total}.
 */
final class CallLogMetrics {

    private static final String NONE = "none";
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Duration[] SLOS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final LiveConfigHolder holder;
    // looking meters up through the registry per request (builder, id, meter filters) measurably slowed a sequential
    // 3,000-call probe; keep them here instead. Keys are bounded by routes x status classes x plans.
    private final ConcurrentHashMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> durations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RequestKey, Counter> upstreamErrors = new ConcurrentHashMap<>();

    private record RequestKey(String route, String label, String plan) {
    }

    CallLogMetrics(MeterRegistry registry, LiveConfigHolder holder) {
        this.registry = registry;
        this.holder = holder;
    }

    /** Registers the shipper's gauges and counters. */
    void bind(CallBuffer buffer, CallShipper shipper) {
        Gauge.builder("gatehouse.calllog.buffer.records", buffer, CallBuffer::size)
                .description("Call records waiting in memory").register(registry);
        Gauge.builder("gatehouse.calllog.spool.bytes", shipper, s -> s.spool().bytes())
                .description("Bytes of call-log batches spooled on disk").register(registry);
        Gauge.builder("gatehouse.calllog.spool.batches", shipper, s -> s.spool().batches())
                .description("Call-log batches spooled on disk").register(registry);
        FunctionCounter.builder("gatehouse.calllog.dropped", shipper, CallShipper::dropped)
                .description("Call records dropped because buffer and spool were full").register(registry);
        FunctionCounter.builder("gatehouse.calllog.shipped", shipper, CallShipper::shipped)
                .description("Call records acknowledged by the admin").register(registry);
    }

    /** Counts one finished request. */
    void record(CallRecord call, long latencyNanos) {
        String route = call.routeName() == null ? NONE : call.routeName();
        int statusClass = call.status() / 100;
        String label = statusClass >= 1 && statusClass <= 5 ? STATUS_CLASSES[statusClass - 1] : "other";
        requests.computeIfAbsent(new RequestKey(route, label, plan(call.consumerId())), key -> Counter
                        .builder("gatehouse.requests")
                        .description("Requests answered, by route, status class and consumer plan")
                        .tag("route", key.route())
                        .tag("status_class", key.label())
                        .tag("plan", key.plan())
                        .register(registry))
                .increment();
        durations.computeIfAbsent(route, name -> Timer.builder("gatehouse.request.duration")
                        .description("Time from request to the end of the response, by route")
                        .tag("route", name)
                        .serviceLevelObjectives(SLOS)
                        .register(registry))
                .record(latencyNanos, TimeUnit.NANOSECONDS);
        if (GatewayProblem.isUpstreamFailure(call.errorCode())) {
            upstreamErrors.computeIfAbsent(new RequestKey(route, call.errorCode(), NONE), key -> Counter
                            .builder("gatehouse.upstream.errors")
                            .description("Upstream calls that failed (502, 504), by route and problem code")
                            .tag("route", key.route())
                            .tag("code", key.label())
                            .register(registry))
                    .increment();
        }
    }

    private String plan(String consumerId) {
        if (consumerId == null) {
            return NONE;
        }
        ConfigState state = holder.current().state();
        ConsumerSpec consumer = state.consumers().get(consumerId);
        PlanSpec plan = consumer == null || consumer.planId() == null ? null : state.plans().get(consumer.planId());
        return plan == null ? NONE : plan.name();
    }
}
