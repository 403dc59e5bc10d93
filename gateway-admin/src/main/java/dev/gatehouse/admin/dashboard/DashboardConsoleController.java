package dev.gatehouse.admin.dashboard;

import dev.gatehouse.admin.calllog.CallLogService;
import dev.gatehouse.admin.calllog.TopTraffic;
import dev.gatehouse.admin.calllog.TrafficSeries;
import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.node.NodeService;
import dev.gatehouse.admin.node.NodeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's home page: traffic, error rate and latency percentiles over a chosen range (from the minute
 * roll-ups), the busiest routes and consumers, the most frequent errors, and node health at a glance; optionally
 * for one route, service and/or consumer ({@link DashboardFilter}).
 */
@ConsoleController
class DashboardConsoleController {

    static final int TOP = 5;
    /** How often the page replaces its figures while open (console.js), unless the admin pauses that. */
    static final int REFRESH_SECONDS = 10;

    private final CallLogService logs;
    private final NodeService nodes;
    private final Clock clock;

    DashboardConsoleController(CallLogService logs, NodeService nodes, Clock clock) {
        this.logs = logs;
        this.nodes = nodes;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(@ModelAttribute("filter") DashboardFilter filter, BindingResult result, Model model) {
        DashboardRange chosen = DashboardRange.named(filter.getRange());
        filter.setRange(chosen.getKey());
        filter.validate(result);
        // Refused filters are shown beside their fields; the charts then show all traffic, said so on the page.
        String route = result.hasErrors() ? null : filter.route();
        String service = result.hasErrors() ? null : filter.service();
        String consumer = result.hasErrors() ? null : filter.consumer();
        Instant to = clock.instant();
        Instant from = to.minus(chosen.length());
        TrafficSeries series = logs.traffic(from, to, chosen.step(), chosen.stepText(), route, service, consumer);
        TopTraffic top = logs.top(from, to, TOP, route, service, consumer);
        List<NodeView> all = nodes.list();
        model.addAttribute("range", chosen);
        model.addAttribute("ranges", DashboardRange.values());
        Map<String, String> rangeUrls = rangeUrls(route, service, consumer);
        model.addAttribute("rangeUrls", rangeUrls);
        model.addAttribute("refreshUrl", rangeUrls.get(chosen.getKey()));
        model.addAttribute("refreshSeconds", REFRESH_SECONDS);
        model.addAttribute("updatedAt", to);
        model.addAttribute("filtered", route != null || service != null || consumer != null);
        model.addAttribute("chart", TrafficChart.of(series, chosen.step()));
        model.addAttribute("totals", TrafficChart.Totals.of(series, Duration.between(from, to)));
        model.addAttribute("p95", logs.latency(from, to, route, service, consumer).percentileMillis(0.95));
        model.addAttribute("top", top);
        model.addAttribute("nodes", all);
        model.addAttribute("nodesConnected", all.stream().filter(n -> "connected".equals(n.status())).count());
        return "dashboard/index";
    }

    /** Each range's link, keeping the route/service/consumer filter. */
    static Map<String, String> rangeUrls(String route, String service, String consumer) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (DashboardRange r : DashboardRange.values()) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/").queryParam("range", r.getKey());
            if (route != null) {
                url.queryParam("route", route);
            }
            if (service != null) {
                url.queryParam("service", service);
            }
            if (consumer != null) {
                url.queryParam("consumer", consumer);
            }
            urls.put(r.getKey(), url.encode().build().toUriString());
        }
        return urls;
    }
}
