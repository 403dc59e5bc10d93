package dev.gatehouse.admin.calllog;

/**
 * One upstream call a composite route made to answer a client's call, as the call's detail shows it. Stored as a
 * call-log record of its own (with the call's request id) but never counted or listed as a call.
 *
 * @param name           the step's name in the route
 * @param serviceId      the service called, or {@code null}
 * @param serviceName    its name at the time of the call
 * @param method         HTTP method sent upstream
 * @param path           path sent upstream, without the query string
 * @param status         status the service answered (or the gateway recorded for the step)
 * @param startMicros    when the step started, microseconds after the composite call arrived
 * @param latencyMicros  how long the step took, microseconds
 * @param upstreamMicros time waiting for the service's response headers, microseconds; -1 when it was not called
 * @param bytesIn        request body bytes sent to the service
 * @param bytesOut       response body bytes read from it
 * @param errorCode      the problem code the gateway recorded for the step (timeout, unreachable…), else
 *                       {@code null}
 */
public record CallStep(String name, String serviceId, String serviceName, String method, String path, int status,
                       long startMicros, long latencyMicros, long upstreamMicros, long bytesIn, long bytesOut,
                       String errorCode) {

    /** A step failed when its service did not answer 2xx or the gateway recorded an error for it. */
    public boolean failed() {
        return errorCode != null || status < 200 || status >= 300;
    }
}
