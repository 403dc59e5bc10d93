package dev.gatehouse.runtime.support;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.GatewayRuntimeApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The environment of the node that most integration tests share (one Spring context for all of them): a fake
 * admin holding a base configuration, an echo upstream and a fresh data directory, started once per JVM.
 */
public final class MainNode {

    /** Cluster token of the fake admin and the node. */
    public static final String TOKEN = "main-cluster-token";
    /** The node id. */
    public static final String NODE_ID = "main-node";

    private static FakeAdmin admin;
    private static Path dataDir;
    private static long baseRevision;

    private MainNode() {
    }

    /** Boots the test class against the shared main node. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @SpringBootTest(classes = GatewayRuntimeApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"server.address=127.0.0.1", "management.server.port=0",
                    "management.server.address=127.0.0.1", "gatehouse.heartbeat-interval=1s",
                    "gatehouse.reconnect-max-delay=1s", "gatehouse.cluster-token=" + TOKEN,
                    "gatehouse.node-id=" + NODE_ID, "gatehouse.lkg-write-interval=1s",
                    "gatehouse.auth.jwks.min-refresh-interval=1s"})
    @ContextConfiguration(initializers = Initializer.class)
    @ExtendWith(AwaitBaseConfig.class)
    public @interface Test {
    }

    /** Holds each test until the node has reported the base configuration (the context is started by then). */
    static final class AwaitBaseConfig implements BeforeEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            Awaitility.await("main node applies the base configuration").atMost(Duration.ofSeconds(30))
                    .until(() -> admin().heartbeats().stream().anyMatch(h -> h.appliedRevision() >= baseRevision()));
        }
    }

    /** Points the node at the shared fake admin and data directory. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            start();
            TestPropertyValues.of("gatehouse.admin-url=" + admin.url(), "gatehouse.node-data-dir=" + dataDir)
                    .applyTo(context);
        }
    }

    public static synchronized FakeAdmin admin() {
        start();
        return admin;
    }

    public static synchronized Path dataDir() {
        start();
        return dataDir;
    }

    /** The revision of the base configuration. */
    public static synchronized long baseRevision() {
        start();
        return baseRevision;
    }

    private static synchronized void start() {
        if (admin != null) {
            return;
        }
        try {
            dataDir = Files.createTempDirectory("gatehouse-main-node");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        admin = FakeAdmin.start(TOKEN);
        baseRevision = admin.upsert(baseConfig(Upstreams.echo().port(), closedPort()).toArray(ConfigEntity[]::new));
    }

    /**
     * Routes of the base configuration: {@code /echo} (prefix, as is), {@code /strip} (strip prefix, base path
     * {@code /base}), {@code *.example.test} (base path {@code /by-host}), {@code /only-post} (POST), {@code /dead}
     * (target port closed), {@code /slow} (500 ms response timeout) and {@code /upload}, and the cluster settings
     * (key-hashing secret {@link Specs#KEY_SECRET}).
     */
    static List<ConfigEntity> baseConfig(int upstream, int closed) {
        ServiceSpec echo = service("echo", target(upstream));
        ServiceSpec base = service("echo-base", "/base", 2_000, 30_000, target(upstream));
        ServiceSpec byHost = service("echo-host", "/by-host", 2_000, 30_000, target(upstream));
        ServiceSpec dead = service("dead", "", 1_000, 5_000, target(closed));
        ServiceSpec slow = service("slow", "", 1_000, 500, target(upstream));
        List<ConfigEntity> all = new ArrayList<>(List.of(Specs.settings(), echo, base, byHost, dead, slow));
        all.add(route("echo", echo).paths("/echo").build());
        all.add(route("strip", base).paths("/strip").stripPrefix().build());
        all.add(route("by-host", byHost).hosts("*.example.test").paths("/").build());
        all.add(route("only-post", echo).paths("/only-post").methods("POST").build());
        all.add(route("dead", dead).paths("/dead").build());
        all.add(route("slow", slow).paths("/slow").build());
        all.add(route("upload", echo).paths("/upload").methods("POST", "PUT").build());
        return all;
    }

    /** A port nothing listens on (it was free a moment ago). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
