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
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's home page: traffic, error rate and latency percentiles over a chosen range (from the minute
 * roll-ups), the busiest routes and consumers, the most frequent errors, and node health at a glance.
 */
@ConsoleController
class DashboardConsoleController {

    static final int TOP = 5;

    private final CallLogService logs;
    private final NodeService nodes;
    private final Clock clock;

    DashboardConsoleController(CallLogService logs, NodeService nodes, Clock clock) {
        this.logs = logs;
        this.nodes = nodes;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String range, Model model) {
        DashboardRange chosen = DashboardRange.named(range);
        Instant to = clock.instant();
        Instant from = to.minus(chosen.length());
        TrafficSeries series = logs.traffic(from, to, chosen.step(), chosen.stepText(), null, null, null);
        TopTraffic top = logs.top(from, to, TOP);
        List<NodeView> all = nodes.list();
        model.addAttribute("range", chosen);
        model.addAttribute("ranges", DashboardRange.values());
        model.addAttribute("chart", TrafficChart.of(series, chosen.step()));
        model.addAttribute("totals", TrafficChart.Totals.of(series, Duration.between(from, to)));
        model.addAttribute("p95", logs.latency(from, to, null, null, null).percentileMillis(0.95));
        model.addAttribute("top", top);
        model.addAttribute("nodes", all);
        model.addAttribute("nodesConnected", all.stream().filter(n -> "connected".equals(n.status())).count());
        return "dashboard/index";
    }
}
