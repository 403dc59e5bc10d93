package dev.gatehouse.admin.declarative;

/**
 * An import or rollback was based on a revision ({@code ifRevision}, the one its preview was made at) that is no
 * longer the current one; nothing was changed. Answered 412 {@code precondition_failed}.
 */
class StaleRevisionException extends RuntimeException {

    private final long current;

    StaleRevisionException(long current, long expected) {
        super("the configuration is at revision " + current + ", not " + expected
                + " (ifRevision): it changed since; preview again and apply that");
        this.current = current;
    }

    long current() {
        return current;
    }
}
