package dev.gatehouse.runtime;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;

/**
 * The order of every Gatehouse global filter, in one table: lower runs first. Spring Cloud Gateway's own filters
 * are listed for reference; ours sit between them.
 *
 * <pre>
 *   -1      SCG NettyWriteResponseFilter (writes the upstream response after the chain)
 *   1000    AUTH: brute-force check, API key / JWT, identity headers, credential removal
 *   10000   SCG RouteToRequestUrlFilter
 *   10001   TARGET_URL: picks the target and builds the upstream URL from the (rewritten) request
 *   MAX     SCG NettyRoutingFilter / WebsocketRoutingFilter (forward the request)
 * </pre>
 */
public final class FilterOrder {

    /** Authentication runs before anything that forwards or counts the call. */
    public static final int AUTH = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1_001;

    /** Right after SCG's {@link RouteToRequestUrlFilter}, whose result it replaces. */
    public static final int TARGET_URL = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private FilterOrder() {
    }
}
