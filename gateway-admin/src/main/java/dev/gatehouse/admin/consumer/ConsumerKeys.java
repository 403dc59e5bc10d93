package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.publish.ConfigWrite;
import java.util.Collection;
import java.util.Map;

/**
 * The API keys of consumers, as the consumer feature needs them. Implemented by the key feature, which depends
 * on this one: consumers ask through this interface for key counts and to remove a deleted consumer's keys, and
 * so never read the keys' table.
 */
public interface ConsumerKeys {

    /** Number of keys that work now (not revoked, not expired), by consumer id, for the given consumers. */
    Map<String, Long> activeKeys(Collection<String> consumerIds);

    /**
     * Deletes every key of the consumer and records a delete in {@code write} for each key nodes hold. Called
     * inside the consumer's deleting transaction, after the configuration lock is taken.
     */
    void deleteAll(String consumerId, ConfigWrite write);
}
