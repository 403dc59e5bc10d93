package dev.gatehouse.admin.history;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's configuration history ({@code /config/history}, every role): the revisions newest first with
 * filters and paging, one revision's changes field by field, and two revisions compared. A bad value is shown
 * beside its field and nothing is listed or compared until it is fixed. The rollback link goes to the rollback's
 * own page, which asks for confirmation; it is shown to editors and admins only.
 */
@ConsoleController
class HistoryConsoleController {

    private final RevisionHistory history;

    HistoryConsoleController(RevisionHistory history) {
        this.history = history;
    }

    @GetMapping("/config/history")
    String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String name, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                Model model) {
        RevisionFilter.Params params = new RevisionFilter.Params(actor, kind, name, from, to, cursor, null);
        List<Violation> violations = new ArrayList<>();
        RevisionFilter filter = RevisionFilter.parse(params, violations);
        model.addAttribute("filter", params);
        model.addAttribute("errors", errors(violations));
        model.addAttribute("kinds", RevisionFilter.KINDS);
        model.addAttribute("page", filter == null ? new RevisionPage(List.of(), null, history.start())
                : history.list(filter));
        return "history/list";
    }

    @GetMapping("/config/history/{revision}")
    String detail(@PathVariable String revision, Model model) {
        RevisionDetail detail;
        try {
            detail = history.revision(revision);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no revision '" + revision + "'");
        }
        model.addAttribute("revision", detail);
        return "history/detail";
    }

    /**
     * Two revisions compared. With only {@code from}, compares it with the current revision; with neither, shows
     * the form alone.
     */
    @GetMapping("/config/history/diff")
    String diff(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                Model model) {
        boolean asked = from != null || to != null;
        String toText = (to == null || to.isBlank()) && from != null ? Long.toString(history.current()) : to;
        Map<String, String> errors = new LinkedHashMap<>();
        ConfigDiff diff = null;
        if (asked) {
            List<Violation> violations = new ArrayList<>();
            long fromRevision = RevisionHistory.parse("from", from, violations);
            long toRevision = RevisionHistory.parse("to", toText, violations);
            errors.putAll(errors(violations));
            outside("from", fromRevision, errors);
            outside("to", toRevision, errors);
            if (errors.isEmpty()) {
                diff = history.diff(from, toText);
            }
        }
        model.addAttribute("from", from);
        model.addAttribute("to", toText);
        model.addAttribute("errors", errors);
        model.addAttribute("diff", diff);
        model.addAttribute("historyStart", history.start());
        model.addAttribute("current", history.current());
        return "history/diff";
    }

    /** Adds why the history cannot show {@code revision}, unless the field already has an error. */
    private void outside(String field, long revision, Map<String, String> errors) {
        if (!errors.containsKey(field)) {
            String problem = history.outside(revision);
            if (problem != null) {
                errors.put(field, problem);
            }
        }
    }

    private static Map<String, String> errors(List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.putIfAbsent(v.field(), v.message()));
        return errors;
    }
}
