package dev.gatehouse.admin.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal upstream service for end-to-end tests: answers every request with its name, method and path. */
final class EchoUpstream implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();

    EchoUpstream(String name) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            StringBuilder headers = new StringBuilder();
            exchange.getRequestHeaders().forEach((header, values) -> headers.append(headers.isEmpty() ? "" : ",")
                    .append('"').append(escape(header.toLowerCase(java.util.Locale.ROOT))).append("\":\"")
                    .append(escape(String.join(",", values))).append('"'));
            String query = exchange.getRequestURI().getRawQuery();
            String body = "{\"upstream\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                    + "\",\"path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"query\":\""
                    + escape(query == null ? "" : query) + "\",\"headers\":{" + headers + "}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    int port() {
        return server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
