package dev.gatehouse.runtime.policy.ratelimit;

/**
 * The outcome of counting one call against one limit.
 *
 * @param allowed      the call may proceed
 * @param limit        the limit in force (per node while in fallback)
 * @param remaining    calls left in the window, as far as this node knows
 * @param resetSeconds seconds until the window ends (at least 1)
 */
record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
}
