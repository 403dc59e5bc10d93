package dev.gatehouse.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.upstream.Balancing;
import dev.gatehouse.config.upstream.Balancing.Algorithm;
import dev.gatehouse.config.upstream.Balancing.HashOn;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Balancing through a real node to real upstream servers: a consistent hash keeps each key on one server, least
 * requests steers calls away from a server that holds them.
 */
@MainNode.Test
class BalancingIntegrationTests {

    private static final List<HttpServer> SERVERS = new ArrayList<>();
    private static final Map<String, AtomicInteger> SERVED = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @BeforeAll
    static void startServers() throws IOException {
        for (String name : List.of("a", "b", "c", "slow", "fast")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/", exchange -> {
                SERVED.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                if (name.equals("slow")) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            SERVERS.add(server);
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(server -> server.stop(0));
    }

    @Test
    void aConsistentHashKeepsEachUserOnOneServerAndSpreadsUsers() {
        ServiceSpec service = withBalancing(Specs.service("lb-hash", target(0), target(1), target(2)),
                Balancing.consistentHash(HashOn.HEADER, "X-User"));
        apply(service, Specs.route("lb-hash", service).paths("/lb-hash").build());

        Map<String, String> serverOf = new HashMap<>();
        for (int user = 0; user < 30; user++) {
            for (int call = 0; call < 4; call++) {
                RawHttp.Response response = RawHttp.send(port, "GET", "/lb-hash", "X-User", "user-" + user);
                assertThat(response.status()).isEqualTo(200);
                String previous = serverOf.putIfAbsent("user-" + user, response.text());
                if (previous != null) {
                    assertThat(response.text()).as("user-%d stays on one server", user).isEqualTo(previous);
                }
            }
        }
        assertThat(new HashSet<>(serverOf.values())).as("30 users spread over the servers").hasSizeGreaterThan(1);
    }

    @Test
    void leastRequestsSendsMostCallsToTheServerThatAnswersAtOnce() throws Exception {
        ServiceSpec service = withBalancing(Specs.service("lb-least", target(3), target(4)),
                new Balancing(Algorithm.LEAST_REQUESTS, null, null, 0));
        apply(service, Specs.route("lb-least", service).paths("/lb-least").build());
        int slowBefore = served("slow");
        int fastBefore = served("fast");

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                calls.add(clients.submit(() -> RawHttp.send(port, "GET", "/lb-least").status()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        int slow = served("slow") - slowBefore;
        int fast = served("fast") - fastBefore;
        assertThat(slow + fast).isEqualTo(80);
        // round robin would send 40 to each; with eight callers the slow server holds its calls 300 ms
        assertThat(fast).as("fast %d, slow %d", fast, slow).isGreaterThan(60);
    }

    private static int served(String name) {
        return SERVED.computeIfAbsent(name, n -> new AtomicInteger()).get();
    }

    private static TargetSpec target(int server) {
        return new TargetSpec("127.0.0.1", SERVERS.get(server).getAddress().getPort(), 100);
    }

    private static ServiceSpec withBalancing(ServiceSpec service, Balancing balancing) {
        return new ServiceSpec(service.id(), service.name(), service.protocol(), service.targets(), service.basePath(),
                service.connectTimeoutMs(), service.responseTimeoutMs(), balancing);
    }

    private static void apply(dev.gatehouse.config.ConfigEntity... entities) {
        long revision = MainNode.admin().upsert(entities);
        await().atMost(Duration.ofSeconds(15)).until(() -> MainNode.admin().heartbeats().stream()
                .anyMatch(h -> h.appliedRevision() >= revision));
    }
}
