package dev.gatehouse.admin.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the sign-in form. Spring Security's form login handles the POST to {@code /login} and the
 * {@code ?error} / {@code ?logout} redirects that the page explains.
 */
@Controller
class LoginConsoleController {

    @GetMapping("/login")
    String login(Authentication authentication) {
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        return signedIn ? "redirect:/" : "login";
    }
}
