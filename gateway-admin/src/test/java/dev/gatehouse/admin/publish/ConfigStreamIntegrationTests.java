package dev.gatehouse.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.GatehouseAdminApplication;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/** The node-facing configuration stream over real HTTP: snapshot, live changes, resume, integrity. */
@AdminIntegrationTest
class ConfigStreamIntegrationTests {

    private static final Duration PUSH_WITHIN = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    RevisionService revisions;
    @Autowired
    ConfigStream configStream;

    final ConfigJson json = new ConfigJson();
    final ConfigHash hasher = new ConfigHash(json);

    @Test
    void snapshotFirstThenEachChangeAsItCommits() throws Exception {
        try (SseClient stream = connect(port, 0)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            assertThat(new ConfigValidator().validate(node.state())).isEmpty();
            long start = node.state().revision();

            ServiceView created = services.create(service(unique("stream")));
            ConfigChangeSet set = node.applyNext(stream, PUSH_WITHIN);

            assertThat(set.fromRevision()).isEqualTo(start);
            assertThat(set.toRevision()).isEqualTo(revisions.current().revision());
            assertThat(set.changes()).singleElement().satisfies(change -> {
                assertThat(change.op()).isEqualTo(ChangeOp.UPSERT);
                assertThat(change.id()).isEqualTo(created.id());
            });
            assertThat(node.hash()).isEqualTo(revisions.current().hash());

            services.delete(created.id());
            ConfigChangeSet deleted = node.applyNext(stream, PUSH_WITHIN);
            assertThat(deleted.changes()).singleElement()
                    .satisfies(change -> assertThat(change.op()).isEqualTo(ChangeOp.DELETE));
            assertThat(node.state().services()).doesNotContainKey(created.id());
        }
    }

    @Test
    void reconnectingWithAnOlderRevisionGetsOnlyTheChangesSince() throws Exception {
        TestNode node;
        try (SseClient stream = connect(port, 0)) {
            node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
        }
        ConfigState state = node.state();
        String service = unique("resume");
        services.create(service(service));
        routes.create(new RouteRequest(unique("resume-route"), service, null, List.of("/resume"), null, null,
                true, null, null, null, null, null, null, null));
        long current = revisions.current().revision();

        try (SseClient stream = connect(port, state.revision())) {
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
            assertThat(first.id()).isEqualTo(Long.toString(current));
            ConfigChangeSet set = json.read(first.data(), ConfigChangeSet.class);
            assertThat(set.fromRevision()).isEqualTo(state.revision());
            assertThat(set.toRevision()).isEqualTo(current);
            assertThat(set.changes()).hasSize(2);
            node.apply(set);
            assertThat(node.state().revision()).isEqualTo(current);
            assertThat(new ConfigValidator().validate(node.state())).isEmpty();
        }
    }

    @Test
    void upToDateNodeGetsAnEmptyChangeSetToVerifyItsHash() throws Exception {
        RevisionView current = revisions.current();
        try (SseClient stream = connect(port, current.revision())) {
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
            ConfigChangeSet set = json.read(first.data(), ConfigChangeSet.class);
            assertThat(set.fromRevision()).isEqualTo(current.revision());
            assertThat(set.toRevision()).isEqualTo(current.revision());
            assertThat(set.hash()).isEqualTo(current.hash());
            assertThat(set.changes()).isEmpty();
        }
    }

    @Test
    void nodeAheadOfTheAdminGetsASnapshot() throws Exception {
        try (SseClient stream = connect(port, revisions.current().revision() + 1_000)) {
            TestNode.readSnapshot(stream, Duration.ofSeconds(5));
        }
    }

