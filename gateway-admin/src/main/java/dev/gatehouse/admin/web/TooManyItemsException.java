package dev.gatehouse.admin.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON array or object in a request holds more entries than the admin accepts; answered with 400
 * {@code too_many_items} naming the field. Raised while binding, so Jackson adds the field's path.
 */
public class TooManyItemsException extends MismatchedInputException {

    private final int limit;

    public TooManyItemsException(JsonParser parser, int limit) {
        super(parser, "holds more than " + limit + " entries");
        this.limit = limit;
    }

    /** The most entries allowed. */
    public int limit() {
        return limit;
    }
}
