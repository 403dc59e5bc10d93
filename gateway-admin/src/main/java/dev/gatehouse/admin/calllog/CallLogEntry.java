package dev.gatehouse.admin.calllog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One call a client made, as the logs API shows it (a composite route's step records are not calls: see
 * {@link CallStep}).
 *
 * @param id             storage id (with {@code timestamp}, the paging key)
 * @param timestamp      when the request arrived
 * @param nodeId         node that served it
 * @param requestId      the {@code X-Request-Id} of the call
 * @param routeId        matched route id, or {@code null} when no route matched
 * @param routeName      matched route name at the time of the call
 * @param serviceId      service id, or {@code null}
 * @param serviceName    service name at the time of the call
 * @param consumerId     authenticated consumer id, or {@code null}
 * @param consumerName   consumer name at the time of the call
 * @param keyPrefix      display prefix of the API key used, or {@code null}
 * @param method         HTTP method
 * @param path           request path without the query string
 * @param status         HTTP status answered
 * @param latencyMicros  total latency, microseconds
 * @param upstreamMicros time waiting for the upstream's response headers, microseconds; -1 when none was called
 * @param bytesIn        request body bytes
 * @param bytesOut       response body bytes
 * @param clientIp       client address
 * @param errorCode      the problem {@code code} when the gateway answered an error, else {@code null}
 * @param stepCount      for a call to a composite route, how many upstream calls (steps) it made, as stored so far
 *                       (their records may arrive in a later batch); 0 for an ordinary call
 * @param traceId        the W3C trace id the node traced the call under, or {@code null} when tracing was off
 */
public record CallLogEntry(long id, Instant timestamp, String nodeId, String requestId, String routeId,
                           String routeName, String serviceId, String serviceName, String consumerId,
                           String consumerName, String keyPrefix, String method, String path, int status,
                           long latencyMicros, long upstreamMicros, long bytesIn, long bytesOut, String clientIp,
                           String errorCode, int stepCount, String traceId) {

    /** True when the call was answered by a composite route's steps (shown in the API as {@code composite}). */
    @JsonProperty("composite")
    public boolean composite() {
        return stepCount > 0;
    }
}
