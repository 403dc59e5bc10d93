package dev.gatehouse.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.GatehouseAdminApplication;
import dev.gatehouse.admin.route.RouteRequest;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ChangeOp;
import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
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
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.SNAPSHOT_EVENT);
            ConfigSnapshot snapshot = json.read(first.data(), ConfigSnapshot.class);
            assertThat(first.id()).isEqualTo(Long.toString(snapshot.revision()));
            ConfigState state = ConfigState.fromSnapshot(snapshot, hasher);
            assertThat(new ConfigValidator().validate(state)).isEmpty();

            ServiceView created = services.create(service(unique("stream")));
            SseClient.Event pushed = stream.next(PUSH_WITHIN);

            assertThat(pushed).as("changes event within %s", PUSH_WITHIN).isNotNull();
            assertThat(pushed.name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
            ConfigChangeSet set = json.read(pushed.data(), ConfigChangeSet.class);
            assertThat(set.fromRevision()).isEqualTo(state.revision());
            assertThat(set.toRevision()).isEqualTo(revisions.current().revision());
            assertThat(set.changes()).singleElement().satisfies(change -> {
                assertThat(change.op()).isEqualTo(ChangeOp.UPSERT);
                assertThat(change.id()).isEqualTo(created.id());
            });
            state = state.apply(set, hasher);
            assertThat(ConfigHash.format(state.hash())).isEqualTo(revisions.current().hash());

            services.delete(created.id());
            ConfigChangeSet deleted = json.read(stream.next(PUSH_WITHIN).data(), ConfigChangeSet.class);
            assertThat(deleted.changes()).singleElement()
                    .satisfies(change -> assertThat(change.op()).isEqualTo(ChangeOp.DELETE));
            state = state.apply(deleted, hasher);
            assertThat(state.services()).doesNotContainKey(created.id());
        }
    }

    @Test
    void reconnectingWithAnOlderRevisionGetsOnlyTheChangesSince() throws Exception {
        ConfigState state;
        try (SseClient stream = connect(port, 0)) {
            state = ConfigState.fromSnapshot(json.read(stream.next(Duration.ofSeconds(5)).data(),
                    ConfigSnapshot.class), hasher);
        }
        String service = unique("resume");
        services.create(service(service));
        routes.create(new RouteRequest(unique("resume-route"), service, null, List.of("/resume"), null, null,
                true, null, null));
        long current = revisions.current().revision();

        try (SseClient stream = connect(port, state.revision())) {
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
            assertThat(first.id()).isEqualTo(Long.toString(current));
            ConfigChangeSet set = json.read(first.data(), ConfigChangeSet.class);
            assertThat(set.fromRevision()).isEqualTo(state.revision());
            assertThat(set.toRevision()).isEqualTo(current);
            assertThat(set.changes()).hasSize(2);
            ConfigState next = state.apply(set, hasher);
            assertThat(next.revision()).isEqualTo(current);
            assertThat(new ConfigValidator().validate(next)).isEmpty();
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
            SseClient.Event first = stream.next(Duration.ofSeconds(5));
            assertThat(first.name()).isEqualTo(ClusterProtocol.SNAPSHOT_EVENT);
            ConfigState.fromSnapshot(json.read(first.data(), ConfigSnapshot.class), hasher);
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
            ConfigState state = ConfigState.fromSnapshot(json.read(stream.next(Duration.ofSeconds(5)).data(),
                    ConfigSnapshot.class), hasher);
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
            long target = state.revision() + writes;
            while (state.revision() < target) {
                SseClient.Event event = stream.next(Duration.ofSeconds(5));
                assertThat(event).as("event after revision %d", state.revision()).isNotNull();
                state = state.apply(json.read(event.data(), ConfigChangeSet.class), hasher);
            }
            assertThat(state.revision()).isEqualTo(revisions.current().revision());
            assertThat(ConfigHash.format(state.hash())).isEqualTo(revisions.current().hash());
        }
    }

    @Test
    void keepsTheStreamAliveWithComments() throws Exception {
        // The test context sends keepalives every 2 s (production: 15 s).
        try (SseClient stream = connect(port, 0)) {
            assertThat(stream.nextIncludingComments(Duration.ofSeconds(5)).name())
                    .isEqualTo(ClusterProtocol.SNAPSHOT_EVENT);
            SseClient.Event keepalive = stream.nextIncludingComments(Duration.ofSeconds(5));
            assertThat(keepalive).isNotNull();
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
            ConfigState state = ConfigState.fromSnapshot(json.read(stream.next(Duration.ofSeconds(5)).data(),
                    ConfigSnapshot.class), hasher);
            try (var c = TestDatabase.get().open(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE application_name = '" + ConfigChangeListener.APPLICATION_NAME + "'"
                         + " AND datname = current_database()")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
            // Committed while the listener may be down: it must still arrive, from the log, after reconnecting.
            services.create(service(unique("reconnect")));

            SseClient.Event pushed = stream.next(Duration.ofSeconds(5));
            assertThat(pushed).isNotNull();
            state = state.apply(json.read(pushed.data(), ConfigChangeSet.class), hasher);
            assertThat(state.revision()).isEqualTo(revisions.current().revision());
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
            ConfigState state = ConfigState.fromSnapshot(json.read(stream.next(Duration.ofSeconds(5)).data(),
                    ConfigSnapshot.class), hasher);

            second.getBean(UpstreamService.class).create(service(unique("other-admin")));

            SseClient.Event pushed = stream.next(PUSH_WITHIN);
            assertThat(pushed).as("change from the other admin within %s", PUSH_WITHIN).isNotNull();
            state = state.apply(json.read(pushed.data(), ConfigChangeSet.class), hasher);
            assertThat(state.revision()).isEqualTo(revisions.current().revision());
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
