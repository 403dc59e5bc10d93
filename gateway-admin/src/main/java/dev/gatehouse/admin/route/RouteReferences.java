package dev.gatehouse.admin.route;

import dev.gatehouse.admin.upstream.ServiceReferences;
import dev.gatehouse.admin.upstream.UpstreamService;
import dev.gatehouse.admin.web.Ids;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a service from being deleted while routes send traffic to it, directly or from a composite step (the
 * database's foreign keys refuse it too; this names who uses it). A bean of its own rather than part of
 * {@link RouteService}, which needs {@link UpstreamService}: the upstream feature asks this one back.
 */
@Component
class RouteReferences implements ServiceReferences {

    private final RouteRepository repository;

    RouteReferences(RouteRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> referencesTo(String serviceId) {
        return Ids.parseUuid(serviceId).map(id -> {
            List<String> users = new ArrayList<>();
            repository.findNamesByServiceId(id).forEach(name -> users.add("route " + name));
            repository.findStepsCallingService(id)
                    .forEach(use -> users.add("route " + use.getRoute() + " (step " + use.getStep() + ")"));
            return users;
        }).orElse(List.of());
    }
}
