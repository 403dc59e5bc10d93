package dev.gatehouse.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.Scrape;
import dev.gatehouse.admin.testsupport.SseClient;
import dev.gatehouse.admin.testsupport.TestNode;
import dev.gatehouse.admin.upstream.UpstreamService;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A write that reaches an open stream is timed in {@code gatehouse_admin_publish_latency_seconds}; the open streams
 * and the revision streamed are gauges.
 */
@AdminIntegrationTest
class PublishMetricsIntegrationTests {

    private static final String LATENCY = "gatehouse_admin_publish_latency_seconds_count";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    UpstreamService services;
    @Autowired
    RevisionService revisions;

    @Test
    void aWriteSentOnAStreamIsTimedAndTheStreamCounted() throws Exception {
        Scrape before = Scrape.admin(mvc);
        assertThat(before.has(LATENCY)).isTrue();
        assertThat(before.has("gatehouse_admin_publish_latency_seconds_bucket")).isTrue();
        double streamsDuring;
        try (SseClient stream = ConfigStreamIntegrationTests.connect(port, 0)) {
            TestNode node = TestNode.readSnapshot(stream, Duration.ofSeconds(5));
            services.create(ConfigStreamIntegrationTests.service(ConfigStreamIntegrationTests.unique("metrics")));
            node.applyNext(stream, Duration.ofSeconds(5));

            Scrape during = Scrape.admin(mvc);
            assertThat(during.value(LATENCY) - before.value(LATENCY)).isGreaterThanOrEqualTo(1);
            assertThat(during.value("gatehouse_admin_publish_latency_seconds_sum"))
                    .isGreaterThan(before.value("gatehouse_admin_publish_latency_seconds_sum"));
            streamsDuring = during.value("gatehouse_admin_config_streams");
            assertThat(streamsDuring).as("this test's stream is counted").isGreaterThanOrEqualTo(1);
            assertThat(during.value("gatehouse_admin_config_revision")).isEqualTo(revisions.current().revision());
        }
        // Closing it takes it off the count. Streams of nodes other test classes stopped may still be closing (they
        // only ever lower the count), so the exact number before this test is not a baseline.
        Awaitility.await("the closed stream uncounted").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Scrape.admin(mvc).value("gatehouse_admin_config_streams") <= streamsDuring - 1);
    }
}
