package dev.gatehouse.admin.web;

/**
 * The request clashes with the current state; answered with 409 and a stable code:
 * {@code duplicate_name}, {@code in_use} or the generic {@code conflict}.
 */
public class ConflictException extends RuntimeException {

    /** Code for a name another object already has. */
    public static final String DUPLICATE_NAME = "duplicate_name";
    /** Code for deleting an object that others still refer to. */
    public static final String IN_USE = "in_use";
    /** Code for any other conflict. */
    public static final String CONFLICT = "conflict";

    private final String code;

    public ConflictException(String message) {
        this(CONFLICT, message);
    }

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable problem code. */
    public String code() {
        return code;
    }
}
