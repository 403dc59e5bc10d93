package dev.gatehouse.runtime.call;

/**
 * The trace a call belongs to, as the rest of the node sees it: the {@code tracing} package fills this slot of the
 * {@link GatehouseCall} when tracing is on (its spans and what it propagates upstream stay inside that package),
 * and the call log reads the trace id from it. Absent (null) when tracing is off.
 */
public interface CallTrace {

    /**
     * The W3C trace id (32 lower-case hex digits) when the call's spans are recorded and exported (the call was
     * sampled), else null: a trace id is only worth storing where a trace viewer can show it; the request id
     * already correlates the call with the upstream's logs.
     */
    String recordedTraceId();
}
