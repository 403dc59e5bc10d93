package dev.gatehouse.admin.consumer;

import java.time.Instant;
import java.util.List;

/**
 * A consumer as the API and console show it.
 *
 * @param id          stable id (UUID)
 * @param name        unique name
 * @param description who this is
 * @param status      {@code active} or {@code suspended}
 * @param groups      group names
 * @param plan        name of its plan, or null
 * @param tags        labels
 * @param activeKeys  how many of its API keys work now (not revoked, not expired; rotating keys count)
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 * @param version     the row version: 0 when created, one more after each change; the ETag is
 *                   {@code "<id>.<version>"}
 */
public record ConsumerView(String id, String name, String description, String status, List<String> groups,
                           String plan, List<String> tags, long activeKeys, Instant createdAt, Instant updatedAt,
                           long version) {

    public ConsumerView {
        groups = groups == null ? List.of() : List.copyOf(groups);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
