package dev.gatehouse.admin.upstream;

import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.upstream.Balancing;
import java.time.Instant;
import java.util.List;

/**
 * A service as the API and console show it.
 *
 * @param id                stable id (UUID)
 * @param name              unique name
 * @param targets           instances that receive traffic
 * @param protocol          {@code http} or {@code https}
 * @param basePath          path prepended to forwarded paths, possibly empty
 * @param connectTimeoutMs  connect timeout in milliseconds
 * @param responseTimeoutMs response timeout in milliseconds
 * @param balancing         how calls are spread over the targets
 * @param createdAt         when the service was created
 * @param updatedAt         when it last changed
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record ServiceView(String id, String name, List<TargetSpec> targets, String protocol, String basePath,
                          int connectTimeoutMs, int responseTimeoutMs, BalancingFields balancing, Instant createdAt,
                          Instant updatedAt, long version) {

    public ServiceView {
        targets = targets == null ? List.of() : List.copyOf(targets);
        balancing = balancing == null ? BalancingFields.of(Balancing.ROUND_ROBIN) : balancing;
    }

    /** A service balanced by round robin. */
    public ServiceView(String id, String name, List<TargetSpec> targets, String protocol, String basePath,
                       int connectTimeoutMs, int responseTimeoutMs, Instant createdAt, Instant updatedAt,
                       long version) {
        this(id, name, targets, protocol, basePath, connectTimeoutMs, responseTimeoutMs, null, createdAt, updatedAt,
                version);
    }
}
