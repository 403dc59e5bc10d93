package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** A traced call's trace id: stored, in the API, linked to the trace viewer on its page; a bad one refused. */
@AdminIntegrationTest
class CallTraceConsoleIntegrationTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    WebApplicationContext context;

    @Autowired
    MockMvc mvc;

    static CallRecord traced(CallRecord call, String traceId) {
        return new CallRecord(call.timestamp(), call.nodeId(), call.requestId(), call.routeId(), call.routeName(),
                call.serviceId(), call.serviceName(), call.consumerId(), call.consumerName(), call.keyPrefix(),
                call.method(), call.path(), call.status(), call.latencyMicros(), call.upstreamMicros(),
                call.bytesIn(), call.bytesOut(), call.clientIp(), call.errorCode(), call.step(),
                call.stepStartMicros(), traceId);
    }

    @Test
    void aTracedCallLinksToItsTrace() throws Exception {
        String route = CallShipper.route();
        List<CallRecord> calls = CallShipper.calls(route, Instant.now().minusSeconds(5), 2);
        new CallShipper(context).ship(List.of(traced(calls.get(0), TRACE), calls.get(1)));

        new AdminApi(mvc).get("/api/v1/logs/" + route + "-req-0")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.traceId").value(TRACE));
        String html = ConsoleClient.signInAsViewer(context).get("/logs/" + route + "-req-0")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String trace = html.substring(html.indexOf("id=\"call-trace\""), html.indexOf("</dd>",
                html.indexOf("id=\"call-trace\"")));
        assertThat(trace).contains("href=\"https://traces.example.test/trace/" + TRACE + "?view=timeline\"",
                ">" + TRACE + "<", "rel=\"noopener noreferrer\"");

        String untraced = ConsoleClient.signInAsViewer(context).get("/logs/" + route + "-req-1")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(untraced.substring(untraced.indexOf("id=\"call-trace\"")))
                .contains("Not traced").doesNotContain("traces.example.test");
    }

    @Test
    void aBadTraceIdRefusesTheBatch() throws Exception {
        String route = CallShipper.route();
        List<CallRecord> calls = CallShipper.calls(route, Instant.now().minusSeconds(5), 3);
        List<CallRecord> bad = List.of(traced(calls.get(0), "4BF92F3577B34DA6A3CE929D0E0E4736"),
                traced(calls.get(1), "00000000000000000000000000000000"),
                traced(calls.get(2), "javascript:alert(1)"));
        assertThat(new CallShipper(context).ship(java.util.UUID.randomUUID().toString(), bad)).isEqualTo(400);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM call_log WHERE route_id = '" + route + "'")).isZero();
    }
}
