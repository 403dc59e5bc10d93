package dev.gatehouse.admin.policy;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.consumer.ConsumerQuery;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.admin.route.RouteService;
import dev.gatehouse.admin.route.RouteView;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.InvalidInputException;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.PolicyType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Console pages for policies: the list by scope and type with filters, a type picker, create and edit forms
 * generated from each type's configuration record ({@link PolicySchema}), delete. Writes go through
 * {@link PolicyService}, so the form refuses exactly what the API refuses, each message beside its input.
 */
@ConsoleController
class PolicyConsoleController {

    static final String FORM_VIEW = "policies/form";
    /** Most specific scope first, as precedence reads. */
    private static final Comparator<PolicyView> BY_SCOPE_TYPE_NAME = Comparator
            .comparingInt((PolicyView p) -> -specificity(p.scope()))
            .thenComparing(PolicyView::type).thenComparing(PolicyView::name);

    private final PolicyService policies;
    private final UpstreamService services;
    private final RouteService routes;
    private final ConsumerService consumers;
    private final PlanService plans;
    private final JsonMapper mapper;

    PolicyConsoleController(PolicyService policies, UpstreamService services, RouteService routes,
                            ConsumerService consumers, PlanService plans, JsonMapper mapper) {
        this.policies = policies;
        this.services = services;
        this.routes = routes;
        this.consumers = consumers;
        this.plans = plans;
        this.mapper = mapper;
    }

    @GetMapping("/policies")
    String list(@RequestParam(required = false) String scope, @RequestParam(required = false) String type,
                Model model) {
        List<PolicyView> shown;
        try {
            shown = policies.list(scope, type).stream().sorted(BY_SCOPE_TYPE_NAME).toList();
        } catch (InvalidInputException e) {
            // A hand-edited filter: show everything and say so, rather than an error page.
            model.addAttribute("filterError", e.getMessage());
            shown = policies.list(null, null).stream().sorted(BY_SCOPE_TYPE_NAME).toList();
            scope = null;
            type = null;
        }
        model.addAttribute("policies", shown);
        model.addAttribute("scopes", scopes());
        model.addAttribute("types", types());
        model.addAttribute("selectedScope", scope == null ? "" : scope);
        model.addAttribute("selectedType", type == null ? "" : type);
        return "policies/list";
    }

    @GetMapping("/policies/new")
    String createForm(@RequestParam(required = false) String type, Model model) {
        PolicyType chosen = PolicyType.of(type);
        if (chosen == null) {
            model.addAttribute("types", PolicyType.all());
            return "policies/types";
        }
        return showForm(PolicyForm.blank(chosen), null, model);
    }

    @PostMapping("/policies/new")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        PolicyType type = PolicyType.of(params.get("type"));
        if (type == null) {
            return "redirect:/policies/new";
        }
        PolicyForm form = PolicyForm.submitted(type, params);
        Optional<PolicyView> created = submit(form, () -> policies.create(form.toRequest(mapper)));
        if (created.isPresent()) {
            FlashMessage.success(redirect, "flash.policy.created", created.get().name());
            return "redirect:/policies";
        }
        return showForm(form, null, model);
    }

    @GetMapping({"/policies/{id}", "/policies/{id}/edit"})
    String editForm(@PathVariable String id, Model model) {
        PolicyView policy = policies.get(id);
        return showForm(PolicyForm.of(policy, mapper), policy, model);
    }

    @PostMapping("/policies/{id}/edit")
    String update(@PathVariable String id, @RequestParam Map<String, String> params, Model model,
                  RedirectAttributes redirect) {
        PolicyView current = policies.get(id);
        PolicyForm form = PolicyForm.submitted(PolicyType.of(current.type()), params);
        Optional<PolicyView> updated = submit(form, () -> policies.update(current.id(), form.toRequest(mapper),
                IfMatch.version(form.version())));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.policy.updated", updated.get().name());
            return "redirect:/policies";
        }
        if (form.isStale()) {
            // Someone else saved first: show what is stored now, not what was sent, so nothing is overwritten.
            PolicyView latest = policies.get(id);
            showForm(PolicyForm.of(latest, mapper), latest, model);
            model.addAttribute("stale", true);
            return FORM_VIEW;
        }
        return showForm(form, current, model);
    }

    @GetMapping("/policies/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("policy", policies.get(id));
        return "policies/delete";
    }

    @PostMapping("/policies/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        try {
            PolicyView policy = policies.get(id);
            try {
                policies.delete(policy.id(), IfMatch.version(version));
            } catch (PreconditionFailedException e) {
                // Changed since the confirmation page was shown: confirm again, looking at what is stored now.
                FlashMessage.error(redirect, "flash.stale.delete", policy.name());
                return "redirect:/policies/" + policy.id() + "/delete";
            }
            FlashMessage.success(redirect, "flash.policy.deleted", policy.name());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        }
        return "redirect:/policies";
    }

    private String showForm(PolicyForm form, PolicyView current, Model model) {
        model.addAttribute("hasErrors", form.hasErrors());
        model.addAttribute("type", form.type().value());
        model.addAttribute("fields", form.fields());
        model.addAttribute("values", form.values());
        model.addAttribute("errors", form.errors());
        model.addAttribute("globalErrors", form.globalErrors());
        model.addAttribute("version", form.version());
        model.addAttribute("stale", false);
        model.addAttribute("policyId", current == null ? null : current.id());
        model.addAttribute("originalName", current == null ? null : current.name());
        model.addAttribute("scopes", form.type().scopes().stream()
                .sorted(Comparator.comparingInt(PolicyScope::specificity)).map(PolicyScope::value).toList());
        model.addAttribute("serviceNames", services.list().stream().map(ServiceView::name).toList());
        model.addAttribute("routeNames", routes.list().stream().map(RouteView::name).toList());
        model.addAttribute("consumerNames", consumers.list(ConsumerQuery.ALL).stream().map(ConsumerView::name).toList());
        model.addAttribute("planNames", plans.list().stream().map(PlanView::name).toList());
        return FORM_VIEW;
    }

    private static int specificity(String scope) {
        return Arrays.stream(PolicyScope.values()).filter(s -> s.value().equals(scope)).findFirst()
                .map(PolicyScope::specificity).orElse(-1);
    }

    private static List<String> scopes() {
        return Arrays.stream(PolicyScope.values()).map(PolicyScope::value).toList();
    }

    private static List<String> types() {
        return PolicyType.all().stream().map(PolicyType::value).toList();
    }

    // the write step of both forms: refused values go beside their fields, a conflict on top of the form; a
    // write based on a version someone else changed since marks the form stale
    private static Optional<PolicyView> submit(PolicyForm form, Supplier<PolicyView> write) {
        try {
            return Optional.of(write.get());
        } catch (InvalidInputException e) {
            form.reject(e.violations());
        } catch (ConflictException e) {
            form.reject(e.getMessage());
        } catch (PreconditionFailedException | OptimisticLockingFailureException
                 | jakarta.persistence.OptimisticLockException e) {
            form.markStale();
        }
        return Optional.empty();
    }
}
