package dev.gatehouse.config;

import java.util.List;

/**
 * A batch of the API keys that belong to a snapshot, sent after it as event {@link ClusterProtocol#KEYS_EVENT}.
 *
 * @param revision the revision of the snapshot the keys belong to
 * @param keys     the keys of this batch
 */
public record KeyChunk(long revision, List<ApiKeySpec> keys) {

    public KeyChunk {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
