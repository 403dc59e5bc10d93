package dev.gatehouse.runtime.tracing;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.RequestSizePolicy;
import dev.gatehouse.runtime.GatewayRuntimeApplication;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.OtlpReceiver;
import dev.gatehouse.runtime.support.OtlpReceiver.ReceivedSpan;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.test.context.ContextConfiguration;

/**
 * A node with tracing on (its own context: the shared main node runs with tracing off), exporting to an OTLP/HTTP
 * receiver in the test JVM, in front of the echo upstream: the spans of a call and their parents, the traceparent
 * the upstream receives, continuing a client's trace, malformed and unsampled client headers, bounded attributes
 * without key material, and the trace id in the call record.
 */
@SpringBootTest(classes = GatewayRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
                "gatehouse.heartbeat-interval=1s", "gatehouse.reconnect-max-delay=1s",
                "gatehouse.cluster-token=" + TracingIntegrationTests.TOKEN, "gatehouse.node-id=traced-node",
                "gatehouse.call-log.flush-interval=100ms", "gatehouse.tracing.schedule-delay=50ms",
                "gatehouse.tracing.sample-ratio=1"})
@ContextConfiguration(initializers = TracingIntegrationTests.Environment.class)
class TracingIntegrationTests {

    static final String TOKEN = "tracing-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final ConsumerSpec CONSUMER = Specs.consumer("tr-acme");
    private static final IssuedKey KEY = Specs.issue(CONSUMER);
    /** Span attributes the node may write; anything else is a leak waiting to happen. */
    private static final Set<String> ATTRIBUTES = Set.of("gatehouse.route", "gatehouse.service",
            "gatehouse.consumer.id", "gatehouse.step", "http.request.method", "http.response.status_code",
            "error.type", "server.address", "server.port");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    /** An admin with a keyed route (key in a header or the query) carrying a size policy, and an open route. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static FakeAdmin admin;
        static OtlpReceiver receiver;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            receiver = OtlpReceiver.start();
            admin = FakeAdmin.start(TOKEN);
            ServiceSpec echo = service("tr-echo", target(Upstreams.echo().port()));
            RouteSpec keyed = route("tr-keyed", echo).paths("/tr-keyed")
                    .keyAuth(new KeyAuthSpec(KeyAuthSpec.DEFAULT_HEADER, false, "apikey")).build();
            ServiceSpec dead = service("tr-dead", target(MainNode.closedPort()));
            admin.upsert(Specs.settings(), echo, keyed, route("tr-open", echo).paths("/tr-open").build(), CONSUMER,
                    KEY.spec(), Specs.routePolicy("tr-size", keyed, new RequestSizePolicy(1_000_000)), dead,
                    route("tr-dead", dead).paths("/tr-dead").build(),
                    Specs.compositeRoute("tr-page", Specs.composite(Specs.step("first", echo, "/first"),
                            Specs.step("second", echo, "/second/{step.first/method}").dependsOn("first")))
                            .paths("/tr-page").build());
            NodeDirs.useAdmin(context, admin.url(), "gatehouse-tracing");
            TestPropertyValues.of("gatehouse.tracing.otlp-endpoint=" + receiver.url()).applyTo(context);
        }
    }

    @AfterAll
    static void stop() {
        Environment.admin.close();
        Environment.receiver.close();
    }

    @BeforeEach
    void ready() {
        await().atMost(WAIT).until(() -> holder.current().ready());
    }

    private static JsonNode upstreamHeaders(Response response) {
        return response.json().get("headers");
    }

    private static String upstreamTraceparent(Response response) {
        JsonNode values = upstreamHeaders(response).get("traceparent");
        assertThat(values).as("traceparent reaching the upstream").isNotNull();
        assertThat(values.size()).isEqualTo(1);
        return values.get(0).asString();
    }

    private static List<ReceivedSpan> spansOf(String traceId, int atLeast) {
        await().atMost(WAIT).until(() -> Environment.receiver.trace(traceId).size() >= atLeast);
        return Environment.receiver.trace(traceId);
    }

    private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    @Test
    void aKeyedCallHasItsPhasesUnderTheServerSpanAndTheUpstreamSeesTheClientSpan() {
        String requestId = "tr-" + UUID.randomUUID();
        Response response = RawHttp.send(port, "GET", "/tr-keyed/orders/12345", "X-API-Key", KEY.key(),
                "X-Request-Id", requestId);
        assertThat(response.status()).isEqualTo(200);
        String traceparent = upstreamTraceparent(response);
        assertThat(TraceContextHeaders.validTraceparent(traceparent)).isTrue();
        String traceId = traceparent.substring(3, 35);

        List<ReceivedSpan> spans = spansOf(traceId, 5);
        assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("tr-keyed", "tr-keyed match",
                "tr-keyed auth", "tr-keyed policies", "tr-keyed upstream");
        ReceivedSpan server = named(spans, "tr-keyed");
        assertThat(server.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(server.parentSpanId()).isEmpty();
        for (String phase : List.of("match", "auth", "policies", "upstream")) {
            assertThat(named(spans, "tr-keyed " + phase).parentSpanId()).as(phase).isEqualTo(server.spanId());
        }
        ReceivedSpan upstream = named(spans, "tr-keyed upstream");
        assertThat(upstream.kind()).isEqualTo("SPAN_KIND_CLIENT");
        // the upstream's parent is the gateway's client span
        assertThat(traceparent.substring(36, 52)).isEqualTo(upstream.spanId());
        assertThat(upstream.attributes()).containsEntry("http.response.status_code", "200")
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", Integer.toString(Upstreams.echo().port()));
        assertThat(server.attributes()).containsEntry("gatehouse.route", "tr-keyed")
                .containsEntry("gatehouse.service", "tr-echo")
                .containsEntry("gatehouse.consumer.id", CONSUMER.id())
                .containsEntry("http.request.method", "GET")
                .containsEntry("http.response.status_code", "200");
        assertThat(server.resource()).containsEntry("service.name", "gatehouse")
                .containsEntry("service.instance.id", "traced-node");

        await().atMost(WAIT).until(() -> record(requestId) != null);
        assertThat(record(requestId).traceId()).isEqualTo(traceId);
    }

    @Test
    void eachStepOfACompositeRouteIsAClientSpanWhoseTraceparentItsUpstreamGets() {
        String requestId = "tr-" + UUID.randomUUID();
        Response response = RawHttp.send(port, "GET", "/tr-page/7", "X-Request-Id", requestId,
                "traceparent", "00-" + TRACE.replace('4', '5') + "-" + SPAN + "-01");
        assertThat(response.status()).as(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        String traceId = TRACE.replace('4', '5');
        JsonNode answer = response.json();
        String first = answer.get("first").get("headers").get("traceparent").get(0).asString();
        String second = answer.get("second").get("headers").get("traceparent").get(0).asString();
        assertThat(first).startsWith("00-" + traceId + "-").endsWith("-01");
        assertThat(second).startsWith("00-" + traceId + "-").isNotEqualTo(first);

        List<ReceivedSpan> spans = spansOf(traceId, 4);
        ReceivedSpan server = named(spans, "tr-page");
        assertThat(server.parentSpanId()).isEqualTo(SPAN);
        assertThat(server.attributes()).containsEntry("gatehouse.route", "tr-page")
                .doesNotContainKey("gatehouse.service");
        List<ReceivedSpan> steps = spans.stream().filter(s -> s.name().equals("tr-page upstream")).toList();
        assertThat(steps).extracting(s -> s.attributes().get("gatehouse.step"))
                .containsExactlyInAnyOrder("first", "second");
        for (ReceivedSpan step : steps) {
            assertThat(step.kind()).isEqualTo("SPAN_KIND_CLIENT");
            assertThat(step.parentSpanId()).isEqualTo(server.spanId());
            assertThat(step.attributes()).containsEntry("http.response.status_code", "200")
                    .containsEntry("gatehouse.service", "tr-echo");
            String sent = step.attributes().get("gatehouse.step").equals("first") ? first : second;
            // each step's upstream names that step's own client span as its parent
            assertThat(sent.substring(36, 52)).isEqualTo(step.spanId());
        }

        await().atMost(WAIT).until(() -> Environment.admin.callBatches().stream()
                .flatMap(b -> b.records().stream()).filter(r -> requestId.equals(r.requestId())).count() == 3);
        assertThat(Environment.admin.callBatches().stream().flatMap(b -> b.records().stream())
                .filter(r -> requestId.equals(r.requestId())))
                .extracting(CallRecord::step, CallRecord::traceId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(null, traceId),
                        org.assertj.core.groups.Tuple.tuple("first", traceId),
                        org.assertj.core.groups.Tuple.tuple("second", traceId));
    }

    private static CallRecord record(String requestId) {
        return Environment.admin.callBatches().stream().flatMap(b -> b.records().stream())
                .filter(r -> requestId.equals(r.requestId())).findFirst().orElse(null);
    }

    @Test
    void aSampledClientTraceIsContinuedWithItsTraceState() {
        Response response = RawHttp.send(port, "GET", "/tr-open/x", "traceparent", "00-" + TRACE + "-" + SPAN + "-01",
                "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(response.status()).isEqualTo(200);
        String traceparent = upstreamTraceparent(response);
        assertThat(traceparent).startsWith("00-" + TRACE + "-").doesNotContain(SPAN);
        assertThat(upstreamHeaders(response).get("tracestate").get(0).asString())
                .isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

        List<ReceivedSpan> spans = spansOf(TRACE, 3);
        ReceivedSpan server = named(spans, "tr-open");
        assertThat(server.parentSpanId()).isEqualTo(SPAN);
        assertThat(named(spans, "tr-open upstream").spanId()).isEqualTo(traceparent.substring(36, 52));
        // an open route without policies has no auth or policies phase
        assertThat(spans).extracting(ReceivedSpan::name)
                .containsExactlyInAnyOrder("tr-open", "tr-open match", "tr-open upstream");
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndNeverReachesTheUpstream() {
        String forged = "00-" + TRACE.toUpperCase() + "-" + SPAN + "-01";
        Response response = RawHttp.send(port, "GET", "/tr-open/x", "traceparent", forged, "tracestate", "a=b");
        assertThat(response.status()).isEqualTo(200);
        String traceparent = upstreamTraceparent(response);
        assertThat(traceparent).isNotEqualTo(forged).doesNotContain(TRACE.toUpperCase());
        assertThat(TraceContextHeaders.validTraceparent(traceparent)).isTrue();
        assertThat(upstreamHeaders(response).has("tracestate")).isFalse();
        assertThat(named(spansOf(traceparent.substring(3, 35), 3), "tr-open").parentSpanId()).isEmpty();
    }

    @Test
    void anUnsampledClientTraceIsPropagatedButNotRecorded() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Response response = RawHttp.send(port, "GET", "/tr-open/x", "traceparent", "00-" + traceId + "-" + SPAN + "-00");
        assertThat(response.status()).isEqualTo(200);
        String traceparent = upstreamTraceparent(response);
        assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-00");
        // a later sampled call is exported; by then the unsampled one would have been too
        String later = UUID.randomUUID().toString().replace("-", "");
        RawHttp.send(port, "GET", "/tr-open/x", "traceparent", "00-" + later + "-" + SPAN + "-01");
        spansOf(later, 3);
        assertThat(Environment.receiver.trace(traceId)).isEmpty();
    }

    @Test
    void attributesAreBoundedAndCarryNoKeyMaterialPathOrQuery() {
        String requestId = "tr-" + UUID.randomUUID();
        Response byQuery = RawHttp.send(port, "GET", "/tr-keyed/users/98765?apikey=" + KEY.key() + "&q=needle",
                "X-Request-Id", requestId, "Authorization", "Bearer not-a-real-token-42");
        assertThat(byQuery.status()).isEqualTo(200);
        Response refused = RawHttp.send(port, "GET", "/tr-keyed/users/98765", "X-API-Key", KEY.key() + "x");
        assertThat(refused.status()).isEqualTo(401);
        Response custom = RawHttp.send(port, "BREW", "/tr-open/pot-77");

        String traceId = upstreamTraceparent(byQuery).substring(3, 35);
        spansOf(traceId, 5);
        await().atMost(WAIT).until(() -> Environment.receiver.spans().stream().anyMatch(s ->
                "invalid_credentials".equals(s.attributes().get("error.type")) && s.name().equals("tr-keyed")));
        await().atMost(WAIT).until(() -> Environment.receiver.spans().stream().anyMatch(s ->
                "_OTHER".equals(s.attributes().get("http.request.method"))));
        assertThat(custom.status()).isPositive();

        for (ReceivedSpan span : Environment.receiver.spans()) {
            assertThat(span.attributes().keySet()).as(span.name()).isSubsetOf(ATTRIBUTES);
            for (Map.Entry<String, String> attribute : span.attributes().entrySet()) {
                assertThat(attribute.getValue()).as(span.name() + " " + attribute.getKey())
                        .doesNotContain(KEY.key()).doesNotContain(KEY.key().substring(8))
                        .doesNotContain("98765").doesNotContain("pot-77").doesNotContain("needle")
                        .doesNotContain("apikey").doesNotContain("not-a-real-token").doesNotContain("BREW");
            }
            assertThat(span.name()).doesNotContain("/").doesNotContain("98765");
        }
        // the refused call's auth phase says why it ended there
        ReceivedSpan refusedAuth = Environment.receiver.spans().stream()
                .filter(s -> s.name().equals("tr-keyed auth") && s.attributes().containsKey("error.type"))
                .findFirst().orElseThrow();
        assertThat(refusedAuth.attributes()).containsEntry("error.type", "invalid_credentials");
    }

    @Test
    void aFailedUpstreamCallMarksTheClientAndServerSpans() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Response response = RawHttp.send(port, "GET", "/tr-dead/x", "traceparent", "00-" + traceId + "-" + SPAN + "-01");
        assertThat(response.status()).isEqualTo(502);
        List<ReceivedSpan> spans = spansOf(traceId, 3);
        ReceivedSpan upstream = named(spans, "tr-dead upstream");
        assertThat(upstream.status()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(upstream.attributes()).containsEntry("error.type", "upstream_unavailable");
        ReceivedSpan server = named(spans, "tr-dead");
        assertThat(server.status()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(server.attributes()).containsEntry("http.response.status_code", "502")
                .containsEntry("error.type", "upstream_unavailable");
    }

    @Test
    void aCallNoRouteMatchesIsTracedAsUnrouted() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Response response = RawHttp.send(port, "GET", "/tr-nowhere/123", "traceparent",
                "00-" + traceId + "-" + SPAN + "-01");
        assertThat(response.status()).isEqualTo(404);
        List<ReceivedSpan> spans = spansOf(traceId, 2);
        assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("unrouted", "match");
        assertThat(named(spans, "unrouted").attributes()).containsEntry("http.response.status_code", "404")
                .containsEntry("error.type", "no_route").doesNotContainKey("gatehouse.route");
        assertThat(named(spans, "match").attributes()).containsEntry("error.type", "no_route");
    }

    @Test
    void exportsAreCountedInMetrics() {
        RawHttp.send(port, "GET", "/tr-open/metrics");
        await().atMost(WAIT).until(() -> metric("gatehouse_tracing_spans_exported_total") > 0);
        assertThat(metric("gatehouse_tracing_spans_failed_total")).isZero();
        assertThat(metric("gatehouse_tracing_spans_dropped_total")).isZero();
    }

    private double metric(String name) {
        String text = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
