package dev.gatehouse.runtime;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;

/**
 * The order of every Gatehouse global filter, in one table: lower runs first. Spring Cloud Gateway's own filters
 * are listed for reference; ours sit between them. Web filters (around routing, so they also see the requests the
 * gateway answers itself) come first. Each route runs only the global filters with work on it
 * (each route's chain is compiled with its configuration: {@code live.RouteChains}).
 *
 * <pre>
 *   web filters:
 *   MIN     REQUEST_ID: chooses the request id
 *   MIN+1   TRACING: the call's server span, around the call log so it ends with the status answered
 *   MIN+1   CLIENT_ADDRESS: the caller's address (peer, or X-Forwarded-For behind trusted proxies)
 *   MIN+1   REQUEST_TARGET: canonical path, one host (independent of CLIENT_ADDRESS, so they may share a rank)
 *   MIN+2   CALL_LOG: times and counts every proxy-port request, records it when the response has ended
 *   MIN+10  PREFLIGHT: routes CORS pre-flights like any other call
 *   global filters (matched routes only):
 *   MIN     TRACE_CHAIN_START: ends the match phase span (tracing on only; so are the other TRACE_ steps)
 *   -1      RESPONSE_WRITE: writes the upstream response after the chain (replaces SCG's NettyWriteResponseFilter)
 *   800     CORS: answers preflights of routes with a CORS policy, adds CORS headers to responses
 *   900     IP_RESTRICTION: allow/deny lists (route-level scopes, before credentials are looked at)
 *   999     TRACE_AUTH_START: starts the auth phase span
 *   1000    AUTH: brute-force check, API key / JWT, identity headers, credential removal
 *   1001    TRACE_AUTH_END: ends it, starts the policies span where policies may follow
 *   1100    RATE_LIMIT: rate limits (most specific policy, or the consumer's plan)
 *   1200    QUOTA: the plan's daily/monthly quotas (after rate limits, so throttled calls use no quota)
 *   1300    REQUEST_SIZE: Content-Length check and streamed byte count
 *   1400    TRANSFORM: request/response header changes and path rewrite
 *   1500    COMPOSITE: a composite route's steps and answer; its chain ends here (nothing below runs on it)
 *   10000   (SCG RouteToRequestUrlFilter: switched off, TARGET_URL does its work)
 *   10001   TARGET_URL: picks the target and builds the upstream URL from the (rewritten) request
 *   10001   TRACE_POLICIES_END: ends the open phase span (after TARGET_URL: route steps follow global ones)
 *   10100   TIMEOUT: the policy's connect and response timeouts for the upstream call
 *   10101   RETRY: retries the rest of the chain on other targets
 *   10102   CIRCUIT_BREAKER: each attempt through the route's breaker
 *   MAX-1   UPSTREAM_TIMER: time from sending upstream until the response headers, for the call log
 *   MAX-1   UPSTREAM_SPAN: the client span of each attempt (after UPSTREAM_TIMER: route steps follow global ones)
 *   MAX     SCG NettyRoutingFilter / WebsocketRoutingFilter (forward the request)
 *   header filters (run by NettyRoutingFilter on the upstream request and response headers):
 *   MAX     HEADERS: ProxyHeadersFilter (request), ResponseHeadersFilter (response)
 * </pre>
 */
public final class FilterOrder {

    /** Authentication runs before anything that forwards or counts the call. */
    public static final int AUTH = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1_001;

    /** CORS is decided before anything can refuse the call, so refusals carry CORS headers too. */
    public static final int CORS = AUTH - 200;

    /** Address rules come before credentials are even looked at. */
    public static final int IP_RESTRICTION = AUTH - 100;

    /** Rate limits need the authenticated consumer. */
    public static final int RATE_LIMIT = AUTH + 100;

    /** Quotas count only calls that passed the rate limits. */
    public static final int QUOTA = AUTH + 200;

    /** Body size limits. */
    public static final int REQUEST_SIZE = AUTH + 300;

    /** Header changes and path rewrite, before the upstream URL is built from the request. */
    public static final int TRANSFORM = AUTH + 400;

    /**
     * A composite route's executor: after everything that decides about the call (CORS, IP rules, authentication,
     * limits, size, transform), in place of the forwarding part of the chain (target URL, timeout, retry, breaker,
     * upstream timer, SCG's routing filters, the response writer), which a composite route's chain does not hold.
     */
    public static final int COMPOSITE = TRANSFORM + 100;

    /** Right after SCG's {@link RouteToRequestUrlFilter}, whose result it replaces. */
    public static final int TARGET_URL = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    /** The policy's timeouts, for the forwarding filter that reads them. */
    public static final int TIMEOUT = TARGET_URL + 99;

    /** Retries wrap the breaker and the forwarding filters that follow, so each attempt asks the breaker. */
    public static final int RETRY = TIMEOUT + 1;

    /** Each attempt through the breaker, just before the forwarding filters. */
    public static final int CIRCUIT_BREAKER = RETRY + 1;

    /** Web filter: right after the request id is chosen. */
    public static final int CLIENT_ADDRESS = Ordered.HIGHEST_PRECEDENCE + 1;

    /** Web filter: the canonical path replaces the raw one before the call log or routing reads it. */
    public static final int REQUEST_TARGET = Ordered.HIGHEST_PRECEDENCE + 1;

    /** Web filter: right after the client address is known, before anything can answer the request. */
    public static final int CALL_LOG = Ordered.HIGHEST_PRECEDENCE + 2;

    /** Just before SCG's NettyRoutingFilter, whose chain completes when the upstream's headers arrive. */
    public static final int UPSTREAM_TIMER = Ordered.LOWEST_PRECEDENCE - 1;

    /**
     * Web filter: the server span, outside the call log (which answers errors inside it) so that it ends with the
     * status the client got; independent of CLIENT_ADDRESS and REQUEST_TARGET, so it may share their rank.
     */
    public static final int TRACING = Ordered.HIGHEST_PRECEDENCE + 1;

    /** Tracing: the first step of every route's chain ends the match phase. */
    public static final int TRACE_CHAIN_START = Integer.MIN_VALUE;

    /** Tracing: the auth phase starts right before authentication. */
    public static final int TRACE_AUTH_START = AUTH - 1;

    /** Tracing: the auth phase ends right after it. */
    public static final int TRACE_AUTH_END = AUTH + 1;

    /** Tracing: the phases end once the upstream URL is built (a route step runs after a global one of its rank). */
    public static final int TRACE_POLICIES_END = TARGET_URL;

    /** Tracing: each upstream attempt's client span, right after the upstream timer, before forwarding. */
    public static final int UPSTREAM_SPAN = UPSTREAM_TIMER;

    /** Web filter: first of all, so every answer, the gateway's own errors included, carries the request id. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    /**
     * Web filter: after the request id, client address, request target and call log filters, so a pre-flight it
     * routes itself is identified, canonical and logged like any other call.
     */
    public static final int PREFLIGHT = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * The place of SCG's {@link NettyWriteResponseFilter}, which {@code ResponseWriteFilter} replaces: ahead of every
     * other global filter, so it writes the response once the rest of the chain has completed.
     */
    public static final int RESPONSE_WRITE = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER;

    /**
     * Header filters ({@code HttpHeadersFilter}, not global filters): {@code ProxyHeadersFilter} and
     * {@code ResponseHeadersFilter} are the only ones left ({@code UpstreamHeaderFilters}), each one pass, last.
     */
    public static final int HEADERS = Ordered.LOWEST_PRECEDENCE;

    private FilterOrder() {
    }
}
