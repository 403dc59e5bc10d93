package dev.gatehouse.admin.apikey;

import dev.gatehouse.admin.node.KeyUsageRecorder;
import dev.gatehouse.admin.web.Ids;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores the key usage nodes report in heartbeats as each key's {@code last_used_at}. Batched: one statement per
 * {@value #BATCH} keys, whatever the number of keys a heartbeat reports. Times ahead of the admin's clock are
 * taken as now, so a node with a fast clock cannot make a key look used in the future.
 */
@Component
class KeyUsage implements KeyUsageRecorder {

    static final int BATCH = 10_000;

    private final ApiKeyRepository repository;
    private final Clock clock;

    KeyUsage(ApiKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void recordLastUsed(Map<String, Long> lastUsed) {
        long now = clock.millis();
        StringBuilder json = new StringBuilder("{");
        int inBatch = 0;
        for (Map.Entry<String, Long> use : lastUsed.entrySet()) {
            Long millis = use.getValue();
            // Only UUIDs and numbers reach the JSON, so nothing a node sends can change its shape.
            if (millis == null || millis <= 0 || Ids.parseUuid(use.getKey()).isEmpty()) {
                continue;
            }
            if (inBatch > 0) {
                json.append(',');
            }
            json.append('"').append(use.getKey()).append("\":").append(Math.min(millis, now));
            if (++inBatch == BATCH) {
                repository.recordLastUsed(json.append('}').toString());
                json.setLength(1);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            repository.recordLastUsed(json.append('}').toString());
        }
    }
}
