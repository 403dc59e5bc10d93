package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.calllog.TopTraffic;
import dev.gatehouse.admin.dashboard.TrafficChart;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** The dashboard (the console's home page) over calls shipped through the real ingestion endpoint. */
@AdminIntegrationTest
class DashboardConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Test
    void requiresSignInButServesTheChartLibraryToAnyone() throws Exception {
        ConsoleClient.mockMvc(context).perform(get("/")).andExpect(redirectedUrl("/login"));
        ConsoleClient.mockMvc(context).perform(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("uPlot")));
    }

    @Test
    void showsTrafficErrorsLatencyTopListsAndNodes() throws Exception {
        String route = CallShipper.route();
        // 400 calls over the last ~7 minutes; other tests ship into the same database, so the top lists are only
        // checked for shape.
        new CallShipper(context).ship(CallShipper.calls(route, Instant.now().minusSeconds(20), 400, 1));

        MvcResult page = ConsoleClient.signInAsViewer(context).get("/?range=15m")
                .andExpect(status().isOk())
                .andExpect(view().name("dashboard/index"))
                .andExpect(model().attributeExists("chart", "totals", "top", "nodes", "p95"))
                .andExpect(content().string(containsString("id=\"chart-data\"")))
                .andExpect(content().string(containsString("data-chart=\"latency\"")))
                .andExpect(content().string(containsString("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")))
                .andReturn();
        Map<String, Object> model = page.getModelAndView().getModel();
        assertThat(model.get("range")).hasToString("LAST_15_MINUTES");
        assertThat(model.get("chart")).extracting("t").asList().hasSizeBetween(15, 16);
        assertThat(model.get("totals")).extracting("requests").asString().satisfies(n ->
                assertThat(Long.parseLong(n)).isGreaterThanOrEqualTo(400));
        TopTraffic top = (TopTraffic) model.get("top");
        assertThat(top.routes()).hasSizeBetween(1, 5).extracting(TopTraffic.Entry::requests)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder()).first().matches(n -> n >= 400);
        assertThat(top.consumers()).isNotEmpty();
        assertThat(top.errors()).isNotEmpty();
        assertThat(html(page)).contains("id=\"top-routes\"", "id=\"node-health\"");
        String html = html(page);
        String data = html.substring(html.indexOf("id=\"chart-data\""));
        assertThat(data.substring(0, data.indexOf("</script>"))).contains("\"rps\":[", "\"p99\":[", "\"errorPercent\":[");
    }

    @Test
    void aRouteFilterShowsExactlyThatRoutesTraffic() throws Exception {
        String route = CallShipper.route();
        new CallShipper(context).ship(CallShipper.calls(route, Instant.now().minusSeconds(5), 120, 2));
        new CallShipper(context).ship(CallShipper.calls(CallShipper.route(), Instant.now().minusSeconds(5), 50, 2));

        MvcResult page = ConsoleClient.signIn(context).get("/?range=1h&route=name-" + route)
                .andExpect(status().isOk())
                .andExpect(model().hasNoErrors())
                .andExpect(content().string(containsString("Only the calls of the route, service and consumer above.")))
                // The range picker keeps the filter.
                .andExpect(content().string(containsString("href=\"/?range=15m&amp;route=name-" + route + "\"")))
                .andReturn();
        Map<String, Object> model = page.getModelAndView().getModel();
        assertThat(model.get("totals")).extracting("requests", "errors").containsExactly(120L, 12L);
        TrafficChart chart = (TrafficChart) model.get("chart");
        assertThat(chart.requests().stream().mapToLong(Long::longValue).sum()).isEqualTo(120);
        TopTraffic top = (TopTraffic) model.get("top");
        assertThat(top.routes()).extracting(TopTraffic.Entry::id, TopTraffic.Entry::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(route, 120L));
        assertThat(top.consumers()).extracting(TopTraffic.Entry::id).containsExactly("cons-" + route);
        assertThat(html(page)).contains("\"requests\":[");

        // By consumer and service too; a consumer with no calls shows none.
        ConsoleClient console = ConsoleClient.signIn(context);
        assertThat(console.get("/?range=1h&service=svc-" + route + "&consumer=cons-" + route).andReturn()
                .getModelAndView().getModel().get("totals")).extracting("requests").isEqualTo(120L);
        assertThat(console.get("/?range=1h&consumer=" + CallShipper.route()).andReturn()
                .getModelAndView().getModel().get("totals")).extracting("requests").isEqualTo(0L);
    }

    @Test
    void aFilterThatCannotNameAnythingIsRefusedBesideItsField() throws Exception {
        ConsoleClient.signIn(context).get("/?range=15m&route=" + "r".repeat(300))
                .andExpect(status().isOk())
                .andExpect(view().name("dashboard/index"))
                .andExpect(model().attributeHasFieldErrors("filter", "route"))
                .andExpect(model().attribute("filtered", false))
                .andExpect(content().string(containsString("id=\"route-error\"")))
                .andExpect(content().string(containsString("must be at most 256 characters")));
    }

    @Test
    void anUnknownRangeFallsBackToTheLastHour() throws Exception {
        MvcResult page = ConsoleClient.signIn(context).get("/?range=forever")
                .andExpect(status().isOk())
                .andExpect(view().name("dashboard/index"))
                .andReturn();
        assertThat(page.getModelAndView().getModel().get("range")).hasToString("LAST_HOUR");
        assertThat(page.getModelAndView().getModel().get("chart")).extracting("t").asList().hasSizeBetween(60, 61);
        assertThat(page.getResponse().getContentAsString()).contains("aria-current=\"page\"");
        assertThat(List.of("15 min", "1 h", "24 h", "7 d")).allMatch(page.getResponse().getContentAsString()::contains);
    }

    private static String html(MvcResult page) throws Exception {
        return page.getResponse().getContentAsString();
    }
}
