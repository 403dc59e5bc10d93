package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.gatehouse.admin.calllog.CallLogEntry;
import dev.gatehouse.admin.calllog.StepWaterfall;
import dev.gatehouse.admin.dashboard.TrafficChart;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;

/** A composite call in the console: listed once and marked, its steps a waterfall on its page, counted once. */
@AdminIntegrationTest
class CompositeCallConsoleIntegrationTests {

    @Autowired
    WebApplicationContext context;

    @Test
    void theCallPageShowsTheStepsAsAWaterfall() throws Exception {
        String route = CallShipper.route();
        new CallShipper(context).ship(CallShipper.composite(route, Instant.now().minusSeconds(5)));

        MvcResult page = ConsoleClient.signInAsViewer(context).get("/logs/" + route + "-composite")
                .andExpect(status().isOk())
                .andExpect(view().name("logs/detail"))
                .andExpect(model().attributeExists("call", "waterfall"))
                .andReturn();
        StepWaterfall waterfall = (StepWaterfall) page.getModelAndView().getModel().get("waterfall");
        assertThat(waterfall.axisMicros()).isEqualTo(40_000);
        assertThat(waterfall.rows()).extracting(r -> r.step().name()).containsExactly("product", "prices", "stock");

        String html = page.getResponse().getContentAsString();
        String table = html.substring(html.indexOf("id=\"steps-table\""), html.indexOf("</table>",
                html.indexOf("id=\"steps-table\"")));
        // One row per step, in start order, each bar placed and sized in percent of the call's 40 ms ...
        assertThat(matches(table, "data-step=\"([a-z]+)\"")).containsExactly("product", "prices", "stock");
        assertThat(matches(table, "<rect[^>]* x=\"([0-9.]+%)\"")).containsExactly("0%", "25%", "30%");
        assertThat(matches(table, "<rect[^>]* width=\"([0-9.]+%)\"")).containsExactly("25%", "50%", "62.5%");
        // ... with its numbers as text beside it, and the failed step marked in words, not colour alone.
        assertThat(table).contains("from 0 ms, took 10 ms", "from 10 ms, took 20 ms",
                "from 12 ms, took 25 ms, failed", "/prices/query", "upstream_unavailable", "svc-prices");
        assertThat(matches(table, "class=\"(step-failed)\"")).hasSize(1);
        assertThat(matches(table, "(waterfall-bar-failed)")).hasSize(1);
        assertThat(html).contains("Steps (3)", "0 to 40 ms").doesNotContain("style=\"");

        // An ordinary call's page has no waterfall.
        String plain = CallShipper.route();
        new CallShipper(context).ship(CallShipper.calls(plain, Instant.now().minusSeconds(5), 1));
        assertThat(ConsoleClient.signInAsViewer(context).get("/logs/" + plain + "-req-0")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .doesNotContain("id=\"steps\"");
    }

    @Test
    void aCompositeCallIsListedOnceMarkedWithItsStepsAndCountedOnceOnTheDashboard() throws Exception {
        String route = CallShipper.route();
        new CallShipper(context).ship(CallShipper.composite(route,
                Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS)));
        ConsoleClient console = ConsoleClient.signInAsViewer(context);

        MvcResult list = console.get("/logs?range=1h&route=" + route).andExpect(status().isOk()).andReturn();
        @SuppressWarnings("unchecked")
        List<CallLogEntry> calls = (List<CallLogEntry>) list.getModelAndView().getModel().get("calls");
        assertThat(calls).extracting(CallLogEntry::path, CallLogEntry::stepCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/catalogue/7", 3));
        String html = list.getResponse().getContentAsString();
        assertThat(matches(html, "data-request-id=\"(" + Pattern.quote(route) + "-composite)\"")).hasSize(1);
        assertThat(html).contains("3 steps").doesNotContain("/products/7", "/stock/7");

        MvcResult dashboard = console.get("/?range=1h&route=name-" + route)
                .andExpect(status().isOk())
                .andExpect(model().hasNoErrors())
                .andReturn();
        TrafficChart.Totals totals = (TrafficChart.Totals) dashboard.getModelAndView().getModel().get("totals");
        assertThat(totals.requests()).isEqualTo(1);
        assertThat(totals.errors()).as("the failed step is not a failed call").isZero();
    }

    private static List<String> matches(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
