package dev.gatehouse.config;

import dev.gatehouse.config.upstream.Balancing;
import java.util.List;

/**
 * An upstream API as the nodes see it.
 *
 * @param id                stable identifier assigned by the admin
 * @param name              unique name, used by routes and in logs
 * @param protocol          protocol spoken to the targets
 * @param targets           instances that receive traffic, chosen by {@code balancing}
 * @param basePath          path prepended to every forwarded path, empty or starting with {@code /}
 * @param connectTimeoutMs  time allowed to open a connection to a target, in milliseconds
 * @param responseTimeoutMs time allowed for the target to start answering, in milliseconds
 * @param balancing         how calls are spread over the targets; round robin when not stated
 */
public record ServiceSpec(String id, String name, Protocol protocol, List<TargetSpec> targets,
                          String basePath, int connectTimeoutMs, int responseTimeoutMs, Balancing balancing)
        implements ConfigEntity {

    /** Connect timeout when none is stated. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    /** Response timeout when none is stated. */
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

    public ServiceSpec {
        protocol = protocol == null ? Protocol.HTTP : protocol;
        targets = targets == null ? List.of() : List.copyOf(targets);
        basePath = basePath == null ? "" : basePath;
        balancing = balancing == null ? Balancing.ROUND_ROBIN : balancing;
    }

    /** A service balanced by round robin. */
    public ServiceSpec(String id, String name, Protocol protocol, List<TargetSpec> targets, String basePath,
                       int connectTimeoutMs, int responseTimeoutMs) {
        this(id, name, protocol, targets, basePath, connectTimeoutMs, responseTimeoutMs, Balancing.ROUND_ROBIN);
    }

    @Override
    public EntityKind kind() {
        return EntityKind.SERVICE;
    }
}
