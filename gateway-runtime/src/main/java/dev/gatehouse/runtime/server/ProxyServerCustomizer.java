package dev.gatehouse.runtime.server;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Applies {@link ConnectionProperties} to the node's Reactor Netty server: Reactor Netty's own idle timeout (between
 * keep-alive requests, and before the first) and read timeout (pauses while a request body is read), and the
 * {@link ConnectionGuard} for what Reactor Netty lacks (a bound on the whole request head, a connection limit).
 */
final class ProxyServerCustomizer implements NettyServerCustomizer {

    private final ConnectionProperties properties;
    private final ConnectionGuard guard;

    ProxyServerCustomizer(ConnectionProperties properties, ConnectionGuard guard) {
        this.properties = properties;
        this.guard = guard;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.idleTimeout(properties.idleTimeout())
                .readTimeout(properties.bodyTimeout())
                .doOnChannelInit(guard);
    }
}
