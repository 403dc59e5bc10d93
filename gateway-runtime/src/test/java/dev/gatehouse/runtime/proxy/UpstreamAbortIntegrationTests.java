package dev.gatehouse.runtime.proxy;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.TruncatingUpstream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An upstream that breaks off its response after the status went out: the client connection is aborted (short body,
 * no final chunk, connection closed, even on keep-alive), the call is recorded with the status sent and code
 * {@code upstream_aborted}, and one WARN line names the upstream. Before anything went out it is a 502.
 */
@MainNode.Test
@ExtendWith(OutputCaptureExtension.class)
class UpstreamAbortIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Generous bound for the client to see the connection closed after the upstream broke off. */
    private static final Duration ABORT_BOUND = Duration.ofSeconds(10);
    private static TruncatingUpstream upstream;

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    @BeforeEach
    void truncatingRoute() {
        synchronized (UpstreamAbortIntegrationTests.class) {
            if (upstream != null) {
                return;
            }
            upstream = TruncatingUpstream.start();
            ServiceSpec truncating = service("ab-truncating", target(upstream.port()));
            long revision = admin.upsert(truncating, route("ab-truncating", truncating).paths("/ab").build());
            await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
        }
    }

    /** What a client got: status, headers (lower-case names), body bytes, final chunk seen, closed by the server. */
    record Received(int status, String headers, byte[] body, boolean lastChunk, boolean closed, Duration took) {
    }

    /** Sends a keep-alive GET and reads until the server closes the connection (or the bound passes). */
    private Received getKeepAlive(String target, String requestId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nX-Request-Id: " + requestId + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            socket.setSoTimeout((int) ABORT_BOUND.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            StringBuilder headers = new StringBuilder();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                headers.append(l.toLowerCase(Locale.ROOT)).append('\n');
            }
            boolean chunked = headers.toString().contains("transfer-encoding: chunked");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean lastChunk = false;
            boolean closed = false;
            try {
                if (chunked) {
                    while (true) {
                        String size = line(in);
                        if (size == null) {
                            closed = true;
                            break;
                        }
                        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                        if (n == 0) {
                            lastChunk = true;
                            break;
                        }
                        byte[] chunk = in.readNBytes(n);
                        body.write(chunk);
                        if (chunk.length < n || line(in) == null) {
                            closed = true;
                            break;
                        }
                    }
                }
                if (!closed) {
                    // read to the end: a connection the server leaves open times out here
                    for (int b = in.read(); b >= 0; b = in.read()) {
                        body.write(b);
                    }
                    closed = true;
                }
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Received(Integer.parseInt(statusLine.split(" ")[1]), headers.toString(), body.toByteArray(),
                    lastChunk, closed, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** A header line without CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private List<CallRecord> stored(String requestId) {
        return admin.callBatches().stream().flatMap(batch -> batch.records().stream())
                .filter(record -> record.requestId().equals(requestId)).toList();
    }

    private CallRecord recorded(String requestId) {
        await().atMost(WAIT).until(() -> !stored(requestId).isEmpty());
        return stored(requestId).get(0);
    }

    private void assertOneWarnLine(CapturedOutput output, String method, String path, int status) {
        String line = method + " " + path + " answered " + status + " upstream_aborted: upstream 127.0.0.1:"
                + upstream.port() + " failed: ";
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(line));
        List<String> naming = output.getOut().lines().filter(l -> l.contains(path)).toList();
        assertThat(naming).hasSize(1);
        assertThat(naming.get(0)).contains(" WARN ").contains(line);
        assertThat(output.getOut()).doesNotContain("\tat reactor.netty").doesNotContain("Error finishing response");
    }

    @Test
    void aContentLengthBodyBrokenOffAbortsTheClientConnection(CapturedOutput output) throws IOException {
        String path = "/ab/length/" + UUID.randomUUID();
        String id = "ab-" + UUID.randomUUID();
        Received received = getKeepAlive(path, id);

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.headers()).contains("content-length: " + TruncatingUpstream.LENGTH);
        assertThat(received.closed()).as("connection closed by the gateway").isTrue();
        assertThat(received.took()).isLessThan(ABORT_BOUND);
        assertThat(received.body().length).isLessThan(TruncatingUpstream.LENGTH);

        CallRecord record = recorded(id);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.errorCode()).isEqualTo("upstream_aborted");
        assertThat(record.routeName()).isEqualTo("ab-truncating");
        assertOneWarnLine(output, "GET", path, 200);
    }

    @Test
    void aResetMidBodyAbortsTheClientConnection(CapturedOutput output) throws IOException {
        String path = "/ab/reset/" + UUID.randomUUID();
        String id = "ab-" + UUID.randomUUID();
        Received received = getKeepAlive(path, id);

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.closed()).as("connection closed by the gateway").isTrue();
        assertThat(received.body().length).isLessThan(TruncatingUpstream.LENGTH);
        assertThat(recorded(id).errorCode()).isEqualTo("upstream_aborted");
        assertOneWarnLine(output, "GET", path, 200);
    }

    @Test
    void aChunkedBodyBrokenOffEndsWithoutTheFinalChunk(CapturedOutput output) throws IOException {
        String path = "/ab/chunked/" + UUID.randomUUID();
        String id = "ab-" + UUID.randomUUID();
        Received received = getKeepAlive(path, id);

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.lastChunk()).as("terminating 0-chunk").isFalse();
        assertThat(received.closed()).as("connection closed by the gateway").isTrue();
        assertThat(received.took()).isLessThan(ABORT_BOUND);

        CallRecord record = recorded(id);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.errorCode()).isEqualTo("upstream_aborted");
        assertOneWarnLine(output, "GET", path, 200);
    }

    @Test
    void aSmallBodyBrokenOffBeforeAnythingWentOutIsA502(CapturedOutput output) {
        String path = "/ab/small/" + UUID.randomUUID();
        String id = "ab-" + UUID.randomUUID();
        RawHttp.Response response = RawHttp.send(port, "GET", path, "X-Request-Id", id);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("code").asString()).isEqualTo("upstream_aborted");
        CallRecord record = recorded(id);
        assertThat(record.status()).isEqualTo(502);
        assertThat(record.errorCode()).isEqualTo("upstream_aborted");
        assertOneWarnLine(output, "GET", path, 502);
    }
}
