package dev.gatehouse.admin.console;

import dev.gatehouse.admin.publish.RevisionService;
import dev.gatehouse.admin.publish.RevisionView;
import dev.gatehouse.admin.web.DatabaseFailures;
import dev.gatehouse.admin.web.DatabaseStatus;
import dev.gatehouse.admin.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
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
 * error pages. Applies to {@link ConsoleController}s only. While PostgreSQL is unreachable a page that needs it is
 * answered 503 with the console's error page and a banner, after one connection timeout, instead of a stack trace
 * or a hanging request.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModelAdvice {

    /** Fields the server owns; no form may set them, whatever a request sends. */
    static final String[] SERVER_OWNED_FIELDS = {"id", "createdAt", "updatedAt", "*.id", "*.createdAt", "*.updatedAt"};

    private static final Logger log = LoggerFactory.getLogger(ConsoleModelAdvice.class);

    private final RevisionService revisions;
    private final DatabaseStatus database;

    ConsoleModelAdvice(RevisionService revisions, DatabaseStatus database) {
        this.revisions = revisions;
        this.database = database;
    }

    @ModelAttribute("currentRevision")
    RevisionView currentRevision() {
        // Known down: skip the top bar's query so the page waits for one connection timeout, not two.
        return database.reachable() ? revisions.current() : null;
    }

    @ModelAttribute("databaseDown")
    boolean databaseDown() {
        return !database.reachable();
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

    /**
     * The database is out of reach (503 with the banner). Only the exception types an outage produces, so that
     * other data-access failures keep their own handling; a commit failure for another reason is a plain 500.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            QueryTimeoutException.class, TransientDataAccessResourceException.class,
            UncategorizedDataAccessException.class, TransactionSystemException.class})
    ModelAndView dataAccess(RuntimeException e) {
        if (!DatabaseFailures.isUnavailable(e)) {
            log.error("Console request failed", e);
            return errorPage(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        database.unreachable();
        ModelAndView page = errorPage(HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("databaseDown", true);
        return page;
    }

    private ModelAndView errorPage(HttpStatus status) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        return page;
    }
}
