package dev.gatehouse.admin.route;

import dev.gatehouse.admin.console.ConsoleController;
import dev.gatehouse.admin.upstream.ServiceView;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.config.TargetSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The service pages that show routes: the list with each service's route count, a service with its routes, and
 * the delete confirmation that names the routes still using it. They live with routes because routes depend on
 * services and not the other way round; the service forms stay with the upstream feature.
 */
@ConsoleController
class ServiceRoutesConsoleController {

    private final UpstreamService services;
    private final RouteService routes;

    ServiceRoutesConsoleController(UpstreamService services, RouteService routes) {
        this.services = services;
        this.routes = routes;
    }

    @GetMapping("/services")
    String list(Model model) {
        List<ServiceView> all = services.list();
        Map<String, Long> perName = new HashMap<>();
        for (RouteView route : routes.list()) {
            // A composite route counts once for each service its steps call.
            route.serviceNames().forEach(name -> perName.merge(name, 1L, Long::sum));
        }
        Map<String, Long> routeCounts = new HashMap<>();
        for (ServiceView service : all) {
            // A route names its service by name, or by id once the service is gone; counting ids too keeps this
            // right either way.
            routeCounts.put(service.id(), perName.getOrDefault(service.name(), 0L)
                    + (service.id().equals(service.name()) ? 0L : perName.getOrDefault(service.id(), 0L)));
        }
        model.addAttribute("services", all);
        model.addAttribute("routeCounts", routeCounts);
        return "services/list";
    }

    @GetMapping("/services/{id}")
    String detail(@PathVariable String id, Model model) {
        ServiceView service = services.get(id);
        model.addAttribute("service", service);
        model.addAttribute("totalWeight", service.targets().stream().mapToInt(TargetSpec::weight).sum());
        model.addAttribute("routes", routes.listByService(service.id()));
        return "services/detail";
    }

    @GetMapping("/services/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        ServiceView service = services.get(id);
        model.addAttribute("service", service);
        model.addAttribute("routes", routes.listByService(service.id()));
        return "services/delete";
    }
}
