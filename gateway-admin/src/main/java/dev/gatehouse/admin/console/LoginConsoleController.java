package dev.gatehouse.admin.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shows the sign-in form. Spring Security's form login handles the POST to {@code /login} and redirects back with
 * {@code ?error}, {@code ?logout}, {@code ?expired} or {@code ?throttled=<seconds>}, which the page explains. The
 * throttled message names only a wait, never whether the account exists.
 */
@Controller
class LoginConsoleController {

    /** Longest wait (seconds) the page will name; a larger or malformed value is shown as this. */
    static final long MAX_WAIT_SECONDS = 3600;

    @GetMapping("/login")
    String login(Authentication authentication, @RequestParam(required = false) String throttled, Model model) {
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        if (signedIn) {
            return "redirect:/";
        }
        if (throttled != null) {
            long seconds = seconds(throttled);
            model.addAttribute("throttledSeconds", seconds);
            model.addAttribute("throttledMinutes", (seconds + 59) / 60);
        }
        return "login";
    }

    /** The wait to name, 1 s to an hour. */
    private static long seconds(String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return Math.min(MAX_WAIT_SECONDS, Math.max(1, value));
            }
        } catch (NumberFormatException e) {
            // a hand-made URL: name the longest wait
        }
        return MAX_WAIT_SECONDS;
    }
}
