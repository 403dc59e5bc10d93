package dev.gatehouse.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tracing off (the shared main node sets no OTLP endpoint): the node is transparent to trace context, passing the
 * client's headers, even malformed ones, to the upstream unchanged like any other header, and records no trace id.
 */
@MainNode.Test
class TracingOffIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Tracing tracing;

    @Test
    void theClientsTraceHeadersPassThroughUnchangedAndNoTraceIdIsRecorded() {
        assertThat(tracing.enabled()).isFalse();
        String requestId = "troff-" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response response = RawHttp.send(port, "GET", "/echo/troff", "traceparent", traceparent,
                "tracestate", "rojo=1", "X-Request-Id", requestId);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("headers").get("traceparent").get(0).asString()).isEqualTo(traceparent);
        assertThat(response.json().get("headers").get("tracestate").get(0).asString()).isEqualTo("rojo=1");

        Response none = RawHttp.send(port, "GET", "/echo/troff");
        assertThat(none.json().get("headers").has("traceparent")).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> record(requestId) != null);
        assertThat(record(requestId).traceId()).isNull();
    }

    private static CallRecord record(String requestId) {
        return MainNode.admin().callBatches().stream().flatMap(b -> b.records().stream())
                .filter(r -> requestId.equals(r.requestId())).findFirst().orElse(null);
    }
}
