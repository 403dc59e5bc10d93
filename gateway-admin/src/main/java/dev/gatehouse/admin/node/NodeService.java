package dev.gatehouse.admin.node;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.ConfigRefusal;
import dev.gatehouse.config.NodeHeartbeat;
import dev.gatehouse.config.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The node registry: records heartbeats and reports each node's status. */
@Service
public class NodeService {

    /** A node whose last heartbeat is younger than this is connected. */
    public static final Duration CONNECTED_WITHIN = Duration.ofSeconds(15);
    /** A node whose last heartbeat is younger than this (and not connected) is stale; older is disconnected. */
    public static final Duration STALE_WITHIN = Duration.ofSeconds(60);

    private static final int MAX_TEXT = 256;
    private static final int MAX_MESSAGE = 1_024;
    /** Why a node may say it refuses this admin's configuration. */
    static final List<String> REFUSAL_REASONS = List.of(ConfigRefusal.OTHER_CLUSTER, ConfigRefusal.OLDER_EPOCH,
            ConfigRefusal.OLDER_REVISION, ConfigRefusal.EMPTY_CONFIGURATION);
    private static final int MAX_CIRCUITS = 10_000;
    /** Resilience4j's states other than closed. */
    private static final Set<String> CIRCUIT_STATES = Set.of("OPEN", "HALF_OPEN", "FORCED_OPEN", "DISABLED",
            "METRICS_ONLY");

    private final NodeRepository repository;
    private final List<KeyUsageRecorder> keyUsage;
    private final Clock clock;

    NodeService(NodeRepository repository, List<KeyUsageRecorder> keyUsage, Clock clock) {
        this.repository = repository;
        this.keyUsage = keyUsage;
        this.clock = clock;
    }

    /** Every node that ever reported, by id. */
    /** How a node may say it counts rate limits and quotas. */
    static final List<String> RATE_LIMIT_MODES = List.of("redis", "fallback", "local");

    @Transactional(readOnly = true)
    public List<NodeView> list() {
        Instant now = clock.instant();
        return repository.findAllByOrderByIdAsc().stream().map(node -> node.toView(now)).toList();
    }

    /** Records a heartbeat, creating the node on first contact, and the key usage it reports. */
    @Transactional
    public void heartbeat(NodeHeartbeat heartbeat) {
        List<Violation> violations = new ArrayList<>();
        if (heartbeat.nodeId() == null || heartbeat.nodeId().isBlank()) {
            violations.add(new Violation("nodeId", "is required"));
        }
        text("nodeId", heartbeat.nodeId(), violations);
        text("address", heartbeat.address(), violations);
        text("version", heartbeat.version(), violations);
        text("configHash", heartbeat.configHash(), violations);
        text("configSource", heartbeat.configSource(), violations);
        if (heartbeat.rateLimitMode() != null && !RATE_LIMIT_MODES.contains(heartbeat.rateLimitMode())) {
            violations.add(new Violation("rateLimitMode", "must be one of " + RATE_LIMIT_MODES));
        }
        if (heartbeat.appliedRevision() < 0) {
            violations.add(new Violation("appliedRevision", "must not be negative"));
        }
        CallLogStatus callLog = heartbeat.callLog();
        if (callLog != null && (callLog.bufferedRecords() < 0 || callLog.bufferCapacity() < 0
                || callLog.spooledBatches() < 0 || callLog.spooledBytes() < 0 || callLog.spoolCapacity() < 0
                || callLog.droppedRecords() < 0 || callLog.shippedRecords() < 0)) {
            violations.add(new Violation("callLog", "counts must not be negative"));
        }
        circuits(heartbeat.circuits(), violations);
        text("clusterId", heartbeat.clusterId(), violations);
        if (heartbeat.epoch() < 0) {
            violations.add(new Violation("epoch", "must not be negative"));
        }
        ConfigRefusal refusal = heartbeat.refusal();
        if (refusal != null) {
            if (refusal.reason() == null || !REFUSAL_REASONS.contains(refusal.reason())) {
                violations.add(new Violation("refusal.reason", "must be one of " + REFUSAL_REASONS));
            }
            text("refusal.clusterId", refusal.clusterId(), violations);
            if (refusal.message() != null && refusal.message().length() > MAX_MESSAGE) {
                violations.add(new Violation("refusal.message", "must be at most " + MAX_MESSAGE + " characters"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        boolean ships = callLog != null;
        repository.recordHeartbeat(heartbeat.nodeId(), heartbeat.address(), heartbeat.version(),
                heartbeat.appliedRevision(), heartbeat.configHash(), heartbeat.configSource(), now,
                ships ? callLog.bufferedRecords() : null, ships ? callLog.bufferCapacity() : null,
                ships ? callLog.spooledBatches() : null, ships ? callLog.spooledBytes() : null,
                ships ? callLog.spoolCapacity() : null, ships ? callLog.droppedRecords() : null,
                ships ? callLog.shippedRecords() : null, StoredNode.encodeCircuits(heartbeat.circuits()),
                heartbeat.rateLimitMode(), heartbeat.clusterId(), heartbeat.epoch(),
                refusal == null ? null : refusal.reason(), refusal == null ? null : refusal.message(),
                refusal == null ? null : refusal.clusterId(), refusal == null ? null : refusal.epoch(),
                refusal == null ? null : refusal.revision());
        if (!heartbeat.keysLastUsed().isEmpty()) {
            keyUsage.forEach(recorder -> recorder.recordLastUsed(heartbeat.keysLastUsed()));
        }
    }

    /** Status of a node last heard of at {@code last}, seen at {@code now}. */
    public static String status(Instant last, Instant now) {
        Duration age = Duration.between(last, now);
        if (age.compareTo(CONNECTED_WITHIN) < 0) {
            return "connected";
        }
        return age.compareTo(STALE_WITHIN) < 0 ? "stale" : "disconnected";
    }

    private static void circuits(Map<String, String> circuits, List<Violation> violations) {
        if (circuits.size() > MAX_CIRCUITS) {
            violations.add(new Violation("circuits", "must list at most " + MAX_CIRCUITS + " circuit breakers"));
            return;
        }
        circuits.forEach((name, state) -> {
            if (name.isBlank() || name.length() > MAX_TEXT || name.contains("=") || name.contains("\n")) {
                violations.add(new Violation("circuits", "'" + name.substring(0, Math.min(name.length(), 64))
                        + "' is not a circuit breaker name"));
            } else if (state == null || !CIRCUIT_STATES.contains(state)) {
                violations.add(new Violation("circuits." + name, "must be one of " + CIRCUIT_STATES));
            }
        });
    }

    private static void text(String field, String value, List<Violation> violations) {
        if (value != null && value.length() > MAX_TEXT) {
            violations.add(new Violation(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }
}
