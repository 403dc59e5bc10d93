package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.calllog.CallLogEntry;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** The call-log pages and live tail through the real security configuration, ingestion and PostgreSQL. */
@AdminIntegrationTest
class CallLogConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Test
    void requiresSignIn() throws Exception {
        ConsoleClient.mockMvc(context).perform(get("/logs"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        ConsoleClient.mockMvc(context).perform(get("/logs/tail"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void listsCallsNewestFirstAndPagesByCursor() throws Exception {
        String route = CallShipper.route();
        Instant newest = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        new CallShipper(context).ship(CallShipper.calls(route, newest, 60));
        ConsoleClient console = ConsoleClient.signInAsViewer(context);

        MvcResult first = console.get("/logs?range=1h&route=" + route)
                .andExpect(status().isOk())
                .andExpect(view().name("logs/list"))
                .andExpect(model().hasNoErrors())
                .andExpect(content().string(containsString(route + "-req-0")))
                .andExpect(content().string(containsString("badge-red")))
                .andExpect(content().string(containsString("id=\"next-page\"")))
                // The live tail follows the page's filters.
                .andExpect(content().string(containsString("data-tail=\"/logs/tail?route=" + route + "\"")))
                .andReturn();
        List<CallLogEntry> calls = calls(first);
        assertThat(calls).hasSize(50);
        assertThat(calls.get(0).requestId()).isEqualTo(route + "-req-0");
        assertThat(calls.get(49).requestId()).isEqualTo(route + "-req-49");

        String next = (String) first.getModelAndView().getModel().get("nextUrl");
        assertThat(next).contains("cursor=").contains("route=" + route);
        MvcResult second = console.get(next.substring(next.indexOf("/logs")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"first-page\"")))
                .andExpect(content().string(not(containsString("id=\"next-page\""))))
                .andReturn();
        assertThat(calls(second)).extracting(CallLogEntry::requestId)
                .startsWith(route + "-req-50").hasSize(10);
    }

    @Test
    void filtersByStatusClassLatencyAndKeyPrefix() throws Exception {
        String route = CallShipper.route();
        new CallShipper(context).ship(CallShipper.calls(route, Instant.now().minusSeconds(10), 40));
        ConsoleClient console = ConsoleClient.signIn(context);

        assertThat(calls(console.get("/logs?route=" + route + "&status=5xx").andReturn()))
                .extracting(CallLogEntry::status).containsOnly(503).hasSize(4);
        assertThat(calls(console.get("/logs?route=" + route + "&status=404").andReturn()))
                .extracting(CallLogEntry::status).containsOnly(404);
        assertThat(calls(console.get("/logs?route=" + route + "&minLatencyMs=35").andReturn()))
                .extracting(CallLogEntry::latencyMicros).allMatch(us -> us >= 35_000).hasSize(6);
        assertThat(calls(console.get("/logs?consumer=cons-" + route + "&keyPrefix=gwk_Ab1").andReturn()))
                .extracting(CallLogEntry::keyPrefix).containsOnly("gwk_Ab1").hasSize(20);
        assertThat(calls(console.get("/logs?requestId=" + route + "-req-7").andReturn()))
                .extracting(CallLogEntry::path).containsExactly("/orders/7");
        // A custom range that ends before the calls finds none.
        console.get("/logs?range=custom&route=" + route + "&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z")
                .andExpect(status().isOk())
                .andExpect(model().hasNoErrors())
                .andExpect(content().string(containsString("id=\"no-calls\"")));
    }

    @Test
    void badFiltersAreShownBesideTheirFields() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        console.get("/logs?range=custom&from=yesterday&status=abc&minLatencyMs=-5&cursor=nonsense")
                .andExpect(status().isOk())
                .andExpect(view().name("logs/list"))
                .andExpect(model().attributeHasFieldErrors("filter", "from", "status", "minLatencyMs", "cursor"))
                .andExpect(content().string(containsString("Some filters need attention; nothing was searched.")))
                .andExpect(content().string(containsString("id=\"status-error\"")))
                .andExpect(content().string(containsString("must be a status such as 404 or a class such as 5xx")))
                .andExpect(content().string(containsString("id=\"from-error\"")))
                .andExpect(content().string(containsString("id=\"minLatencyMs-error\"")))
                .andExpect(content().string(containsString("is not a cursor returned by this API")))
                .andExpect(content().string(not(containsString("id=\"no-calls\""))))
                // No live tail with filters that cannot be applied.
                .andExpect(content().string(not(containsString("data-tail="))));
        console.get("/logs?range=custom&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .andExpect(model().attributeHasFieldErrors("filter", "from"))
                .andExpect(content().string(containsString("must be before to")));
    }

    @Test
    void detailShowsEveryField() throws Exception {
        String route = CallShipper.route();
        List<CallRecord> records = CallShipper.calls(route, Instant.now().minusSeconds(5), 11);
        new CallShipper(context).ship(records);
        CallRecord r = records.get(10);

        MvcResult page = ConsoleClient.signInAsViewer(context).get("/logs/" + r.requestId())
                .andExpect(status().isOk())
                .andExpect(view().name("logs/detail"))
                .andReturn();
        assertThat(page.getModelAndView().getModel().get("call")).extracting("requestId", "status", "upstreamMicros")
                .containsExactly(r.requestId(), 503, -1L);
        assertThat(page.getResponse().getContentAsString()).contains(r.requestId(), "/orders/10", "503",
                "upstream_unavailable", "11 ms", "No upstream called", "name-" + route, "svc-name-" + route,
                "acme", "gwk_Ab0", "10.0.0.10", "node-console", "GET");

        ConsoleClient.signIn(context).get("/logs/no-such-request")
                .andExpect(status().isNotFound())
                .andExpect(view().name("error"));
    }

    @Test
    void liveTailStreamsCallsShippedAfterItOpened() throws Exception {
        ConsoleClient console = ConsoleClient.signInAsViewer(context);
        MvcResult tail = console.perform(get("/logs/tail").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted())
                .andReturn();
        String route = CallShipper.route();
        // All at one instant, after anything the tail may already have sent (its cursor is (timestamp, id)).
        new CallShipper(context).ship(CallShipper.calls(route, Instant.now(), 3, 0));

        String body = await("the tail sends the calls").atMost(Duration.ofSeconds(10))
                .until(() -> tail.getResponse().getContentAsString(), sent -> sent.contains(route + "-req-2"));
        assertThat(body).contains("event:call", route + "-req-2", route + "-req-1", route + "-req-0");
        // Each once, each with a resumable id.
        assertThat(body.split(route + "-req-1\"", -1)).hasSize(2);
        assertThat(body).contains("id:");
        tail.getRequest().getAsyncContext().complete();
    }

    @SuppressWarnings("unchecked")
    private static List<CallLogEntry> calls(MvcResult result) {
        return (List<CallLogEntry>) result.getModelAndView().getModel().get("calls");
    }
}
