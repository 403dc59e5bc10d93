package dev.gatehouse.admin.user;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.NotFoundException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages for users (role ADMIN only, by the security configuration): list, create, change role or
 * enabled state, reset a password, delete after confirmation. Refusals show beside the field (or on top for
 * the self and last-admin rules) and change nothing.
 */
@ConsoleController
class UserConsoleController {

    static final String FORM_VIEW = "users/form";
    static final String PASSWORD_VIEW = "users/password";

    private final AdminUserService users;

    UserConsoleController(AdminUserService users) {
        this.users = users;
    }

    @GetMapping("/users")
    String list(Model model) {
        model.addAttribute("users", users.list());
        return "users/list";
    }

    @GetMapping("/users/new")
    String createForm(Model model) {
        return showForm(new UserForm(), null, model);
    }

    @PostMapping("/users/new")
    String create(@ModelAttribute("userForm") UserForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        Optional<UserView> created = FormSubmission.attempt(result, form::toFormField,
                () -> users.create(form.getUsername(), form.getRole(), form.getPassword(), form.isServiceAccount()));
        if (created.isPresent()) {
            FlashMessage.success(redirect, "flash.user.created", created.get().username());
            return "redirect:/users";
        }
        form.setPassword(null);
        return showForm(form, null, model);
    }

    @GetMapping("/users/{username}/edit")
    String editForm(@PathVariable String username, Model model) {
        UserView user = users.get(username);
        return showForm(UserForm.from(user), user, model);
    }

    @PostMapping("/users/{username}/edit")
    String update(@PathVariable String username, @ModelAttribute("userForm") UserForm form, BindingResult result,
                  Model model, Principal caller, RedirectAttributes redirect) {
        UserView current = users.get(username);
        Optional<UserView> updated = FormSubmission.attempt(result, form::toFormField,
                () -> users.change(caller.getName(), username, form.getRole(), form.isEnabled()));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.user.updated", username);
            return "redirect:/users";
        }
        return showForm(form, current, model);
    }

    @GetMapping("/users/{username}/password")
    String passwordForm(@PathVariable String username, Model model) {
        UserView user = users.get(username);
        model.addAttribute("user", user);
        model.addAttribute("userForm", UserForm.from(user));
        return PASSWORD_VIEW;
    }

    @PostMapping("/users/{username}/password")
    String resetPassword(@PathVariable String username, @ModelAttribute("userForm") UserForm form,
                         BindingResult result, Model model, RedirectAttributes redirect) {
        UserView user = users.get(username);
        Optional<Boolean> reset = FormSubmission.attempt(result, form::toFormField, () -> {
            users.resetPassword(username, form.getPassword());
            return true;
        });
        if (reset.isPresent()) {
            FlashMessage.success(redirect, "flash.user.passwordReset", username);
            return "redirect:/users";
        }
        form.setPassword(null);
        model.addAttribute("user", user);
        return PASSWORD_VIEW;
    }

    @GetMapping("/users/{username}/delete")
    String confirmDelete(@PathVariable String username, Model model) {
        model.addAttribute("user", users.get(username));
        return "users/delete";
    }

    @PostMapping("/users/{username}/delete")
    String delete(@PathVariable String username, Principal caller, RedirectAttributes redirect) {
        try {
            users.delete(caller.getName(), username);
            FlashMessage.success(redirect, "flash.user.deleted", username);
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        } catch (ConflictException e) {
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
        }
        return "redirect:/users";
    }

    private String showForm(UserForm form, UserView current, Model model) {
        model.addAttribute("userForm", form);
        model.addAttribute("user", current);
        model.addAttribute("roles", Role.values());
        return FORM_VIEW;
    }
}
