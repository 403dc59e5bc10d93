package dev.gatehouse.admin.console;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.publish.RevisionView;
import dev.gatehouse.admin.web.NotFoundException;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page shares: the current configuration revision in the top bar, form binding rules and
 * error pages. Applies to {@link ConsoleController}s only.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModelAdvice {

    /** Fields the server owns; no form may set them, whatever a request sends. */
    static final String[] SERVER_OWNED_FIELDS = {"id", "createdAt", "updatedAt", "*.id", "*.createdAt", "*.updatedAt"};

    private final RevisionService revisions;

    ConsoleModelAdvice(RevisionService revisions) {
        this.revisions = revisions;
    }

    @ModelAttribute("currentRevision")
    RevisionView currentRevision() {
        return revisions.current();
    }

    @InitBinder
    void binding(WebDataBinder binder) {
        binder.setDisallowedFields(SERVER_OWNED_FIELDS);
        // Blank inputs mean "not given": the services then apply their defaults.
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return errorPage(HttpStatus.NOT_FOUND);
    }

    /** A forged form with absurd list indexes; nothing was changed. */
    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView badForm() {
        return errorPage(HttpStatus.BAD_REQUEST);
    }

    private ModelAndView errorPage(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        return page;
    }
}
