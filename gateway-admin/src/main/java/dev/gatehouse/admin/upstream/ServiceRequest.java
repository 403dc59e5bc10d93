package dev.gatehouse.admin.upstream;

import java.util.List;

/**
 * A service as a client submits it (create, or full replacement on update). Absent optional fields take
 * their defaults: protocol {@code http}, base path empty, connect timeout 2000 ms, response timeout 30000 ms,
 * round robin balancing.
 *
 * @param name              unique name; on update it may be omitted to keep the current name
 * @param targets           at least one target
 * @param protocol          {@code http} or {@code https}
 * @param basePath          path prepended to forwarded paths
 * @param connectTimeoutMs  connect timeout in milliseconds
 * @param responseTimeoutMs response timeout in milliseconds
 * @param balancing         how calls are spread over the targets
 */
public record ServiceRequest(String name, List<TargetRequest> targets, String protocol, String basePath,
                             Integer connectTimeoutMs, Integer responseTimeoutMs, BalancingFields balancing) {

    /** A service balanced by round robin. */
    public ServiceRequest(String name, List<TargetRequest> targets, String protocol, String basePath,
                          Integer connectTimeoutMs, Integer responseTimeoutMs) {
        this(name, targets, protocol, basePath, connectTimeoutMs, responseTimeoutMs, null);
    }

    /** The same request under another name. */
    public ServiceRequest withName(String newName) {
        return new ServiceRequest(newName, targets, protocol, basePath, connectTimeoutMs, responseTimeoutMs,
                balancing);
    }
}
