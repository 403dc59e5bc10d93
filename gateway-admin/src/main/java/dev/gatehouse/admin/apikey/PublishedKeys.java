package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.publish.PublishedKeySource;
import dev.gatehouse.config.ApiKeySpec;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Hands the keys nodes hold to snapshots. Deliberately not {@code @Transactional}: it always runs inside the
 * snapshot's REPEATABLE READ transaction, and an exception from the consumer of the keys (the node went away)
 * must stop the cursor without marking that transaction for rollback.
 */
@Component
class PublishedKeys implements PublishedKeySource {

    private final ApiKeyRepository repository;
    private final EntityManager entities;

    PublishedKeys(ApiKeyRepository repository, EntityManager entities) {
        this.repository = repository;
        this.entities = entities;
    }

    @Override
    public long countPublished() {
        return repository.countByRevokedAtIsNull();
    }

    @Override
    public void forEachPublished(Consumer<ApiKeySpec> action) {
        try (Stream<StoredApiKey> keys = repository.streamPublished()) {
            keys.forEach(key -> {
                // Detached at once: the persistence context would otherwise hold every key read.
                entities.detach(key);
                action.accept(key.toSpec());
            });
        }
    }
}
