package dev.gatehouse.admin.console;

import static dev.gatehouse.admin.console.ConsoleClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.consumer.ConsumerRequest;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.dashboard.TrafficChart;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.upstream.ServiceRequest;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.TargetRequest;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** The route and consumer pages chart their own last hour of traffic, with the dashboard's charts. */
@AdminIntegrationTest
class TrafficDetailConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;
    @Autowired
    UpstreamService services;
    @Autowired
    RouteService routes;
    @Autowired
    ConsumerService consumers;

    RouteView route;
    RouteView otherRoute;
    ConsumerView consumer;
    ConsumerView otherConsumer;

    @BeforeEach
    void setUp() throws Exception {
        ServiceView service = services.create(new ServiceRequest(unique("traffic-svc"),
                List.of(new TargetRequest("10.9.0.1", 8080, null)), "http", "", null, null));
        route = routes.create(ServiceConsoleIntegrationTests.route(unique("traffic-route"), service.name(), "/traffic"));
        otherRoute = routes.create(ServiceConsoleIntegrationTests.route(unique("quiet-route"), service.name(), "/quiet"));
        consumer = consumers.create(new ConsumerRequest(unique("traffic-app"), null, null, null, null, null));
        otherConsumer = consumers.create(new ConsumerRequest(unique("quiet-app"), null, null, null, null, null));
        Instant newest = Instant.now().minusSeconds(20);
        List<CallRecord> records = new ArrayList<>();
        // 30 calls on route + consumer, one a minute, every 10th answered 503 ...
        for (int i = 0; i < 30; i++) {
            records.add(call(newest.minusSeconds(60L * i), route, consumer, service, i % 10 == 0 ? 503 : 200, i));
        }
        // ... and 5 on the other route by the other consumer, which neither page may count.
        for (int i = 0; i < 5; i++) {
            records.add(call(newest.minusSeconds(60L * i), otherRoute, otherConsumer, service, 200, 100 + i));
        }
        new CallShipper(context).ship(records);
    }

    @Test
    void theRoutePageChartsTheRoutesLastHour() throws Exception {
        MvcResult page = ConsoleClient.signInAsViewer(context).get("/routes/" + route.id())
                .andExpect(status().isOk())
                .andExpect(view().name("routes/form"))
                .andExpect(model().attributeExists("chart", "totals"))
                .andReturn();
        assertLastHour(page, 30, 3);
        assertThat(html(page)).contains("/logs?route=" + route.id());

        // The edit address shows the same; a new route has no traffic to show.
        assertLastHour(ConsoleClient.signIn(context).get("/routes/" + otherRoute.id() + "/edit")
                .andExpect(status().isOk()).andReturn(), 5, 0);
        MvcResult fresh = ConsoleClient.signIn(context).get("/routes/new")
                .andExpect(status().isOk())
                .andExpect(model().attributeDoesNotExist("chart"))
                .andReturn();
        assertThat(html(fresh)).doesNotContain("id=\"chart-data\"", "uPlot.iife.min.js");
    }

    @Test
    void theConsumerPageChartsTheConsumersLastHour() throws Exception {
        MvcResult page = ConsoleClient.signInAsViewer(context).get("/consumers/" + consumer.id())
                .andExpect(status().isOk())
                .andExpect(view().name("consumers/detail"))
                .andExpect(model().attributeExists("chart", "totals", "keys"))
                .andReturn();
        assertLastHour(page, 30, 3);
        assertThat(html(page)).contains("/logs?consumer=" + consumer.id());

        assertLastHour(ConsoleClient.signIn(context).get("/consumers/" + otherConsumer.id())
                .andExpect(status().isOk()).andReturn(), 5, 0);
    }

    private static void assertLastHour(MvcResult page, long requests, long errors) throws Exception {
        TrafficChart chart = (TrafficChart) page.getModelAndView().getModel().get("chart");
        TrafficChart.Totals totals = (TrafficChart.Totals) page.getModelAndView().getModel().get("totals");
        assertThat(chart.t()).hasSizeBetween(60, 61);
        assertThat(chart.rps()).hasSameSizeAs(chart.t());
        assertThat(totals.requests()).isEqualTo(requests);
        assertThat(totals.errors()).isEqualTo(errors);
        // One call a minute: each busy step shows 1/60 req/s (rounded); latency percentiles only where there were calls.
        assertThat(chart.rps()).allMatch(r -> r == 0.0 || r == 0.017);
        long busy = chart.rps().stream().filter(r -> r > 0).count();
        assertThat(busy).isEqualTo(requests);
        assertThat(chart.p50().stream().filter(Objects::nonNull).count()).isEqualTo(busy);
        assertThat(chart.p95().stream().filter(Objects::nonNull).count()).isEqualTo(busy);
        assertThat(chart.p99().stream().filter(Objects::nonNull).count()).isEqualTo(busy);
        assertThat(chart.errorPercent().stream().filter(e -> e != null && e == 100.0).count()).isEqualTo(errors);
        String html = html(page);
        assertThat(html).contains("id=\"traffic\"", "id=\"chart-data\"", "data-chart=\"rps\"",
                "data-chart=\"errors\"", "data-chart=\"latency\"", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        String data = html.substring(html.indexOf("id=\"chart-data\""));
        assertThat(data.substring(0, data.indexOf("</script>")))
                .contains("\"rps\":[", "\"errorPercent\":[", "\"p50\":[", "\"p95\":[", "\"p99\":[");
    }

    private static CallRecord call(Instant at, RouteView route, ConsumerView consumer, ServiceView service,
                                   int status, int i) {
        return new CallRecord(at.toEpochMilli(), "node-console", route.id() + "-req-" + i, route.id(), route.name(),
                service.id(), service.name(), consumer.id(), consumer.name(), "gwk_Ab0", "GET", "/traffic/" + i, status,
                1000L * (i + 1), 800L * (i + 1), 0, 0, "10.0.0.1", status == 503 ? "upstream_unavailable" : null, null, 0, null);
    }

    private static String html(MvcResult page) throws Exception {
        return page.getResponse().getContentAsString();
    }
}
