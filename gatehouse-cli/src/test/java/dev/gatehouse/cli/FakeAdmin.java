package dev.gatehouse.cli;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * An admin stand-in on 127.0.0.1 (a free port): records every request and answers each with the one answer set
 * by {@link #answer}.
 */
final class FakeAdmin implements AutoCloseable {

    /** One request as received. */
    record Exchange(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private volatile long delayMillis;

    FakeAdmin() throws IOException {
        this(null);
    }

    /** Over TLS with {@code tls}'s key when not null. */
    FakeAdmin(SSLContext tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            exchanges.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), received));
            byte[] answer = body;
            pause();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    FakeAdmin answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Answers only after this long (a slow admin). */
    FakeAdmin delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    Exchange last() {
        return exchanges.get(exchanges.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
