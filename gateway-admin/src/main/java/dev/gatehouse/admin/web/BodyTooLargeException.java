package dev.gatehouse.admin.web;

import java.io.IOException;

/**
 * A request body grew past the admin's limit while it was being read; answered with 413 {@code body_too_large}.
 * An {@link IOException} so that it travels through message converters like any other read failure.
 */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
