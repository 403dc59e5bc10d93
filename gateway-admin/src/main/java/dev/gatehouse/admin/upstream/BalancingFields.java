package dev.gatehouse.admin.upstream;

import dev.gatehouse.config.upstream.Balancing;

/**
 * A service's balancing as the API takes and shows it; see {@link Balancing} for the meaning of each field.
 *
 * @param algorithm   {@code round_robin} (when absent), {@code least_requests} or {@code consistent_hash}
 * @param hashOn      {@code header}, {@code cookie}, {@code consumer} or {@code client_address}; consistent hash only
 * @param hashKey     the header or cookie name when hashing on one
 * @param boundedLoad consistent hash only: the most a target takes of its share of outstanding calls, 1.1 to 10
 *                    (1.25 when absent)
 */
public record BalancingFields(String algorithm, String hashOn, String hashKey, Double boundedLoad) {

    /** The fields of a contract balancing; absent where the algorithm does not use them. */
    public static BalancingFields of(Balancing balancing) {
        boolean hashed = balancing.algorithm() == Balancing.Algorithm.CONSISTENT_HASH;
        return new BalancingFields(balancing.algorithm().label(),
                balancing.hashOn() == null ? null : balancing.hashOn().label(), balancing.hashKey(),
                hashed ? balancing.boundedLoad() : null);
    }
}
