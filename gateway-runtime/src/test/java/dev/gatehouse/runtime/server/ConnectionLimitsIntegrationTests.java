package dev.gatehouse.runtime.server;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.OwnNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow, idle and surplus clients on the proxy port of a node with small limits (header 1 s, idle 3 s, body 1 s,
 * 4 connections). Bounds are asserted as "cut off before" several times the timeout, never as exact times: the
 * machine running the tests may be busy.
 */
@OwnNode
@TestPropertySource(properties = {"gatehouse.cluster-token=" + ConnectionLimitsIntegrationTests.TOKEN,
        "gatehouse.node-id=connection-limits", "gatehouse.connections.header-timeout=1s",
        "gatehouse.connections.idle-timeout=3s", "gatehouse.connections.body-timeout=1s",
        "gatehouse.connections.max-connections=" + ConnectionLimitsIntegrationTests.MAX})
@ContextConfiguration(initializers = ConnectionLimitsIntegrationTests.Environment.class)
class ConnectionLimitsIntegrationTests {

    static final String TOKEN = "connection-limits-token";
    static final int MAX = 4;
    /** Generous bound for a cut-off expected after about a second (several times the timeout). */
    private static final Duration CUT_OFF_BOUND = Duration.ofSeconds(8);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    @Autowired
    ConnectionGuard guard;

    /** A fake admin with an echo route. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static FakeAdmin admin;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            admin = FakeAdmin.start(TOKEN);
            ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
            admin.upsert(echo, route("echo", echo).paths("/echo").build(),
                    route("upload", echo).paths("/upload").methods("POST").build());
            NodeDirs.useAdmin(context, admin.url(), "gatehouse-connection-limits");
        }
    }

    @AfterAll
    static void stopAdmin() {
        Environment.admin.close();
    }

    @BeforeEach
    void configuredAndNoClientConnections() {
        await().atMost(Duration.ofSeconds(30)).until(() -> holder.current().source() == ConfigSource.ADMIN);
        // connections of earlier tests are closed by the server asynchronously
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.open() == 0);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    /**
     * Waits up to {@code wait} for the connection to be closed by the server: true when a read ends (EOF or reset),
     * false when it is still open afterwards. Bytes the server sends are skipped.
     */
    private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    @Test
    void aClientDribblingItsHeadersIsCutOffWhileOthersAreAnswered() throws Exception {
        byte[] request = (get("/echo/dribble").replace("\r\n\r\n", "\r\nX-Slow: ") + "a".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket slow = connect()) {
            long start = System.nanoTime();
            boolean cut = false;
            int sent = 0;
            // one byte every 200 ms: well inside any idle timeout, so only a bound on the whole head ends it
            while (!cut && sent < request.length && System.nanoTime() - start < CUT_OFF_BOUND.toNanos()) {
                try {
                    slow.getOutputStream().write(request[sent++]);
                    slow.getOutputStream().flush();
                } catch (IOException reset) {
                    cut = true;
                    break;
                }
                if (sent == 3) {
                    // meanwhile a normal client on another connection is answered
                    assertThat(RawHttp.send(port, "GET", "/echo/normal").status()).isEqualTo(200);
                }
                cut = closedWithin(slow, Duration.ofMillis(200));
            }
            assertThat(cut).as("dribbling client disconnected").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CUT_OFF_BOUND);
            assertThat(sent).isLessThan(request.length);
        }
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .containsPattern("gatehouse_connections_header_timeouts_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutNotTheHeaderTimeout() throws Exception {
        try (RawHttp.KeepAlive connection = RawHttp.keepAlive(port, Duration.ofSeconds(10))) {
            connection.get("/echo/keep");
            assertThat(connection.read().status()).isEqualTo(200);
        }
        try (Socket socket = connect()) {
            write(socket, get("/echo/idle"));
            // the response, then nothing: the wait for the next request is the idle timeout's (3 s)
            long start = System.nanoTime();
            assertThat(closedWithin(socket, Duration.ofMillis(1_500))).as("open 1.5 s after the response").isFalse();
            assertThat(closedWithin(socket, Duration.ofSeconds(15))).as("closed after the idle timeout").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aStalledRequestBodyIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            write(socket, "POST /upload/stall HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100));
            long start = System.nanoTime();
            assertThat(closedWithin(socket, CUT_OFF_BOUND)).as("stalled upload cut off").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CUT_OFF_BOUND);
        }
        assertThat(RawHttp.send(port, "GET", "/echo/after-stall").status()).isEqualTo(200);
    }

    @Test
    void connectionsOverTheLimitAreClosedWhileTheOthersWork() throws Exception {
        List<RawHttp.KeepAlive> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                RawHttp.KeepAlive connection = RawHttp.keepAlive(port, Duration.ofSeconds(10));
                admitted.add(connection);
                connection.get("/echo/limit-" + i);
                assertThat(connection.read().status()).isEqualTo(200);
            }
            try (Socket surplus = connect()) {
                write(surplus, get("/echo/surplus"));
                assertThat(closedWithin(surplus, Duration.ofSeconds(5))).as("connection over the limit").isTrue();
            }
            for (RawHttp.KeepAlive connection : admitted) {
                connection.get("/echo/again");
                assertThat(connection.read().status()).isEqualTo(200);
            }
            // the management port is not limited
            assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            admitted.forEach(RawHttp.KeepAlive::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> guard.open() == 0);
        assertThat(RawHttp.send(port, "GET", "/echo/after-limit").status()).isEqualTo(200);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .containsPattern("gatehouse_connections_refused_total(\\{[^}]*})? [1-9]");
    }
}
