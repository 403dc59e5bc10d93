package dev.gatehouse.admin.audit;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.web.FieldDiff;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit trail ({@code /audit}, admins and editors): a filtered, paged table newest first, and a
 * detail page per record with a field-by-field before/after diff. A bad filter value is shown beside its field and
 * nothing is listed until it is fixed.
 */
@ConsoleController
class AuditConsoleController {

    static final int PAGE_SIZE = 50;

    private final AuditLog log;

    AuditConsoleController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/audit")
    String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String objectId, @RequestParam(required = false) String objectName,
                @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                Model model) {
        AuditFilter.Params params = new AuditFilter.Params(actor, kind, objectId, objectName, action, from, to,
                cursor, null);
        List<Violation> violations = new ArrayList<>();
        AuditFilter filter = AuditFilter.parse(params, PAGE_SIZE, violations);
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.putIfAbsent(v.field(), v.message()));
        model.addAttribute("filter", params);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", AuditFilter.KINDS);
        model.addAttribute("actions", Arrays.stream(AuditAction.values()).map(AuditAction::wire).toList());
        model.addAttribute("page", filter == null ? new AuditPage(List.of(), null) : log.list(filter));
        return "audit/list";
    }

    @GetMapping("/audit/{id}")
    String detail(@PathVariable String id, Model model) {
        AuditRecord record = AuditApiController.parseId(id).flatMap(log::find)
                .orElseThrow(() -> new NotFoundException("no audit record '" + id + "'"));
        model.addAttribute("record", record);
        model.addAttribute("diff", FieldDiff.of(record.before(), record.after()));
        return "audit/detail";
    }
}
