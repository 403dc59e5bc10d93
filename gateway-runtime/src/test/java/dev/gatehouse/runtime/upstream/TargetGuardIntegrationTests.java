package dev.gatehouse.runtime.upstream;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.runtime.GatewayRuntimeApplication;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A node that denies 127.0.0.1 and ::1 on top of the defaults (a test-only deny list, so that {@code localhost}
 * resolves to a denied address), with its management port on 127.0.0.2: targets by name or address that reach a
 * denied address, and the node's own management port, are answered 502 {@code target_forbidden}; an allowed
 * target on 127.0.0.2 works.
 */
@SpringBootTest(classes = GatewayRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.address=127.0.0.2",
                "gatehouse.heartbeat-interval=1s", "gatehouse.reconnect-max-delay=1s",
                "gatehouse.cluster-token=" + TargetGuardIntegrationTests.TOKEN, "gatehouse.node-id=target-guard",
                "gatehouse.call-log.flush-interval=100ms",
                "gatehouse.upstream.deny=127.0.0.1/32,::1/128"})
@ContextConfiguration(initializers = TargetGuardIntegrationTests.Environment.class)
@ExtendWith(OutputCaptureExtension.class)
class TargetGuardIntegrationTests {

    static final String TOKEN = "target-guard-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    /** The fake admin, an allowed upstream on 127.0.0.2, the management port chosen up front. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static FakeAdmin admin;
        static DisposableServer allowed;
        static int managementPort;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path dataDir;
            dataDir = NodeDirs.temp("gatehouse-target-guard");
            allowed = HttpServer.create().host("127.0.0.2").port(0)
                    .handle((request, response) -> response.sendString(Mono.just("allowed"))).bindNow();
            managementPort = MainNode.closedPort();
            int echo = Upstreams.echo().port();
            admin = FakeAdmin.start(TOKEN);
            List<ConfigEntity> config = new ArrayList<>(List.of(Specs.settings()));
            add(config, "allowed", new TargetSpec("127.0.0.2", allowed.port(), 100));
            // without the guard each of these would reach a listening server
            add(config, "by-name", new TargetSpec("localhost", echo, 100));
            add(config, "by-address", new TargetSpec("127.0.0.1", echo, 100));
            add(config, "management", new TargetSpec("127.0.0.2", managementPort, 100));
            add(config, "metadata", new TargetSpec("169.254.169.254", 80, 100));
            admin.upsert(config.toArray(ConfigEntity[]::new));
            TestPropertyValues.of("gatehouse.admin-url=" + admin.url(), "gatehouse.node-data-dir=" + dataDir,
                    "management.server.port=" + managementPort).applyTo(context);
        }

        private static void add(List<ConfigEntity> config, String name, TargetSpec target) {
            ServiceSpec service = service(name, "", 1_000, 5_000, target);
            config.add(service);
            config.add(route(name, service).paths("/" + name).build());
        }
    }

    @AfterAll
    static void stop() {
        Environment.admin.close();
        Environment.allowed.disposeNow();
    }

    @BeforeEach
    void awaitConfig() {
        await().atMost(WAIT).until(() -> holder.current().ready());
    }

    @Test
    void anAllowedTargetIsProxied() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/allowed/x");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("allowed");
    }

    @Test
    void theNodesOwnManagementPortIsRefused() throws Exception {
        // it really listens there: the management port answers when asked directly
        HttpClient client = HttpClient.newHttpClient();
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + Environment.managementPort
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertForbidden(RawHttp.send(port, "GET", "/management/actuator/health"));
    }

    @Test
    void aNameResolvingToADeniedAddressIsRefusedAtCallTime() {
        assertForbidden(RawHttp.send(port, "GET", "/by-name/x"));
    }

    @Test
    void deniedAddressesAreRefused() {
        assertForbidden(RawHttp.send(port, "GET", "/by-address/x"));
        assertForbidden(RawHttp.send(port, "GET", "/metadata/latest/meta-data/"));
    }

    @Test
    void aRefusedTargetIsLoggedOnceAndRecordedInTheCallLog(CapturedOutput output) {
        for (int i = 0; i < 3; i++) {
            assertForbidden(RawHttp.send(port, "GET", "/metadata/again/" + i));
        }
        String warning = "Refusing to connect to upstream 169.254.169.254:80";
        long before = output.getOut().lines().filter(l -> l.contains(warning)).count();
        for (int i = 0; i < 3; i++) {
            assertForbidden(RawHttp.send(port, "GET", "/metadata/more/" + i));
        }
        assertThat(output.getOut().lines().filter(l -> l.contains(warning)).count()).isEqualTo(before);
        await().atMost(WAIT).until(() -> records().stream().anyMatch(r -> "/metadata/more/2".equals(r.path())));
        CallRecord record = records().stream().filter(r -> "/metadata/more/2".equals(r.path())).findFirst()
                .orElseThrow();
        assertThat(record.status()).isEqualTo(502);
        assertThat(record.errorCode()).isEqualTo("target_forbidden");
    }

    private static List<CallRecord> records() {
        return Environment.admin.callBatches().stream().flatMap(b -> b.records().stream()).toList();
    }

    private static void assertForbidden(RawHttp.Response response) {
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("target_forbidden");
    }
}
