package dev.gatehouse.runtime.policy.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Token leases from the cluster's Redis (Lettuce, reactive). One Lua script reserves a batch of a window's budget
 * atomically, so the nodes together never reserve more than the limit. A failed or slow lease switches the node
 * to {@link CounterMode#FALLBACK}; a probe every {@code probeInterval} (connect, then PING) switches it back.
 * Commands are rejected at once while the connection is down, so no request ever queues behind a reconnect.
 *
 * <p>Each switch is logged exactly once, however many calls see it: WARN when the node falls back (a failed lease,
 * or Redis unreachable at start), INFO when Redis answers again. Calls failing on the event loops at the same moment
 * race for one compare-and-set, so a burst of failed leases produces one line, not one per call.
 */
final class RedisLeases implements LeaseSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLeases.class);

    /**
     * KEYS[1] the window's counter; ARGV limit, wanted tokens, TTL in ms. Grants min(wanted, limit - reserved),
     * answers "granted total".
     */
    static final String LEASE_SCRIPT = """
            local limit = tonumber(ARGV[1])
            local want = tonumber(ARGV[2])
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            local grant = limit - used
            if grant > want then grant = want end
            if grant < 0 then grant = 0 end
            if grant > 0 then used = redis.call('INCRBY', KEYS[1], grant) end
            if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return string.format('%d %d', grant, used)""";

    private final RedisURI uri;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final Disposable probe;
    private volatile StatefulRedisConnection<String, String> connection;
    private final AtomicReference<CounterMode> mode = new AtomicReference<>(CounterMode.FALLBACK);
    /** Whether the start-up fallback (Redis not reachable at the first probe) has been reported. */
    private final AtomicBoolean startReported = new AtomicBoolean();

    RedisLeases(String url, Duration timeout, Duration probeInterval) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(timeout.multipliedBy(2));
        this.timeout = timeout;
        // reconnect quickly: a node in fallback wants Redis back within a probe or two
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.probe = Flux.interval(Duration.ZERO, probeInterval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> probeOnce().onErrorResume(e -> {
                    log.debug("Redis did not answer the probe: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public Mono<Lease> lease(String key, long limit, long want, long ttlMillis) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            return Mono.error(new IllegalStateException("not connected to Redis"));
        }
        return c.reactive().<String>eval(LEASE_SCRIPT, ScriptOutputType.VALUE, new String[] {key},
                        Long.toString(limit), Long.toString(want), Long.toString(ttlMillis))
                .next()
                .map(RedisLeases::parse);
    }

    static Lease parse(String answer) {
        int space = answer.indexOf(' ');
        return new Lease(Long.parseLong(answer.substring(0, space)), Long.parseLong(answer.substring(space + 1)));
    }

    @Override
    public CounterMode mode() {
        return mode.get();
    }

    @Override
    public void failed(Throwable error) {
        if (mode.compareAndSet(CounterMode.REDIS, CounterMode.FALLBACK)) {
            startReported.set(true);
            log.warn("Redis at {} did not answer a token lease ({}): rate limits and quotas are per node until it "
                    + "answers again", uri.getHost() + ":" + uri.getPort(), error.toString());
        }
    }

    /** Connects if needed, then PINGs; runs on a bounded-elastic thread, never on the event loop. */
    private Mono<Void> probeOnce() {
        if (mode.get() == CounterMode.REDIS) {
            return Mono.empty();
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            try {
                c = client.connect(StringCodec.UTF8, uri);
                connection = c;
            } catch (RuntimeException e) {
                if (startReported.compareAndSet(false, true)) {
                    log.warn("Redis at {} is not reachable ({}): rate limits and quotas are per node until it "
                            + "answers", uri.getHost() + ":" + uri.getPort(), e.toString());
                } else {
                    log.debug("Redis not reachable yet: {}", e.toString());
                }
                return Mono.empty();
            }
        }
        return c.reactive().ping()
                .timeout(timeout)
                .doOnNext(pong -> {
                    if (mode.compareAndSet(CounterMode.FALLBACK, CounterMode.REDIS)) {
                        startReported.set(true);
                        log.info("Redis at {} answers: rate limits and quotas are cluster-wide",
                                uri.getHost() + ":" + uri.getPort());
                    }
                })
                .then();
    }

    @Override
    public void close() {
        probe.dispose();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
