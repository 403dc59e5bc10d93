package dev.gatehouse.admin.console;

import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Puts the violations a service reported (field names of the REST request, such as {@code targets[0].port})
 * onto a console form so each message shows beside its input.
 */
public final class FormErrors {

    /** Error code of violations reported by a service; the message comes from the service. */
    public static final String VIOLATION = "violation";

    private FormErrors() {
    }

    /**
     * Binds each violation to the form.
     *
     * @param violations  what the service refused
     * @param result      the form's binding result
     * @param toFormField maps a violation to the form field that shows it (possibly rewording it); a result
     *                    with a {@code null} field, or a field the form does not have, becomes a form-wide error
     */
    public static void bind(List<Violation> violations, BindingResult result, UnaryOperator<Violation> toFormField) {
        for (Violation violation : violations) {
            Violation mapped = toFormField.apply(violation);
            if (mapped.field() != null && isFormField(result, mapped.field())) {
                if (!alreadyShown(result, mapped)) {
                    result.rejectValue(mapped.field(), VIOLATION, mapped.message());
                }
            } else {
                result.reject(VIOLATION, describe(violation));
            }
        }
    }

    /** A violation as one sentence, for places where no field names it. */
    public static String describe(Violation violation) {
        return violation.field() == null || violation.field().isBlank()
                ? violation.message()
                : violation.field() + " " + violation.message();
    }

    private static boolean isFormField(BindingResult result, String field) {
        try {
            return result.getFieldType(field) != null || result.getRawFieldValue(field) != null;
        } catch (RuntimeException notAProperty) {
            return false;
        }
    }

    private static boolean alreadyShown(BindingResult result, Violation violation) {
        for (FieldError error : result.getFieldErrors(violation.field())) {
            if (Objects.equals(error.getDefaultMessage(), violation.message())) {
                return true;
            }
        }
        return false;
    }
}
