package dev.gatehouse.runtime.calllog;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.requestid.RequestIds;
import dev.gatehouse.runtime.routing.CompiledRoute;

import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the {@link CallRecord} of each step of a composite call into the same {@link CallBuffer} as every other
 * record, linked to the composite call by its request id, route and consumer, and timed from its arrival
 * ({@code stepStartMicros}). Step records are not counted in the request metrics: the composite call is, once.
 * Present only while the call log is enabled.
 */
public final class StepRecords {

    private final CallBuffer buffer;
    private final String nodeId;

    StepRecords(CallBuffer buffer, String nodeId) {
        this.buffer = buffer;
        this.nodeId = nodeId;
    }

    /** Queues the record of {@code step}, one step of the composite call of {@code exchange}, without waiting. */
    public void record(ServerWebExchange exchange, StepCall step) {
        GatehouseCall call = GatehouseCall.of(exchange);
        CompiledRoute route = call.route();
        long offsetNanos = call.hasArrived() ? Math.max(0, step.startNanos() - call.arrivedNanos()) : 0;
        long timestamp = call.hasArrived() ? call.arrivedMillis() + offsetNanos / 1_000_000
                : System.currentTimeMillis();
        buffer.offer(new CallRecord(timestamp, nodeId, RequestIds.of(exchange),
                route == null ? null : route.spec().id(), route == null ? null : route.spec().name(),
                step.serviceId(), step.serviceName(), call.consumerId(),
                call.consumer() == null ? null : call.consumer().name(), call.keyPrefix(), step.method(),
                CallLogFilter.recordedPath(step.path()), step.status(), step.latencyNanos() / 1_000,
                step.upstreamNanos() < 0 ? -1 : step.upstreamNanos() / 1_000, step.bytesIn(), step.bytesOut(),
                CallLogFilter.clientIp(call.client()), step.errorCode(), step.step(), offsetNanos / 1_000, call.traceId()));
    }
}
