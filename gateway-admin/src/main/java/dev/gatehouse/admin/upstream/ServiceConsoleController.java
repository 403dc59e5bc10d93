package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormErrors;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import java.util.List;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console forms for services: create, edit, delete. The pages that also show routes (list, detail, delete
 * confirmation) are the route feature's, since routes depend on services and not the other way round.
 */
@ConsoleController
class ServiceConsoleController {

    static final String FORM_VIEW = "services/form";
    private static final List<String> PROTOCOLS = List.of("http", "https");
    private static final List<String> ALGORITHMS = List.of("round_robin", "least_requests", "consistent_hash");
    private static final List<String> HASH_SOURCES = List.of("header", "cookie", "consumer", "client_address");

    private final UpstreamService services;

    ServiceConsoleController(UpstreamService services) {
        this.services = services;
    }

    @GetMapping("/services/new")
    String createForm(Model model) {
        return showForm(new ServiceForm(), null, null, model);
    }

    @PostMapping("/services/new")
    String create(@ModelAttribute("serviceForm") ServiceForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            form.dropBlankTargets();
            try {
                ServiceView created = services.create(form.toRequest());
                FlashMessage.success(redirect, "flash.service.created", created.name());
                return "redirect:/services/" + created.id();
            } catch (InvalidInputException e) {
                FormErrors.bind(e.violations(), result, form::toFormField);
            } catch (ConflictException e) {
                result.reject(FormErrors.VIOLATION, e.getMessage());
            }
        }
        return showForm(form, null, null, model);
    }

    @GetMapping("/services/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        ServiceView service = services.get(id);
        return showForm(ServiceForm.from(service), service.id(), service.name(), model);
    }

    @PostMapping("/services/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("serviceForm") ServiceForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        ServiceView current = services.get(id);
        if (!result.hasErrors()) {
            form.dropBlankTargets();
        }
        Optional<ServiceView> updated = FormSubmission.attempt(result, form::toFormField,
                () -> services.update(current.id(), form.toRequest(), IfMatch.version(form.getVersion())));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.service.updated", updated.get().name());
            return "redirect:/services/" + updated.get().id();
        }
        if (FormSubmission.isStale(result)) {
            // Someone else saved first: show what is stored now, not what was sent, so nothing is overwritten.
            ServiceView latest = services.get(id);
            showForm(ServiceForm.from(latest), latest.id(), latest.name(), model);
            FormSubmission.explainStale(model, "serviceForm");
            return FORM_VIEW;
        }
        return showForm(form, current.id(), current.name(), model);
    }

    @PostMapping("/services/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        ServiceView service;
        try {
            service = services.get(id);
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
            return "redirect:/services";
        }
        try {
            services.delete(service.id(), IfMatch.version(version));
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
            return "redirect:/services";
        } catch (ConflictException e) {
            // Typically routes still use it; the service says which, so the admin knows what to change first.
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
            return "redirect:/services/" + service.id();
        } catch (PreconditionFailedException e) {
            // Changed since the confirmation page was shown: confirm again, looking at what is stored now.
            FlashMessage.error(redirect, "flash.stale.delete", service.name());
            return "redirect:/services/" + service.id() + "/delete";
        }
        FlashMessage.success(redirect, "flash.service.deleted", service.name());
        return "redirect:/services";
    }

    private String showForm(ServiceForm form, String serviceId, String originalName, Model model) {
        form.padTargets();
        model.addAttribute("serviceForm", form);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("originalName", originalName);
        model.addAttribute("protocols", PROTOCOLS);
        model.addAttribute("algorithms", ALGORITHMS);
        model.addAttribute("hashSources", HASH_SOURCES);
        return FORM_VIEW;
    }
}
