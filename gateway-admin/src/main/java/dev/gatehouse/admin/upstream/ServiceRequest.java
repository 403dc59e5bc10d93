package dev.gatehouse.admin.upstream;

import java.util.List;

/**
 * A service as a client submits it (create, or full replacement on update). Absent optional fields take
 * their defaults: protocol {@code http}, base path empty, connect timeout 2000 ms, response timeout 30000 ms.
 *
 * @param name              unique name; on update it may be omitted to keep the current name
 * @param targets           at least one target
 * @param protocol          {@code http} or {@code https}
 * @param basePath          path prepended to forwarded paths
 * @param connectTimeoutMs  connect timeout in milliseconds
 * @param responseTimeoutMs response timeout in milliseconds
 */
public record ServiceRequest(String name, List<TargetRequest> targets, String protocol, String basePath,
                             Integer connectTimeoutMs, Integer responseTimeoutMs) {
}
