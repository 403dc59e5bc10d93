package dev.gatehouse.runtime.scg;

import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.error.UpstreamAbortedException;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the upstream's response body to the client once the rest of the chain has sent the request and copied the
 * upstream's status and headers. It takes the place of SCG's {@link NettyWriteResponseFilter} in Gatehouse's
 * compiled route chains and differs in one thing: a body whose {@code Content-Length} is known and at most
 * {@link #SINGLE_WRITE_MAX} bytes is joined into one buffer and written with the headers in one write, so a small
 * response costs one {@code send} to the client instead of two (headers, then body). Larger and unsized bodies are
 * streamed buffer by buffer as they arrive, streaming media types (server-sent events, NDJSON...) flushed per
 * buffer. When the call is cancelled or fails, the upstream connection is closed rather than returned to the pool
 * with an unread body.
 *
 * <p>An upstream that resets or closes before its body is complete fails the body with an
 * {@link UpstreamAbortedException}: before anything reached the client that is answered as a 502
 * {@code upstream_aborted}; after the status went out the problem handler aborts the client connection, so the
 * client sees a short body (or no final chunk) and a closed connection, never a clean end.
 */
@Component
public class ResponseWriteFilter implements GlobalFilter, Ordered {

    /** Largest body joined and written together with the headers (bytes). */
    static final long SINGLE_WRITE_MAX = 64 * 1024;

    private final List<MediaType> streamingMediaTypes;

    public ResponseWriteFilter(GatewayProperties properties) {
        this.streamingMediaTypes = List.copyOf(properties.getStreamingMediaTypes());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .then(Mono.defer(() -> write(exchange)))
                .doFinally(signal -> {
                    if (signal == SignalType.ON_ERROR || signal == SignalType.CANCEL) {
                        closeUpstream(exchange);
                    }
                });
    }

    private Mono<Void> write(ServerWebExchange exchange) {
        Connection connection = Forwarding.upstreamConnection(exchange);
        if (connection == null) {
            return Mono.empty();
        }
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // something answered the client already: the upstream body has nowhere to go
            closeUpstream(exchange);
            return Mono.empty();
        }
        NettyDataBufferFactory factory = nettyFactory(response);
        Flux<DataBuffer> body = connection.inbound().receive().retain().<DataBuffer>map(factory::wrap)
                .onErrorMap(UpstreamAbortedException::new);
        long length = response.getHeaders().getContentLength();
        if (length >= 0 && length <= SINGLE_WRITE_MAX) {
            return response.writeWith(DataBufferUtils.join(body));
        }
        if (isStreaming(response)) {
            return response.writeAndFlushWith(body.map(Flux::just));
        }
        return response.writeWith(body);
    }

    /** The response's buffer factory: on Reactor Netty (every node) it wraps the upstream's buffers, no copy. */
    private static NettyDataBufferFactory nettyFactory(ServerHttpResponse response) {
        return response.bufferFactory() instanceof NettyDataBufferFactory netty ? netty
                : new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
    }

    private boolean isStreaming(ServerHttpResponse response) {
        MediaType type;
        try {
            type = response.getHeaders().getContentType();
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        if (type == null) {
            return false;
        }
        for (MediaType streaming : streamingMediaTypes) {
            if (streaming.isCompatibleWith(type)) {
                return true;
            }
        }
        return false;
    }

    private static void closeUpstream(ServerWebExchange exchange) {
        Connection connection = Forwarding.upstreamConnection(exchange);
        if (connection != null && connection.channel().isActive()) {
            connection.dispose();
        }
    }

    @Override
    public int getOrder() {
        return FilterOrder.RESPONSE_WRITE;
    }
}
