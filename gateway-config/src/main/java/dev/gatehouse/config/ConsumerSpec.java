package dev.gatehouse.config;

import java.util.List;

/**
 * Who calls: an application or partner that holds API keys or presents tokens.
 *
 * @param id     stable identifier assigned by the admin
 * @param name   unique name; a JWT's consumer claim names it
 * @param status active or suspended
 * @param groups group names, matched against a route's allowed groups
 * @param planId id of the consumer's plan, or {@code null}
 */
public record ConsumerSpec(String id, String name, ConsumerStatus status, List<String> groups, String planId)
        implements ConfigEntity {

    public ConsumerSpec {
        status = status == null ? ConsumerStatus.ACTIVE : status;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public EntityKind kind() {
        return EntityKind.CONSUMER;
    }
}
