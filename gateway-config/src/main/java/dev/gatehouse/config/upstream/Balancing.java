package dev.gatehouse.config.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.config.Violations;
import dev.gatehouse.config.http.HeaderName;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a node spreads a service's calls over its targets.
 *
 * @param algorithm   {@code round_robin} (smooth weighted round robin, the default), {@code least_requests}
 *                    (power of two choices over outstanding requests per unit of weight) or
 *                    {@code consistent_hash} (a hash ring over a key of the call, with bounded load)
 * @param hashOn      what the consistent hash is computed over; required for {@code consistent_hash}, refused
 *                    otherwise
 * @param hashKey     the header or cookie name when {@code hashOn} is {@code header} or {@code cookie}; refused
 *                    otherwise
 * @param boundedLoad for {@code consistent_hash}: no target takes more than this factor times its weighted share
 *                    of the node's outstanding calls to the service (calls over it go on round the ring), from
 *                    1.1 to 10; 1.25 when not stated
 */
public record Balancing(Algorithm algorithm, HashOn hashOn, String hashKey, double boundedLoad) {

    /** Round robin, the default. */
    public static final Balancing ROUND_ROBIN = new Balancing(Algorithm.ROUND_ROBIN, null, null, 0);
    /** Bounded load factor when none is stated. */
    public static final double DEFAULT_BOUNDED_LOAD = 1.25;
    /** Lowest bounded load factor: below it a target's share would leave too little room for uneven keys. */
    public static final double MIN_BOUNDED_LOAD = 1.1;
    /** Highest bounded load factor. */
    public static final double MAX_BOUNDED_LOAD = 10;

    private static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

    public Balancing {
        algorithm = algorithm == null ? Algorithm.ROUND_ROBIN : algorithm;
        if (algorithm == Algorithm.CONSISTENT_HASH && boundedLoad == 0) {
            boundedLoad = DEFAULT_BOUNDED_LOAD;
        }
    }

    /** Consistent hashing over {@code hashOn} ({@code hashKey} for a header or cookie) with the default bound. */
    public static Balancing consistentHash(HashOn hashOn, String hashKey) {
        return new Balancing(Algorithm.CONSISTENT_HASH, hashOn, hashKey, DEFAULT_BOUNDED_LOAD);
    }

    /** Checks the combination of fields. */
    public void validate(Violations violations) {
        if (algorithm != Algorithm.CONSISTENT_HASH) {
            if (hashOn != null) {
                violations.add("hashOn", "is only used by the consistent_hash algorithm");
            }
            if (hashKey != null) {
                violations.add("hashKey", "is only used by the consistent_hash algorithm");
            }
            if (boundedLoad != 0) {
                violations.add("boundedLoad", "is only used by the consistent_hash algorithm");
            }
            return;
        }
        if (hashOn == null) {
            violations.add("hashOn", "is required for consistent_hash: header, cookie, consumer or client_address");
        } else if (hashOn == HashOn.HEADER || hashOn == HashOn.COOKIE) {
            if (hashKey == null || hashKey.isBlank()) {
                violations.add("hashKey", "names the " + hashOn.label() + " to hash; it is required");
            } else if (hashOn == HashOn.HEADER ? !HeaderName.isValid(hashKey) : !COOKIE_NAME.matcher(hashKey).matches()) {
                violations.add("hashKey", "must be a valid " + hashOn.label() + " name");
            }
        } else if (hashKey != null) {
            violations.add("hashKey", "is only used when hashing on a header or a cookie");
        }
        if (!(boundedLoad >= MIN_BOUNDED_LOAD && boundedLoad <= MAX_BOUNDED_LOAD)) {
            violations.add("boundedLoad", "must be between " + MIN_BOUNDED_LOAD + " and " + (int) MAX_BOUNDED_LOAD);
        }
    }

    /** A balancing algorithm. */
    public enum Algorithm {
        /** Smooth weighted round robin. */
        @JsonProperty("round_robin") ROUND_ROBIN,
        /** Power of two choices over outstanding requests divided by weight. */
        @JsonProperty("least_requests") LEAST_REQUESTS,
        /** A hash ring over a key of the call, with bounded load. */
        @JsonProperty("consistent_hash") CONSISTENT_HASH;

        /** The name used in the API and the contract. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value with this label (case-insensitive), or null when none has it. */
        public static Algorithm ofLabel(String label) {
            for (Algorithm value : values()) {
                if (value.label().equalsIgnoreCase(label)) {
                    return value;
                }
            }
            return null;
        }
    }

    /** What a consistent hash is computed over. */
    public enum HashOn {
        /** A request header named by {@code hashKey}. */
        @JsonProperty("header") HEADER,
        /** A cookie named by {@code hashKey}. */
        @JsonProperty("cookie") COOKIE,
        /** The authenticated consumer. */
        @JsonProperty("consumer") CONSUMER,
        /** The client's address (as the trusted-proxy rules establish it). */
        @JsonProperty("client_address") CLIENT_ADDRESS;

        /** The name used in the API and the contract. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value with this label (case-insensitive), or null when none has it. */
        public static HashOn ofLabel(String label) {
            for (HashOn value : values()) {
                if (value.label().equalsIgnoreCase(label)) {
                    return value;
                }
            }
            return null;
        }
    }
}
