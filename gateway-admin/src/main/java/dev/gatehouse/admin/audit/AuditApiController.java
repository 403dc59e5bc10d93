package dev.gatehouse.admin.audit;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit}: the audit trail, newest first, for admins and editors (viewers may not read it: it
 * shows who changed what and from where, which is more than the configuration itself; enforced by the security
 * configuration). Filters: {@code actor}, {@code kind}, {@code objectId}, {@code objectName}, {@code action},
 * {@code from}/{@code to} (ISO-8601); paging with {@code limit} (1-200, default 50) and the page's opaque
 * {@code next} as {@code cursor}. Bad filters answer 400 with the parameter as field.
 */
@RestController
class AuditApiController {

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    AuditPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String objectId,
                   @RequestParam(required = false) String objectName,
                   @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                   @RequestParam(required = false) String limit) {
        List<Violation> violations = new ArrayList<>();
        AuditFilter filter = AuditFilter.parse(new AuditFilter.Params(actor, kind, objectId, objectName, action,
                from, to, cursor, limit), AuditFilter.DEFAULT_LIMIT, violations);
        if (filter == null) {
            throw new InvalidInputException(violations);
        }
        return log.list(filter);
    }

    @GetMapping("/api/v1/audit/{id}")
    AuditRecord get(@PathVariable String id) {
        return parseId(id).flatMap(log::find).orElseThrow(() -> new NotFoundException("no audit record '" + id + "'"));
    }

    static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
