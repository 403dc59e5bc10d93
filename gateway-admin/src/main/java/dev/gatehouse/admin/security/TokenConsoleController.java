package dev.gatehouse.admin.security;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.admin.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's API tokens page ({@code /tokens}, every role): one's own tokens (all of them for admins), a
 * form to create one, revoke. A new token is rendered once in the answer to the POST, never redirected to, so
 * it is in no URL, flash attribute or session, and that answer is not cached.
 */
@ConsoleController
class TokenConsoleController {

    static final String LIST_VIEW = "tokens/list";

    private final ApiTokenService tokens;

    TokenConsoleController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(Authentication caller, Model model) {
        return show(new TokenForm(), caller, model);
    }

    @PostMapping("/tokens")
    String create(@ModelAttribute("tokenForm") TokenForm form, BindingResult result, Authentication caller,
                  Model model, HttpServletResponse response) {
        Optional<CreatedToken> created = FormSubmission.attempt(result, form::toFormField,
                () -> tokens.create(caller.getName(), TokenApiController.role(caller), form.getName(), form.getRole(),
                        form.getOwner(), form.getExpiresAt()));
        if (created.isEmpty()) {
            return show(form, caller, model);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("created", created.get());
        return "tokens/created";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable String id, Authentication caller, RedirectAttributes redirect) {
        try {
            tokens.revoke(caller.getName(), TokenApiController.role(caller), id);
            FlashMessage.success(redirect, "flash.token.revoked");
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        }
        return "redirect:/tokens";
    }

    private String show(TokenForm form, Authentication caller, Model model) {
        Role role = TokenApiController.role(caller);
        model.addAttribute("tokens", tokens.list(caller.getName(), role));
        model.addAttribute("tokenForm", form);
        model.addAttribute("roles", Role.values());
        model.addAttribute("admin", role == Role.ADMIN);
        return LIST_VIEW;
    }
}
