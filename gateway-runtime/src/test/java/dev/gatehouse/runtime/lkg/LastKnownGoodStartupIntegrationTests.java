package dev.gatehouse.runtime.lkg;

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
import java.util.List;

import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.OwnNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
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
 * A node whose admin is unreachable starts from its last known good file (API keys included), then resumes once the
 * admin is back.
 */
@OwnNode
@TestPropertySource(properties = {"gatehouse.cluster-token=" + LastKnownGoodStartupIntegrationTests.TOKEN,
        "gatehouse.node-id=lkg-node"})
@ContextConfiguration(initializers = LastKnownGoodStartupIntegrationTests.Environment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LastKnownGoodStartupIntegrationTests {

    static final String TOKEN = "lkg-cluster-token";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    /** Writes a last known good file at revision 5 and points the node at an admin port nobody listens on. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static Path dataDir;
        static int adminPort;
        static ConfigState state;
        static KeyTable keys;
        static Specs.IssuedKey key;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                dataDir = Files.createTempDirectory("gatehouse-lkg-node");
                adminPort = MainNode.closedPort();
                ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
                ConsumerSpec consumer = Specs.consumer("lkg-consumer");
                key = Specs.issue(consumer);
                List<ConfigEntity> all = List.of(echo, route("lkg", echo).paths("/lkg").build(),
                        route("lkg-keyed", echo).paths("/lkg-keyed").keyAuth().build(), consumer, Specs.settings(),
                        key.spec());
                long hash = all.stream().mapToLong(Specs.HASHER::digest).sum();
                keys = new KeyTable(Specs.HASHER);
                state = ConfigState.empty().apply(new ConfigChangeSet(0, 5, ConfigHash.format(hash),
                        all.stream().map(ConfigChange::upsert).toList(), null, 0), Specs.HASHER, keys);
                new LastKnownGoodStore(dataDir, Specs.JSON).write(state.toSnapshot(keys.size(), keys.keysHash()),
                        keys.view());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestPropertyValues.of("gatehouse.admin-url=http://127.0.0.1:" + adminPort,
                    "gatehouse.node-data-dir=" + dataDir).applyTo(context);
        }
    }

    @Test
    @Order(1)
    void servesTheLastKnownGoodConfigurationWhileTheAdminIsDown() {
        assertThat(holder.current().source()).isEqualTo(ConfigSource.DISK);
        assertThat(holder.current().revision()).isEqualTo(5);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(RawHttp.send(port, "GET", "/lkg/x").json().get("path").asString()).isEqualTo("/lkg/x");
        // the keys came back from the file too
        assertThat(holder.current().keys().size()).isEqualTo(1);
        assertThat(RawHttp.send(port, "GET", "/lkg-keyed/x", "X-API-Key", Environment.key.key()).status())
                .isEqualTo(200);
        assertThat(RawHttp.send(port, "GET", "/lkg-keyed/x", "X-API-Key", Specs.issue(Specs.consumer("x")).key())
                .status()).isEqualTo(401);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/prometheus").text())
                .contains("gatehouse_config_source{source=\"disk\"} 1.0")
                .contains("gatehouse_config_revision 5.0");
    }

    @Test
    @Order(2)
    void resumesFromItsRevisionWhenTheAdminComesBack() {
        try (FakeAdmin admin = FakeAdmin.start(TOKEN, Environment.adminPort, Environment.state,
                Environment.keys.view().specs())) {
            ServiceSpec echo = Environment.state.services().get("svc-echo");
            long revision = admin.upsert(route("after", echo).paths("/after").build());

            await().atMost(Duration.ofSeconds(15)).until(() -> holder.current().revision() == revision);
            assertThat(admin.streamRequests().get(0).revision()).isEqualTo(5);
            assertThat(holder.current().source()).isEqualTo(ConfigSource.ADMIN);
            assertThat(RawHttp.send(port, "GET", "/after").status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/lkg/still").status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/lkg-keyed/x", "X-API-Key", Environment.key.key()).status())
                    .isEqualTo(200);
            assertThat(holder.current().hash()).isEqualTo(ConfigHash.format(admin.contentHash()));
        }
    }
}
