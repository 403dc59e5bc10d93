package dev.gatehouse.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One proxied call as a node saw it, shipped to the admin for call logs and dashboards. Written for every request
 * the node answered, including the ones it refused itself (401, 403, 404, 429, 5xx).
 *
 * @param timestamp        when the request arrived, epoch milliseconds
 * @param nodeId           node that served it
 * @param requestId        the {@code X-Request-Id} sent upstream and returned to the client
 * @param routeId          matched route id, or {@code null} when no route matched
 * @param routeName        matched route name, or {@code null}
 * @param serviceId        id of the route's service, or {@code null}
 * @param serviceName      name of the route's service, or {@code null}
 * @param consumerId       authenticated consumer id, or {@code null}
 * @param consumerName     authenticated consumer name, or {@code null}
 * @param keyPrefix        display prefix of the API key used, or {@code null}
 * @param method           HTTP method
 * @param path             request path without the query string
 * @param status           HTTP status answered to the client
 * @param latencyMicros    total time from request to the end of the response, microseconds
 * @param upstreamMicros   time spent waiting for the upstream's response headers, microseconds; -1 when no upstream
 *                         was called
 * @param bytesIn          request body bytes received
 * @param bytesOut         response body bytes sent
 * @param clientIp         the client address the node decided on
 * @param errorCode        the problem {@code code} when the gateway answered with an error, else {@code null}
 * @param step             for one upstream call of a composite route, the step's name (the record shares the
 *                         composite call's request id, route and consumer; service, method, path, status and
 *                         times are the step's own); {@code null} for a call a client made
 * @param stepStartMicros  for a step, when it started, in microseconds after the composite call arrived; else 0
 */
public record CallRecord(long timestamp, String nodeId, String requestId, String routeId, String routeName,
                         String serviceId, String serviceName, String consumerId, String consumerName,
                         String keyPrefix, String method, String path, int status, long latencyMicros,
                         long upstreamMicros, long bytesIn, long bytesOut, String clientIp, String errorCode,
                         // named explicitly: the ignored isStep() would otherwise hide it when reading
                         @JsonProperty("step") String step, long stepStartMicros) {

    /** True when this is one upstream call of a composite route rather than a call a client made. */
    @JsonIgnore
    public boolean isStep() {
        return step != null;
    }
}
