package dev.gatehouse.runtime.policy.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

import dev.gatehouse.config.policy.RetryPolicy;
import reactor.util.retry.Retry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A compiled {@link RetryPolicy}. A call is retried only when its method is listed (by default the idempotent
 * ones) and it has no body or a body of declared length up to {@link #MAX_REPLAYED_BODY}, which is held in memory to
 * be sent again ({@link ReplayableBody}); larger and chunked bodies are read once and gone, so those calls are sent
 * once. Failures retried: connection errors before any response
 * (refused, reset, closed, connect timeout, TLS), never a response timeout (the upstream may still be working on
 * the request), and the listed upstream statuses. Used by a route's retry filter and by a composite route's steps.
 */
public record RetryRules(int maxAttempts, Set<String> methods, Set<Integer> statuses, Duration backoff) {

    static RetryRules compile(RetryPolicy policy) {
        return new RetryRules(policy.maxAttempts(), Set.copyOf(policy.methods()), Set.copyOf(policy.statuses()),
                Duration.ofMillis(policy.backoffMs()));
    }

    /** Largest request body held in memory so that a retried call can send it again (bytes). */
    static final int MAX_REPLAYED_BODY = 64 * 1024;

    /** Whether this call may be sent more than once. */
    boolean applies(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return appliesTo(request.getMethod().name(), headers.getContentLength())
                && headers.getFirst(HttpHeaders.TRANSFER_ENCODING) == null;
    }

    /** Whether a call with this method and a body of {@code bodyLength} bytes (-1: none declared) may be resent. */
    public boolean appliesTo(String method, long bodyLength) {
        return methods.contains(method) && bodyLength <= MAX_REPLAYED_BODY;
    }

    /**
     * Up to {@link #maxAttempts} attempts, {@link #backoff} apart, of a call that fails with a connection error or
     * with an error {@code retriedStatus} recognises as an upstream status the rules retry; when the attempts are
     * used up, the last attempt's error.
     */
    public Retry retrySpec(Predicate<Throwable> retriedStatus) {
        long retriesLeft = maxAttempts - 1L;
        Predicate<Throwable> retried = error -> retriedStatus.test(error) || isConnectionError(error);
        if (backoff.isZero()) {
            return Retry.max(retriesLeft).filter(retried).onRetryExhaustedThrow((spec, signal) -> signal.failure());
        }
        return Retry.fixedDelay(retriesLeft, backoff).filter(retried)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Whether an applicable call has a body to hold for the attempts after the first. */
    static boolean hasBody(ServerHttpRequest request) {
        return request.getHeaders().getContentLength() > 0;
    }

    /** Whether {@code status} from the upstream is retried. */
    public boolean retriesStatus(int status) {
        return statuses.contains(status);
    }

    /**
     * Whether {@code error} is a connection error: an I/O error anywhere in its causes (Reactor Netty's
     * {@code PrematureCloseException}, connection refused and reset, Netty's connect timeout, TLS failures are all
     * {@link IOException}s), unless a timeout waiting for the response caused it.
     */
    static boolean isConnectionError(Throwable error) {
        boolean io = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return false;
            }
            io |= t instanceof IOException;
        }
        return io;
    }
}
