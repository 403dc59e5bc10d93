package dev.gatehouse.admin.policy;

import dev.gatehouse.admin.publish.ConfigReferences;
import dev.gatehouse.admin.upstream.ServiceReferences;
import dev.gatehouse.admin.web.Ids;
import dev.gatehouse.config.ConfigEntity;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps services, routes, consumers and plans from being deleted while policies are attached to them: a
 * policy never silently loses its target (nor silently disappears with it). A bean of its own, using only the
 * policy table, because {@link PolicyService} needs the services those features ask this one from.
 */
@Component
class PolicyReferences implements ServiceReferences, ConfigReferences {

    private final PolicyRepository repository;

    PolicyReferences(PolicyRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> referencesTo(String serviceId) {
        return names(serviceId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> referencesTo(ConfigEntity entity) {
        return names(entity.id());
    }

    private List<String> names(String id) {
        return Ids.parseUuid(id)
                .map(uuid -> repository.findNamesAttachedTo(uuid).stream().map(name -> "policy " + name).toList())
                .orElse(List.of());
    }
}
