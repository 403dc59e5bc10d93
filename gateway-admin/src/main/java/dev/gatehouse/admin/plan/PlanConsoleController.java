package dev.gatehouse.admin.plan;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages for plans: list with consumer counts, create, edit, delete (refused while consumers use it). */
@ConsoleController
class PlanConsoleController {

    static final String FORM_VIEW = "plans/form";

    private final PlanService plans;

    PlanConsoleController(PlanService plans) {
        this.plans = plans;
    }

    @GetMapping("/plans")
    String list(Model model) {
        model.addAttribute("plans", plans.list());
        return "plans/list";
    }

    @GetMapping("/plans/new")
    String createForm(Model model) {
        return showForm(new PlanForm(), null, model);
    }

    @PostMapping("/plans/new")
    String create(@ModelAttribute("planForm") PlanForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        Optional<PlanView> created = FormSubmission.attempt(result, form::toFormField,
                () -> plans.create(form.toRequest()));
        if (created.isPresent()) {
            FlashMessage.success(redirect, "flash.plan.created", created.get().name());
            return "redirect:/plans";
        }
        return showForm(form, null, model);
    }

    @GetMapping({"/plans/{id}", "/plans/{id}/edit"})
    String editForm(@PathVariable String id, Model model) {
        PlanView plan = plans.get(id);
        return showForm(PlanForm.from(plan), plan, model);
    }

    @PostMapping("/plans/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("planForm") PlanForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        PlanView current = plans.get(id);
        Optional<PlanView> updated = FormSubmission.attempt(result, form::toFormField,
                () -> plans.update(current.id(), form.toRequest(), IfMatch.version(form.getVersion())));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.plan.updated", updated.get().name());
            return "redirect:/plans";
        }
        if (FormSubmission.isStale(result)) {
            // Someone else saved first: show what is stored now, not what was sent, so nothing is overwritten.
            PlanView latest = plans.get(id);
            showForm(PlanForm.from(latest), latest, model);
            FormSubmission.explainStale(model, "planForm");
            return FORM_VIEW;
        }
        return showForm(form, current, model);
    }

    @GetMapping("/plans/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("plan", plans.get(id));
        return "plans/delete";
    }

    @PostMapping("/plans/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        try {
            PlanView plan = plans.get(id);
            try {
                plans.delete(plan.id(), IfMatch.version(version));
            } catch (PreconditionFailedException e) {
                // Changed since the confirmation page was shown: confirm again, looking at what is stored now.
                FlashMessage.error(redirect, "flash.stale.delete", plan.name());
                return "redirect:/plans/" + plan.id() + "/delete";
            }
            FlashMessage.success(redirect, "flash.plan.deleted", plan.name());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        } catch (ConflictException e) {
            // Consumers are still on it; the service names them so the admin knows whom to move first.
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
        }
        return "redirect:/plans";
    }

    private String showForm(PlanForm form, PlanView current, Model model) {
        model.addAttribute("planForm", form);
        model.addAttribute("planId", current == null ? null : current.id());
        model.addAttribute("originalName", current == null ? null : current.name());
        model.addAttribute("consumerCount", current == null ? 0L : current.consumers());
        model.addAttribute("quotaKeys", PlanForm.QUOTA_KEYS);
        return FORM_VIEW;
    }
}
