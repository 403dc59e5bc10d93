package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormErrors;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console forms for services: create, edit, delete. The pages that also show routes (list, detail, delete
 * confirmation) are the route feature's, since routes depend on services and not the other way round.
 */
@ConsoleController
class ServiceConsoleController {

    static final String FORM_VIEW = "services/form";
    private static final List<String> PROTOCOLS = List.of("http", "https");

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
            try {
                ServiceView updated = services.update(current.id(), form.toRequest());
                FlashMessage.success(redirect, "flash.service.updated", updated.name());
                return "redirect:/services/" + updated.id();
            } catch (InvalidInputException e) {
                FormErrors.bind(e.violations(), result, form::toFormField);
            } catch (ConflictException e) {
                result.reject(FormErrors.VIOLATION, e.getMessage());
            }
        }
        return showForm(form, current.id(), current.name(), model);
    }

    @PostMapping("/services/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        ServiceView service;
        try {
            service = services.get(id);
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
            return "redirect:/services";
        }
        try {
            services.delete(service.id());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
            return "redirect:/services";
        } catch (ConflictException e) {
            // Typically routes still use it; the service says which, so the admin knows what to change first.
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
            return "redirect:/services/" + service.id();
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
        return FORM_VIEW;
    }
}
