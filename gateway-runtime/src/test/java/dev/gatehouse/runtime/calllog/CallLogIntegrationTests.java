package dev.gatehouse.runtime.calllog;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The call log on the shared main node: one record per request, including the ones the gateway answers itself,
 * shipped to the (fake) admin; spooled while the admin answers 503 and delivered once afterwards; metrics and
 * heartbeat status.
 */
@MainNode.Test
class CallLogIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PlanSpec GOLD = new PlanSpec("plan-cl-gold", "cl-gold", List.of(), List.of());
    private static final ConsumerSpec PAYING = new ConsumerSpec("con-cl-paying", "cl-paying", ConsumerStatus.ACTIVE,
            List.of(), GOLD.id());
    private static IssuedKey key;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    @Autowired
    CallShipper shipper;

    private final FakeAdmin admin = MainNode.admin();

    @BeforeEach
    void keyedRoute() {
        synchronized (CallLogIntegrationTests.class) {
            if (key != null) {
                return;
            }
            ServiceSpec echo = service("cl-echo", target(Upstreams.echo().port()));
            key = Specs.issue(PAYING);
            long revision = admin.upsert(echo, GOLD, PAYING,
                    route("cl-keyed", echo).paths("/cl-keyed").keyAuth().build(), key.spec());
            await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
        }
    }

    private Response get(String target, String requestId, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Request-Id";
        all[1] = requestId;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return RawHttp.send(port, "GET", target, all);
    }

    /** Records the admin stored whose request id starts with {@code prefix}. */
    private List<CallRecord> stored(String prefix) {
        return admin.callBatches().stream().flatMap(batch -> batch.records().stream())
                .filter(record -> record.requestId().startsWith(prefix)).toList();
    }

    @Test
    void everyRequestIsRecordedOnceWithItsFields() throws InterruptedException {
        String p = "cl-" + UUID.randomUUID() + "-";
        assertThat(get("/echo/cl/a?secret=1", p + "ok").status()).isEqualTo(200);
        byte[] upload = "hello, call log".getBytes(StandardCharsets.UTF_8);
        assertThat(RawHttp.send(port, "POST", "/upload/cl", List.of("X-Request-Id", p + "upload"), upload.length,
                out -> out.write(upload)).status()).isEqualTo(200);
        assertThat(get("/cl-nowhere", p + "404").status()).isEqualTo(404);
        assertThat(get("/cl-keyed/x", p + "401").status()).isEqualTo(401);
        Response keyed = get("/cl-keyed/x", p + "keyed", "X-API-Key", key.key());
        assertThat(keyed.status()).isEqualTo(200);
        assertThat(get("/echo/x;y", p + "400").status()).isEqualTo(400);
        assertThat(get("/dead/x", p + "502").status()).isEqualTo(502);

        await().atMost(WAIT).until(() -> stored(p).size() >= 7);
        // records ship in order: once a later call's record is stored, no other record of the calls above can come
        String after = "cl-" + UUID.randomUUID() + "-after";
        assertThat(get("/echo/cl/after", after).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !stored(after).isEmpty());
        Map<String, CallRecord> byId = stored(p).stream()
                .collect(Collectors.toMap(r -> r.requestId().substring(p.length()), Function.identity()));
        assertThat(stored(p)).hasSize(7);

        CallRecord ok = byId.get("ok");
        assertThat(ok.nodeId()).isEqualTo(MainNode.NODE_ID);
        assertThat(ok.routeName()).isEqualTo("echo");
        assertThat(ok.routeId()).isNotBlank();
        assertThat(ok.serviceName()).isEqualTo("echo");
        assertThat(ok.serviceId()).isNotBlank();
        assertThat(ok.method()).isEqualTo("GET");
        assertThat(ok.path()).isEqualTo("/echo/cl/a");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.upstreamMicros()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(ok.latencyMicros());
        assertThat(ok.latencyMicros()).isPositive();
        assertThat(ok.bytesIn()).isZero();
        assertThat(ok.bytesOut()).isPositive();
        assertThat(ok.clientIp()).isEqualTo("127.0.0.1");
        assertThat(ok.errorCode()).isNull();
        assertThat(ok.consumerId()).isNull();
        assertThat(ok.timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));

        CallRecord up = byId.get("upload");
        assertThat(up.method()).isEqualTo("POST");
        assertThat(up.bytesIn()).isEqualTo(upload.length);

        CallRecord noRoute = byId.get("404");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.errorCode()).isEqualTo("no_route");
        assertThat(noRoute.routeId()).isNull();
        assertThat(noRoute.upstreamMicros()).isEqualTo(-1);
        assertThat(noRoute.bytesOut()).isPositive();

        CallRecord unauthorized = byId.get("401");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.errorCode()).isEqualTo("missing_credentials");
        assertThat(unauthorized.routeName()).isEqualTo("cl-keyed");
        assertThat(unauthorized.consumerId()).isNull();
        assertThat(unauthorized.upstreamMicros()).isEqualTo(-1);

        CallRecord withKey = byId.get("keyed");
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.consumerId()).isEqualTo(PAYING.id());
        assertThat(withKey.consumerName()).isEqualTo(PAYING.name());
        assertThat(withKey.keyPrefix()).isEqualTo(key.spec().prefix());
        assertThat(withKey.serviceName()).isEqualTo("cl-echo");

        assertThat(byId.get("400").status()).isEqualTo(400);
        assertThat(byId.get("400").errorCode()).isEqualTo("invalid_path");

        CallRecord dead = byId.get("502");
        assertThat(dead.status()).isEqualTo(502);
        assertThat(dead.errorCode()).isEqualTo("upstream_unavailable");
        assertThat(dead.routeName()).isEqualTo("dead");
        assertThat(dead.upstreamMicros()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void whileTheAdminAnswers503RecordsAreSpooledThenDeliveredOnce() {
        String p = "cl-" + UUID.randomUUID() + "-";
        admin.callsStatus(503);
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(get("/echo/spooled/" + i, p + i).status()).isEqualTo(200);
            }
            await().atMost(WAIT).until(() -> shipper.status().spooledBatches() > 0
                    && admin.callAttempts().stream().flatMap(b -> b.records().stream())
                            .filter(r -> r.requestId().startsWith(p)).count() >= 20);
            assertThat(stored(p)).isEmpty();
            assertThat(shipper.status().spooledBytes()).isPositive();
        } finally {
            admin.callsStatus(200);
        }
        await().atMost(WAIT).until(() -> stored(p).size() >= 20);
        await().atMost(WAIT).until(() -> shipper.status().spooledBatches() == 0);
        assertThat(stored(p)).extracting(CallRecord::requestId).doesNotHaveDuplicates().hasSize(20);
        assertThat(admin.callBatches()).extracting(CallRecordBatch::batchId).doesNotHaveDuplicates();

        // every refused batch was sent again under the same id with the same records
        Map<String, CallRecordBatch> storedById = admin.callBatches().stream()
                .collect(Collectors.toMap(CallRecordBatch::batchId, Function.identity()));
        List<CallRecordBatch> refused = admin.callAttempts().stream()
                .filter(b -> b.records().stream().anyMatch(r -> r.requestId().startsWith(p))).toList();
        assertThat(refused.size()).isGreaterThan((int) refused.stream().map(CallRecordBatch::batchId).distinct()
                .count());
        for (CallRecordBatch attempt : refused) {
            assertThat(storedById.get(attempt.batchId())).isEqualTo(attempt);
        }
    }

    @Test
    void metricsHaveBoundedLabels() {
        String p = "cl-" + UUID.randomUUID() + "-";
        get("/echo/metrics/" + UUID.randomUUID(), p + "1");
        get("/cl-keyed/m", p + "2", "X-API-Key", key.key());
        get("/dead/m", p + "3");
        get("/cl-nowhere/m", p + "4");
        await().atMost(WAIT).until(() -> stored(p).size() >= 4);
        String metrics = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        assertThat(metrics)
                .containsPattern("gatehouse_requests_total\\{plan=\"none\",route=\"echo\",status_class=\"2xx\"} ")
                .containsPattern("gatehouse_requests_total\\{plan=\"cl-gold\",route=\"cl-keyed\",status_class=\"2xx\"}")
                .containsPattern("gatehouse_requests_total\\{plan=\"none\",route=\"none\",status_class=\"4xx\"}")
                .containsPattern("gatehouse_request_duration_seconds_bucket\\{route=\"echo\",le=\"0.1\"}")
                .containsPattern("gatehouse_request_duration_seconds_count\\{route=\"dead\"}")
                .containsPattern("gatehouse_upstream_errors_total\\{code=\"upstream_unavailable\",route=\"dead\"}")
                .contains("gatehouse_calllog_buffer_records ", "gatehouse_calllog_spool_bytes ",
                        "gatehouse_calllog_spool_batches ", "gatehouse_calllog_dropped_total ",
                        "gatehouse_calllog_shipped_total ")
                .doesNotContain("/echo/metrics", key.key(), "quantile");
    }

    @Test
    void heartbeatsCarryTheCallLogStatus() {
        await().atMost(WAIT).until(() -> {
            List<NodeHeartbeat> beats = admin.heartbeats();
            return !beats.isEmpty() && beats.get(beats.size() - 1).callLog() != null
                    && beats.get(beats.size() - 1).callLog().shippedRecords() > 0;
        });
        List<NodeHeartbeat> beats = admin.heartbeats();
        CallLogStatus status = beats.get(beats.size() - 1).callLog();
        assertThat(status.bufferCapacity()).isEqualTo(100_000);
        assertThat(status.spoolCapacity()).isEqualTo(256L * 1024 * 1024);
        assertThat(status.droppedRecords()).isZero();
    }
}
