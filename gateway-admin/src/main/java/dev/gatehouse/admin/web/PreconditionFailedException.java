package dev.gatehouse.admin.web;

/**
 * The object changed since the version a write was based on ({@link IfMatch}); the write changed nothing. The API
 * answers 412 {@code precondition_failed} with the current {@code ETag}; a console form shows the current values.
 */
public class PreconditionFailedException extends RuntimeException {

    /** The stable problem code. */
    public static final String CODE = "precondition_failed";

    private final String currentEtag;

    public PreconditionFailedException(String currentEtag) {
        super("the object was changed by someone else since you read it (its current ETag is " + currentEtag
                + "); read it again, reapply your change and send it with the new ETag");
        this.currentEtag = currentEtag;
    }

    /** The object's entity tag now, quoted. */
    public String currentEtag() {
        return currentEtag;
    }
}
