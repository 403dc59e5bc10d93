package dev.gatehouse.admin.quota;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The admin's view of the quota counters the nodes keep in Redis: read them, and raise them to what the call logs
 * counted. Connects lazily and again after a failure; every call answers empty or false rather than failing
 * while Redis is away, so usage falls back to call logs.
 */
@Component
class QuotaRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QuotaRedis.class);

    /** KEYS[1] counter; ARGV counted, TTL ms. Sets the counter to max(current, counted); answers the new value. */
    static final String RAISE_SCRIPT = """
            local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
            local counted = tonumber(ARGV[1])
            if counted > cur then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return counted
            end
            return cur""";

    private final QuotaProperties properties;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private boolean failing;

    QuotaRedis(QuotaProperties properties) {
        this.properties = properties;
        this.client = properties.clustered() ? RedisClient.create() : null;
        if (client != null) {
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        }
    }

    /** True when a Redis is configured. */
    boolean configured() {
        return client != null;
    }

    /** The counters' values (absent keys: 0), or empty when Redis is not configured or does not answer. */
    Optional<Map<String, Long>> get(List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.of(Map.of());
        }
        return call(redis -> {
            Map<String, Long> out = new HashMap<>();
            for (KeyValue<String, String> kv : redis.mget(keys.toArray(String[]::new))) {
                out.put(kv.getKey(), kv.hasValue() ? Long.parseLong(kv.getValue()) : 0L);
            }
            return out;
        });
    }

    /** Raises each counter to at least its counted value; false when Redis did not answer. */
    boolean raise(Map<String, Long> counted, long ttlMillis) {
        return call(redis -> {
            for (Map.Entry<String, Long> e : counted.entrySet()) {
                redis.eval(RAISE_SCRIPT, ScriptOutputType.INTEGER, new String[] {e.getKey()},
                        Long.toString(e.getValue()), Long.toString(ttlMillis));
            }
            return Boolean.TRUE;
        }).isPresent();
    }

    private synchronized <T> Optional<T> call(java.util.function.Function<RedisCommands<String, String>, T> work) {
        if (client == null) {
            return Optional.empty();
        }
        try {
            if (connection == null || !connection.isOpen()) {
                RedisURI uri = RedisURI.create(properties.redisUrl());
                uri.setTimeout(Duration.ofSeconds(2));
                connection = client.connect(StringCodec.UTF8, uri);
            }
            T result = work.apply(connection.sync());
            if (failing) {
                failing = false;
                log.info("Redis for quota usage answers again");
            }
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Redis for quota usage does not answer ({}); usage comes from call logs", e.toString());
            }
            if (connection != null) {
                connection.close();
                connection = null;
            }
            return Optional.empty();
        }
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown();
        }
    }
}
