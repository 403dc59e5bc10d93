package dev.gatehouse.admin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.Scrape;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.config.ClusterProtocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** What nodes report in heartbeats shows in {@code gatehouse_admin_node*}, per node, and leaves with the node. */
@AdminIntegrationTest
class NodeMetricsIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    NodeMetrics metrics;

    @Test
    void aHeartbeatShowsPerNodeUntilTheNodeIsGone() throws Exception {
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        long current = AdminApi.revision();
        heartbeat(node, Math.max(0, current - 2), 4_096, 3, 17);
        metrics.refresh();

        Scrape scrape = Scrape.admin(mvc);
        assertThat(scrape.value("gatehouse_admin_node_calllog_spool_bytes", "node", node)).isEqualTo(4_096);
        assertThat(scrape.value("gatehouse_admin_node_calllog_spool_batches", "node", node)).isEqualTo(3);
        assertThat(scrape.value("gatehouse_admin_node_calllog_dropped_records", "node", node)).isEqualTo(17);
        assertThat(scrape.value("gatehouse_admin_node_calllog_buffered_records", "node", node)).isEqualTo(5);
        assertThat(scrape.value("gatehouse_admin_node_revisions_behind", "node", node))
                .isEqualTo((double) Math.min(2, current));
        assertThat(scrape.value("gatehouse_admin_node_circuits_open", "node", node)).isEqualTo(1);
        assertThat(scrape.value("gatehouse_admin_node_heartbeat_age_seconds", "node", node)).isBetween(0.0, 15.0);
        assertThat(scrape.value("gatehouse_admin_nodes", "status", "connected")).isGreaterThanOrEqualTo(1);
        double disconnected = scrape.value("gatehouse_admin_nodes", "status", "disconnected");

        age(node, 120);
        metrics.refresh();
        Scrape aged = Scrape.admin(mvc);
        assertThat(aged.value("gatehouse_admin_node_heartbeat_age_seconds", "node", node)).isGreaterThanOrEqualTo(120);
        // other tests' nodes only ever age too, so the count grows by this node at least
        assertThat(aged.value("gatehouse_admin_nodes", "status", "disconnected"))
                .isGreaterThanOrEqualTo(disconnected + 1);

        // out of the window: the node's series go, so a replaced pod does not leave labels behind forever
        age(node, (int) NodeMetrics.WINDOW.toSeconds() + 60);
        metrics.refresh();
        Scrape gone = Scrape.admin(mvc);
        assertThat(gone.samples()).noneMatch(s -> node.equals(s.labels().get("node")));
    }

    private void heartbeat(String node, long revision, long spoolBytes, long spoolBatches, long dropped)
            throws Exception {
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .header(ClusterProtocol.NODE_ID_HEADER, node)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"nodeId": "%s", "address": "127.0.0.1:8080", "version": "0.1.0",
                                 "appliedRevision": %d, "configHash": "00000000000000ff", "configSource": "admin",
                                 "callLog": {"bufferedRecords": 5, "bufferCapacity": 100000, "spooledBatches": %d,
                                             "spooledBytes": %d, "spoolCapacity": 268435456,
                                             "droppedRecords": %d, "shippedRecords": 40},
                                 "circuits": {"orders/orders-svc": "OPEN", "shop/shop-svc": "HALF_OPEN"}}
                                """.formatted(node, revision, spoolBatches, spoolBytes, dropped)))
                .andExpect(status().isNoContent());
    }

    private static void age(String node, int seconds) throws Exception {
        try (Connection c = TestDatabase.get().open();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE nodes SET last_heartbeat = now() - make_interval(secs => ?) WHERE id = ?")) {
            s.setInt(1, seconds);
            s.setString(2, node);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
