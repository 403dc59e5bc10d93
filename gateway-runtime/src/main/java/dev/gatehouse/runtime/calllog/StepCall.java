package dev.gatehouse.runtime.calllog;

/**
 * What one step of a composite call did, for its {@link dev.gatehouse.config.CallRecord}: the composite call's own
 * record carries the client's side, this the upstream's.
 *
 * @param step           the step's name
 * @param serviceId      id of the service the step called
 * @param serviceName    its name
 * @param method         the step's HTTP method
 * @param path           the upstream path (base path and expanded template), without the query
 * @param status         the upstream's status, or the gateway's (502, 504, 499) when it gave none
 * @param startNanos     when the step started, on {@link System#nanoTime()}'s clock
 * @param latencyNanos   from start until its answer was read (or it failed)
 * @param upstreamNanos  from sending the last attempt until its response headers; -1 when none arrived
 * @param bytesIn        request body bytes sent to the step
 * @param bytesOut       answer body bytes read from it
 * @param errorCode      why the step failed, or null when it succeeded
 */
public record StepCall(String step, String serviceId, String serviceName, String method, String path, int status,
                       long startNanos, long latencyNanos, long upstreamNanos, long bytesIn, long bytesOut,
                       String errorCode) {
}
