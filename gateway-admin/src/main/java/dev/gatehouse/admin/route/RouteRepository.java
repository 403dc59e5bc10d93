package dev.gatehouse.admin.route;

import dev.gatehouse.admin.web.Ids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Stored routes. Only this package uses it; other features go through {@link RouteService}. */
interface RouteRepository extends JpaRepository<StoredRoute, UUID> {

    List<StoredRoute> findAllByOrderByNameAsc();

    /** Routes that forward to the service or have a composite step that calls it, by name. */
    @Query("select r from StoredRoute r where r.serviceId = :serviceId or exists "
            + "(select 1 from StoredRoute c join c.steps s where c = r and s.serviceId = :serviceId) order by r.name")
    List<StoredRoute> findCallingService(UUID serviceId);

    Optional<StoredRoute> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /** Id and name of every route. */
    @Query("select r.id as id, r.name as name from StoredRoute r")
    List<Ids.Named> findAllNames();

    /** Names of the routes that forward traffic to the service, by name. */
    @Query("select r.name from StoredRoute r where r.serviceId = :serviceId order by r.name")
    List<String> findNamesByServiceId(UUID serviceId);

    /** Each composite step that calls the service: its route's name and its own name, by route then position. */
    @Query("select r.name as route, s.name as step from StoredRoute r join r.steps s where s.serviceId = :serviceId "
            + "order by r.name, index(s)")
    List<StepUse> findStepsCallingService(UUID serviceId);

    /** A composite step, named by its route and its own name. */
    interface StepUse {
        String getRoute();

        String getStep();
    }
}
