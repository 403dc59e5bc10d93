package dev.gatehouse.runtime.sync;

/**
 * A configuration event could not be applied (malformed, wrong base revision, hash mismatch, invalid content):
 * the node keeps its configuration and reconnects asking for a full snapshot.
 */
public class ResyncRequiredException extends RuntimeException {

    public ResyncRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
