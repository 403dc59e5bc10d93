package dev.gatehouse.runtime.error;

/**
 * The upstream failed after its response had started: it reset or closed the connection before the body its
 * {@code Content-Length} or chunked framing promised was complete. Raised around the upstream body so that the
 * problem handler can tell this from a failure before the response (which the client gets as a 502 of its own):
 * once the status and headers have gone out the only honest answer is to abort the client connection.
 * Carries the upstream's error as its cause and no stack trace of its own.
 */
public final class UpstreamAbortedException extends RuntimeException {

    public UpstreamAbortedException(Throwable cause) {
        super("The upstream closed the connection before its response was complete", cause, false, false);
    }
}
