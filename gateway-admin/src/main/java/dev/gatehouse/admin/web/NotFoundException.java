package dev.gatehouse.admin.web;

/** The addressed object does not exist; answered with 404 {@code not_found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
