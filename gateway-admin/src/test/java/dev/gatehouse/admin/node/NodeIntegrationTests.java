package dev.gatehouse.admin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
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

@AdminIntegrationTest
class NodeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void heartbeatRegistersTheNodeAndUpdatesIt() throws Exception {
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        heartbeat(node, 3).andExpect(status().isNoContent());
        heartbeat(node, 5).andExpect(status().isNoContent());

        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '%s')].appliedRevision".formatted(node)).value(5))
                .andExpect(jsonPath("$[?(@.id == '%s')].address".formatted(node)).value("127.0.0.1:8080"))
                .andExpect(jsonPath("$[?(@.id == '%s')].configHash".formatted(node)).value("00000000000000ff"))
                .andExpect(jsonPath("$[?(@.id == '%s')].configSource".formatted(node)).value("admin"))
                .andExpect(jsonPath("$[?(@.id == '%s')].status".formatted(node)).value("connected"));

        age(node, 30);
        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(jsonPath("$[?(@.id == '%s')].status".formatted(node)).value("stale"));
        age(node, 120);
        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(jsonPath("$[?(@.id == '%s')].status".formatted(node)).value("disconnected"));
    }

    @Test
    void heartbeatToleratesUnknownFieldsButNotGarbage() throws Exception {
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nodeId\": \"%s\", \"appliedRevision\": 1, \"futureField\": true}".formatted(node)))
                .andExpect(status().isNoContent());
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"appliedRevision\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("nodeId"));
    }

    private org.springframework.test.web.servlet.ResultActions heartbeat(String node, long revision)
            throws Exception {
        return mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .header(ClusterProtocol.NODE_ID_HEADER, node)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"nodeId": "%s", "address": "127.0.0.1:8080", "version": "0.1.0",
                         "appliedRevision": %d, "configHash": "00000000000000ff", "configSource": "admin"}
                        """.formatted(node, revision)));
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
