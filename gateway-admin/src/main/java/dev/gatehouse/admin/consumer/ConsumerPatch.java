package dev.gatehouse.admin.consumer;

import java.util.List;

/**
 * A partial change to a consumer: every absent (null) field stays as it is. {@code "plan": ""} takes the consumer
 * off its plan; an empty list clears groups or tags. The typical use is {@code {"status": "suspended"}}, which
 * stops every key of the consumer at once.
 *
 * @param name        new unique name
 * @param description new description
 * @param status      {@code active} or {@code suspended}
 * @param groups      new group names (replacing the current ones)
 * @param plan        name or id of the new plan, or {@code ""} for none
 * @param tags        new tags (replacing the current ones)
 */
public record ConsumerPatch(String name, String description, String status, List<String> groups, String plan,
                            List<String> tags) {
}
