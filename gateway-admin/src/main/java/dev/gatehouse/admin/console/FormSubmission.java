package dev.gatehouse.admin.console;

import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import dev.gatehouse.config.Violation;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/**
 * The write step every console form shares: unless binding already failed, call the feature's service; put a
 * refused request's violations beside their fields and a conflict (a taken name) on top of the form. A form
 * filled at a version someone else has since changed is {@linkplain #isStale stale}: the controller shows the
 * current stored values instead, with {@link #explainStale}, so nobody overwrites a change they never saw.
 */
public final class FormSubmission {

    /** Error code (and message key) of a form based on a version that someone else has changed since. */
    public static final String STALE = "form.stale";

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
        } catch (PreconditionFailedException | OptimisticLockingFailureException
                 | jakarta.persistence.OptimisticLockException e) {
            result.reject(STALE, STALE_TEXT);
        }
        return Optional.empty();
    }

    /** Whether the write was refused because someone else saved the object after the form was filled. */
    public static boolean isStale(BindingResult result) {
        return result.getGlobalErrors().stream().anyMatch(error -> STALE.equals(error.getCode()));
    }

    /**
     * Says on top of the form that it shows the current stored values because someone else saved first. Call
     * after putting the form with those values into the model under {@code formName} (which drops the binding
     * result of what was sent).
     */
    public static void explainStale(Model model, String formName) {
        BindingResult result = new BeanPropertyBindingResult(model.getAttribute(formName), formName);
        result.reject(STALE, STALE_TEXT);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + formName, result);
    }

    // Used only if messages.properties lacks the key.
    private static final String STALE_TEXT = "Someone else changed this since you opened it; these are the "
            + "current values. Nothing was saved: apply your change again.";
}
