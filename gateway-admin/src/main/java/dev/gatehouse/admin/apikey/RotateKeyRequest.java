package dev.gatehouse.admin.apikey;

/**
 * How to rotate a key; the whole body is optional.
 *
 * @param gracePeriodSeconds how long the old key keeps working, 0 (stops now) to 2592000 (30 days); default 86400
 */
public record RotateKeyRequest(Integer gracePeriodSeconds) {

    /** Grace period when none is given: one day. */
    public static final int DEFAULT_GRACE_SECONDS = 86_400;
    /** Longest grace period: 30 days. */
    public static final int MAX_GRACE_SECONDS = 2_592_000;
}
