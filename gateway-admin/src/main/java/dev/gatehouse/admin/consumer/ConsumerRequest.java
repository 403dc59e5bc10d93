package dev.gatehouse.admin.consumer;

import java.util.List;

/**
 * A consumer as a client submits it (create, or full replacement on update). Absent fields take their defaults:
 * status {@code active}, no groups, no plan, no tags, empty description; on update an absent name keeps the
 * current one.
 *
 * @param name        unique name; a JWT's consumer claim names it
 * @param description who this is, for people; at most 1024 characters
 * @param status      {@code active} or {@code suspended} (every key and token of a suspended consumer is refused)
 * @param groups      group names, matched against routes' allowed groups
 * @param plan        name or id of the consumer's plan
 * @param tags        labels for finding consumers in the console; not published to nodes
 */
public record ConsumerRequest(String name, String description, String status, List<String> groups, String plan,
                              List<String> tags) {
}
