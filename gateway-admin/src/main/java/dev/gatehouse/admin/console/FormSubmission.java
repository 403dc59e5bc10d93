package dev.gatehouse.admin.console;

import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.Violation;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.validation.BindingResult;

/**
 * The write step every console form shares: unless binding already failed, call the feature's service; put a
 * refused request's violations beside their fields and a conflict (a taken name) on top of the form.
 */
public final class FormSubmission {

    private FormSubmission() {
    }

    /**
     * The result of {@code write}, or empty when binding failed or the service refused; then {@code result}
     * holds what to show and the caller renders the form again.
     */
    public static <T> Optional<T> attempt(BindingResult result, UnaryOperator<Violation> toFormField,
                                          Supplier<T> write) {
        if (result.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(write.get());
        } catch (InvalidInputException e) {
            FormErrors.bind(e.violations(), result, toFormField);
        } catch (ConflictException e) {
            result.reject(FormErrors.VIOLATION, e.getMessage());
        }
        return Optional.empty();
    }
}
