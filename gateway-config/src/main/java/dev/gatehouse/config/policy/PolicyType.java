package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of policy, each with its own typed configuration record and the scopes it may be attached to.
 * Policies that act before the caller is known (CORS, IP rules) or on the upstream connection (timeout, retry,
 * circuit breaker) cannot be attached to consumers or plans.
 */
public enum PolicyType {
    @JsonProperty("rate-limit") RATE_LIMIT("rate-limit", RateLimitPolicy.class, EnumSet.allOf(PolicyScope.class)),
    @JsonProperty("ip-restriction") IP_RESTRICTION("ip-restriction", IpRestrictionPolicy.class, routeLevel()),
    @JsonProperty("cors") CORS("cors", CorsPolicy.class, routeLevel()),
    @JsonProperty("request-size") REQUEST_SIZE("request-size", RequestSizePolicy.class, EnumSet.allOf(PolicyScope.class)),
    @JsonProperty("transform") TRANSFORM("transform", TransformPolicy.class, EnumSet.allOf(PolicyScope.class)),
    @JsonProperty("timeout") TIMEOUT("timeout", TimeoutPolicy.class, routeLevel()),
    @JsonProperty("retry") RETRY("retry", RetryPolicy.class, routeLevel()),
    @JsonProperty("circuit-breaker") CIRCUIT_BREAKER("circuit-breaker", CircuitBreakerPolicy.class,
            routeLevel());

    private final String value;
    private final Class<? extends PolicyConfig> configType;
    private final Set<PolicyScope> scopes;

    PolicyType(String value, Class<? extends PolicyConfig> configType, Set<PolicyScope> scopes) {
        this.value = value;
        this.configType = configType;
        this.scopes = scopes;
    }

    /** The JSON and URL form, such as {@code rate-limit}. */
    public String value() {
        return value;
    }

    /** The record that holds this type's configuration. */
    public Class<? extends PolicyConfig> configType() {
        return configType;
    }

    /** The scopes a policy of this type may be attached to. */
    public Set<PolicyScope> scopes() {
        return scopes;
    }

    private static Set<PolicyScope> routeLevel() {
        return EnumSet.of(PolicyScope.GLOBAL, PolicyScope.SERVICE, PolicyScope.ROUTE);
    }

    /** The type whose configuration record is {@code configType}. */
    public static PolicyType of(Class<? extends PolicyConfig> configType) {
        for (PolicyType type : values()) {
            if (type.configType == configType) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a policy record: " + configType.getName());
    }

    /** The type with this JSON form, or {@code null}. */
    public static PolicyType of(String value) {
        for (PolicyType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
