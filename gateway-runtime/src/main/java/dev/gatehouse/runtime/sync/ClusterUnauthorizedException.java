package dev.gatehouse.runtime.sync;

/** The admin answered 401: it does not accept this node's cluster token. */
public class ClusterUnauthorizedException extends RuntimeException {

    public ClusterUnauthorizedException(String message) {
        super(message, null, false, false);
    }
}
