package dev.gatehouse.admin.user;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.config.Violation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's read-only list of sign-in attempts ({@code /users/sign-ins}, role ADMIN only), newest first, with
 * filters by username and outcome and "older" paging. A bad filter value is shown beside the form and ignored.
 */
@ConsoleController
class SignInConsoleController {

    static final int PAGE_SIZE = 100;

    private final SignInEvents events;

    SignInConsoleController(SignInEvents events) {
        this.events = events;
    }

    @GetMapping("/users/sign-ins")
    String list(@RequestParam(required = false) String username, @RequestParam(required = false) String outcome,
                @RequestParam(required = false) String before, Model model) {
        List<Violation> violations = new ArrayList<>();
        SignInOutcome wanted = SignInRequestParams.outcome(outcome, violations);
        Long older = SignInRequestParams.before(before, violations);
        String name = SignInRequestParams.username(username);
        model.addAttribute("page", events.list(name, wanted, older, PAGE_SIZE));
        model.addAttribute("username", name == null ? "" : name);
        model.addAttribute("outcome", wanted == null ? "" : wanted.name());
        model.addAttribute("outcomes", SignInOutcome.values());
        model.addAttribute("errors", violations);
        return "users/sign-ins";
    }
}
