package dev.gatehouse.admin.user;

import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sign-ins}: console sign-in attempts, newest first, for admins (role ADMIN only, enforced by
 * the security configuration). Filters: {@code username} (exact, as typed), {@code outcome}; paging with
 * {@code limit} (1-500, default 50) and {@code before} (the page's {@code before} value).
 */
@RestController
class SignInApiController {

    private final SignInEvents events;

    SignInApiController(SignInEvents events) {
        this.events = events;
    }

    @GetMapping("/api/v1/sign-ins")
    SignInEventPage list(@RequestParam(required = false) String username,
                         @RequestParam(required = false) String outcome,
                         @RequestParam(required = false) String before,
                         @RequestParam(required = false) String limit) {
        List<Violation> violations = new ArrayList<>();
        SignInOutcome wanted = SignInRequestParams.outcome(outcome, violations);
        Long older = SignInRequestParams.before(before, violations);
        int size = SignInRequestParams.limit(limit, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return events.list(SignInRequestParams.username(username), wanted, older, size);
    }
}
