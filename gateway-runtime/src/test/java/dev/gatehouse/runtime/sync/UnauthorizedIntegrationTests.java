package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.lkg.LastKnownGood;
import dev.gatehouse.runtime.lkg.LastKnownGoodStore;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.OwnNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A node with a corrupt last known good file and a cluster token the admin refuses: it ignores the file, keeps
 * retrying and refuses traffic, and becomes ready as soon as the admin accepts its token.
 */
@OwnNode
@TestPropertySource(properties = {"gatehouse.cluster-token=" + UnauthorizedIntegrationTests.NODE_TOKEN,
        "gatehouse.node-id=locked-out"})
@ContextConfiguration(initializers = UnauthorizedIntegrationTests.Environment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnauthorizedIntegrationTests {

    static final String NODE_TOKEN = "node-side-token";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    /** A corrupt config.json in the data directory and an admin that expects another token. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static Path dataDir;
        static FakeAdmin admin;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                dataDir = Files.createTempDirectory("gatehouse-locked-node");
                Files.writeString(dataDir.resolve(LastKnownGoodStore.FILE_NAME),
                        "{\"format\":1,\"sha256\":\"" + "0".repeat(64) + "\",\"snapshot\":{\"revision\":9}}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            admin = FakeAdmin.start("the-admins-token");
            ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
            admin.upsert(echo, route("auth", echo).paths("/auth").build());
            TestPropertyValues.of("gatehouse.admin-url=" + admin.url(), "gatehouse.node-data-dir=" + dataDir)
                    .applyTo(context);
        }
    }

    @AfterAll
    static void stopAdmin() {
        Environment.admin.close();
    }

    @Test
    @Order(1)
    void corruptLastKnownGoodIsMovedAsideAndIgnored() throws IOException {
        assertThat(holder.current().source()).isEqualTo(ConfigSource.NONE);
        try (Stream<Path> files = Files.list(Environment.dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("config.json.corrupt-"))
                    .doesNotContain(LastKnownGoodStore.FILE_NAME);
        }
    }

    @Test
    @Order(2)
    void refusedTokenKeepsTheNodeRetryingAndNotReady() {
        int seen = Environment.admin.unauthorizedStreamCount();
        await().atMost(Duration.ofSeconds(15)).until(() -> Environment.admin.unauthorizedStreamCount() >= seen + 2);

        RawHttp.Response readiness = RawHttp.send(managementPort, "GET", "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/liveness").status()).isEqualTo(200);

        RawHttp.Response proxied = RawHttp.send(port, "GET", "/auth/x");
        assertThat(proxied.status()).isEqualTo(503);
        assertThat(proxied.json().get("code").asString()).isEqualTo("not_ready");
        assertThat(proxied.header("Retry-After")).isNotNull();
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .contains("gatehouse_config_source{source=\"none\"} 1.0");
    }

    @Test
    @Order(3)
    void becomesReadyOnceTheAdminAcceptsTheToken() {
        Environment.admin.token(NODE_TOKEN);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> RawHttp.send(managementPort, "GET", "/actuator/health/readiness").status() == 200);
        assertThat(holder.current().source()).isEqualTo(ConfigSource.ADMIN);
        assertThat(RawHttp.send(port, "GET", "/auth/x").status()).isEqualTo(200);

        LastKnownGoodStore store = new LastKnownGoodStore(Environment.dataDir, Specs.JSON);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.read() instanceof LastKnownGood.Loaded);
    }
}
