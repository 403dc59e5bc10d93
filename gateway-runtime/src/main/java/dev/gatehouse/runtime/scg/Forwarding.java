package dev.gatehouse.runtime.scg;

import java.net.URI;

import reactor.netty.Connection;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The exchange state Spring Cloud Gateway's forwarding filters read and write ({@link ServerWebExchangeUtils}
 * attributes), in one place: the route whose timeouts apply, the upstream URL, the upstream connection and the
 * "already routed" mark. Gatehouse's own per-call state lives in {@code call.GatehouseCall}.
 */
public final class Forwarding {

    private Forwarding() {
    }

    /** Sets the SCG route whose metadata (timeouts) the forwarding filter reads. */
    public static void useRoute(ServerWebExchange exchange, Route route) {
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
    }

    /** Sets the URL the forwarding filter calls. */
    public static void targetUrl(ServerWebExchange exchange, URI url) {
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
    }

    /** The URL the forwarding filter calls, or null before one is chosen. */
    public static URI targetUrl(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
    }

    /** The upstream connection of the call, or null before the upstream answered. */
    public static Connection upstreamConnection(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
    }

    /**
     * Forgets an attempt before it is retried: closes its upstream connection (the unread body of a retried answer:
     * closing is cheaper than draining, and retries are rare), drops the response it copied and the routed mark.
     */
    public static void forgetAttempt(ServerWebExchange exchange) {
        Connection connection = upstreamConnection(exchange);
        if (connection != null) {
            connection.dispose();
        }
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
        ServerWebExchangeUtils.reset(exchange);
    }
}
