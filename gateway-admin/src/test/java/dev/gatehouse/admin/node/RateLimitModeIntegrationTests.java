package dev.gatehouse.admin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.NodeHeartbeat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The rate-limit mode a node reports: stored, listed in the API, shown on the nodes page, validated. */
@AdminIntegrationTest
class RateLimitModeIntegrationTests {

    @Autowired
    NodeService nodes;

    @Autowired
    MockMvc mvc;

    private static NodeHeartbeat beat(String id, String mode) {
        return new NodeHeartbeat(id, "127.0.0.1:18090", "0.1.0-test", 0, "0000000000000000", "none", Map.of(), null,
                Map.of(), mode, null, 0, null);
    }

    @Test
    void theModeOfEachNodeIsKeptAndShown() throws Exception {
        String fallback = "rl-fallback-" + UUID.randomUUID();
        String clustered = "rl-redis-" + UUID.randomUUID();
        nodes.heartbeat(beat(fallback, "fallback"));
        nodes.heartbeat(beat(clustered, "redis"));
        assertThat(nodes.list()).filteredOn(n -> n.id().equals(fallback)).extracting(NodeView::rateLimitMode)
                .containsExactly("fallback");
        mvc.perform(get("/nodes").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("per node (Redis unreachable)")))
                .andExpect(content().string(containsString("cluster-wide (Redis)")));
        mvc.perform(get("/api/v1/nodes").header("Authorization", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"rateLimitMode\":\"fallback\"")));
        // back to Redis: the next heartbeat says so
        nodes.heartbeat(beat(fallback, "redis"));
        assertThat(nodes.list()).filteredOn(n -> n.id().equals(fallback)).extracting(NodeView::rateLimitMode)
                .containsExactly("redis");
    }

    @Test
    void anUnknownModeIsRefusedAndChangesNothing() {
        String id = "rl-bad-" + UUID.randomUUID();
        assertThatThrownBy(() -> nodes.heartbeat(beat(id, "sometimes")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rateLimitMode");
        assertThat(nodes.list()).noneMatch(n -> n.id().equals(id));
    }
}
