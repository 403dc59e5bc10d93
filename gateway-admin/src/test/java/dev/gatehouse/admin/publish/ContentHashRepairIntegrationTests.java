package dev.gatehouse.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.ClusterProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A migration that changes the published form of stored objects asks for the hash to be recomputed. */
@AdminIntegrationTest
class ContentHashRepairIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ContentHashRepair repair;
    @Autowired
    RevisionService revisions;
    @Autowired
    UpstreamService services;

    @Test
    void recomputesTheHashOnceAndSendsNodesASnapshot() throws Exception {
        services.create(ConfigStreamIntegrationTests.service(ConfigStreamIntegrationTests.unique("repair")));
        RevisionView before = revisions.current();
        // What a migration such as V3 leaves: a stored hash that no longer matches the stored objects.
        try (var c = TestDatabase.get().open(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE config_state SET hash = hash + 12345, rehash = true");
        }

        repair.repair();
        repair.repair();

        RevisionView after = revisions.current();
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
        assertThat(after.hash()).isEqualTo(before.hash());
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_state WHERE rehash")).isZero();
        try (SseClient stream = ConfigStreamIntegrationTests.connect(port, before.revision())) {
            // The change log before the repair is gone: a node that held the old form starts over.
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(10));
            assertThat(node.hash()).isEqualTo(after.hash());
        }
        try (SseClient stream = ConfigStreamIntegrationTests.connect(port, after.revision())) {
            assertThat(stream.next(Duration.ofSeconds(5)).name()).isEqualTo(ClusterProtocol.CHANGES_EVENT);
        }
    }
}
