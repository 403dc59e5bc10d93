package dev.gatehouse.admin.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused by {@link SignInThrottle} before its password was checked. */
final class SignInThrottledException extends AuthenticationException {

    private final Instant retryAt;

    SignInThrottledException(Instant retryAt) {
        super("too many failed sign-ins; try again later");
        this.retryAt = retryAt;
    }

    /** When the account and address may try again. */
    Instant retryAt() {
        return retryAt;
    }
}
