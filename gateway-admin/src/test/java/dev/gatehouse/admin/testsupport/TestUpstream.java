package dev.gatehouse.admin.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream for end-to-end tests: the JDK's HTTP server on a free port of 127.0.0.1, answering every request
 * with 200 and {@code {"upstream":"<name>"}}, and counting the requests it received. Use it as the target of a
 * service that a {@link TestGateway} node proxies to; close it after the test.
 */
public final class TestUpstream implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private TestUpstream(HttpServer server) {
        this.server = server;
    }

    /** Starts an upstream whose answers name it. */
    public static TestUpstream start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            TestUpstream upstream = new TestUpstream(server);
            byte[] body = ("{\"upstream\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                upstream.requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
