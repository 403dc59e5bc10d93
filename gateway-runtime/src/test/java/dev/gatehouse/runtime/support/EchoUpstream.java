package dev.gatehouse.runtime.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upstream that answers every request with JSON describing it: method, raw path, raw query, headers (by
 * lower-case name), body length and CRC-32 of the body, counted as it streams in (never held in memory). Paths
 * containing {@code /slow} answer after three seconds; WebSocket upgrades get a text echo. Responses carry
 * hop-by-hop headers the gateway must drop.
 */
public final class EchoUpstream implements AutoCloseable {

    /** How long {@code /slow} paths wait before answering. */
    public static final Duration SLOW = Duration.ofSeconds(3);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final DisposableServer server;

    private EchoUpstream(DisposableServer server) {
        this.server = server;
    }

    /** Starts on a random port of 127.0.0.1. */
    public static EchoUpstream start() {
        return new EchoUpstream(HttpServer.create().host("127.0.0.1").port(0)
                .handle(EchoUpstream::echo).bindNow());
    }

    public int port() {
        return server.port();
    }

    private static Mono<Void> echo(HttpServerRequest request, HttpServerResponse response) {
        if (request.requestHeaders().containsValue("Upgrade", "websocket", true)) {
            // echoes every text frame back, prefixed so the test knows it went through the upstream
            return response.sendWebsocket((in, out) -> out.sendString(
                    in.receive().asString().map(text -> "echo:" + text)));
        }
        CRC32 crc = new CRC32();
        return request.receive()
                .map(buffer -> count(buffer, crc))
                .reduce(0L, Long::sum)
                .delayUntil(length -> request.uri().contains("/slow") ? Mono.delay(SLOW) : Mono.empty())
                .flatMap(length -> {
                    String uri = request.uri();
                    int q = uri.indexOf('?');
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("method", request.method().name());
                    body.put("path", q < 0 ? uri : uri.substring(0, q));
                    body.put("query", q < 0 ? null : uri.substring(q + 1));
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    request.requestHeaders().forEach(e -> headers
                            .computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(e.getValue()));
                    body.put("headers", headers);
                    body.put("bodyLength", length);
                    body.put("crc32", crc.getValue());
                    return response.status(200)
                            .header("Content-Type", "application/json")
                            .header("X-Upstream-Hop", "secret")
                            .header("Keep-Alive", "timeout=5")
                            .header("Connection", "X-Upstream-Hop")
                            .header("X-Request-Id", "upstream-chosen-id")
                            .sendString(Mono.just(MAPPER.writeValueAsString(body)))
                            .then();
                });
    }

    private static long count(ByteBuf buffer, CRC32 crc) {
        int length = buffer.readableBytes();
        crc.update(buffer.nioBuffer());
        return length;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
