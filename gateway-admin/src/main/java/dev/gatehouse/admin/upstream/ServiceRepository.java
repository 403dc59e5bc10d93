package dev.gatehouse.admin.upstream;

import dev.gatehouse.admin.web.Ids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Stored services. Only {@link UpstreamService} uses it. */
interface ServiceRepository extends JpaRepository<StoredService, UUID> {

    /** All services by name, targets fetched in the same query. */
    @EntityGraph(attributePaths = "targets")
    List<StoredService> findAllByOrderByNameAsc();

    @EntityGraph(attributePaths = "targets")
    Optional<StoredService> findWithTargetsById(UUID id);

    @EntityGraph(attributePaths = "targets")
    Optional<StoredService> findByName(String name);

    boolean existsByNameAndIdNot(String name, UUID id);

    /** Id and name of every service, without loading targets. */
    @Query("select s.id as id, s.name as name from StoredService s")
    List<Ids.Named> findAllNames();
}
