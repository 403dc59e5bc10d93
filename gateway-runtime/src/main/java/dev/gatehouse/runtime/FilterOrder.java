package dev.gatehouse.runtime;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;

/**
 * The order of every Gatehouse global filter, in one table: lower runs first. Spring Cloud Gateway's own filters
 * are listed for reference; ours sit between them. Web filters (around routing, so they also see the requests the
 * gateway answers itself) come first.
 *
 * <pre>
 *   web filters:
 *   MIN     RequestIdWebFilter (chooses the request id)
 *   MIN+1   CALL_LOG: times and counts every proxy-port request, records it when the response has ended
 *   MIN+10  PreflightWebFilter
 *   global filters (matched routes only):
 *   -1      SCG NettyWriteResponseFilter (writes the upstream response after the chain)
 *   1000    AUTH: brute-force check, API key / JWT, identity headers, credential removal
 *   10000   SCG RouteToRequestUrlFilter
 *   10001   TARGET_URL: picks the target and builds the upstream URL from the (rewritten) request
 *   MAX-1   UPSTREAM_TIMER: time from sending upstream until the response headers, for the call log
 *   MAX     SCG NettyRoutingFilter / WebsocketRoutingFilter (forward the request)
 * </pre>
 */
public final class FilterOrder {

    /** Authentication runs before anything that forwards or counts the call. */
    public static final int AUTH = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1_001;

    /** Right after SCG's {@link RouteToRequestUrlFilter}, whose result it replaces. */
    public static final int TARGET_URL = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    /** Web filter: right after the request id is chosen, before anything can answer the request. */
    public static final int CALL_LOG = Ordered.HIGHEST_PRECEDENCE + 1;

    /** Just before SCG's NettyRoutingFilter, whose chain completes when the upstream's headers arrive. */
    public static final int UPSTREAM_TIMER = Ordered.LOWEST_PRECEDENCE - 1;

    private FilterOrder() {
    }
}
