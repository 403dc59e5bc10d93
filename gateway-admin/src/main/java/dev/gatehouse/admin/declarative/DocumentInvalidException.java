package dev.gatehouse.admin.declarative;

import dev.gatehouse.config.Violation;
import java.util.List;

/**
 * A configuration document (an import's file, or a rollback's past state) is refused; nothing was changed.
 * Answered 400 {@code invalid_input}, each error's field the path in the document ({@code routes[3].paths[0]}).
 */
class DocumentInvalidException extends RuntimeException {

    private final List<Violation> errors;

    DocumentInvalidException(List<Violation> errors) {
        super(errors.isEmpty() ? "invalid document" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    List<Violation> errors() {
        return errors;
    }
}
