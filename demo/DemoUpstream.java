import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny upstream for demos and manual checks: answers every request with JSON that echoes what
 * the gateway forwarded (method, path, raw query, the forwarding headers) and which instance
 * answered, so load balancing and header handling can be seen with curl.
 *
 * <p>Run with the JDK source launcher, no build and no dependencies:
 * {@code java demo/DemoUpstream.java [port]} (default 9000). Environment: {@code DEMO_NAME}
 * (instance name, default {@code demo-<port>}), {@code DEMO_BIND} (address to bind, default
 * {@code 127.0.0.1}; use {@code 0.0.0.0} in a container).
 */
public final class DemoUpstream {

    private static final String[] ECHOED_HEADERS = {
        "Host", "X-Request-Id", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
        "X-Forwarded-Port", "Forwarded", "X-Consumer-Name", "X-Consumer-Id", "User-Agent"
    };

    private DemoUpstream() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        String bind = envOr("DEMO_BIND", "127.0.0.1");
        String name = envOr("DEMO_NAME", "demo-" + port);

        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 128);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/", exchange -> handle(exchange, name));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.shutdownNow();
        }));
        System.out.println("DemoUpstream '" + name + "' listening on http://" + bind + ":" + port);
    }

    private static void handle(HttpExchange exchange, String name) throws IOException {
        try (exchange) {
            long bodyBytes = drain(exchange.getRequestBody());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("instance", name);
            out.put("method", exchange.getRequestMethod());
            out.put("path", exchange.getRequestURI().getRawPath());
            out.put("query", exchange.getRequestURI().getRawQuery());
            Map<String, Object> headers = new LinkedHashMap<>();
            for (String header : ECHOED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    headers.put(header, value);
                }
            }
            out.put("headers", headers);
            out.put("bodyBytes", bodyBytes);
            out.put("time", Instant.now().toString());

            byte[] body = (toJson(out) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Demo-Instance", name);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            // For HEAD the JDK server wants -1 (no body); otherwise the exact length.
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
        }
        return total;
    }

    private static String toJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(quote(e.getKey().toString())).append(':').append(toJson(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return quote(value.toString());
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
