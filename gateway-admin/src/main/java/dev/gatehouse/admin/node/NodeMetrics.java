package dev.gatehouse.admin.node;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.config.CallLogStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The node registry as Prometheus sees it, read from the database every 5 s (the nodes' heartbeat interval), so
 * every admin instance reports the same figures for the whole cluster (aggregate with {@code max}, not
 * {@code sum}): {@code gatehouse_admin_nodes{status}} (how many nodes are connected, stale, disconnected) and, per
 * node ({@code node} label), {@code gatehouse_admin_node_heartbeat_age_seconds},
 * {@code gatehouse_admin_node_revisions_behind} (current revision minus the node's applied one),
 * {@code gatehouse_admin_node_circuits_open} and the call-log figures of its last heartbeat
 * ({@code gatehouse_admin_node_calllog_buffered_records}, {@code _spool_bytes}, {@code _spool_batches},
 * {@code _dropped_records}, a count since the node started).
 * <p>
 * Labels stay bounded: only nodes heard from within {@link #WINDOW} are reported (a node replaced by a new pod
 * disappears after it), at most {@link #MAX_NODES} of them, the most recently heard first.
 */
@Component
class NodeMetrics {

    /** Nodes last heard from longer ago than this are left out of the per-node gauges and the counts. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** The most nodes reported per gauge. */
    static final int MAX_NODES = 1_000;

    private static final Logger log = LoggerFactory.getLogger(NodeMetrics.class);

    private final NodeService nodes;
    private final RevisionService revisions;
    private final Clock clock;
    private final Map<Status, Integer> counts = new EnumMap<>(Status.class);
    private final List<PerNode> perNode = new ArrayList<>();

    NodeMetrics(NodeService nodes, RevisionService revisions, Clock clock, MeterRegistry registry) {
        this.nodes = nodes;
        this.revisions = revisions;
        this.clock = clock;
        for (Status status : Status.values()) {
            counts.put(status, 0);
            Gauge.builder("gatehouse.admin.nodes", this, m -> m.count(status))
                    .description("Nodes heard from within the last 15 minutes, by status")
                    .tag("status", status.label).register(registry);
        }
        perNode("gatehouse.admin.node.heartbeat.age", "seconds", "Time since the node's last heartbeat",
                registry, r -> r.age().toMillis() / 1000.0);
        perNode("gatehouse.admin.node.revisions.behind", null,
                "Current configuration revision minus the revision the node serves", registry,
                r -> Math.max(0, r.current() - r.node().appliedRevision()));
        perNode("gatehouse.admin.node.circuits.open", null, "Circuit breakers the node reports open", registry,
                r -> r.node().circuits().values().stream().filter("OPEN"::equals).count());
        perNode("gatehouse.admin.node.calllog.buffered.records", null,
                "Call records waiting in the node's memory buffer", registry, r -> callLog(r, CallLogStatus::bufferedRecords));
        perNode("gatehouse.admin.node.calllog.spool.bytes", "bytes",
                "Bytes of call-log batches spooled on the node's disk", registry, r -> callLog(r, CallLogStatus::spooledBytes));
        perNode("gatehouse.admin.node.calllog.spool.batches", null,
                "Call-log batches spooled on the node's disk", registry, r -> callLog(r, CallLogStatus::spooledBatches));
        perNode("gatehouse.admin.node.calllog.dropped.records", null,
                "Call records the node dropped since it started", registry, r -> callLog(r, CallLogStatus::droppedRecords));
    }

    /** Reads the registry and replaces every gauge's rows. Scheduled; tests call it to see a heartbeat at once. */
    @Scheduled(initialDelay = 0, fixedDelayString = "PT5S")
    void refresh() {
        List<Reported> reported;
        try {
            long current = revisions.current().revision();
            Instant now = clock.instant();
            reported = nodes.list().stream()
                    .map(node -> new Reported(node, Duration.between(node.lastHeartbeat(), now), current))
                    .filter(r -> r.age().compareTo(WINDOW) <= 0)
                    .sorted(Comparator.comparing(Reported::age))
                    .limit(MAX_NODES)
                    .toList();
        } catch (RuntimeException e) {
            // database down: keep the last figures (the database outage shows in hikaricp_* and the console)
            log.debug("Node metrics not refreshed: {}", e.toString());
            return;
        }
        synchronized (counts) {
            for (Status status : Status.values()) {
                counts.put(status, (int) reported.stream().filter(r -> r.node().status().equals(status.label)).count());
            }
        }
        for (PerNode gauge : perNode) {
            gauge.register(reported);
        }
    }

    private int count(Status status) {
        synchronized (counts) {
            return counts.get(status);
        }
    }

    private void perNode(String name, String unit, String description, MeterRegistry registry,
                         ToDoubleFunction<Reported> value) {
        MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
        if (unit != null) {
            builder.baseUnit(unit);
        }
        perNode.add(new PerNode(builder.register(registry), value));
    }

    private static double callLog(Reported r, ToDoubleFunction<CallLogStatus> figure) {
        CallLogStatus callLog = r.node().callLog();
        return callLog == null ? 0 : figure.applyAsDouble(callLog);
    }

    private enum Status {
        CONNECTED("connected"), STALE("stale"), DISCONNECTED("disconnected");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    private record Reported(NodeView node, Duration age, long current) {
    }

    private record PerNode(MultiGauge gauge, ToDoubleFunction<Reported> value) {

        void register(List<Reported> reported) {
            // overwrite: rows of nodes no longer reported are removed
            gauge.register(reported.stream()
                    .map(r -> MultiGauge.Row.of(Tags.of("node", r.node().id()), value.applyAsDouble(r)))
                    .toList(), true);
        }
    }
}
