package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.CallRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * The live tail ({@code GET /logs/tail}) against real ingestion and PostgreSQL: it follows ingestion order, so
 * calls that arrive late (old timestamps, shipped after newer ones) are shown, each exactly once; it applies the
 * log page's filters; and it resumes from an event id without repeating anything.
 */
@AdminIntegrationTest
class CallLogTailIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern CALL_EVENT = Pattern.compile("event:call\\nid:([^\\n]+)\\ndata:(\\{[^\\n]*\\})");
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([^\"]+)\"");

    @Autowired
    WebApplicationContext context;

    @Test
    void lateCallsShippedAfterTheTailStartedAreShownOnce() throws Exception {
        ConsoleClient console = ConsoleClient.signInAsViewer(context);
        CallShipper shipper = new CallShipper(context);
        String route = CallShipper.route();
        MvcResult tail = open(console, "/logs/tail?route=" + route);
        awaitBody(tail, body -> body.contains("event:position"));

        // Fresh calls first, then a node that spooled sends calls from ten minutes and two days ago.
        List<CallRecord> fresh = CallShipper.calls(route + "-fresh", Instant.now(), 3, 0);
        shipper.ship(CallShipper.onRoute(route, fresh));
        awaitBody(tail, body -> requestIds(body).containsAll(ids(fresh)));
        List<CallRecord> late = CallShipper.calls(route + "-late", Instant.now().minus(Duration.ofMinutes(10)), 4);
        String lateBatch = UUID.randomUUID().toString();
        assertThat(shipper.ship(lateBatch, CallShipper.onRoute(route, late))).isEqualTo(204);
        List<CallRecord> older = CallShipper.calls(route + "-older", Instant.now().minus(Duration.ofDays(2)), 2);
        shipper.ship(CallShipper.onRoute(route, older));
        // The node resends the late batch (it did not see the answer): stored once, shown once.
        assertThat(shipper.ship(lateBatch, CallShipper.onRoute(route, late))).isEqualTo(200);

        List<String> expected = new ArrayList<>(ids(fresh));
        expected.addAll(ids(late));
        expected.addAll(ids(older));
        awaitBody(tail, body -> requestIds(body).containsAll(expected));
        // Two more ticks: nothing is sent again.
        int ticks = count(tail.getResponse().getContentAsString(), "\n\n");
        awaitBody(tail, body -> count(body, "\n\n") >= ticks + 2);
        List<String> seen = requestIds(tail.getResponse().getContentAsString());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        // In ingestion order: the fresh calls before the late ones, although their timestamps are newer.
        assertThat(seen.indexOf(fresh.get(0).requestId())).isLessThan(seen.indexOf(late.get(0).requestId()));
        tail.getRequest().getAsyncContext().complete();
    }

    @Test
    void batchesStoredConcurrentlyFromSeveralNodesAreEachShownOnce() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        CallShipper shipper = new CallShipper(context);
        String route = CallShipper.route();
        MvcResult tail = open(console, "/logs/tail?route=" + route);
        awaitBody(tail, body -> body.contains("event:position"));

        // Four "nodes" ship ten batches each at once, with timestamps scattered over the last hour, so batches
        // commit in an order unrelated to their calls' time or to the order their transactions started.
        int nodes = 4;
        int batches = 10;
        List<String> expected = new ArrayList<>();
        List<List<CallRecord>> work = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            for (int b = 0; b < batches; b++) {
                Instant at = Instant.now().minusSeconds((long) ((n * batches + b) * 37 % 3600));
                List<CallRecord> batch = CallShipper.onRoute(route,
                        CallShipper.calls(route + "-n" + n + "b" + b, at, 20, 1));
                work.add(batch);
                expected.addAll(ids(batch));
            }
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
        try {
            List<java.util.concurrent.Future<?>> shipped = new ArrayList<>();
            for (List<CallRecord> batch : work) {
                shipped.add(pool.submit(() -> {
                    shipper.ship(batch);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : shipped) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitBody(tail, body -> requestIds(body).size() >= expected.size());
        int ticks = count(tail.getResponse().getContentAsString(), "\n\n");
        awaitBody(tail, body -> count(body, "\n\n") >= ticks + 2);
        assertThat(requestIds(tail.getResponse().getContentAsString()))
                .hasSize(nodes * batches * 20)
                .containsExactlyInAnyOrderElementsOf(expected);
        tail.getRequest().getAsyncContext().complete();
    }

    @Test
    void filteredTailShowsOnlyMatchingCalls() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        CallShipper shipper = new CallShipper(context);
        String route = CallShipper.route();
        String other = CallShipper.route();
        MvcResult tail = open(console, "/logs/tail?route=name-" + route + "&status=5xx&minLatencyMs=5");
        awaitBody(tail, body -> body.contains("event:position"));

        // 25 calls, latency i + 1 ms: 503 at i = 0 (too fast), 10 and 20; the other route's must not show.
        shipper.ship(CallShipper.calls(route, Instant.now(), 25, 1));
        shipper.ship(CallShipper.calls(other, Instant.now(), 25, 1));
        List<String> expected = List.of(route + "-req-10", route + "-req-20");
        awaitBody(tail, body -> requestIds(body).containsAll(expected));
        int ticks = count(tail.getResponse().getContentAsString(), "\n\n");
        awaitBody(tail, body -> count(body, "\n\n") >= ticks + 2);
        assertThat(requestIds(tail.getResponse().getContentAsString())).containsExactlyInAnyOrderElementsOf(expected);
        tail.getRequest().getAsyncContext().complete();

        // Key prefix and consumer, as the log search applies them.
        String third = CallShipper.route();
        MvcResult byKey = open(console, "/logs/tail?consumer=cons-" + third + "&keyPrefix=gwk_Ab1&status=404");
        awaitBody(byKey, body -> body.contains("event:position"));
        shipper.ship(CallShipper.calls(third, Instant.now(), 30, 0));
        // 404 at i = 7 and 21 (odd, so key gwk_Ab1); 14 and 28 are gwk_Ab0.
        List<String> keyed = List.of(third + "-req-7", third + "-req-21");
        awaitBody(byKey, body -> requestIds(body).containsAll(keyed));
        int keyTicks = count(byKey.getResponse().getContentAsString(), "\n\n");
        awaitBody(byKey, body -> count(body, "\n\n") >= keyTicks + 2);
        assertThat(requestIds(byKey.getResponse().getContentAsString())).containsExactlyInAnyOrderElementsOf(keyed);
        byKey.getRequest().getAsyncContext().complete();
    }

    @Test
    void resumingFromAnEventIdRepeatsNothingAndMissesNothing() throws Exception {
        ConsoleClient console = ConsoleClient.signIn(context);
        CallShipper shipper = new CallShipper(context);
        String route = CallShipper.route();
        MvcResult first = open(console, "/logs/tail?route=" + route);
        awaitBody(first, body -> body.contains("event:position"));
        List<CallRecord> before = CallShipper.calls(route, Instant.now(), 3, 0);
        shipper.ship(before);
        awaitBody(first, body -> requestIds(body).containsAll(ids(before)));
        String resumeAt = null;
        Matcher m = CALL_EVENT.matcher(first.getResponse().getContentAsString());
        while (m.find()) {
            resumeAt = m.group(1);
        }
        assertThat(resumeAt).isNotNull();
        // Paused: the stream is closed while calls arrive, two of them late.
        first.getRequest().getAsyncContext().complete();
        List<CallRecord> whilePaused = CallShipper.calls(route + "-paused", Instant.now().minusSeconds(600), 2);
        shipper.ship(CallShipper.onRoute(route, whilePaused));

        MvcResult resumed = open(console, "/logs/tail?route=" + route + "&after=" + resumeAt);
        awaitBody(resumed, body -> requestIds(body).containsAll(ids(whilePaused)));
        int ticks = count(resumed.getResponse().getContentAsString(), "\n\n");
        awaitBody(resumed, body -> count(body, "\n\n") >= ticks + 2);
        assertThat(requestIds(resumed.getResponse().getContentAsString()))
                .containsExactlyInAnyOrderElementsOf(ids(whilePaused));
        resumed.getRequest().getAsyncContext().complete();
    }

    @Test
    void badFiltersAreRefusedWithProblemDetails() throws Exception {
        ConsoleClient.signIn(context).perform(get("/logs/tail?status=abc&minLatencyMs=-1")
                        .accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("status", "minLatencyMs")));
    }

    private static MvcResult open(ConsoleClient console, String url) throws Exception {
        return console.perform(get(url).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted())
                .andReturn();
    }

    /** Polls the streamed body (every 50 ms, at most {@link #WAIT}) until it satisfies the condition. */
    private static void awaitBody(MvcResult tail, Predicate<String> condition) {
        await("the tail's body").atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> tail.getResponse().getContentAsString(), condition);
    }

    /** The request ids of the {@code call} events in a streamed body, in the order sent. */
    private static List<String> requestIds(String body) {
        List<String> ids = new ArrayList<>();
        Matcher events = CALL_EVENT.matcher(body);
        while (events.find()) {
            Matcher id = REQUEST_ID.matcher(events.group(2));
            assertThat(id.find()).isTrue();
            ids.add(id.group(1));
        }
        return ids;
    }

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::requestId).toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
