package dev.gatehouse.config.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What makes a record permitted by {@link PolicyConfig} a policy type: its name and the scopes it may be attached
 * to. {@link PolicyType} is built from these, so the record is the one place a type is declared.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PolicyKind {

    /**
     * The type's name in JSON ({@code "type": "rate-limit"}), URLs and the console: lower-case words joined by
     * dashes.
     */
    String name();

    /**
     * The scopes a policy of this type may be attached to. Policies that act before the caller is known (CORS, IP
     * rules) or on the upstream connection (timeout, retry, circuit breaker) cannot be attached to consumers or
     * plans.
     */
    PolicyScope[] scopes();
}
