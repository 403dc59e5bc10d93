package dev.gatehouse.config;

import java.util.List;

/**
 * An upstream API as the nodes see it.
 *
 * @param id                stable identifier assigned by the admin
 * @param name              unique name, used by routes and in logs
 * @param protocol          protocol spoken to the targets
 * @param targets           instances that receive traffic, chosen by weighted round robin
 * @param basePath          path prepended to every forwarded path, empty or starting with {@code /}
 * @param connectTimeoutMs  time allowed to open a connection to a target, in milliseconds
 * @param responseTimeoutMs time allowed for the target to start answering, in milliseconds
 */
public record ServiceSpec(String id, String name, Protocol protocol, List<TargetSpec> targets,
                          String basePath, int connectTimeoutMs, int responseTimeoutMs) implements ConfigEntity {

    /** Connect timeout when none is stated. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    /** Response timeout when none is stated. */
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

    public ServiceSpec {
        protocol = protocol == null ? Protocol.HTTP : protocol;
        targets = targets == null ? List.of() : List.copyOf(targets);
        basePath = basePath == null ? "" : basePath;
    }

    @Override
    public EntityKind kind() {
        return EntityKind.SERVICE;
    }
}
