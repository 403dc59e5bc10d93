package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.console.FlashMessage;
import dev.gatehouse.admin.console.FormErrors;
import dev.gatehouse.admin.console.FormSubmission;
import dev.gatehouse.admin.dashboard.RecentTraffic;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.admin.web.IfMatch;
import dev.gatehouse.admin.web.NotFoundException;
import dev.gatehouse.admin.web.PreconditionFailedException;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Console pages for routes: list (optionally for one service, including composite routes whose steps call it),
 * create, edit (matching, forwarding or composite steps, who may call; with a composite route's step diagram and
 * the route's traffic over the last hour), delete.
 */
@ConsoleController
class RouteConsoleController {

    static final String FORM_VIEW = "routes/form";
    private static final List<String> PATH_MATCHES = List.of("prefix", "exact");
    private static final List<String> PLACEMENTS = List.of("nest", "merge");
    /** Name of the step editor's "Add step" submit button. */
    static final String ADD_STEP = "addStep";
    /** Name of each step's "Remove step" submit button; its value is the step's index. */
    static final String REMOVE_STEP = "removeStep";

    private final RouteService routes;
    private final UpstreamService services;
    private final RecentTraffic traffic;
    private final List<RoutePolicies> policies;

    RouteConsoleController(RouteService routes, UpstreamService services, RecentTraffic traffic,
                           List<RoutePolicies> policies) {
        this.routes = routes;
        this.services = services;
        this.traffic = traffic;
        this.policies = policies;
    }

    @GetMapping("/routes")
    String list(@RequestParam(name = "service", required = false) String service, Model model) {
        String selected = service == null || service.isBlank() ? null : service.trim();
        List<RouteView> shown = selected == null ? routes.list() : routes.listByService(selected);
        Map<String, String> serviceIds = new LinkedHashMap<>();
        for (ServiceView view : services.list()) {
            serviceIds.put(view.name(), view.id());
        }
        model.addAttribute("routes", shown);
        model.addAttribute("serviceIds", serviceIds);
        model.addAttribute("serviceNames", List.copyOf(serviceIds.keySet()));
        model.addAttribute("selectedService", selected);
        return "routes/list";
    }

    @GetMapping("/routes/new")
    String createForm(@RequestParam(name = "service", required = false) String service, Model model) {
        RouteForm form = new RouteForm();
        form.setService(service);
        return showForm(form, null, model);
    }

    @PostMapping("/routes/new")
    String create(@ModelAttribute("routeForm") RouteForm form, BindingResult result,
                  @RequestParam(name = ADD_STEP, required = false) String addStep,
                  @RequestParam(name = REMOVE_STEP, required = false) Integer removeStep, Model model,
                  RedirectAttributes redirect) {
        if (editSteps(form, addStep, removeStep)) {
            return showForm(form, null, model);
        }
        form.lineProblems().forEach(p -> result.rejectValue(p.field(), FormErrors.VIOLATION, p.message()));
        Optional<RouteView> created = FormSubmission.attempt(result, form::toFormField,
                () -> routes.create(form.toRequest()));
        if (created.isPresent()) {
            FlashMessage.success(redirect, "flash.route.created", created.get().name());
            return "redirect:/routes";
        }
        return showForm(form, null, model);
    }

    @GetMapping({"/routes/{id}", "/routes/{id}/edit"})
    String editForm(@PathVariable String id, Model model) {
        RouteView route = routes.get(id);
        return showForm(RouteForm.from(route), route, model);
    }

    @PostMapping("/routes/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("routeForm") RouteForm form, BindingResult result,
                  @RequestParam(name = ADD_STEP, required = false) String addStep,
                  @RequestParam(name = REMOVE_STEP, required = false) Integer removeStep,
                  Model model, RedirectAttributes redirect) {
        RouteView current = routes.get(id);
        if (editSteps(form, addStep, removeStep)) {
            return showForm(form, current, model);
        }
        form.lineProblems().forEach(p -> result.rejectValue(p.field(), FormErrors.VIOLATION, p.message()));
        Optional<RouteView> updated = FormSubmission.attempt(result, form::toFormField,
                () -> routes.update(current.id(), form.toRequest(current), IfMatch.version(form.getVersion())));
        if (updated.isPresent()) {
            FlashMessage.success(redirect, "flash.route.updated", updated.get().name());
            return "redirect:/routes";
        }
        if (FormSubmission.isStale(result)) {
            // Someone else saved first: show what is stored now, not what was sent, so nothing is overwritten.
            RouteView latest = routes.get(id);
            showForm(RouteForm.from(latest), latest, model);
            FormSubmission.explainStale(model, "routeForm");
            return FORM_VIEW;
        }
        return showForm(form, current, model);
    }

    @GetMapping("/routes/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("route", routes.get(id));
        return "routes/delete";
    }

    @PostMapping("/routes/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        try {
            RouteView route = routes.get(id);
            try {
                routes.delete(route.id(), IfMatch.version(version));
            } catch (PreconditionFailedException e) {
                // Changed since the confirmation page was shown: confirm again, looking at what is stored now.
                FlashMessage.error(redirect, "flash.stale.delete", route.name());
                return "redirect:/routes/" + route.id() + "/delete";
            }
            FlashMessage.success(redirect, "flash.route.deleted", route.name());
        } catch (NotFoundException e) {
            FlashMessage.error(redirect, "flash.notFound");
        } catch (ConflictException e) {
            FlashMessage.error(redirect, "flash.deleteRefused", e.getMessage());
        }
        return "redirect:/routes";
    }

    /**
     * Applies the step editor's "Add step" or "Remove step" button, if one was pressed: the form is then shown
     * again with one step more or less, and nothing is saved.
     */
    private static boolean editSteps(RouteForm form, String addStep, Integer removeStep) {
        if (addStep != null) {
            form.getComposite().addStep();
            return true;
        }
        if (removeStep != null) {
            form.getComposite().removeStep(removeStep);
            return true;
        }
        return false;
    }

    private String showForm(RouteForm form, RouteView current, Model model) {
        model.addAttribute("routeForm", form);
        model.addAttribute("routeId", current == null ? null : current.id());
        model.addAttribute("originalName", current == null ? null : current.name());
        model.addAttribute("secretStored", current != null && JwtForm.hasSecret(current.jwt()));
        model.addAttribute("authModes", RouteForm.AUTH_MODES);
        model.addAttribute("jwtAlgorithms", JwtForm.ALGORITHMS);
        model.addAttribute("serviceNames", services.list().stream().map(ServiceView::name).toList());
        model.addAttribute("pathMatches", PATH_MATCHES);
        model.addAttribute("allMethods", HttpMethod.names());
        model.addAttribute("kinds", RouteForm.KINDS);
        model.addAttribute("placements", PLACEMENTS);
        model.addAttribute("maxSteps", CompositeSpec.MAX_STEPS);
        model.addAttribute("route", current);
        model.addAttribute("diagram", current == null || current.composite() == null ? null
                : StepDiagram.of(current.composite()));
        if (current != null) {
            traffic.addLastHour(model, current.id(), null, null);
            model.addAttribute("effectivePolicies",
                    policies.stream().flatMap(p -> p.effectiveFor(current.id()).stream()).toList());
        }
        return FORM_VIEW;
    }
}
