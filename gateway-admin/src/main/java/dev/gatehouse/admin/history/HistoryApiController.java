package dev.gatehouse.admin.history;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configuration history in the API, for every role: {@code GET /api/v1/config/revisions} (newest first;
 * filters {@code actor}, {@code kind}, {@code name}, {@code from}/{@code to}; paging with {@code limit} 1-200,
 * default 50, and the page's {@code next} as {@code cursor}), {@code GET /api/v1/config/revisions/{revision}}
 * (one revision field by field) and {@code GET /api/v1/config/diff?from=&to=} (two revisions compared). Bad
 * parameters answer 400 with the parameter as field; revisions outside the history 404.
 */
@RestController
class HistoryApiController {

    private final RevisionHistory history;

    HistoryApiController(RevisionHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/config/revisions")
    RevisionPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String kind,
                      @RequestParam(required = false) String name, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                      @RequestParam(required = false) String limit) {
        List<Violation> violations = new ArrayList<>();
        RevisionFilter filter = RevisionFilter.parse(new RevisionFilter.Params(actor, kind, name, from, to, cursor,
                limit), violations);
        if (filter == null) {
            throw new InvalidInputException(violations);
        }
        return history.list(filter);
    }

    @GetMapping("/api/v1/config/revisions/{revision}")
    RevisionDetail get(@PathVariable String revision) {
        return history.revision(revision);
    }

    @GetMapping("/api/v1/config/diff")
    ConfigDiff diff(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return history.diff(from, to);
    }
}
