package dev.gatehouse.admin.dashboard;

import dev.gatehouse.admin.calllog.CallLogService;
import dev.gatehouse.admin.calllog.TrafficSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * One route's, service's or consumer's traffic over the last hour, for the detail pages that show it with the
 * dashboard's charts ({@code fragments/traffic :: charts}).
 */
@Component
public class RecentTraffic {

    private final CallLogService logs;
    private final Clock clock;

    RecentTraffic(CallLogService logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    /**
     * Adds {@code chart} ({@link TrafficChart}, one point a minute), {@code totals} ({@link TrafficChart.Totals})
     * and {@code p95} (ms, or {@code null} without calls) for the last hour, filtered as given ({@code null}: any).
     */
    public void addLastHour(Model model, String route, String service, String consumer) {
        DashboardRange range = DashboardRange.LAST_HOUR;
        Instant to = clock.instant();
        Instant from = to.minus(range.length());
        TrafficSeries series = logs.traffic(from, to, range.step(), range.stepText(), route, service, consumer);
        model.addAttribute("chart", TrafficChart.of(series, range.step()));
        model.addAttribute("totals", TrafficChart.Totals.of(series, Duration.between(from, to)));
        model.addAttribute("p95", logs.latency(from, to, route, service, consumer).percentileMillis(0.95));
    }
}
