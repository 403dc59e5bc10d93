package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gatehouse.config.Violations;
import tools.jackson.databind.annotation.JsonTypeIdResolver;

/**
 * The typed configuration of one policy. Values are data: nothing in a policy is ever evaluated as an expression.
 *
 * <p>The {@code permits} list is the one registry of policy types. Each record permitted here declares its name and
 * scopes with {@link PolicyKind} and checks its own fields in {@link #validate}; {@link PolicyType} and the JSON
 * form (the type's name as {@code "type"}, {@link PolicyTypeIds}) are derived from it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(PolicyTypeIds.class)
public sealed interface PolicyConfig permits CircuitBreakerPolicy, CorsPolicy, IpRestrictionPolicy, RateLimitPolicy,
        RequestSizePolicy, RetryPolicy, TimeoutPolicy, TransformPolicy {

    /** Longest list (CIDR blocks, origins, headers) a policy's configuration may hold. */
    int MAX_LIST = 1_000;

    /** Which kind of policy this configures. */
    @JsonIgnore
    default PolicyType type() {
        return PolicyType.of(getClass());
    }

    /**
     * Reports every problem with this configuration on {@code violations}, each named by the record's own field
     * path ({@code limits[0].requests}); the caller places them ({@code config.limits[0].requests}). Messages are
     * written for the person who entered the values.
     */
    void validate(Violations violations);
}
