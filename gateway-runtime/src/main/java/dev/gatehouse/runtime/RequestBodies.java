package dev.gatehouse.runtime;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A request body read whole into memory, for the few places that must hold one (a retried call's body, the body a
 * composite step sends): never more than a stated number of bytes, the buffers released as soon as they are copied.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body of {@code request} as bytes (empty when it has none).
     *
     * @param max most bytes read; a longer body fails with {@link DataBufferLimitException}
     */
    public static Mono<byte[]> read(ServerHttpRequest request, int max) {
        return DataBufferUtils.join(request.getBody(), max)
                .map(RequestBodies::bytes)
                .defaultIfEmpty(new byte[0]);
    }

    private static byte[] bytes(DataBuffer joined) {
        try {
            byte[] bytes = new byte[joined.readableByteCount()];
            joined.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(joined);
        }
    }
}
