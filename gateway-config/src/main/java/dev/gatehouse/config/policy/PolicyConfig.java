package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The typed configuration of one policy. Values are data: nothing in a policy is ever evaluated as an expression.
 * The JSON form carries the type as {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RateLimitPolicy.class, name = "rate-limit"),
        @JsonSubTypes.Type(value = IpRestrictionPolicy.class, name = "ip-restriction"),
        @JsonSubTypes.Type(value = CorsPolicy.class, name = "cors"),
        @JsonSubTypes.Type(value = RequestSizePolicy.class, name = "request-size"),
        @JsonSubTypes.Type(value = TransformPolicy.class, name = "transform"),
        @JsonSubTypes.Type(value = TimeoutPolicy.class, name = "timeout"),
        @JsonSubTypes.Type(value = RetryPolicy.class, name = "retry"),
        @JsonSubTypes.Type(value = CircuitBreakerPolicy.class, name = "circuit-breaker")
})
public sealed interface PolicyConfig permits RateLimitPolicy, IpRestrictionPolicy, CorsPolicy, RequestSizePolicy,
        TransformPolicy, TimeoutPolicy, RetryPolicy, CircuitBreakerPolicy {

    /** Which kind of policy this configures. */
    @JsonIgnore
    PolicyType type();
}
