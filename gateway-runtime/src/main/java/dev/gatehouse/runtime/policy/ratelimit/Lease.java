package dev.gatehouse.runtime.policy.ratelimit;

/**
 * What one lease request obtained from the shared counter of a window.
 *
 * @param granted tokens reserved for this node (0 when the window's budget is spent)
 * @param total   tokens reserved by all nodes in the window after this lease
 */
record Lease(long granted, long total) {
}
