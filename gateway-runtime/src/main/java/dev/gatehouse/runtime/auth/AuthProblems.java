package dev.gatehouse.runtime.auth;

import java.util.List;

import dev.gatehouse.runtime.error.GatewayProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The errors authentication answers, as {@code application/problem+json} through the node's exception handler.
 * Texts are fixed: a refusal never says which check failed.
 */
final class AuthProblems {

    private AuthProblems() {
    }

    /** 401 {@code missing_credentials}. */
    static GatewayProblem missing(List<String> challenges) {
        return withChallenges(new GatewayProblem(HttpStatus.UNAUTHORIZED, "missing_credentials",
                "Missing credentials", "This route requires credentials; none were sent."), challenges);
    }

    /** 401 {@code invalid_credentials}: malformed, unknown, revoked, expired or of a suspended consumer alike. */
    static GatewayProblem invalid(List<String> challenges) {
        return withChallenges(new GatewayProblem(HttpStatus.UNAUTHORIZED, "invalid_credentials",
                "Invalid credentials", "The credentials sent are not valid."), challenges);
    }

    /** 403 {@code forbidden}: valid credentials, but the key's scopes or the consumer's groups exclude the route. */
    static GatewayProblem forbidden() {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "These credentials may not call this route.");
    }

    /** 429 {@code too_many_auth_failures} with {@code Retry-After}. */
    static GatewayProblem tooManyFailures(long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "too_many_auth_failures",
                "Too many authentication failures",
                "Too many failed authentication attempts from this address; retry later.", headers);
    }

    private static GatewayProblem withChallenges(GatewayProblem problem, List<String> challenges) {
        if (challenges.isEmpty()) {
            return problem;
        }
        HttpHeaders headers = new HttpHeaders();
        for (String challenge : challenges) {
            headers.add(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return new GatewayProblem(problem.status(), problem.code(), problem.title(), problem.detail(), headers);
    }
}
