package dev.gatehouse.admin.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.awaitility.Awaitility;

/**
 * A ready runtime node (a {@link RuntimeNodeProcess}, a separate JVM) against the test admin, with the calls
 * end-to-end and browser tests make through it: one GET, or GETs until the status is the one wanted within a
 * bounded time (a node applies a new revision moments after the admin changed it, so tests poll, never sleep).
 *
 * <pre>{@code
 * try (TestUpstream upstream = TestUpstream.start("orders");
 *      TestGateway gateway = TestGateway.start(baseUrl)) {
 *     // create a service on upstream.host():upstream.port() and a route on /orders ...
 *     assertThat(gateway.awaitStatus("/orders", s -> s == 200, TestGateway.APPLY_WAIT)).isEqualTo(200);
 * }
 * }</pre>
 */
public final class TestGateway implements AutoCloseable {

    /** How long a node may take to start and become ready on a loaded build machine. */
    public static final Duration NODE_WAIT = Duration.ofMinutes(3);
    /** How long a started node may take to apply a configuration change. */
    public static final Duration APPLY_WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final RuntimeNodeProcess node;

    private TestGateway(RuntimeNodeProcess node) {
        this.node = node;
    }

    /** Starts a node against the admin at {@code adminUrl} with the test cluster token and waits until ready. */
    public static TestGateway start(String adminUrl) {
        RuntimeNodeProcess node = RuntimeNodeProcess.start(adminUrl, AdminIntegrationTest.CLUSTER_TOKEN);
        try {
            node.awaitReady(NODE_WAIT);
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
        return new TestGateway(node);
    }

    public RuntimeNodeProcess node() {
        return node;
    }

    /** The node's proxy URL of a path. */
    public String url(String path) {
        return node.proxyUrl() + path;
    }

    /** Status of a GET of {@code path} through the node; {@code headers} alternate name and value; -1 when nothing answers. */
    public int get(String path, String... headers) {
        return statusAt(url(path), headers);
    }

    /**
     * GETs {@code path} through the node every 200 ms until the status satisfies {@code wanted}, and returns it;
     * fails (naming the last status) when the timeout passes first.
     */
    public int awaitStatus(String path, IntPredicate wanted, Duration timeout, String... headers) {
        return awaitStatusAt(url(path), wanted, timeout, headers);
    }

    /** Status of a GET of any URL; {@code headers} alternate name and value; -1 when nothing answers. */
    public static int statusAt(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** As {@link #awaitStatus(String, IntPredicate, Duration, String...)} for any URL. */
    public static int awaitStatusAt(String url, IntPredicate wanted, Duration timeout, String... headers) {
        return Awaitility.await("GET " + url).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> statusAt(url, headers), wanted::test);
    }

    @Override
    public void close() {
        node.close();
    }
}
