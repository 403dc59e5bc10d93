package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.consumer.ConsumerKeys;
import dev.gatehouse.admin.publish.ConfigWrite;
import dev.gatehouse.admin.web.Ids;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the consumer feature's questions about keys. A bean of its own rather than part of
 * {@link ApiKeyService}, which needs the consumer feature's service: the consumer feature asks this one back.
 */
@Component
class ConsumerKeyRecords implements ConsumerKeys {

    /** Above this many consumers one count over all keys is cheaper than a long list of ids. */
    private static final int MAX_IDS = 1_000;

    private final ApiKeyRepository repository;
    private final Clock clock;

    ConsumerKeyRecords(ApiKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Long> activeKeys(Collection<String> consumerIds) {
        List<UUID> ids = consumerIds.stream().map(Ids::parseUuid).flatMap(Optional::stream).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ApiKeyRepository.KeyCount> counts = ids.size() > MAX_IDS ? repository.countWorking(clock.instant())
                : repository.countWorking(ids, clock.instant());
        Map<String, Long> out = new HashMap<>();
        counts.forEach(c -> out.put(c.getConsumerId().toString(), c.getTotal()));
        return out;
    }

    @Override
    @Transactional
    public void deleteAll(String consumerId, ConfigWrite write) {
        UUID id = UUID.fromString(consumerId);
        // Revoked keys are no longer published: only the others need a delete on the nodes.
        repository.findByConsumerIdAndRevokedAtIsNull(id).forEach(key -> write.delete(key.toSpec()));
        repository.deleteByConsumer(id);
    }
}
