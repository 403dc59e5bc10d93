package dev.gatehouse.admin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.publish.ClusterIdentity;
import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.config.ClusterProtocol;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The admin's side of cluster identity: refusing nodes listed with their reason (API and console), and the
 * ADMIN-only, typed force restore that advances the epoch or adopts the cluster id the nodes report.
 */
@AdminIntegrationTest
class ClusterIdentityIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ForceRestore restore;

    @Autowired
    ApiTokenService tokens;

    @Test
    void theClusterHasAnIdAndAnEpoch() throws Exception {
        ClusterIdentity current = restore.current();
        assertThat(UUID.fromString(current.id()).toString()).isEqualTo(current.id());
        assertThat(current.epoch()).isPositive();
        new AdminApi(mvc).get("/api/v1/cluster")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(current.id()))
                .andExpect(jsonPath("$.epoch").value(current.epoch()));
    }

    @Test
    void aRefusingNodeIsListedWithItsReasonAndTheWayOut() throws Exception {
        String node = "refusing-" + UUID.randomUUID().toString().substring(0, 8);
        String pinned = UUID.randomUUID().toString();
        heartbeat(node, pinned, 3, """
                {"reason": "other-cluster", "message": "this node serves cluster %s", "clusterId": "%s",
                 "epoch": 1, "revision": 0}""".formatted(pinned, restore.current().id()))
                .andExpect(status().isNoContent());

        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(jsonPath("$[?(@.id == '%s')].clusterId".formatted(node)).value(pinned))
                .andExpect(jsonPath("$[?(@.id == '%s')].epoch".formatted(node)).value(3))
                .andExpect(jsonPath("$[?(@.id == '%s')].refusal.reason".formatted(node)).value("other-cluster"))
                .andExpect(jsonPath("$[?(@.id == '%s')].refusal.clusterId".formatted(node))
                        .value(restore.current().id()));
        mvc.perform(get("/nodes").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"refusing-nodes\"")))
                .andExpect(content().string(containsString("data-refusing=\"" + node + "\"")))
                .andExpect(content().string(containsString("href=\"/nodes/force-restore\"")));
        // viewers see the refusal but not the button
        mvc.perform(get("/nodes").with(user("viewer").roles("VIEWER")))
                .andExpect(content().string(containsString("data-refusing=\"" + node + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("href=\"/nodes/force-restore\""))));

        // once it accepts again, the refusal is gone
        heartbeat(node, pinned, 4, "null").andExpect(status().isNoContent());
        new AdminApi(mvc).get("/api/v1/nodes")
                .andExpect(jsonPath("$[?(@.id == '%s')].refusal".formatted(node)).value(org.hamcrest.Matchers
                        .contains((Object) null)));
    }

    @Test
    void aHeartbeatWithAnUnknownRefusalReasonIsRefused() throws Exception {
        heartbeat("bad-refusal", null, 0, "{\"reason\": \"because\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("refusal.reason"));
    }

    @Test
    void forceRestoreIsForAdminsOnlyAndNeedsATypedConfirmation() throws Exception {
        ClusterIdentity before = restore.current();
        long revision = AdminApi.revision();
        String editor = "editor-token-" + System.nanoTime();
        tokens.storeIfAbsent("editor", editor, Role.EDITOR);
        mvc.perform(post("/api/v1/cluster/force-restore").header(HttpHeaders.AUTHORIZATION, "Bearer " + editor)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirm\": \"%s\", \"reason\": \"test\"}".formatted(before.id())))
                .andExpect(status().isForbidden());

        forceRestore("{\"reason\": \"no confirmation\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("confirm"));
        forceRestore("{\"confirm\": \"yes\", \"reason\": \"not an id\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("confirm"));
        forceRestore("{\"confirm\": \"%s\", \"reason\": \"nobody reports it\"}".formatted(UUID.randomUUID()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("confirm"));
        forceRestore("{\"confirm\": \"%s\", \"reason\": \"  \"}".formatted(before.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/nodes/force-restore").with(user("editor").roles("EDITOR")).with(csrf())
                        .param("confirm", before.id()).param("reason", "console"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/nodes/force-restore").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN"))
                        .with(csrf()).param("confirm", "typo").param("reason", ""))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("nodes/force-restore"))
                .andExpect(model().attribute("errors", org.hamcrest.Matchers.hasKey("confirm")))
                .andExpect(model().attribute("errors", org.hamcrest.Matchers.hasKey("reason")))
                .andExpect(content().string(containsString("id=\"confirm-error\"")));
        mvc.perform(post("/nodes/force-restore").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN"))
                        .param("confirm", before.id()).param("reason", "no csrf"))
                .andExpect(status().isForbidden());

        assertThat(restore.current()).isEqualTo(before);
        assertThat(AdminApi.revision()).isEqualTo(revision);
    }

    @Test
    void forceRestoreAdvancesTheEpochAndRecordsWhoAndWhy() throws Exception {
        ClusterIdentity before = restore.current();
        long revision = AdminApi.revision();
        mvc.perform(get("/nodes/force-restore").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(view().name("nodes/force-restore"))
                .andExpect(content().string(containsString(before.id())));

        forceRestore("{\"confirm\": \"%s\", \"reason\": \"restored last night's backup\"}".formatted(before.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(before.id()))
                .andExpect(jsonPath("$.epoch").value(before.epoch() + 1))
                .andExpect(jsonPath("$.restoredBy").isNotEmpty())
                .andExpect(jsonPath("$.restoreReason").value("restored last night's backup"));
        // one revision without changes carries the new epoch to every admin instance's streams
        assertThat(AdminApi.revision()).isEqualTo(revision + 1);

        mvc.perform(post("/nodes/force-restore").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN"))
                        .with(csrf()).param("confirm", before.id().toUpperCase()).param("reason", "from the console"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/nodes"));
        ClusterIdentity after = restore.current();
        assertThat(after.epoch()).isEqualTo(before.epoch() + 2);
        assertThat(after.restoredBy()).isEqualTo(AdminIntegrationTest.ADMIN_USER);
        assertThat(after.restoreReason()).isEqualTo("from the console");
        assertThat(after.restoredAt()).isNotNull();
        // both restores are in the audit trail, each with who, and the identity before and after
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE action = 'force-restore'"
                + " AND revision = " + (revision + 1) + " AND actor_type = 'token'"
                + " AND (before->>'epoch')::bigint = " + before.epoch()
                + " AND after->>'restoreReason' = 'restored last night''s backup'")).isOne();
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE action = 'force-restore'"
                + " AND actor_type = 'user' AND actor_name = '" + AdminIntegrationTest.ADMIN_USER + "'"
                + " AND object_id = '" + after.id() + "' AND (after->>'epoch')::bigint = " + after.epoch()
                + " AND after->>'restoreReason' = 'from the console'")).isOne();
    }

    @Test
    void forceRestoreAdoptsTheClusterIdTheNodesReport() throws Exception {
        ClusterIdentity before = restore.current();
        String theirs = UUID.randomUUID().toString();
        String node = "adopted-" + theirs.substring(0, 8);
        heartbeat(node, theirs, 7, """
                {"reason": "other-cluster", "message": "m", "clusterId": "%s", "epoch": %d, "revision": 1}"""
                .formatted(before.id(), before.epoch())).andExpect(status().isNoContent());
        try {
            forceRestore("{\"confirm\": \"%s\", \"reason\": \"new database, same nodes\"}".formatted(theirs))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value(theirs))
                    // above every epoch the nodes of that cluster report
                    .andExpect(jsonPath("$.epoch").value(8));
        } finally {
            // back to this database's own cluster for the tests that follow
            heartbeat(node, before.id(), before.epoch() + 10, "null");
            forceRestore("{\"confirm\": \"%s\", \"reason\": \"test cleanup\"}".formatted(before.id()))
                    .andExpect(status().isOk());
        }
        assertThat(restore.current().id()).isEqualTo(before.id());
    }

    private ResultActions forceRestore(String json) throws Exception {
        return new AdminApi(mvc).post("/api/v1/cluster/force-restore", json);
    }

    private ResultActions heartbeat(String node, String clusterId, long epoch, String refusal) throws Exception {
        return mvc.perform(post(ClusterProtocol.HEARTBEAT_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .header(ClusterProtocol.NODE_ID_HEADER, node)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"nodeId": "%s", "address": "127.0.0.1:8080", "version": "0.1.0", "appliedRevision": 1,
                         "configHash": "00000000000000ff", "configSource": "admin", "clusterId": %s,
                         "epoch": %d, "refusal": %s}
                        """.formatted(node, clusterId == null ? "null" : "\"" + clusterId + "\"", epoch, refusal)));
    }
}
