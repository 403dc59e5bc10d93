package dev.gatehouse.runtime.calllog;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.GatewayRuntimeApplication;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A node with a tiny spool and an admin that refuses call logs: once buffer and spool are full, records are dropped,
 * and the dropped counter accounts for exactly the records the admin never receives.
 */
@SpringBootTest(classes = GatewayRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
                "gatehouse.heartbeat-interval=1s", "gatehouse.reconnect-max-delay=1s",
                "gatehouse.cluster-token=" + CallLogSpoolFullIntegrationTests.TOKEN, "gatehouse.node-id=spool-full",
                "gatehouse.call-log.batch-size=5", "gatehouse.call-log.flush-interval=100ms",
                "gatehouse.call-log.buffer-size=1000", "gatehouse.call-log.spool-max-bytes=3KB"})
@ContextConfiguration(initializers = CallLogSpoolFullIntegrationTests.Environment.class)
class CallLogSpoolFullIntegrationTests {

    static final String TOKEN = "spool-full-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CALLS = 60;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    @Autowired
    CallShipper shipper;

    /** An admin refusing call logs from the start, and a fresh data directory. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static FakeAdmin admin;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Path dataDir;
            dataDir = NodeDirs.temp("gatehouse-spool-full");
            admin = FakeAdmin.start(TOKEN);
            admin.callsStatus(503);
            ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
            admin.upsert(echo, route("echo", echo).paths("/echo").build());
            TestPropertyValues.of("gatehouse.admin-url=" + admin.url(), "gatehouse.node-data-dir=" + dataDir)
                    .applyTo(context);
        }
    }

    @AfterAll
    static void stopAdmin() {
        Environment.admin.close();
    }

    private long droppedMetric() {
        String metrics = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        Matcher m = Pattern.compile("(?m)^gatehouse_calllog_dropped_total (\\S+)$").matcher(metrics);
        assertThat(m.find()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void droppedRecordsAreExactlyTheOnesNeverDelivered() {
        await().atMost(WAIT).until(() -> holder.current().ready());
        for (int i = 0; i < CALLS; i++) {
            // any answer counts: every request gets a record, whatever its status (rarely a pooled upstream
            // connection closed under a request makes one a 500; the call log must account for it all the same)
            assertThat(RawHttp.send(port, "GET", "/echo/" + i).status()).isPositive();
        }
        await().atMost(WAIT).until(() -> shipper.status().bufferedRecords() == 0 && shipper.dropped() > 0);
        assertThat(shipper.status().spooledBytes()).isLessThanOrEqualTo(3 * 1024);

        FakeAdmin admin = Environment.admin;
        admin.callsStatus(200);
        await().atMost(WAIT).until(() -> shipper.status().spooledBatches() == 0
                && shipper.status().bufferedRecords() == 0);
        long delivered = admin.callBatches().stream().mapToLong(b -> b.records().size()).sum();
        assertThat(delivered).isPositive();
        assertThat(delivered + shipper.dropped()).isEqualTo(CALLS);
        assertThat(droppedMetric()).isEqualTo(shipper.dropped());
        assertThat(shipper.status().shippedRecords()).isEqualTo(delivered);
    }
}
