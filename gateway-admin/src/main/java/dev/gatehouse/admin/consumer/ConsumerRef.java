package dev.gatehouse.admin.consumer;

/**
 * Just enough of a consumer to address it: for features that act on a consumer's belongings (its keys).
 *
 * @param id   the consumer's id
 * @param name the consumer's name
 */
public record ConsumerRef(String id, String name) {
}
