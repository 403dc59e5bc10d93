package dev.gatehouse.runtime.sync;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.gatehouse.config.ClusterProtocol;
import dev.gatehouse.config.ConfigChange;
import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.ConfigSource;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.lkg.LastKnownGood;
import dev.gatehouse.runtime.lkg.LastKnownGoodStore;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@MainNode.Test
class ConfigSyncIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    private void awaitRevision(long revision) {
        await().atMost(WAIT).until(() -> holder.current().revision() == revision);
    }

    @Test
    void pushedChangesAreAppliedWithoutPolling() {
        ServiceSpec service = service("sync-added", target(Upstreams.echo().port()));
        RouteSpec added = route("sync-added", service).paths("/sync-added").stripPrefix().build();
        long revision = admin.upsert(service, added);
        awaitRevision(revision);
        assertThat(RawHttp.send(port, "GET", "/sync-added/x").json().get("path").asString()).isEqualTo("/x");

        long disabled = admin.upsert(
                route("sync-added", service).paths("/sync-added").stripPrefix().disabled().build());
        awaitRevision(disabled);
        assertThat(RawHttp.send(port, "GET", "/sync-added/x").status()).isEqualTo(404);

        long deleted = admin.commit(List.of(ConfigChange.delete(EntityKind.ROUTE, added.id()),
                ConfigChange.delete(EntityKind.SERVICE, service.id())));
        awaitRevision(deleted);
        assertThat(holder.current().state().services()).doesNotContainKey(service.id());
        assertThat(holder.current().source()).isEqualTo(ConfigSource.ADMIN);
    }

    @Test
    void changeSetWithAWrongHashIsRefusedAndTheNodeAsksForASnapshot() {
        long before = holder.current().revision();
        int streamsBefore = admin.streamRequests().size();
        ServiceSpec bogus = service("bogus", target(1));
        ConfigChangeSet lying = new ConfigChangeSet(before, before + 1, ConfigHash.format(42),
                List.of(ConfigChange.upsert(bogus)), null, 0);
        admin.pushRaw(ClusterProtocol.CHANGES_EVENT, before + 1, Specs.JSON.writeString(lying));

        await().atMost(WAIT).until(() -> admin.streamRequests().size() > streamsBefore);
        assertThat(admin.streamRequests().get(streamsBefore).revision()).isZero();
        assertThat(holder.current().revision()).isEqualTo(before);
        assertThat(holder.current().state().services()).doesNotContainKey(bogus.id());
        assertThat(RawHttp.send(port, "GET", "/echo/still-served").status()).isEqualTo(200);
    }

    @Test
    void changeSetThatFailsValidationIsRefused() {
        long before = holder.current().revision();
        int streamsBefore = admin.streamRequests().size();
        RouteSpec orphan = route("orphan", service("missing", target(1))).paths("/orphan").build();
        long hash = Specs.HASHER.update(holder.current().state().hash(), null, orphan);
        ConfigChangeSet invalid = new ConfigChangeSet(before, before + 1, ConfigHash.format(hash),
                List.of(ConfigChange.upsert(orphan)), null, 0);
        admin.pushRaw(ClusterProtocol.CHANGES_EVENT, before + 1, Specs.JSON.writeString(invalid));

        await().atMost(WAIT).until(() -> admin.streamRequests().size() > streamsBefore);
        assertThat(admin.streamRequests().get(streamsBefore).revision()).isZero();
        assertThat(holder.current().state().routes()).doesNotContainKey(orphan.id());
        assertThat(RawHttp.send(port, "GET", "/orphan").status()).isEqualTo(404);
    }

    @Test
    void reconnectsResumeFromTheAppliedRevision() {
        long revision = holder.current().revision();
        int streamsBefore = admin.streamRequests().size();
        admin.disconnectAll();
        await().atMost(WAIT).until(() -> admin.streamRequests().size() > streamsBefore);
        FakeAdmin.StreamRequest resumed = admin.streamRequests().get(streamsBefore);
        assertThat(resumed.revision()).isEqualTo(revision);
        assertThat(resumed.nodeId()).isEqualTo(MainNode.NODE_ID);
    }

    @Test
    void heartbeatsReportTheAppliedConfiguration() {
        long revision = admin.upsert(service("heartbeat-probe", target(Upstreams.echo().port())));
        awaitRevision(revision);
        await().atMost(WAIT).until(() -> admin.heartbeats().stream().anyMatch(h -> h.appliedRevision() == revision));
        NodeHeartbeat heartbeat = admin.heartbeats().stream().filter(h -> h.appliedRevision() == revision)
                .findFirst().orElseThrow();
        assertThat(heartbeat.nodeId()).isEqualTo(MainNode.NODE_ID);
        assertThat(heartbeat.configHash()).isEqualTo(ConfigHash.format(admin.contentHash()));
        assertThat(heartbeat.configSource()).isEqualTo("admin");
        assertThat(heartbeat.address()).endsWith(":" + port);
        assertThat(heartbeat.version()).isNotBlank();
    }

    @Test
    void lastKnownGoodFileFollowsTheAppliedConfiguration() {
        long revision = admin.upsert(service("lkg-probe", target(Upstreams.echo().port())));
        awaitRevision(revision);
        LastKnownGoodStore store = new LastKnownGoodStore(MainNode.dataDir(), Specs.JSON);
        await().atMost(WAIT).until(() -> store.read() instanceof LastKnownGood.Loaded loaded
                && loaded.state().revision() == revision);
        assertThat(((LastKnownGood.Loaded) store.read()).state()).isEqualTo(admin.state());
    }

    @Test
    void readinessIsUpAndMetricsDescribeTheConfiguration() {
        RawHttp.Response readiness = RawHttp.send(managementPort, "GET", "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/liveness").status()).isEqualTo(200);

        String metrics = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        assertThat(metrics).contains("gatehouse_config_revision " + (double) holder.current().revision())
                .contains("gatehouse_config_source{source=\"admin\"} 1.0")
                .contains("gatehouse_config_source{source=\"none\"} 0.0");

        // actuator lives on the management port only; on the proxy port it is just another unrouted path
        assertThat(RawHttp.send(port, "GET", "/actuator/health").status()).isEqualTo(404);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/env").status()).isEqualTo(404);
    }
}
