package dev.gatehouse.runtime.policy.ratelimit;

import dev.gatehouse.runtime.error.GatewayProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The 429 answers of rate limits and quotas, as {@code application/problem+json} with {@code Retry-After}. */
final class RateLimitProblems {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private RateLimitProblems() {
    }

    /** 429 {@code rate_limited}: a rate limit's window is used up. */
    static GatewayProblem rateLimited(Enforcer.Verdict verdict) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.resetSeconds()));
        headers.set(LIMIT, Long.toString(verdict.limit()));
        headers.set(REMAINING, "0");
        headers.set(RESET, Long.toString(verdict.resetSeconds()));
        return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests",
                "The rate limit of " + verdict.limit() + " calls for this window is used up; retry after "
                        + verdict.resetSeconds() + " s.", headers);
    }

    private static final String QUOTA_EXCEEDED = "quota_exceeded";

    /** True for the refusal of {@link #quotaExceeded}. */
    static boolean isQuotaExceeded(Throwable error) {
        return error instanceof GatewayProblem problem && QUOTA_EXCEEDED.equals(problem.code());
    }

    /** 429 {@code quota_exceeded}: the plan's quota for the day or month is used up. */
    static GatewayProblem quotaExceeded(Enforcer.Verdict verdict, String period) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.resetSeconds()));
        return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, QUOTA_EXCEEDED, "Quota exceeded",
                "The " + period + "ly quota of " + verdict.limit() + " calls is used up; it resets in "
                        + verdict.resetSeconds() + " s (UTC " + period + " boundary).", headers);
    }
}