    @Test
    void nodeOlderThanTheRetainedLogGetsASnapshot() throws Exception {
        for (int i = 0; i < 4; i++) {
            services.create(service(unique("pruned")));
        }
        long current = revisions.current().revision();
        // What the publisher's pruning leaves behind: only the last two revisions are retained.
        try (var c = TestDatabase.get().open(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM config_revisions WHERE revision <= " + (current - 2));
        }

        try (SseClient stream = connect(port, current - 3)) {
            assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo(ClusterProtocol.SNAPSHOT_EVENT);
        }
        try (SseClient stream = connect(port, current - 2)) {
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
            assertThat(json.read(first.data(), ConfigChangeSet.class).changes()).hasSize(2);
        }
    }

    @Test
    void wrongRevisionParameterIsAProblem() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + ClusterProtocol.STREAM_PATH + "?revision=abc"))
                        .header("Authorization", "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"invalid_parameter\"");
    }

    @Test
    void concurrentWritesArriveInRevisionOrderAndAllVerify() throws Exception {
        try (SseClient stream = connect(port, 0)) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            int writes = 12;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<ServiceView>> futures = new ArrayList<>();
                for (int i = 0; i < writes; i++) {
                    String name = unique("concurrent");
                    futures.add(pool.submit(() -> services.create(service(name))));
                }
                for (Future<ServiceView> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            long target = node.state().revision() + writes;
            while (node.state().revision() < target) {
                node.applyNext(stream, Duration.ofSeconds(5));
            }
            assertThat(node.state().revision()).isEqualTo(revisions.current().revision());
            assertThat(node.hash()).isEqualTo(revisions.current().hash());
        }
    }

    @Test
    void keepsTheStreamAliveWithComments() throws Exception {
        // The test context sends keepalives every 2 s (production: 15 s).
        try (SseClient stream = connect(port, 0)) {
            assertThat(stream.nextIncludingComments(Duration.ofSeconds(5)).name())
                    .isEqualTo(ClusterProtocol.SNAPSHOT_EVENT);
            SseClient.Event keepalive;
            do {
                // Key chunks may follow the snapshot first.
                keepalive = stream.nextIncludingComments(Duration.ofSeconds(5));
                assertThat(keepalive).isNotNull();
            } while (keepalive.name().equals(ClusterProtocol.KEYS_EVENT));
            assertThat(keepalive.name()).isEqualTo(":");
        }
    }

    @Test
    void dropsStreamsWhosePeerWentAway() throws Exception {
        int open;
        try (SseClient stream = connect(port, 0)) {
            stream.next(Duration.ofSeconds(5));
            open = configStream.openStreams();
            assertThat(open).isPositive();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> configStream.openStreams() < open);
    }

    @Test
    void listenerReconnectsAfterLosingItsConnectionAndMissesNothing() throws Exception {
        try (SseClient stream = connect(port, 0)) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            try (var c = TestDatabase.get().open(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE application_name = '" + ConfigChangeListener.APPLICATION_NAME + "'"
                         + " AND datname = current_database()")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
            // Committed while the listener may be down: it must still arrive, from the log, after reconnecting.
            services.create(service(unique("reconnect")));

            node.applyNext(stream, Duration.ofSeconds(5));
            assertThat(node.state().revision()).isEqualTo(revisions.current().revision());
        }
    }

    @Test
    void aChangeOnAnotherAdminInstanceReachesStreamsOfThisOne() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GatehouseAdminApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                        "--spring.datasource.username=" + TestDatabase.username(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        "--gatehouse.admin.token=" + AdminIntegrationTest.ADMIN_TOKEN,
                        "--gatehouse.cluster.token=" + AdminIntegrationTest.CLUSTER_TOKEN,
                        "--gatehouse.admin.password=" + AdminIntegrationTest.ADMIN_PASSWORD,
                        "--spring.jmx.enabled=false");
             SseClient stream = connect(port, 0)) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));

            second.getBean(UpstreamService.class).create(service(unique("other-admin")));

            node.applyNext(stream, PUSH_WITHIN);
            assertThat(node.state().revision()).isEqualTo(revisions.current().revision());
        }
    }

    static SseClient connect(int port, long revision) {
        return SseClient.connect("http://127.0.0.1:" + port + ClusterProtocol.STREAM_PATH + "?"
                        + ClusterProtocol.REVISION_PARAM + "=" + revision,
                "Authorization", "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN,
                ClusterProtocol.NODE_ID_HEADER, "test-node");
    }

    static ServiceRequest service(String name) {
        return new ServiceRequest(name, List.of(new TargetRequest("127.0.0.1", 9000, null)), null, null, null,
                null);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
