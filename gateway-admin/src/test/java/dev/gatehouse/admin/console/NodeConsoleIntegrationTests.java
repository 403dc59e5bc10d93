package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.node.NodeService;
import dev.gatehouse.admin.node.NodeView;
import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.publish.RevisionView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.NodeHeartbeat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** The nodes page through the real security configuration and PostgreSQL. */
@AdminIntegrationTest
class NodeConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    NodeService nodes;

    @Autowired
    RevisionService revisions;

    @Autowired
    UpstreamService services;

    /** A heartbeat of a 0.1.0-test node reporting no key usage, rate-limit mode, cluster identity or refusal. */
    private static NodeHeartbeat beat(String id, String address, long revision, String hash, String source,
                                      CallLogStatus callLog, Map<String, String> circuits) {
        return new NodeHeartbeat(id, address, "0.1.0-test", revision, hash, source, Map.of(), callLog, circuits, null,
                null, 0, null);
    }

    @Test
    void showsEachNodeWithItsRevisionAgainstTheCurrentOne() throws Exception {
        // Advance the revision so that a node still on revision 0 is behind.
        services.create(new ServiceRequest(ConsoleClient.unique("node-page"),
                List.of(new TargetRequest("10.5.0.1", 80, null)), "http", "", null, null));
        RevisionView current = revisions.current();
        String behind = ConsoleClient.unique("node-behind");
        String inSync = ConsoleClient.unique("node-sync");
        nodes.heartbeat(beat(behind, "127.0.0.1:18080", 0, "0000000000000000", "none", null, null));
        nodes.heartbeat(beat(inSync, "127.0.0.1:18081", current.revision(), current.hash(), "admin", null, null));

        MvcResult page = ConsoleClient.signIn(context).get("/nodes")
                .andExpect(status().isOk())
                .andExpect(view().name("nodes/list"))
                .andExpect(model().attribute("currentRevision", current))
                .andExpect(content().string(containsString("data-live-refresh=\"5000\"")))
                .andExpect(content().string(containsString(behind)))
                .andExpect(content().string(containsString("in sync")))
                .andExpect(content().string(containsString("Connected")))
                .andReturn();

        Map<String, Object> model = page.getModelAndView().getModel();
        @SuppressWarnings("unchecked")
        List<NodeView> shown = (List<NodeView>) model.get("nodes");
        assertThat(shown).extracting(NodeView::id).contains(behind, inSync);
        assertThat(shown).filteredOn(n -> n.id().equals(behind)).extracting(NodeView::status)
                .containsExactly("connected");
        assertThat(model.get("counts")).extracting("behind", "connected").doesNotContain(0L);
        assertThat(page.getResponse().getContentAsString()).contains(current.revision() + " behind");
    }

    @Test
    void showsEachNodesCallLogBufferSpoolAndDropped() throws Exception {
        String shipping = ConsoleClient.unique("node-logs");
        String silent = ConsoleClient.unique("node-nologs");
        nodes.heartbeat(beat(shipping, "127.0.0.1:18082", 0, "0000000000000000", "none",
                new CallLogStatus(3, 10_000, 2, 4_096, 1 << 20, 7, 100), null));
        nodes.heartbeat(beat(silent, "127.0.0.1:18083", 0, "0000000000000000", "none", null, null));

        String html = ConsoleClient.signInAsViewer(context).get("/nodes")
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String shippingRow = html.substring(html.indexOf("data-node=\"" + shipping));
        shippingRow = shippingRow.substring(0, shippingRow.indexOf("</tr>"));
        assertThat(shippingRow).contains("3 buffered", "2 spooled", "7 dropped", "tag-red", "4,096 of 1,048,576 bytes");
        String silentRow = html.substring(html.indexOf("data-node=\"" + silent));
        assertThat(silentRow.substring(0, silentRow.indexOf("</tr>"))).contains("not shipping");
    }

    @Test
    void showsEachNodesCircuitsThatAreNotClosed() throws Exception {
        String tripped = ConsoleClient.unique("node-circuits");
        String healthy = ConsoleClient.unique("node-closed");
        nodes.heartbeat(beat(tripped, "127.0.0.1:18084", 0, "0000000000000000", "none", null,
                Map.of("orders/orders-svc", "OPEN", "search/search-svc", "HALF_OPEN")));
        nodes.heartbeat(beat(healthy, "127.0.0.1:18085", 0, "0000000000000000", "none", null, null));

        assertThat(nodes.list()).filteredOn(n -> n.id().equals(tripped)).extracting(NodeView::circuits)
                .containsExactly(Map.of("orders/orders-svc", "OPEN", "search/search-svc", "HALF_OPEN"));
        String html = ConsoleClient.signInAsViewer(context).get("/nodes")
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String trippedRow = html.substring(html.indexOf("data-node=\"" + tripped));
        trippedRow = trippedRow.substring(0, trippedRow.indexOf("</tr>"));
        assertThat(trippedRow).contains("orders/orders-svc", "search/search-svc", "half open", "tag-red", "tag-amber");
        String healthyRow = html.substring(html.indexOf("data-node=\"" + healthy));
        assertThat(healthyRow.substring(0, healthyRow.indexOf("</tr>"))).contains("all closed");

        // a later heartbeat with every circuit closed clears them
        nodes.heartbeat(beat(tripped, "127.0.0.1:18084", 0, "0000000000000000", "none", null, null));
        assertThat(nodes.list()).filteredOn(n -> n.id().equals(tripped)).extracting(NodeView::circuits)
                .containsExactly(Map.of());
    }

    @Test
    void refusesHeartbeatsWithUnknownCircuitStates() {
        String node = ConsoleClient.unique("node-bad-circuit");
        assertThatThrownBy(() -> nodes.heartbeat(beat(node, "127.0.0.1:18086", 0, "0000000000000000", "none", null,
                        Map.of("orders/orders-svc", "EXPLODED"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(nodes.list()).extracting(NodeView::id).doesNotContain(node);
    }
}
