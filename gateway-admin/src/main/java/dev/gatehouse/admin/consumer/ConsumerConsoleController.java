package dev.gatehouse.admin.consumer;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
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
 * Console pages for consumers: list with search and filters, create, edit, suspend or activate, delete. The
 * consumer's own page lists its keys and so belongs to the key feature, which depends on this one.
 */
@ConsoleController
class ConsumerConsoleController {

    static final String FORM_VIEW = "consumers/form";
    static final List<String> STATUSES = List.of("active", "suspended");

    private final ConsumerService consumers;
    private final PlanService plans;

    ConsumerConsoleController(ConsumerService consumers, PlanService plans) {
        this.consumers = consumers;
        this.plans = plans;
    }

    @GetMapping("/consumers")
    String list(@RequestParam(required = false) String search, @RequestParam(required = false) String status,
                @RequestParam(required = false) String group, Model model) {
        ConsumerQuery query = new ConsumerQuery(blankToNull(search),
                status != null && STATUSES.contains(status) ? status : null, blankToNull(group));
        List<ConsumerView> all = consumers.list(ConsumerQuery.ALL);
        boolean filtered = query.search() != null || query.status() != null || query.group() != null;
        model.addAttribute("consumers", filtered ? consumers.list(query) : all);
        model.addAttribute("query", query);
        model.addAttribute("filtered", filtered);
        model.addAttribute("anyConsumers", !all.isEmpty());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("groups", all.stream().flatMap(c -> c.groups().stream()).distinct().sorted().toList());
        return "consumers/list";
    }

    @GetMapping("/consumers/new")
    String createForm(Model model) {
        return showForm(new ConsumerForm(), null, model);
    }

    @PostMapping("/consumers/new")
    String create(@ModelAttribute("consumerForm") ConsumerForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        Optional<ConsumerView> created = FormSubmission.attempt(result, form::toFormField,
                () -> consumers.create(form.toRequest()));
        if (created.isPresent()) {
            FlashMessage.success(redirect, "flash.consumer.created", created.get().name());
            return "redirect:/consumers/" + created.get().id();
        }
        return showForm(form, null, model);
    }

    @GetMapping("/consumers/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        ConsumerView consumer = consumers.get(id);
        return showForm(ConsumerForm.from(consumer), consumer, model);
    }

    @PostMapping("/consumers/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("consumerForm") ConsumerForm form, BindingResult result,
                  Model model, RedirectAttributes redirect) {
        ConsumerView current = consumers.get(id);
        Optional<ConsumerView> updated = FormSubmission.attempt(result, form::toFormField,
                () -> consumers.update(current.id(), form.toRequest(), IfMatch.version(form.getVersion())));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.consumer.updated", updated.get().name());
            return "redirect:/consumers/" + updated.get().id();
        }
        if (FormSubmission.isStale(result)) {
            // Someone else saved first: show what is stored now, not what was sent, so nothing is overwritten.
            ConsumerView latest = consumers.get(id);
            showForm(ConsumerForm.from(latest), latest, model);
            FormSubmission.explainStale(model, "consumerForm");
            return FORM_VIEW;
        }
        return showForm(form, current, model);
    }

    /** Asks before suspending (every key stops working) or activating a consumer. */
    @GetMapping("/consumers/{id}/{action:suspend|activate}")
    String confirmStatus(@PathVariable String id, @PathVariable String action, Model model) {
        model.addAttribute("consumer", consumers.get(id));
        model.addAttribute("action", action);
        return "consumers/status";
    }

    @PostMapping("/consumers/{id}/{action:suspend|activate}")
    String changeStatus(@PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
        String status = action.equals("suspend") ? "suspended" : "active";
        try {
            ConsumerView changed = consumers.patch(id, new ConsumerPatch(null, null, status, null, null, null));
            FlashMessage.success(redirect, "flash.consumer." + status, changed.name());
            return "redirect:/consumers/" + changed.id();
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
            return "redirect:/consumers";
        }
    }

    @GetMapping("/consumers/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("consumer", consumers.get(id));
        return "consumers/delete";
    }

    @PostMapping("/consumers/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        try {
            ConsumerView consumer = consumers.get(id);
            try {
                consumers.delete(consumer.id(), IfMatch.version(version));
            } catch (PreconditionFailedException e) {
                // Changed since the confirmation page was shown: confirm again, looking at what is stored now.
                FlashMessage.error(redirect, "flash.stale.delete", consumer.name());
                return "redirect:/consumers/" + consumer.id() + "/delete";
            }
            FlashMessage.success(redirect, "flash.consumer.deleted", consumer.name());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        } catch (ConflictException e) {
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
            return "redirect:/consumers/" + id;
        }
        return "redirect:/consumers";
    }

    private String showForm(ConsumerForm form, ConsumerView current, Model model) {
        List<String> planNames = plans.list().stream().map(PlanView::name).toList();
        model.addAttribute("consumerForm", form);
        model.addAttribute("consumerId", current == null ? null : current.id());
        model.addAttribute("originalName", current == null ? null : current.name());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("planNames", planNames);
        // A plan renamed or deleted meanwhile still shows as chosen rather than silently changing.
        model.addAttribute("unknownPlan", form.getPlan() != null && !planNames.contains(form.getPlan())
                ? form.getPlan() : null);
        return FORM_VIEW;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
