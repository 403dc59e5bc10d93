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

    List<StoredRoute> findByServiceIdOrderByNameAsc(UUID serviceId);

    Optional<StoredRoute> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /** Id and name of every route. */
    @Query("select r.id as id, r.name as name from StoredRoute r")
    List<Ids.Named> findAllNames();

    /** Names of the routes that send traffic to the service, by name. */
    @Query("select r.name from StoredRoute r where r.serviceId = :serviceId order by r.name")
    List<String> findNamesByServiceId(UUID serviceId);
}
