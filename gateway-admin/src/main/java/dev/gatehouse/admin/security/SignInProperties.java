package dev.gatehouse.admin.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console sign-in throttling, bound from {@code gatehouse.admin.sign-in.*}. Failures are counted per account (the
 * username as typed, whether or not it exists) and per client address within a sliding {@code window}. From the
 * {@code delay-after}-th failure on, the next attempt must wait {@code initial-delay}, doubling with each further
 * failure up to {@code max-delay}; {@code account-lock-after} failures of one account, or
 * {@code address-lock-after} failures from one address, within the window lock it for {@code lock-duration}.
 * Refused attempts are answered at once, without checking the password. (The record's retention,
 * {@code gatehouse.admin.sign-in.retention}, is read by the sign-in record itself.)
 *
 * @param delayAfter       failures (of an account or from an address) before attempts are delayed
 * @param initialDelay     first delay; each further failure doubles it
 * @param maxDelay         longest delay
 * @param window           how long a failure counts
 * @param accountLockAfter failures of one account within the window that lock it
 * @param addressLockAfter failures from one client address within the window that lock it
 * @param lockDuration     how long a lock lasts
 * @param maxTracked       most accounts and addresses tracked at once (memory bound); when full of live entries,
 *                         attempts for new ones are refused until entries expire
 */
@ConfigurationProperties("gatehouse.admin.sign-in")
record SignInProperties(@DefaultValue("3") int delayAfter, @DefaultValue("1s") Duration initialDelay,
                        @DefaultValue("30s") Duration maxDelay, @DefaultValue("15m") Duration window,
                        @DefaultValue("10") int accountLockAfter, @DefaultValue("30") int addressLockAfter,
                        @DefaultValue("15m") Duration lockDuration, @DefaultValue("50000") int maxTracked) {

    SignInProperties {
        require(delayAfter >= 1, "delay-after must be at least 1");
        require(positive(initialDelay), "initial-delay must be positive");
        require(maxDelay.compareTo(initialDelay) >= 0, "max-delay must be at least initial-delay");
        require(positive(window), "window must be positive");
        require(accountLockAfter >= 1, "account-lock-after must be at least 1");
        require(addressLockAfter >= 1, "address-lock-after must be at least 1");
        require(positive(lockDuration), "lock-duration must be positive");
        require(maxTracked >= 100, "max-tracked must be at least 100");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("gatehouse.admin.sign-in." + message);
        }
    }

    private static boolean positive(java.time.Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
