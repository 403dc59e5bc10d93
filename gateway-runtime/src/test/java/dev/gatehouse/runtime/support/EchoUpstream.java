package dev.gatehouse.runtime.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
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
 * hop-by-hop headers the gateway must drop. Query parameters starting {@code echo.} change the answer (for composite
 * steps): {@code echo.delay=MS} answers that much later, {@code echo.status=N} with that status,
 * {@code echo.type=T} with that content type, {@code echo.pad=N} adds a member of N characters and streams the answer
 * in 1 KiB chunks without a length, {@code echo.broken=1} cuts the JSON short. Each path's requests are counted.
 */
public final class EchoUpstream implements AutoCloseable {

    /** How long {@code /slow} paths wait before answering. */
    public static final Duration SLOW = Duration.ofSeconds(3);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final DisposableServer server;
    private final Map<String, AtomicInteger> seen;

    private EchoUpstream(DisposableServer server, Map<String, AtomicInteger> seen) {
        this.server = server;
        this.seen = seen;
    }

    /** Starts on a random port of 127.0.0.1. */
    public static EchoUpstream start() {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        return new EchoUpstream(HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    seen.computeIfAbsent(new QueryStringDecoder(request.uri()).rawPath(), p -> new AtomicInteger())
                            .incrementAndGet();
                    return echo(request, response);
                }).bindNow(), seen);
    }

    /** Requests received so far for this raw path (without the query). */
    public int requests(String rawPath) {
        AtomicInteger count = seen.get(rawPath);
        return count == null ? 0 : count.get();
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
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        long delayMs = Long.parseLong(param(params, "echo.delay", "0"));
        return request.receive()
                .map(buffer -> count(buffer, crc))
                .reduce(0L, Long::sum)
                .delayUntil(length -> request.uri().contains("/slow") ? Mono.delay(SLOW)
                        : delayMs > 0 ? Mono.delay(Duration.ofMillis(delayMs)) : Mono.empty())
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
                    int pad = Integer.parseInt(param(params, "echo.pad", "0"));
                    if (pad > 0) {
                        body.put("pad", "x".repeat(pad));
                    }
                    String text = MAPPER.writeValueAsString(body);
                    if (params.containsKey("echo.broken")) {
                        text = text.substring(0, text.length() / 2);
                    }
                    response.status(Integer.parseInt(param(params, "echo.status", "200")))
                            .header("Content-Type", param(params, "echo.type", "application/json"))
                            .header("X-Upstream-Hop", "secret")
                            .header("Keep-Alive", "timeout=5")
                            .header("Connection", "X-Upstream-Hop")
                            .header("X-Request-Id", "upstream-chosen-id");
                    if (pad > 0) {
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        List<byte[]> chunks = new ArrayList<>();
                        for (int at = 0; at < bytes.length; at += 1_024) {
                            chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1_024)));
                        }
                        return response.sendByteArray(Flux.fromIterable(chunks)).then();
                    }
                    return response.sendString(Mono.just(text)).then();
                });
    }

    private static String param(Map<String, List<String>> params, String name, String otherwise) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
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
